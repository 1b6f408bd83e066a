/*
 * plan.c - `advisor plan [PERSON...|-]`: this week's invitations within
 * LinkedIn's limits (advisor_plan_new()), best first, with the month's
 * notes where they matter most, and your invitations to withdraw; for
 * people, or one JSON object for programs.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: advisor plan [PERSON...|-] [options]\n"
"\n"
"This week's invitations within LinkedIn's limits: each candidate advised\n"
"on (as 'advisor advise' would), the connect verdicts best first, no more\n"
"than the week's allowance less what you sent in the last seven days (the\n"
"export's and those recorded with 'advisor sent'), the month's notes where\n"
"the note matters most and the rest to send without one; then your\n"
"invitations old enough to withdraw.  Nobody inside the re-invite block or\n"
"already invited is proposed.\n"
"\n"
"The candidates: the PERSONs given (ids, names or profile URLs; '-' reads\n"
"them from standard input, one a line), else everyone in the network you\n"
"are not connected to: the people you added and those your export shows.\n"
"\n"
"Options:\n"
"  -i, --intent WORD    what you hope for, for every candidate; repeat for\n"
"                       several (as advise's)\n"
"      --as-of DATE     plan as on DATE (YYYY-MM-DD); default today\n"
"      --json           the plan as one JSON object\n"
"  -n, --network FILE   the network file; default $ADVISOR_NETWORK, else\n"
"                       the data folder's network.json\n"
"  -p, --policy DIR     a policy folder layered over the shipped policy;\n"
"                       repeat to stack layers, the last one highest\n"
"      --note-limit N   the invitation-note limit in characters (default: the policy's)\n"
"      --max-size SIZE  refuse network files larger than SIZE (default 1G)\n"
"      --no-cache       parse the network file even if a snapshot exists\n"
CLI_LIMIT_HELP
"  -h, --help           show this help\n"
"\n"
"The limits are the policy's settings (invitations_a_week, notes_a_month,\n"
"invitation_expiry_days; docs/planning.md).\n"
"Exit codes: 0 a plan (even an empty one), 2 usage error or unknown intent,\n"
"3 bad network file, 4 policy failure, 5 unknown person, 7 a name that fits\n"
"several people, 1 internal error.\n";

static const struct option options[] = {
	{ "intent", required_argument, NULL, 'i' },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "network", required_argument, NULL, 'n' },
	{ "policy", required_argument, NULL, 'p' },
	{ "note-limit", required_argument, NULL, OPT_NOTE_LIMIT },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* How many of the later ones the human output lists. */
#define LATER_SHOWN 5

typedef struct names {
	char **text;   /* as given (owned when read from stdin) */
	const char **ids;
	size_t count, cap;
	int owned;
} names;

static int names_add(names *n, char *s)
{
	if (n->count == n->cap) {
		size_t cap = n->cap ? n->cap * 2 : 16;
		char **t = realloc(n->text, cap * sizeof(*t));
		if (!t)
			return -1;
		n->text = t;
		n->cap = cap;
	}
	n->text[n->count++] = s;
	return 0;
}

static void names_free(names *n)
{
	if (n->owned)
		for (size_t i = 0; i < n->count; i++)
			free(n->text[i]);
	free(n->text);
	free(n->ids);
}

/* The candidates from standard input: one a line, blank lines and lines
 * starting with # skipped, spaces around each trimmed.  An exit code. */
static int read_names(names *n)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	n->owned = 1;
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		char *s = line, *e = line + len;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' ||
				 e[-1] == '\t'))
			e--;
		if (s == e || *s == '#')
			continue;
		char *copy = strndup(s, (size_t)(e - s));
		if (!copy || names_add(n, copy) < 0) {
			free(copy);
			free(line);
			cli_error("out of memory");
			return EXIT_INTERNAL;
		}
	}
	free(line);
	if (ferror(stdin)) {
		cli_error("plan: cannot read the candidates from standard input");
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static void print_limits(const cli_term *t, const advisor_limits *l)
{
	printf("%sThe week's plan, %s%s\n", cli_sgr(t, CLI_BOLD), l->as_of,
		cli_sgr(t, CLI_RESET));
	printf("  Invitations: %u sent in the last seven days, of %u a week: "
		"%u left", l->sent_this_week, l->invitations_a_week,
		l->invitations_left);
	if (l->invitations_left == 0 && l->week_frees_on)
		printf(" (one more on %s)", l->week_frees_on);
	printf(".\n");
	if (l->notes_a_month < 0)
		printf("  Notes: %u this month; your account has no monthly limit.\n",
			l->notes_this_month);
	else if (l->notes_left == 0)
		printf("  Notes: %u this month, of %d: none left until %s.\n",
			l->notes_this_month, l->notes_a_month, l->notes_reset_on);
	else
		printf("  Notes: %u this month, of %d: %d left.\n",
			l->notes_this_month, l->notes_a_month, l->notes_left);
}

static void print_item(const cli_term *t, size_t i, const advisor_plan_item *it,
	const advisor_limits *l)
{
	char flat[1200], line[1400];

	printf("  %2zu. %s%s%s (%s)%s\n", i + 1, cli_sgr(t, CLI_BOLD), it->name,
		cli_sgr(t, CLI_RESET), it->person, it->added ? ", added by you" : "");
	if (it->note) {
		snprintf(line, sizeof(line), "%s, with this note:", it->rule ?
			it->rule : advisor_verdict_name(it->verdict));
		printf("      ");
		cli_wrap(stdout, t, line, 6, 6);
		if (cli_flatten(flat, sizeof(flat), it->note)) {
			printf("      %s", cli_sgr(t, CLI_DIM));
			snprintf(line, sizeof(line), "\xE2\x80\x9C%s\xE2\x80\x9D", flat);
			cli_wrap(stdout, t, line, 6, 6);
			fputs(cli_sgr(t, CLI_RESET), stdout);
		}
	} else if (it->held_note) {
		snprintf(line, sizeof(line), "%s, without a note: %s", it->rule ?
			it->rule : advisor_verdict_name(it->verdict),
			l->notes_left == 0 ? "the month's notes are spent" :
			"the month's notes go where they matter more");
		printf("      ");
		cli_wrap(stdout, t, line, 6, 6);
	} else {
		printf("      %s, without a note\n", it->rule ? it->rule :
			advisor_verdict_name(it->verdict));
	}
}

static void print_plan(const advisor_plan *plan)
{
	const advisor_limits *l = advisor_plan_limits(plan);
	size_t n = advisor_plan_invitation_count(plan);
	size_t later = advisor_plan_later_count(plan);
	size_t w = advisor_plan_withdrawal_count(plan);
	cli_term t;

	cli_term_init(&t, stdout);
	print_limits(&t, l);
	printf("\n%sInvite this week (%zu)%s\n", cli_sgr(&t, CLI_BOLD), n,
		cli_sgr(&t, CLI_RESET));
	if (n == 0)
		printf("  %s\n", later ? "no one: the week's invitations are spent"
			: "no one: no candidate is worth inviting now");
	for (size_t i = 0; i < n; i++)
		print_item(&t, i, advisor_plan_invitation(plan, i), l);
	if (later) {
		printf("\n%sLater: beyond this week's allowance (%zu)%s\n",
			cli_sgr(&t, CLI_BOLD), later, cli_sgr(&t, CLI_RESET));
		for (size_t i = 0; i < later && i < LATER_SHOWN; i++) {
			const advisor_plan_item *it = advisor_plan_later(plan, i);
			printf("  %s (%s), %s\n", it->name, it->person, it->rule ?
				it->rule : advisor_verdict_name(it->verdict));
		}
		if (later > LATER_SHOWN)
			printf("  and %zu more (--json lists them all)\n",
				later - LATER_SHOWN);
	}
	if (w) {
		printf("\n%sWithdraw: yours, waiting too long (%zu)%s\n",
			cli_sgr(&t, CLI_BOLD), w, cli_sgr(&t, CLI_RESET));
		for (size_t i = 0; i < w; i++) {
			const advisor_withdrawal *x = advisor_plan_withdrawal(plan, i);
			printf("  %s (%s), invited %s, %u days ago", x->name, x->person,
				x->invited_on, x->days);
			if (x->expires_on)
				printf("; LinkedIn drops it around %s", x->expires_on);
			printf("\n");
		}
	}
	size_t wait = advisor_plan_verdict_count(plan, ADVISOR_WAIT);
	size_t invited = advisor_plan_verdict_count(plan, ADVISOR_INVITED);
	size_t dont = advisor_plan_verdict_count(plan, ADVISOR_DONT_CONNECT);
	size_t conn = advisor_plan_verdict_count(plan, ADVISOR_ALREADY_CONNECTED);
	printf("\n%zu candidate%s: %zu to invite, %zu to wait for (the re-invite "
		"block, among others), %zu invited already, %zu not to invite",
		advisor_plan_candidate_count(plan),
		advisor_plan_candidate_count(plan) == 1 ? "" : "s", n + later, wait,
		invited, dont);
	if (conn)
		printf(", %zu connected already", conn);
	printf(".\n");
}

int cmd_plan(int argc, char **argv)
{
	return cli_plan(argc, argv, NULL);
}

int cli_plan(int argc, char **argv, const cli_lent *lent)
{
	cli_options o;
	advisor_plan_options popts = ADVISOR_PLAN_OPTIONS_INIT;
	const char **intents = NULL;
	size_t intent_count = 0;
	int json = 0, c, status = EXIT_OK, from_stdin = 0;
	advisor_network *net = NULL;
	advisor_engine *engine = NULL;
	advisor_plan *plan = NULL;
	advisor_error err;
	names given = { NULL, NULL, 0, 0, 0 };
	char *text = NULL;

	intents = calloc((size_t)argc + 1, sizeof(char *));
	if (cli_options_begin(&o, argc) < 0 || !intents) {
		free(intents);
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	while ((c = cli_next_option(&o, argc, argv, "i:n:p:h", options)) != -1) {
		if (c == CLI_BAD_VALUE) {
			status = EXIT_USAGE;
			goto done;
		}
		switch (c) {
		case 'i': intents[intent_count++] = optarg; break;
		case OPT_AS_OF: popts.as_of = optarg; break;
		case OPT_JSON: json = 1; break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("plan", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (argc - optind > 1) {
				cli_error("plan: '-' reads the candidates from standard "
					"input, and is given alone");
				status = EXIT_USAGE;
				goto done;
			}
			from_stdin = 1;
		} else if (names_add(&given, argv[i]) < 0) {
			cli_error("out of memory");
			status = EXIT_INTERNAL;
			goto done;
		}
	}
	if (from_stdin && (status = read_names(&given)) != EXIT_OK)
		goto done;
	if ((status = cli_open_lent(&o, lent, &net, &engine, 1)) != EXIT_OK)
		goto done;
	if (optind < argc) {
		if (!(given.ids = calloc(given.count + 1, sizeof(*given.ids)))) {
			cli_error("out of memory");
			status = EXIT_INTERNAL;
			goto done;
		}
		for (size_t i = 0; i < given.count; i++)
			if ((status = cli_person(net, given.text[i], &given.ids[i])) !=
			    EXIT_OK)
				goto done;
	}
	popts.intents = intents;
	popts.intent_count = intent_count;
	int rc = advisor_plan_new(&plan, engine, net, optind < argc ?
		given.ids : NULL, given.count, &popts, &err);
	if (rc < 0) {
		cli_report(&err);
		status = cli_exit_code(rc);
		goto done;
	}
	if (json) {
		if ((rc = advisor_plan_to_json(&text, plan, &err)) < 0) {
			cli_report(&err);
			status = cli_exit_code(rc);
			goto done;
		}
		puts(text);
	} else {
		print_plan(plan);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		status = EXIT_INTERNAL;
	}
done:
	advisor_string_free(text);
	advisor_plan_free(plan);
	names_free(&given);
	if (!lent) {
		advisor_engine_free(engine);
		advisor_network_free(net);
	}
	free(intents);
	free(o.layers);
	return status;
}
