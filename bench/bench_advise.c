/*
 * bench_advise - batch advice with the default policy, against a plain-C
 * floor, in one run.
 *
 *   bench_advise --network FILE --requests FILE [--threads N] [--limit M]
 *                [--check M] [--show K] [--rounds R]
 *
 * Loads the network and the request lines into memory, then measures:
 *   (a)  advisor_advise_json() per line, JSON in and JSON out, 1 thread;
 *   (b)  the same on N threads (default 2): one engine per thread, the
 *        lines split in contiguous parts;
 *   (c)  the plain-C floor (floor.c) on the same lines, also JSON in (cJSON)
 *        and JSON out (snprintf), 1 thread;
 * and, to see where the time goes, without JSON:
 *   (a') advisor_advise() on requests parsed beforehand;
 *   (c') floor_advise() on requests parsed beforehand.
 * Prints requests/s for each, the ratio Lua/floor, and how often (a) and
 * (c) agree: on the verdict for every line, and on the whole JSON result
 * for the first --check lines (default 50000).  The first --show (default
 * 5) disagreements are printed with the person's id.  Every timing is
 * the best of --rounds rounds (default 3; the rounds interleave the five
 * measurements), with the share of CPU the threads actually got, so that a
 * busy machine shows in the figures.
 *
 * Targets (issue): (a) >= 100,000 requests/s; (b) >= 1.7x (a) with 2
 * threads; (a)/(c) cost ratio <= 5.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "advisor.h"
#include "bench_common.h"
#include "util/date.h"
#include "floor.h"
#include "network/network.h"

#define V_ERROR 5
#define WARMUP 2000

static const char *const VERDICT_NAMES[] = { "connect", "connect_with_note",
	"wait", "dont_connect", "already_connected", "error" };

typedef struct line {
	const char *s;
	size_t len;
} line;

/* The verdict in a result line written by advisor_result_to_json() or
 * floor_result_json(). */
static unsigned char verdict_of(const char *json)
{
	const char *v = strstr(json, "\"verdict\":\"");
	if (!v)
		return V_ERROR;
	v += 11;
	for (unsigned char i = 0; i < 5; i++) {
		size_t n = strlen(VERDICT_NAMES[i]);
		if (strncmp(v, VERDICT_NAMES[i], n) == 0 && v[n] == '"')
			return i;
	}
	return V_ERROR;
}

/* ------------------------------------------------------------------------
 * (a), (b): the library
 * ------------------------------------------------------------------------ */

typedef struct lua_job {
	const advisor_network *net;
	const line *lines;
	size_t lo, hi;
	unsigned char *verdicts;
	advisor_engine *engine;
	pthread_barrier_t *start, *end;
	int rounds;
	double cpu;           /* thread CPU seconds of the last round */
	size_t errors;
	char first_error[ADVISOR_ERROR_MESSAGE_MAX];
} lua_job;

static double thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void run_lua(lua_job *j, size_t lo, size_t hi, int record)
{
	advisor_error err;
	for (size_t i = lo; i < hi; i++) {
		char *out = NULL;
		int rc = advisor_advise_json(&out, j->engine, j->net, j->lines[i].s,
			j->lines[i].len, &err);
		if (rc < 0) {
			if (record && !j->errors++)
				snprintf(j->first_error, sizeof(j->first_error),
					"line %zu: %.900s", i + 1, err.message);
			if (record)
				j->verdicts[i] = V_ERROR;
			continue;
		}
		if (record)
			j->verdicts[i] = verdict_of(out);
		advisor_string_free(out);
	}
}

static void *lua_thread(void *arg)
{
	lua_job *j = arg;
	size_t warm = j->hi - j->lo < WARMUP ? j->hi - j->lo : WARMUP;
	run_lua(j, j->lo, j->lo + warm, 0);
	for (int r = 0; r < j->rounds; r++) {
		pthread_barrier_wait(j->start);
		double c0 = thread_cpu();
		j->errors = 0;
		run_lua(j, j->lo, j->hi, 1);
		j->cpu = thread_cpu() - c0;
		pthread_barrier_wait(j->end);
	}
	return NULL;
}

/* Runs the lines on `threads` engines, `rounds` times; returns the best
 * wall time of a round (engines are made and warmed up before), and in
 * *busy the CPU time the threads got in that round over threads x wall:
 * well under 1 means another process took the cores. */
static double bench_lua(const advisor_network *net, const line *lines,
	size_t n, int threads, int rounds, unsigned char *verdicts,
	size_t *errors, double *busy)
{
	lua_job *jobs = calloc((size_t)threads, sizeof(*jobs));
	pthread_t *tids = calloc((size_t)threads, sizeof(*tids));
	pthread_barrier_t start, end;
	double best = -1;
	advisor_error err;

	if (!jobs || !tids)
		return -1;
	pthread_barrier_init(&start, NULL, (unsigned)threads + 1);
	pthread_barrier_init(&end, NULL, (unsigned)threads + 1);
	for (int t = 0; t < threads; t++) {
		jobs[t].net = net;
		jobs[t].lines = lines;
		jobs[t].lo = n * (size_t)t / (size_t)threads;
		jobs[t].hi = n * (size_t)(t + 1) / (size_t)threads;
		jobs[t].verdicts = verdicts;
		jobs[t].start = &start;
		jobs[t].end = &end;
		jobs[t].rounds = rounds;
		if (advisor_engine_new(&jobs[t].engine, NULL, &err) < 0) {
			fprintf(stderr, "bench_advise: %s\n", err.message);
			exit(1);
		}
		if (pthread_create(&tids[t], NULL, lua_thread, &jobs[t]) != 0) {
			fprintf(stderr, "bench_advise: cannot start a thread\n");
			exit(1);
		}
	}
	for (int r = 0; r < rounds; r++) {
		pthread_barrier_wait(&start);
		double t0 = bench_now();
		pthread_barrier_wait(&end);
		double t = bench_now() - t0;
		if (best < 0 || t < best) {
			double cpu = 0;
			best = t;
			for (int k = 0; k < threads; k++)
				cpu += jobs[k].cpu;
			*busy = cpu / (t * threads);
		}
	}
	for (int t = 0; t < threads; t++)
		pthread_join(tids[t], NULL);
	*errors = 0;
	for (int t = 0; t < threads; t++) {
		if (jobs[t].errors && !*errors)
			fprintf(stderr, "  (first error: %s)\n", jobs[t].first_error);
		*errors += jobs[t].errors;
		advisor_engine_free(jobs[t].engine);
	}
	pthread_barrier_destroy(&start);
	pthread_barrier_destroy(&end);
	free(jobs);
	free(tids);
	return best;
}

/* ------------------------------------------------------------------------
 * (c): the floor, JSON in and out
 * ------------------------------------------------------------------------ */

/* Read one request line as the floor sees it; 0, or -1 if the request is
 * one the library would refuse (unknown person or intent, bad field). */
static int floor_parse(const advisor_network *net, const char *s, size_t len,
	floor_request *rq, const char **person_id)
{
	cJSON *root = cJSON_ParseWithLength(s, len);
	const cJSON *v;
	int rc = -1;

	if (!root)
		return -1;
	v = cJSON_GetObjectItemCaseSensitive(root, "person");
	if (!cJSON_IsString(v))
		goto done;
	rq->person = adv_network_person(net, v->valuestring);
	if (!rq->person || rq->person == &net->me)
		goto done;
	*person_id = adv_str(net, rq->person->id);
	rq->incoming = -1; /* not said: the pending invitation's */
	v = cJSON_GetObjectItemCaseSensitive(root, "direction");
	if (v) {
		if (!cJSON_IsString(v))
			goto done;
		if (strcmp(v->valuestring, "incoming") == 0)
			rq->incoming = 1;
		else if (strcmp(v->valuestring, "outgoing") == 0)
			rq->incoming = 0;
		else
			goto done;
	}
	rq->intents = 0;
	v = cJSON_GetObjectItemCaseSensitive(root, "intent");
	if (cJSON_IsString(v)) {
		unsigned bit = floor_intent_bit(v->valuestring);
		if (!bit)
			goto done;
		rq->intents |= bit;
	} else if (cJSON_IsArray(v)) {
		const cJSON *w;
		cJSON_ArrayForEach(w, v) {
			unsigned bit = cJSON_IsString(w) ? floor_intent_bit(w->valuestring) : 0;
			if (!bit)
				goto done;
			rq->intents |= bit;
		}
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "as_of");
	if (cJSON_IsString(v)) {
		adv_date d;
		if (adv_date_parse_day(&d, v->valuestring) < 0)
			goto done;
		rq->as_of = d.day;
	} else {
		rq->as_of = adv_date_today().day;
	}
	rc = 0;
done:
	cJSON_Delete(root);
	return rc;
}

static floor_result floor_res; /* big: keep it off the stack */

/* One request through the floor; the verdict, or V_ERROR. */
static unsigned char floor_json(const advisor_network *net, const line *l,
	char *out, size_t cap)
{
	floor_request rq;
	const char *id;
	if (floor_parse(net, l->s, l->len, &rq, &id) < 0) {
		snprintf(out, cap, "{\"error\":\"bad request\"}");
		return V_ERROR;
	}
	floor_advise(net, &rq, &floor_res);
	floor_result_json(out, cap, id, &floor_res);
	return (unsigned char)floor_res.verdict;
}

static double bench_floor(const advisor_network *net, const line *lines,
	size_t n, int rounds, unsigned char *verdicts, size_t *errors,
	double *busy)
{
	static char out[65536];
	size_t warm = n < WARMUP ? n : WARMUP;
	double best = -1;
	for (size_t i = 0; i < warm; i++)
		floor_json(net, &lines[i], out, sizeof(out));
	for (int r = 0; r < rounds; r++) {
		*errors = 0;
		double c0 = thread_cpu(), t0 = bench_now();
		for (size_t i = 0; i < n; i++) {
			verdicts[i] = floor_json(net, &lines[i], out, sizeof(out));
			*errors += verdicts[i] == V_ERROR;
		}
		double t = bench_now() - t0;
		if (best < 0 || t < best) {
			best = t;
			*busy = (thread_cpu() - c0) / t;
		}
	}
	return best;
}

/* ------------------------------------------------------------------------
 * (a'), (c'): without JSON, on requests parsed beforehand
 * ------------------------------------------------------------------------ */

typedef struct parsed {
	advisor_request req;
	floor_request frq;
	char *person, *as_of;
	const char *intents[8];
	int ok;
} parsed;

static const char *const INTENT_WORDS[] = { "reconnect", "learn", "job",
	"date", "network" };

static parsed *parse_all(const advisor_network *net, const line *lines,
	size_t n)
{
	parsed *p = calloc(n ? n : 1, sizeof(*p));
	if (!p)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const char *id;
		advisor_request init = ADVISOR_REQUEST_INIT;
		p[i].req = init;
		if (floor_parse(net, lines[i].s, lines[i].len, &p[i].frq, &id) < 0)
			continue;
		char day[ADV_DATE_BUF];
		adv_date_format(day, (adv_date){ p[i].frq.as_of, ADV_DATE_DAY });
		p[i].person = strdup(id);
		p[i].as_of = strdup(day);
		size_t k = 0;
		for (int b = 0; b < 5; b++)
			if (p[i].frq.intents & (1u << b))
				p[i].intents[k++] = INTENT_WORDS[b];
		p[i].req.person = p[i].person;
		p[i].req.direction = p[i].frq.incoming < 0 ? ADVISOR_DIRECTION_AUTO
			: p[i].frq.incoming ? ADVISOR_INCOMING : ADVISOR_OUTGOING;
		p[i].req.intents = p[i].intents;
		p[i].req.intent_count = k;
		p[i].req.as_of = p[i].as_of;
		p[i].ok = 1;
	}
	return p;
}

static double bench_lua_parsed(const advisor_network *net, const parsed *p,
	size_t n, int rounds, double *busy)
{
	double best = -1;
	advisor_engine *e;
	advisor_error err;
	if (advisor_engine_new(&e, NULL, &err) < 0) {
		fprintf(stderr, "bench_advise: %s\n", err.message);
		exit(1);
	}
	for (int pass = 0; pass <= rounds; pass++) {
		size_t end = pass ? n : (n < WARMUP ? n : WARMUP);
		double c0 = thread_cpu(), t0 = bench_now();
		for (size_t i = 0; i < end; i++) {
			advisor_result *r = NULL;
			if (!p[i].ok)
				continue;
			if (advisor_advise(&r, e, net, &p[i].req, &err) == 0)
				advisor_result_free(r);
		}
		double t = bench_now() - t0;
		if (pass && (best < 0 || t < best)) {
			best = t;
			*busy = (thread_cpu() - c0) / t;
		}
	}
	advisor_engine_free(e);
	return best;
}

static double bench_floor_parsed(const advisor_network *net, const parsed *p,
	size_t n, int rounds, double *busy)
{
	size_t sink = 0;
	double best = -1;
	for (int pass = 0; pass <= rounds; pass++) {
		size_t end = pass ? n : (n < WARMUP ? n : WARMUP);
		double c0 = thread_cpu(), t0 = bench_now();
		for (size_t i = 0; i < end; i++) {
			if (!p[i].ok)
				continue;
			floor_advise(net, &p[i].frq, &floor_res);
			sink += floor_res.verdict;
		}
		double t = bench_now() - t0;
		if (pass && (best < 0 || t < best)) {
			best = t;
			*busy = (thread_cpu() - c0) / t;
		}
	}
	if (sink == (size_t)-1)
		printf("?\n");
	return best;
}

/* ------------------------------------------------------------------------ */

static void usage(void)
{
	fprintf(stderr,
		"usage: bench_advise --network FILE --requests FILE [--threads N]\n"
		"                    [--limit M] [--check M] [--show K] [--rounds R]\n");
}

int main(int argc, char **argv)
{
	const char *net_path = NULL, *req_path = NULL;
	int threads = 2, rounds = 3;
	size_t limit = 0, check = 50000, show = 5;
	advisor_network *net = NULL;
	advisor_error err;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage();
			return 0;
		}
		if (!v) {
			usage();
			return 2;
		}
		if (strcmp(a, "--network") == 0)
			net_path = v;
		else if (strcmp(a, "--requests") == 0)
			req_path = v;
		else if (strcmp(a, "--threads") == 0)
			threads = atoi(v);
		else if (strcmp(a, "--limit") == 0)
			limit = strtoull(v, NULL, 10);
		else if (strcmp(a, "--check") == 0)
			check = strtoull(v, NULL, 10);
		else if (strcmp(a, "--show") == 0)
			show = strtoull(v, NULL, 10);
		else if (strcmp(a, "--rounds") == 0)
			rounds = atoi(v);
		else {
			usage();
			return 2;
		}
		i++;
	}
	if (!net_path || !req_path || threads < 1 || threads > 256 || rounds < 1) {
		usage();
		return 2;
	}

	double t0 = bench_now();
	if (advisor_network_load(&net, net_path, NULL, &err) < 0) {
		fprintf(stderr, "bench_advise: %s\n", err.message);
		return 1;
	}
	double load_s = bench_now() - t0;

	size_t len;
	char *text = bench_read_file(req_path, &len);
	if (!text)
		return 1;
	size_t n = 0, cap = 1024;
	line *lines = malloc(cap * sizeof(*lines));
	for (char *s = text; *s && lines;) {
		char *nl = strchr(s, '\n');
		size_t l = nl ? (size_t)(nl - s) : strlen(s);
		if (l && (!limit || n < limit)) {
			if (n == cap) {
				cap *= 2;
				lines = realloc(lines, cap * sizeof(*lines));
				if (!lines)
					break;
			}
			lines[n].s = s;
			lines[n].len = l;
			n++;
		}
		if (!nl)
			break;
		*nl = '\0';
		s = nl + 1;
	}
	if (!lines || n == 0) {
		fprintf(stderr, "bench_advise: %s: no request lines\n", req_path);
		return 1;
	}
	printf("network  %s: %zu people, %u links, %zu events (loaded in %.2f s)\n",
		net_path, advisor_network_person_count(net), net->graph.off[net->graph.n] / 2,
		net->event_count, load_s);
	printf("requests %s: %zu lines\n", req_path, n);

	unsigned char *v_lua = calloc(n, 1), *v_par = calloc(n, 1),
		*v_floor = calloc(n, 1);
	size_t e_lua, e_par, e_floor;
	if (!v_lua || !v_par || !v_floor)
		return 1;

	parsed *p = parse_all(net, lines, n);
	if (!p)
		return 1;

	/* Rounds interleave the five measurements, so that a slow spell of a
	 * shared machine hits them alike; each keeps its best round. */
	double t_lua = -1, t_par = -1, t_floor = -1, t_lp = -1, t_fp = -1;
	double b_lua = 0, b_par = 0, b_floor = 0, b_lp = 0, b_fp = 0;
	for (int r = 0; r < rounds; r++) {
		double t, busy = 0;
		t = bench_lua(net, lines, n, 1, 1, v_lua, &e_lua, &busy);
		if (t_lua < 0 || t < t_lua)
			t_lua = t, b_lua = busy;
		t = bench_lua(net, lines, n, threads, 1, v_par, &e_par, &busy);
		if (t_par < 0 || t < t_par)
			t_par = t, b_par = busy;
		t = bench_floor(net, lines, n, 1, v_floor, &e_floor, &busy);
		if (t_floor < 0 || t < t_floor)
			t_floor = t, b_floor = busy;
		t = bench_lua_parsed(net, p, n, 1, &busy);
		if (t_lp < 0 || t < t_lp)
			t_lp = t, b_lp = busy;
		t = bench_floor_parsed(net, p, n, 1, &busy);
		if (t_fp < 0 || t < t_fp)
			t_fp = t, b_fp = busy;
	}
	double r_lua = (double)n / t_lua, r_par = (double)n / t_par,
		r_floor = (double)n / t_floor;
	printf("best of %d interleaved rounds each; cpu = CPU time the threads got / (threads x wall):\n"
		"under ~0.95 means another process shared the cores\n", rounds);
	printf("(a)  library, JSON in/out, 1 thread:   %10.0f requests/s  (%6.2f us/request, cpu %.2f, %zu errors)\n",
		r_lua, 1e6 * t_lua / (double)n, b_lua, e_lua);
	printf("(b)  library, JSON in/out, %d threads:  %10.0f requests/s  (%.2fx of (a), cpu %.2f, %zu errors)\n",
		threads, r_par, r_par / r_lua, b_par, e_par);
	printf("(c)  plain-C floor, JSON in/out:       %10.0f requests/s  (%6.2f us/request, cpu %.2f, %zu errors)\n",
		r_floor, 1e6 * t_floor / (double)n, b_floor, e_floor);
	printf("(a') library, no JSON (advisor_advise): %9.0f requests/s  (%6.2f us/request, cpu %.2f)\n",
		(double)n / t_lp, 1e6 * t_lp / (double)n, b_lp);
	printf("(c') plain-C floor, no JSON:           %10.0f requests/s  (%6.2f us/request, cpu %.2f)\n",
		(double)n / t_fp, 1e6 * t_fp / (double)n, b_fp);

	printf("ratio Lua/floor (a)/(c), time per request: %.2fx   (no JSON (a')/(c'): %.2fx)\n",
		t_lua / t_floor, t_lp / t_fp);
	printf("JSON share of (a), (a) - (a'): %.0f%%  (library JSON in+out: %.2f us/request; "
		"floor's, (c) - (c'): %.2f us/request)\n",
		100.0 * (t_lua - t_lp) / t_lua, 1e6 * (t_lua - t_lp) / (double)n,
		1e6 * (t_floor - t_fp) / (double)n);

	/* Verdict agreement, every line. */
	size_t agree = 0, agree_par = 0;
	size_t counts[6] = { 0 };
	for (size_t i = 0; i < n; i++) {
		agree += v_lua[i] == v_floor[i];
		agree_par += v_lua[i] == v_par[i];
		counts[v_lua[i]]++;
	}
	printf("verdicts (a):");
	for (int k = 0; k < 6; k++)
		printf(" %s %zu", VERDICT_NAMES[k], counts[k]);
	printf("\n");
	printf("verdict agreement (a) vs (c): %.4f%% (%zu of %zu)   (a) vs (b): %.4f%%\n",
		100.0 * (double)agree / (double)n, agree, n,
		100.0 * (double)agree_par / (double)n);

	/* Whole-result agreement on the first `check` lines, and the first
	 * disagreements, untimed. */
	{
		advisor_engine *e;
		static char fout[65536];
		size_t m = check < n ? check : n, same = 0, shown = 0;
		if (advisor_engine_new(&e, NULL, &err) < 0) {
			fprintf(stderr, "bench_advise: %s\n", err.message);
			return 1;
		}
		for (size_t i = 0; i < n; i++) {
			int verdict_differs = v_lua[i] != v_floor[i];
			if (i >= m && !(verdict_differs && shown < show))
				continue;
			char *lout = NULL;
			if (advisor_advise_json(&lout, e, net, lines[i].s, lines[i].len, &err) < 0)
				lout = NULL;
			floor_json(net, &lines[i], fout, sizeof(fout));
			int equal = lout && strcmp(lout, fout) == 0;
			if (i < m)
				same += equal || (!lout && v_floor[i] == V_ERROR);
			if (!equal && (lout || v_floor[i] != V_ERROR) && shown < show) {
				shown++;
				printf("  differs, line %zu (%s): %.*s\n", i + 1,
					verdict_differs ? "verdict" : "text", (int)lines[i].len,
					lines[i].s);
				printf("    lua:   %s\n", lout ? lout : err.message);
				printf("    floor: %s\n", fout);
			}
			advisor_string_free(lout);
		}
		advisor_engine_free(e);
		if (m)
			printf("identical JSON results (a) vs (c), first %zu lines: %.4f%%\n",
				m, 100.0 * (double)same / (double)m);
	}

	printf("targets: (a) >= 100000/s: %s; (b) >= 1.7x (a): %s; Lua/floor <= 5x: %s\n",
		r_lua >= 100000 ? "met" : "MISSED",
		r_par >= 1.7 * r_lua ? "met" : "MISSED",
		t_lua / t_floor <= 5 ? "met" : "MISSED");

	for (size_t i = 0; i < n; i++) {
		free(p[i].person);
		free(p[i].as_of);
	}
	free(p);
	free(v_lua);
	free(v_par);
	free(v_floor);
	free(lines);
	free(text);
	advisor_network_free(net);
	return 0;
}
