/*
 * outcomes.c - `advisor outcomes`: what became of the invitations you
 * sent, per rule, per verdict and note versus none, as a table for people
 * or one JSON document for programs (advisor_outcomes_new()).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char usage[] =
"usage: advisor outcomes [--network FILE] [options]\n"
"\n"
"What became of the invitations you sent, from your successive imports and\n"
"what you recorded with 'advisor sent' and 'advisor withdrew': accepted\n"
"(they are a connection now), pending (still waiting: not counted as a\n"
"failure) or ended (withdrawn, ignored or expired). Per rule that fired,\n"
"per verdict and with a note or without: how many were sent, accepted,\n"
"pending and ended, and the acceptance rate (accepted of those answered)\n"
"with its 95% confidence interval.  Each invitation's verdict and rules are\n"
"those of the advice logged before you sent it (the data folder's\n"
"decisions.ndjson), else the advice as of the day it was sent.\n"
"\n"
"Options:\n"
"  -n, --network FILE   the network file; default $ADVISOR_NETWORK, else\n"
"                       the data folder's network.json (and its decision\n"
"                       log, read only for that one)\n"
"      --as-of DATE     count as on DATE (YYYY-MM-DD); default today\n"
"  -p, --policy DIR     a policy folder layered over the shipped policy;\n"
"                       repeat to stack layers, the last one highest\n"
"      --max-size SIZE  refuse network files larger than SIZE (default 1G)\n"
"      --no-cache       parse the network file even if a snapshot exists\n"
"      --json           one JSON document: the groups and every outcome\n"
CLI_LIMIT_HELP
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 the outcomes (or none yet), 2 usage error, 3 bad network\n"
"file, 4 policy failure, 1 internal error.\n";

static const struct option options[] = {
	{ "network", required_argument, NULL, 'n' },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "policy", required_argument, NULL, 'p' },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "json", no_argument, NULL, OPT_JSON },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const char no_import[] =
"No outcomes yet: nothing is imported.  Import your LinkedIn export with\n"
"'advisor init EXPORT'; each later export you import shows what became of\n"
"the invitations the earlier ones listed.\n";

/* The folder's decision log, when the network is the folder's own. */
static const char *decision_log(const cli_options *o, char *buf, size_t size)
{
	const char *env = getenv("ADVISOR_NETWORK");
	if (o->network || (env && *env) ||
	    cli_data_file(buf, size, "decisions.ndjson") < 0)
		return NULL;
	return buf;
}

/* Is there a network to read without --network?  (cli_network_path()
 * says why not, as an error; here no import is an answer.) */
static int have_network(const cli_options *o)
{
	char buf[4096];
	const char *env = getenv("ADVISOR_NETWORK");
	struct stat st;
	return o->network || (env && *env) ||
		(cli_data_file(buf, sizeof(buf), "network.json") == 0 &&
		 stat(buf, &st) == 0);
}

static void print_warning(void *payload, const char *message)
{
	(void)payload;
	fprintf(stderr, "advisor: warning: %s\n", message);
}

#define NAME_COLS 26

static void print_group(const advisor_outcome_group *g, const char *label)
{
	char rate[48];
	size_t resolved = g->accepted + g->ended;

	if (resolved)
		snprintf(rate, sizeof(rate), "%3.0f%%  (%.0f-%.0f%%)",
			100.0 * g->rate, 100.0 * g->low, 100.0 * g->high);
	else
		snprintf(rate, sizeof(rate), "   -  (none answered)");
	fputs("  ", stdout);
	cli_cell(stdout, label, NAME_COLS);
	printf(" %5zu %9zu %8zu %6zu   %s\n", g->sent, g->accepted, g->pending,
		g->ended, rate);
}

static void print_heading(const cli_term *t, const char *title)
{
	printf("\n%s%s%s\n", cli_sgr(t, CLI_BOLD), title, cli_sgr(t, CLI_RESET));
}

static void print_table(const advisor_outcomes *out)
{
	const advisor_outcome_group *all = advisor_outcomes_group(out, 0);
	size_t logged = 0, n = advisor_outcomes_count(out);
	cli_term term;

	cli_term_init(&term, stdout);
	for (size_t i = 0; i < n; i++)
		logged += advisor_outcomes_get(out, i)->basis ==
			ADVISOR_OUTCOME_LOGGED;
	printf("%zu invitation%s sent: %zu accepted, %zu pending, %zu ended",
		all->sent, all->sent == 1 ? "" : "s", all->accepted, all->pending,
		all->ended);
	if (all->days_known)
		printf(";\naccepted after a median of %.0f day%s (of %zu with a date)",
			all->median_days, all->median_days == 1.0 ? "" : "s",
			all->days_known);
	printf(".\nVerdicts and rules: %zu from the decision log, %zu advised "
		"again as of the day sent.\n", logged, n - logged);
	printf("\n  %-*s %5s %9s %8s %6s   %s\n", NAME_COLS, "", "sent",
		"accepted", "pending", "ended", "accepted of answered (95%)");
	print_group(all, "all");
	advisor_outcome_group_kind last = ADVISOR_GROUP_ALL;
	for (size_t i = 1; i < advisor_outcomes_group_count(out); i++) {
		const advisor_outcome_group *g = advisor_outcomes_group(out, i);
		if (g->kind != last) {
			print_heading(&term, g->kind == ADVISOR_GROUP_RULE ?
				"By rule that fired" : g->kind == ADVISOR_GROUP_VERDICT ?
				"By verdict" : "With a note or without");
			last = g->kind;
		}
		print_group(g, g->kind != ADVISOR_GROUP_NOTE ? g->name :
			strcmp(g->name, "note") == 0 ? "with a note" : "without");
	}
	if (all->pending)
		printf("\nPending invitations are not counted as failures: the rate "
			"is of those answered.\n");
}

int cmd_outcomes(int argc, char **argv)
{
	return cli_outcomes(argc, argv, NULL);
}

int cli_outcomes(int argc, char **argv, const cli_lent *lent)
{
	cli_options o;
	const char *as_of = NULL;
	int json = 0, c, status = EXIT_OK;
	advisor_network *net = NULL;
	advisor_engine *engine = NULL;
	advisor_outcomes *out = NULL;
	advisor_error err;
	char logbuf[4096], *text = NULL;

	if (cli_options_begin(&o, argc) < 0) {
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	while ((c = cli_next_option(&o, argc, argv, "n:p:h", options)) != -1) {
		if (c == CLI_BAD_VALUE) {
			status = EXIT_USAGE;
			goto done;
		}
		switch (c) {
		case OPT_AS_OF: as_of = optarg; break;
		case OPT_JSON: json = 1; break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("outcomes", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (optind < argc) {
		cli_error("outcomes: unexpected argument '%s'; outcomes takes no "
			"person (it counts every invitation you sent)", argv[optind]);
		status = EXIT_USAGE;
		goto done;
	}
	if (!lent && !json && !have_network(&o)) {
		fputs(no_import, stdout);
		goto done;
	}
	if ((status = cli_open_lent(&o, lent, &net, &engine, 1)) != EXIT_OK)
		goto done;

	advisor_outcomes_options opts = ADVISOR_OUTCOMES_OPTIONS_INIT;
	opts.as_of = as_of;
	opts.decision_log = decision_log(&o, logbuf, sizeof(logbuf));
	opts.warning = print_warning;
	int rc = advisor_outcomes_new(&out, engine, net, &opts, &err);
	if (rc < 0) {
		cli_report(&err);
		status = cli_exit_code(rc);
		goto done;
	}
	if (json) {
		if ((rc = advisor_outcomes_to_json(&text, out, &err)) < 0) {
			cli_report(&err);
			status = cli_exit_code(rc);
			goto done;
		}
		puts(text);
	} else if (advisor_outcomes_count(out) == 0 && as_of) {
		/* Those sent after the day are left out, not absent. */
		printf("No outcomes as of %s: no invitation you sent by then is in "
			"the network.\n", as_of);
	} else if (advisor_outcomes_count(out) == 0) {
		printf("No outcomes yet: no invitation you sent is in the network.  "
			"Record one with\n'advisor sent PERSON' when you send it; the "
			"next export you import shows\nwhat became of it.\n");
	} else {
		print_table(out);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		status = EXIT_INTERNAL;
	}
done:
	advisor_string_free(text);
	advisor_outcomes_free(out);
	if (!lent) {
		advisor_engine_free(engine);
		advisor_network_free(net);
	}
	free(o.layers);
	return status;
}
