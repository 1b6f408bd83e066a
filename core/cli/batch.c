/*
 * batch.c - `advisor batch`: NDJSON requests on stdin, one NDJSON result
 * (or error object) per line on stdout, in input order.
 *
 * Lines are read in blocks; with --jobs N, N engines on N threads sharing
 * the one network answer the lines of a block, taking them in small chunks,
 * and the block is written back in order.  A block ends early when no more input is waiting,
 * so that the command also works as an interactive filter (a line in, its
 * answer out) under Spark's pipe, Hadoop Streaming or GNU parallel.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define BLOCK 2048                    /* lines per block */
#define MAX_LINE (1u << 20)           /* a request line longer is an error */
#define READ_SIZE (1u << 16)

static const char usage[] =
"usage: advisor batch [--network FILE] [options] < requests.ndjson > results.ndjson\n"
"\n"
"Advice on many requests: one JSON request per input line,\n"
"  {\"person\": \"priya-natarajan\", \"direction\": \"outgoing\", \"intent\": [\"learn\"], \"as_of\": \"2026-11-27\"}\n"
"(only person is required, and it is an id: requests come from programs),\n"
"one JSON result per output line, in input order.\n"
"A line that fails gets {\"line\": N, \"error\": \"...\"} and the batch goes on.\n"
"\n"
"Options:\n"
"  -n, --network FILE   the network file (.json or .ndjson); default\n"
"                       $ADVISOR_NETWORK, else the one 'advisor init' made\n"
"  -j, --jobs N         evaluate on N threads, one engine each (default 1)\n"
"      --isolate        run the policy in worker processes with OS limits\n"
"                       (address space, CPU time, a wall-clock watchdog);\n"
"                       a line whose worker is killed gets an error object\n"
"                       and a fresh worker answers the next\n"
"  -p, --policy DIR     a policy folder layered over the shipped policy;\n"
"                       repeat to stack layers, the last one highest\n"
"      --note-limit N   the invitation-note limit in characters (default: the policy's)\n"
"      --max-size SIZE  refuse network files larger than SIZE (default 1G)\n"
"      --no-cache       parse the network file even if a snapshot of it is\n"
"                       in $XDG_CACHE_HOME/advisor (~/.cache/advisor)\n"
CLI_LIMIT_HELP
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 every line answered, 6 some lines failed (see their error\n"
"objects), 2 usage error, 3 bad network file, 4 the policy failed to load,\n"
"1 internal error (out of memory, output closed).\n";

static const struct option options[] = {
	{ "network", required_argument, NULL, 'n' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "isolate", no_argument, NULL, OPT_ISOLATE },
	{ "policy", required_argument, NULL, 'p' },
	{ "note-limit", required_argument, NULL, OPT_NOTE_LIMIT },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* ------------------------------------------------------------------------
 * Reading lines from a file descriptor, knowing whether more are waiting.
 * ------------------------------------------------------------------------ */

typedef struct reader {
	int fd;
	char *buf;
	size_t start, end, cap;
	int eof, failed;
	unsigned long line;
} reader;

typedef struct item {
	char *text;           /* the request, NUL-terminated; NULL if too long */
	size_t len;
	unsigned long line;
	char *out;            /* the result or error object, one line */
	int failed;
} item;

enum { GOT_LINE = 1, GOT_EOF = 0, WOULD_BLOCK = -1 };

static int input_waiting(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	return poll(&p, 1, 0) > 0;
}

/* Fill the buffer with more input; 0, or -1 at the end. */
static int fill(reader *r)
{
	if (r->start > 0 && r->start == r->end)
		r->start = r->end = 0;
	if (r->end == r->cap) {
		if (r->start > 0) {
			memmove(r->buf, r->buf + r->start, r->end - r->start);
			r->end -= r->start;
			r->start = 0;
		} else {
			size_t cap = r->cap ? r->cap * 2 : READ_SIZE;
			char *p = realloc(r->buf, cap + 1);
			if (!p) {
				r->failed = r->eof = 1;
				return -1;
			}
			r->buf = p;
			r->cap = cap;
		}
	}
	for (;;) {
		ssize_t n = read(r->fd, r->buf + r->end, r->cap - r->end);
		if (n > 0) {
			r->end += (size_t)n;
			return 0;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			r->failed = 1;
		r->eof = 1;
		return -1;
	}
}

/* The next line into *it.  With wait == 0, returns WOULD_BLOCK rather than
 * block when no whole line is buffered and none is waiting. */
static int next_line(reader *r, item *it, int wait)
{
	for (;;) {
		char *nl = r->end > r->start
			? memchr(r->buf + r->start, '\n', r->end - r->start) : NULL;
		size_t len = nl ? (size_t)(nl - (r->buf + r->start)) : r->end - r->start;
		if (nl || (r->eof && len > 0) || len > MAX_LINE) {
			memset(it, 0, sizeof(*it));
			it->line = ++r->line;
			if (len > MAX_LINE) {
				/* Too long: answer with an error, skip to its end. */
				while (!nl) {
					r->start = r->end;
					if (fill(r) < 0)
						break;
					nl = memchr(r->buf, '\n', r->end);
				}
				r->start = nl ? (size_t)(nl - r->buf) + 1 : r->end;
				return GOT_LINE;
			}
			size_t next = nl ? (size_t)(nl - r->buf) + 1 : r->end;
			if (!(it->text = malloc(len + 1))) {
				r->failed = r->eof = 1;
				return GOT_EOF;
			}
			memcpy(it->text, r->buf + r->start, len);
			it->text[len] = '\0';
			if (len && it->text[len - 1] == '\r')
				it->text[--len] = '\0';
			it->len = len;
			r->start = next;
			return GOT_LINE;
		}
		if (r->eof)
			return GOT_EOF;
		if (!wait && !input_waiting(r->fd))
			return WOULD_BLOCK;
		fill(r);
	}
}

/* ------------------------------------------------------------------------
 * Evaluating a block.
 * ------------------------------------------------------------------------ */

/* {"line": N, "error": "..."}, in memory from malloc like the results. */
static char *error_object(unsigned long line, const char *message)
{
	cJSON *o = cJSON_CreateObject();
	char *s = NULL, *copy = NULL;
	if (o && cJSON_AddNumberToObject(o, "line", (double)line) &&
	    cJSON_AddStringToObject(o, "error", message))
		s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (s)
		copy = strdup(s);
	cJSON_free(s);
	/* Out of memory: still one line of output for the line of input. */
	return copy ? copy : strdup("{\"error\":\"out of memory\"}");
}

/* Spaces and tabs only.  By length, not by the first NUL: a line with a
 * NUL in it is not blank, and gets the parser's error. */
static int blank(const char *s, size_t len)
{
	size_t n = strspn(s, " \t");
	return n == len;
}

/* What answers a thread's lines: an engine, or with --isolate a worker. */
typedef struct answerer {
	advisor_engine *engine;
	advisor_worker *worker;
} answerer;

static void answer(item *it, answerer a, const advisor_network *net)
{
	advisor_error err;
	int rc;

	if (!it->text) {
		it->failed = 1;
		it->out = error_object(it->line,
			"request line longer than 1 MiB; expected one JSON request a line");
		return;
	}
	if (blank(it->text, it->len))
		return; /* blank lines are skipped, not answered */
	if (a.worker)
		rc = advisor_worker_advise_json(&it->out, a.worker, it->text, it->len, &err);
	else
		rc = advisor_advise_json(&it->out, a.engine, net, it->text, it->len, &err);
	if (rc != ADVISOR_OK) {
		it->failed = 1;
		it->out = error_object(it->line, err.message);
	}
}

/*
 * The workers: one thread per engine but the first (the main thread works
 * too).  For each block they take chunks of lines from a shared counter
 * until none are left, so a slow line does not hold a whole slice back;
 * the main thread waits for all of them before writing the block out.
 */
#define CHUNK 32

typedef struct pool {
	pthread_mutex_t mu;
	pthread_cond_t start, done;
	item *items;
	size_t count;
	atomic_size_t next;
	size_t running;         /* workers still on this block */
	unsigned long round;    /* blocks handed out so far */
	int quit;
	const advisor_network *net;
} pool;

typedef struct worker {
	pool *p;
	answerer a;
	pthread_t thread;
} worker;

/* A chunk through a worker at once: the requests pipelined, one round
 * trip between the processes for the chunk rather than one a line. */
static void answer_chunk_isolated(item *items, size_t n, advisor_worker *w)
{
	const char *reqs[CHUNK] = { NULL };
	size_t lens[CHUNK] = { 0 }, at[CHUNK], k = 0;
	char *outs[CHUNK];
	int codes[CHUNK];
	advisor_error errs[CHUNK], err;

	for (size_t i = 0; i < n; i++) {
		if (!items[i].text || blank(items[i].text, items[i].len)) {
			answer(&items[i], (answerer){ NULL, w }, NULL);
			continue;
		}
		reqs[k] = items[i].text;
		lens[k] = items[i].len;
		at[k++] = i;
	}
	if (k == 0)
		return;
	/* Every request gets its code, or (bad arguments, which these are
	 * not) the call's own error. */
	if (advisor_worker_advise_json_many(outs, codes, errs, w, reqs, lens, k,
			&err) == ADVISOR_EINVAL) {
		for (size_t j = 0; j < k; j++) {
			codes[j] = err.code;
			errs[j] = err;
			outs[j] = NULL;
		}
	}
	for (size_t j = 0; j < k; j++) {
		item *it = &items[at[j]];
		if (codes[j] == ADVISOR_OK) {
			it->out = outs[j];
		} else {
			it->failed = 1;
			it->out = error_object(it->line, errs[j].message);
		}
	}
}

static void work_block(pool *p, answerer a)
{
	size_t i;
	while ((i = atomic_fetch_add(&p->next, CHUNK)) < p->count) {
		size_t end = i + CHUNK < p->count ? i + CHUNK : p->count;
		if (a.worker) {
			answer_chunk_isolated(&p->items[i], end - i, a.worker);
			continue;
		}
		for (; i < end; i++)
			answer(&p->items[i], a, p->net);
	}
}

static void *work(void *arg)
{
	worker *w = arg;
	pool *p = w->p;
	unsigned long seen = 0;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->round == seen && !p->quit)
			pthread_cond_wait(&p->start, &p->mu);
		if (p->quit)
			break;
		seen = p->round;
		pthread_mutex_unlock(&p->mu);
		work_block(p, w->a);
		pthread_mutex_lock(&p->mu);
		if (--p->running == 0)
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void evaluate(pool *p, size_t nthreads, answerer main_answerer,
	item *items, size_t n)
{
	pthread_mutex_lock(&p->mu);
	p->items = items;
	p->count = n;
	atomic_store(&p->next, 0);
	p->running = nthreads;
	p->round++;
	pthread_cond_broadcast(&p->start);
	pthread_mutex_unlock(&p->mu);

	work_block(p, main_answerer);

	pthread_mutex_lock(&p->mu);
	while (p->running > 0)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

/* Start a thread for each engine but the first; returns how many started
 * (a thread that cannot start leaves its share to the others). */
static size_t pool_start(pool *p, worker *workers, advisor_engine **engines,
	advisor_worker **isolated, size_t jobs, const advisor_network *net)
{
	size_t started = 0;
	p->net = net;
	for (size_t j = 1; j < jobs; j++) {
		workers[started] = (worker){ p, { engines[j], isolated[j] }, 0 };
		if (pthread_create(&workers[started].thread, NULL, work,
				   &workers[started]) != 0)
			break;
		started++;
	}
	return started;
}

static void pool_stop(pool *p, worker *workers, size_t started)
{
	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	pthread_cond_broadcast(&p->start);
	pthread_mutex_unlock(&p->mu);
	for (size_t j = 0; j < started; j++)
		pthread_join(workers[j].thread, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->start);
	pthread_cond_destroy(&p->done);
}

int cmd_batch(int argc, char **argv)
{
	cli_options o;
	unsigned long jobs = 1;
	advisor_network *net = NULL;
	advisor_engine *engines[64] = { NULL };
	advisor_worker *isolated[64] = { NULL };
	int isolate = 0;
	item *items = NULL;
	reader r = { 0, NULL, 0, 0, 0, 0, 0, 0 };
	pool pl;
	worker workers[64];
	size_t pool_ready = 0;
	int c, status = EXIT_OK, any_failed = 0;

	memset(&pl, 0, sizeof(pl));
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.start, NULL);
	pthread_cond_init(&pl.done, NULL);

	items = calloc(BLOCK, sizeof(*items));
	if (cli_options_begin(&o, argc) < 0 || !items) {
		cli_error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	while ((c = cli_next_option(&o, argc, argv, "n:j:p:h", options)) != -1) {
		if (c == CLI_BAD_VALUE) {
			status = EXIT_USAGE;
			goto done;
		}
		switch (c) {
		case 'j':
			if (cli_parse_uint(optarg, 1, 64, &jobs) < 0) {
				cli_error("--jobs: '%s' is not a number of threads from 1 to 64", optarg);
				status = EXIT_USAGE;
				goto done;
			}
			break;
		case OPT_ISOLATE:
			isolate = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("batch", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (optind < argc) {
		cli_error("batch: unexpected argument '%s'; requests come on standard input",
			argv[optind]);
		status = EXIT_USAGE;
		goto done;
	}
	if (isolate) {
		/* The network first: the workers fork with it loaded. */
		if ((status = cli_load_network(&o, &net)) != EXIT_OK ||
		    (status = cli_open_workers(&o, net, isolated, jobs)) != EXIT_OK)
			goto done;
	} else if ((status = cli_open(&o, &net, engines, jobs)) != EXIT_OK) {
		goto done;
	}
	pool_ready = pool_start(&pl, workers, engines, isolated, (size_t)jobs, net);

	for (;;) {
		size_t n = 0;
		int got;
		while (n < BLOCK && (got = next_line(&r, &items[n], n == 0)) == GOT_LINE)
			n++;
		if (n == 0)
			break;
		evaluate(&pl, pool_ready, (answerer){ engines[0], isolated[0] }, items, n);
		for (size_t i = 0; i < n; i++) {
			if (items[i].out) {
				fputs(items[i].out, stdout);
				fputc('\n', stdout);
			}
			any_failed |= items[i].failed;
			free(items[i].text);
			advisor_string_free(items[i].out);
			memset(&items[i], 0, sizeof(items[i]));
		}
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cli_error("batch: cannot write to standard output");
			status = EXIT_INTERNAL;
			goto done;
		}
	}
	if (r.failed) {
		cli_error("batch: cannot read standard input: %s", strerror(errno));
		status = EXIT_INTERNAL;
	} else if (any_failed) {
		status = EXIT_PARTIAL;
	}
done:
	pool_stop(&pl, workers, pool_ready);
	for (size_t j = 0; j < 64; j++) {
		advisor_engine_free(engines[j]);
		advisor_worker_free(isolated[j]);
	}
	advisor_network_free(net);
	free(items);
	free(r.buf);
	free(o.layers);
	return status;
}
