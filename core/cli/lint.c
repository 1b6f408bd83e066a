/*
 * lint.c - `advisor lint`: load the policy as every command does and
 * check it as a whole, with an exit code a script or CI can test.  The
 * checks are the library's (a threshold no combination of the rules
 * reaches, tied vetoes, intents no rule or function reads); every command
 * prints them, this one only fails on them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static const char usage[] =
"usage: advisor lint [--policy DIR]...\n"
"\n"
"Check the policy as a whole: the shipped one, your folder\n"
"($XDG_CONFIG_HOME/advisor/policy, default ~/.config/advisor/policy) if it\n"
"exists, and each --policy DIR.  Each warning goes to stderr with its file\n"
"and line: a threshold no combination of the rules reaches (each at its\n"
"score, or its max_score), two vetoes of the same priority with different\n"
"verdicts, an intent only switched-off rules declare, an intent no\n"
"function of the policy reads.  Then one line on stdout says how many.\n"
"\n"
"Options:\n"
"  -p, --policy DIR   a policy folder layered over the shipped policy;\n"
"                     repeat to stack layers, the last one highest\n"
CLI_LIMIT_HELP
"  -h, --help         show this help\n"
"\n"
"Exit codes: 0 no warning, 6 warnings, 2 usage error, 4 the policy failed\n"
"to load, 1 internal error.\n";

static const struct option options[] = {
	{ "policy", required_argument, NULL, 'p' },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int cmd_lint(int argc, char **argv)
{
	cli_options o;
	advisor_engine *engine = NULL;
	size_t warnings = 0;
	int c, status = EXIT_OK;

	if (cli_options_begin(&o, argc) < 0) {
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	while ((c = cli_next_option(&o, argc, argv, "p:h", options)) != -1) {
		switch (c) {
		case CLI_BAD_VALUE:
			status = EXIT_USAGE;
			goto done;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("lint", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (optind < argc) {
		cli_error("lint: unexpected argument '%s'", argv[optind]);
		status = EXIT_USAGE;
		goto done;
	}
	o.warnings = &warnings;
	if ((status = cli_open_engines(&o, &engine, 1)) != EXIT_OK)
		goto done;
	if (warnings)
		printf("Policy %s: %zu %s\n", advisor_engine_policy_name(engine),
			warnings, cli_plural(warnings, "warning", "warnings"));
	else
		printf("Policy %s: no warnings\n", advisor_engine_policy_name(engine));
	status = warnings ? EXIT_PARTIAL : EXIT_OK;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		status = EXIT_INTERNAL;
	}
done:
	advisor_engine_free(engine);
	free(o.layers);
	return status;
}
