/*
 * cli.h - what the advisor command's files share.  The command is a client
 * of include/advisor.h only.
 */
#ifndef ADVISOR_CLI_H
#define ADVISOR_CLI_H

#include "advisor.h"

/* Exit codes, documented in --help and docs/cli.md. */
enum {
	EXIT_OK = 0,
	EXIT_INTERNAL = 1,  /* out of memory, or a bug */
	EXIT_USAGE = 2,     /* bad command line, bad request, unknown intent */
	EXIT_DATA = 3,      /* a network file cannot be read or is invalid */
	EXIT_POLICY = 4,    /* the policy failed to load or to decide */
	EXIT_NOTFOUND = 5   /* the person is not in the network */
};

/* The exit code for a library error code. */
int cli_exit_code(int advisor_code);

/* Print "advisor: <message>" on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

int cmd_advise(int argc, char **argv);

#endif
