/*
 * cli.h - what the advisor command's files share.  The command is a client
 * of include/advisor.h only.
 */
#ifndef ADVISOR_CLI_H
#define ADVISOR_CLI_H

#include <stdint.h>

#include "advisor.h"

/* Exit codes, documented in --help and docs/cli.md. */
enum {
	EXIT_OK = 0,
	EXIT_INTERNAL = 1,  /* out of memory, or a bug */
	EXIT_USAGE = 2,     /* bad command line, bad request, unknown intent */
	EXIT_DATA = 3,      /* a network file cannot be read or is invalid */
	EXIT_POLICY = 4,    /* the policy failed to load or to decide */
	EXIT_NOTFOUND = 5,  /* the person is not in the network */
	EXIT_PARTIAL = 6    /* batch: some request lines failed */
};

/* Long options without a short form. */
enum { OPT_INCOMING = 256, OPT_AS_OF, OPT_NOTE_LIMIT, OPT_JSON, OPT_MAX_SIZE,
       OPT_JOBS, OPT_NO_CACHE };

/* The options every command that advises shares. */
typedef struct cli_options {
	const char *network;
	const char **layers;     /* room for argc entries */
	size_t layer_count;
	unsigned int note_limit;
	uint64_t max_bytes;
	int no_cache;
} cli_options;

/* Handle a shared option (-n, -p, --note-limit, --max-size, --no-cache): 1 if it was
 * one, 0 if not, -1 (message printed) if its value is bad. */
int cli_common_option(cli_options *o, int c, const char *arg);

/* Load the network and engine_count engines; an exit code. */
int cli_open(const cli_options *o, advisor_network **net,
	advisor_engine **engines, size_t engine_count);

/* Report the option getopt_long() refused (its return value c). */
void cli_bad_option(const char *cmd, char **argv, int c);

int cli_parse_size(const char *s, uint64_t *out);
int cli_parse_uint(const char *s, unsigned long min, unsigned long max,
	unsigned long *out);

/* The exit code for a library error code. */
int cli_exit_code(int advisor_code);

/* Print "advisor: <message>" on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

int cmd_advise(int argc, char **argv);
int cmd_batch(int argc, char **argv);

#endif
