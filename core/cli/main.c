/*
 * main.c - the advisor command: dispatch to a subcommand.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The commands: dispatch, the usage listing and `advisor help` all follow
 * from this one table, so a new command is one line here (and its
 * cmd_ function in cli.h). */
typedef struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *args;    /* what follows the name in the listing, or "" */
	const char *summary; /* one line */
} command;

static const command commands[] = {
	{ "advise", cmd_advise, "PERSON", "advice on inviting PERSON (or accepting their invitation)" },
	{ "batch", cmd_batch, "", "advice on many requests: NDJSON in, NDJSON out" },
	{ "find", cmd_find, "TEXT", "the people whose id or name matches TEXT" },
	{ "init", cmd_init, "[EXPORT]", "make the data folder and import your network into it" },
	{ "add", cmd_add, "NAME", "add someone who is not in your export" },
	{ "set", cmd_set, "PERSON", "give PERSON fields (--industry, --seniority, ...)" },
	{ "remove", cmd_remove, "PERSON", "remove a person you added" },
	{ "remember", cmd_remember, "PERSON TYPE", "record a fact about PERSON (how you met, A knows B)" },
	{ "forget", cmd_forget, "PERSON TYPE", "remove a fact recorded with remember" },
	{ "sent", cmd_sent, "PERSON", "record that you invited PERSON (--note: with a note)" },
	{ "withdrew", cmd_withdrew, "PERSON", "record that you withdrew your invitation to PERSON" },
	{ "rules", cmd_rules, "", "the policy's rules, where each comes from" },
	{ "lint", cmd_lint, "", "check the policy as a whole: exit 6 on a warning" },
	{ "test", cmd_test, "CASES...", "run policy case files: expected verdicts, coverage" },
	{ "diff", cmd_diff, "INPUT...", "the requests whose verdict two policies disagree on" },
	{ "import", cmd_import, "linkedin EXPORT -o FILE", "your LinkedIn export to a network file" },
	{ "path", cmd_path, "PERSON", "how you are connected to PERSON (--dot for Graphviz)" },
	{ "triage", cmd_triage, "", "advice on every pending invitation, to you and yours" },
	{ "plan", cmd_plan, "[PERSON...|-]", "this week's invitations within LinkedIn's limits" },
	{ "outcomes", cmd_outcomes, "", "what became of the invitations you sent, per rule and verdict" },
	{ "tune", cmd_tune, "", "fit the rules' scores to what became of your invitations" },
	{ "mcp", cmd_mcp, "", "a Model Context Protocol server for assistants (stdio)" },
	{ "native-host", cmd_native_host, "", "the browser extensions' native-messaging host (--install writes its manifest)" },
};

static const char usage_head[] =
"usage: advisor <command> [options]\n"
"\n"
"Should you send (or accept) a LinkedIn invitation, why, and what should\n"
"the note say?\n"
"\n"
"Commands:\n";

static const char usage_tail[] =
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

static void usage(FILE *out)
{
	char head[64];

	fputs(usage_head, out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++) {
		const command *c = &commands[i];
		snprintf(head, sizeof(head), "%s%s%s", c->name, *c->args ? " " : "", c->args);
		fprintf(out, "  %-14s  %s\n", head, c->summary);
	}
	fputs(usage_tail, out);
}

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
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("advisor %s\n", advisor_version());
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	cli_error("unknown command '%s'; run 'advisor --help' for the list", cmd);
	return EXIT_USAGE;
}
