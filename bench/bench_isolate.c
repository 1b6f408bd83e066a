/*
 * bench_isolate.c - what the worker process costs: the same requests on the
 * same network, answered in this process (advisor_advise_json) and by a
 * worker under OS limits (advisor_worker_advise_json_many, what `advisor
 * batch --isolate` uses), in interleaved rounds, side by side.
 *
 *   bench_isolate --network F --requests F [--rounds N] [--limit N]
 *
 * Prints, for each mode, the best wall time of the rounds, requests a
 * second, and CPU seconds a round (user + system, this process and the
 * worker),
 * then the cost of isolation per request; and checks that both modes give
 * every request the same answer, byte for byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "advisor.h"
#include "bench_common.h"

/* CPU seconds of this process so far. */
static double self_cpu(void)
{
	struct rusage u;
	getrusage(RUSAGE_SELF, &u);
	return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
		(double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

/* CPU seconds of a running process (the worker), from /proc/PID/stat:
 * it is not reaped between rounds, so getrusage(RUSAGE_CHILDREN) would
 * not see it.  0 where there is no /proc. */
static double proc_cpu(long pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* After the command name in parentheses: state is field 3, utime and
	 * stime fields 14 and 15. */
	char *p = strrchr(buf, ')');
	unsigned long long ut = 0, st = 0;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
			&ut, &st) != 2)
		return 0;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

typedef struct mode {
	const char *name;
	double best_wall, cpu;
} mode;

/* The request lines of data, as pointers into it. */
static size_t split_lines(char *data, size_t len, size_t limit,
	const char ***lines, size_t **lens)
{
	size_t n = 0, cap = 1024;
	*lines = malloc(cap * sizeof(**lines));
	*lens = malloc(cap * sizeof(**lens));
	for (size_t at = 0; at < len && n < limit && *lines && *lens;) {
		char *nl = memchr(data + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - data) : len;
		if (end > at) {
			if (n == cap) {
				cap *= 2;
				*lines = realloc(*lines, cap * sizeof(**lines));
				*lens = realloc(*lens, cap * sizeof(**lens));
				if (!*lines || !*lens)
					break;
			}
			(*lines)[n] = data + at;
			(*lens)[n] = end - at;
			n++;
		}
		at = end + 1;
	}
	if (!*lines || !*lens) {
		fprintf(stderr, "bench_isolate: out of memory\n");
		exit(1);
	}
	return n;
}

static void answer_in_process(advisor_engine *e, const advisor_network *net,
	const char *const *lines, const size_t *lens, size_t n, char **outs)
{
	for (size_t i = 0; i < n; i++) {
		advisor_error err;
		if (advisor_advise_json(&outs[i], e, net, lines[i], lens[i], &err) < 0)
			outs[i] = NULL;
	}
}

/* In windows, as `batch --isolate` hands them to the worker. */
#define WINDOW 256

static void answer_isolated(advisor_worker *w, const char *const *lines,
	const size_t *lens, size_t n, char **outs)
{
	int codes[WINDOW];
	for (size_t i = 0; i < n; i += WINDOW) {
		size_t k = n - i < WINDOW ? n - i : WINDOW;
		advisor_error err;
		if (advisor_worker_advise_json_many(outs + i, codes, NULL, w,
				lines + i, lens + i, k, &err) < 0) {
			fprintf(stderr, "bench_isolate: %s\n", err.message);
			exit(1);
		}
	}
}

static void free_answers(char **outs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		advisor_string_free(outs[i]);
		outs[i] = NULL;
	}
}

int main(int argc, char **argv)
{
	const char *net_path = NULL, *req_path = NULL;
	int rounds = 3;
	size_t limit = (size_t)-1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--network") && i + 1 < argc)
			net_path = argv[++i];
		else if (!strcmp(argv[i], "--requests") && i + 1 < argc)
			req_path = argv[++i];
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
			limit = (size_t)strtoull(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: bench_isolate --network F --requests F "
				"[--rounds N] [--limit N]\n");
			return 2;
		}
	}
	if (!net_path || !req_path || rounds < 1) {
		fprintf(stderr, "usage: bench_isolate --network F --requests F "
			"[--rounds N] [--limit N]\n");
		return 2;
	}

	advisor_network *net = NULL;
	advisor_engine *e = NULL;
	advisor_worker *w = NULL;
	advisor_error err;
	if (advisor_network_load(&net, net_path, NULL, &err) < 0 ||
	    advisor_engine_new(&e, NULL, &err) < 0 ||
	    advisor_worker_new(&w, net, NULL, NULL, &err) < 0) {
		fprintf(stderr, "bench_isolate: %s\n", err.message);
		return 1;
	}
	size_t len;
	char *data = bench_read_file(req_path, &len);
	if (!data)
		return 1;
	const char **lines;
	size_t *lens;
	size_t n = split_lines(data, len, limit, &lines, &lens);
	char **plain = calloc(n ? n : 1, sizeof(*plain));
	char **isolated = calloc(n ? n : 1, sizeof(*isolated));
	if (!plain || !isolated) {
		fprintf(stderr, "bench_isolate: out of memory\n");
		return 1;
	}

	mode modes[2] = { { "in process", 1e300, 0 }, { "isolated (worker)", 1e300, 0 } };
	size_t differ = 0, first_differ = 0;
	for (int r = 0; r < rounds; r++) {
		/* Interleaved, so that a machine busy for a while weighs on both. */
		for (int m = 0; m < 2; m++) {
			long pid = advisor_worker_pid(w);
			double c0 = self_cpu() + proc_cpu(pid), t0 = bench_now();
			if (m == 0)
				answer_in_process(e, net, lines, lens, n, plain);
			else
				answer_isolated(w, lines, lens, n, isolated);
			double wall = bench_now() - t0;
			/* The same worker unless one was killed (none is here). */
			modes[m].cpu += self_cpu() + proc_cpu(pid) - c0;
			if (wall < modes[m].best_wall)
				modes[m].best_wall = wall;
		}
		if (r == 0)
			for (size_t i = 0; i < n; i++)
				if ((!plain[i]) != (!isolated[i]) ||
				    (plain[i] && strcmp(plain[i], isolated[i]) != 0)) {
					if (!differ++)
						first_differ = i + 1;
				}
		free_answers(plain, n);
		free_answers(isolated, n);
	}

	printf("bench_isolate: %zu requests on %s, %d rounds interleaved\n", n,
		net_path, rounds);
	printf("%-20s %12s %12s %16s\n", "mode", "best wall s", "requests/s",
		"CPU s a round");
	for (int m = 0; m < 2; m++)
		printf("%-20s %12.3f %12.0f %16.3f\n", modes[m].name, modes[m].best_wall,
			n / modes[m].best_wall, modes[m].cpu / rounds);
	advisor_worker_free(w);
	if (n) {
		printf("isolation costs %.1f us of wall and %.1f us of CPU a request "
			"(x%.2f wall, x%.2f CPU)\n",
			(modes[1].best_wall - modes[0].best_wall) / n * 1e6,
			(modes[1].cpu - modes[0].cpu) / rounds / n * 1e6,
			modes[1].best_wall / modes[0].best_wall,
			modes[1].cpu / modes[0].cpu);
	}
	if (differ)
		printf("DISAGREE: %zu requests answered differently (first: line %zu)\n",
			differ, first_differ);
	else
		printf("answers: the same for all %zu requests\n", n);

	free(plain);
	free(isolated);
	free(lines);
	free(lens);
	free(data);
	advisor_engine_free(e);
	advisor_network_free(net);
	return differ ? 1 : 0;
}
