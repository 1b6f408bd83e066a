/*
 * batch.c - `advisor batch`: NDJSON requests on stdin, one NDJSON result
 * (or error object) per line on stdout, in input order.
 *
 * Lines are read in blocks; with --jobs N, each block is split into N
 * slices evaluated by N engines on N threads sharing the one network, and
 * written back in order.  A block ends early when no more input is waiting,
 * so that the command also works as an interactive filter (a line in, its
 * answer out) under Spark's pipe, Hadoop Streaming or GNU parallel.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define BLOCK 2048                    /* lines per block */
#define MAX_LINE (1u << 20)           /* a request line longer is an error */
#define READ_SIZE (1u << 16)

static const char usage[] =
"usage: advisor batch --network FILE [options] < requests.ndjson > results.ndjson\n"
"\n"
"Advice on many requests: one JSON request per input line,\n"
"  {\"person\": \"priya\", \"direction\": \"outgoing\", \"intent\": [\"learn\"], \"as_of\": \"2026-11-27\"}\n"
"(only person is required), one JSON result per output line, in input order.\n"
"A line that fails gets {\"line\": N, \"error\": \"...\"} and the batch goes on.\n"
"\n"
"Options:\n"
"  -n, --network FILE   the network file (.json or .ndjson); required\n"
"  -j, --jobs N         evaluate on N threads, one engine each (default 1)\n"
"  -p, --policy DIR     a policy folder layered over the shipped policy;\n"
"                       repeat to stack layers, the last one highest\n"
"      --note-limit N   the invitation-note limit in characters (default 300)\n"
"      --max-size SIZE  refuse network files larger than SIZE (default 1G)\n"
"      --no-cache       parse the network file even if a snapshot of it is\n"
"                       in $XDG_CACHE_HOME/advisor (~/.cache/advisor)\n"
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 every line answered, 6 some lines failed (see their error\n"
"objects), 2 usage error, 3 bad network file, 4 the policy failed to load,\n"
"1 internal error (out of memory, output closed).\n";

static const struct option options[] = {
	{ "network", required_argument, NULL, 'n' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "policy", required_argument, NULL, 'p' },
	{ "note-limit", required_argument, NULL, OPT_NOTE_LIMIT },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
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
		char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
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

typedef struct slice {
	advisor_engine *engine;
	const advisor_network *net;
	item *items;
	size_t count;
} slice;

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
	return copy;
}

static int blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

static void *run_slice(void *arg)
{
	slice *sl = arg;
	advisor_error err;

	for (size_t i = 0; i < sl->count; i++) {
		item *it = &sl->items[i];
		if (!it->text) {
			it->failed = 1;
			it->out = error_object(it->line,
				"request line longer than 1 MiB; expected one JSON request a line");
			continue;
		}
		if (blank(it->text))
			continue; /* blank lines are skipped, not answered */
		if (advisor_advise_json(&it->out, sl->engine, sl->net, it->text,
					it->len, &err) != ADVISOR_OK) {
			it->failed = 1;
			it->out = error_object(it->line, err.message);
		}
	}
	return NULL;
}

static int evaluate(item *items, size_t n, advisor_engine **engines,
	size_t jobs, const advisor_network *net)
{
	slice slices[64];
	pthread_t threads[64];
	size_t started = 0;

	if (jobs > n)
		jobs = n ? n : 1;
	for (size_t j = 0; j < jobs; j++) {
		size_t lo = n * j / jobs, hi = n * (j + 1) / jobs;
		slices[j] = (slice){ engines[j], net, items + lo, hi - lo };
	}
	/* Slice 0 runs here; the others on threads. */
	for (size_t j = 1; j < jobs; j++) {
		if (pthread_create(&threads[j], NULL, run_slice, &slices[j]) != 0)
			break;
		started = j;
	}
	run_slice(&slices[0]);
	for (size_t j = started + 1; j < jobs; j++)
		run_slice(&slices[j]); /* a thread could not start: do it here */
	for (size_t j = 1; j <= started; j++)
		pthread_join(threads[j], NULL);
	return 0;
}

int cmd_batch(int argc, char **argv)
{
	cli_options o = { 0 };
	unsigned long jobs = 1;
	advisor_network *net = NULL;
	advisor_engine *engines[64] = { NULL };
	item *items = NULL;
	reader r = { 0, NULL, 0, 0, 0, 0, 0, 0 };
	int c, status = EXIT_OK, any_failed = 0;

	o.layers = calloc((size_t)argc + 1, sizeof(char *));
	items = calloc(BLOCK, sizeof(*items));
	if (!o.layers || !items) {
		cli_error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "n:j:p:h", options, NULL)) != -1) {
		int shared = cli_common_option(&o, c, optarg);
		if (shared < 0) {
			status = EXIT_USAGE;
			goto done;
		}
		if (shared)
			continue;
		switch (c) {
		case 'j':
			if (cli_parse_uint(optarg, 1, 64, &jobs) < 0) {
				cli_error("--jobs: '%s' is not a number of threads from 1 to 64", optarg);
				status = EXIT_USAGE;
				goto done;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			fprintf(stderr, "Run 'advisor batch --help' for the options.\n");
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
	if (!o.network) {
		cli_error("batch: --network FILE is required (there is no default network location yet)");
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = cli_open(&o, &net, engines, jobs)) != EXIT_OK)
		goto done;

	for (;;) {
		size_t n = 0;
		int got;
		while (n < BLOCK && (got = next_line(&r, &items[n], n == 0)) == GOT_LINE)
			n++;
		if (n == 0)
			break;
		evaluate(items, n, engines, jobs, net);
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
	for (size_t j = 0; j < 64; j++)
		advisor_engine_free(engines[j]);
	advisor_network_free(net);
	free(items);
	free(r.buf);
	free(o.layers);
	return status;
}
