/*
 * main.c - the advisor command: dispatch to a subcommand.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: advisor <command> [options]\n"
"\n"
"Should you send (or accept) a LinkedIn invitation, why, and what should\n"
"the note say?\n"
"\n"
"Commands:\n"
"  advise PERSON   advice on inviting PERSON (or accepting their invitation)\n"
"  batch           advice on many requests: NDJSON in, NDJSON out\n"
"  find TEXT       the people whose id or name matches TEXT\n"
"  init [EXPORT]   make the data folder and import your network into it\n"
"  remember PERSON TYPE  record a fact about PERSON (how you met, ...)\n"
"  forget PERSON TYPE    remove a fact recorded with remember\n"
"  rules           the policy's rules, where each comes from\n"
"  test CASES...   run policy case files: expected verdicts, coverage\n"
"  diff INPUT...   the requests whose verdict two policies disagree on\n"
"  import linkedin EXPORT -o FILE  your LinkedIn export to a network file\n"
"  path PERSON     how you are connected to PERSON (--dot for Graphviz)\n"
"  triage          advice on every pending invitation, to you and yours\n"
"\n"
"Run 'advisor <command> --help' for a command's options.\n"
"\n"
"Options:\n"
"  -h, --help      show this help\n"
"  -V, --version   show the version\n"
"\n"
"Exit codes:\n"
"  0  success\n"
"  1  internal error (out of memory)\n"
"  2  usage error: bad option, bad request, unknown intent\n"
"  3  bad data: a network file cannot be read or is invalid\n"
"  4  policy failure: the policy failed to load, or to decide (error,\n"
"     time or memory limit)\n"
"  5  unknown person\n"
"  6  batch: some request lines failed (each has an error object);\n"
"     test: some cases failed\n"
"  7  a name that fits several people (they are listed on stderr)\n"
"\n"
"PERSON is an id or a name, whole or in part, case and accents ignored.\n"
"Without --network, commands use $ADVISOR_NETWORK, else the network in\n"
"$XDG_DATA_HOME/advisor (~/.local/share/advisor) that 'advisor init' made.\n";

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("advisor: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_exit_code(int code)
{
	switch (code) {
	case ADVISOR_OK: return EXIT_OK;
	case ADVISOR_EINVAL:
	case ADVISOR_EINTENT: return EXIT_USAGE;
	case ADVISOR_EIO:
	case ADVISOR_EDATA: return EXIT_DATA;
	case ADVISOR_EPOLICY:
	case ADVISOR_ELIMIT: return EXIT_POLICY;
	case ADVISOR_ENOTFOUND: return EXIT_NOTFOUND;
	case ADVISOR_EAMBIGUOUS: return EXIT_AMBIGUOUS;
	default: return EXIT_INTERNAL;
	}
}

int main(int argc, char **argv)
{
	cli_term_guard();
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("advisor %s\n", advisor_version());
		return EXIT_OK;
	}
	if (strcmp(cmd, "advise") == 0)
		return cmd_advise(argc - 1, argv + 1);
	if (strcmp(cmd, "batch") == 0)
		return cmd_batch(argc - 1, argv + 1);
	if (strcmp(cmd, "init") == 0)
		return cmd_init(argc - 1, argv + 1);
	if (strcmp(cmd, "remember") == 0)
		return cmd_remember(argc - 1, argv + 1);
	if (strcmp(cmd, "forget") == 0)
		return cmd_forget(argc - 1, argv + 1);
	if (strcmp(cmd, "import") == 0)
		return cmd_import(argc - 1, argv + 1);
	if (strcmp(cmd, "path") == 0)
		return cmd_path(argc - 1, argv + 1);
	if (strcmp(cmd, "triage") == 0)
		return cmd_triage(argc - 1, argv + 1);
	if (strcmp(cmd, "find") == 0)
		return cmd_find(argc - 1, argv + 1);
	if (strcmp(cmd, "rules") == 0)
		return cmd_rules(argc - 1, argv + 1);
	if (strcmp(cmd, "test") == 0)
		return cmd_test(argc - 1, argv + 1);
	if (strcmp(cmd, "diff") == 0)
		return cmd_diff(argc - 1, argv + 1);
	cli_error("unknown command '%s'; run 'advisor --help' for the list", cmd);
	return EXIT_USAGE;
}
