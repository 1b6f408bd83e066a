/*
 * advise.c - `advisor advise PERSON`: one piece of advice, for people or
 * (with --json) for programs.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char usage[] =
"usage: advisor advise PERSON [--network FILE] [options]\n"
"       advisor advise --name NAME [--headline TEXT] [--company ORG] [options]\n"
"\n"
"Advice on sending PERSON an invitation to connect, or on accepting theirs\n"
"when it waits for your answer: the verdict, the reasons, and a draft note.\n"
"If you invited them already, it says when, and whether to withdraw it.\n"
"Facts the export suggests (who introduced you, where you met, a job\n"
"together) come with the 'advisor remember' command that records them;\n"
"none is recorded until you run it.\n"
"PERSON is the person's id, or a name: whole or in part, case and accents\n"
"ignored (\"priya\", \"zoe muller\").  A name that fits several people lists\n"
"them with their ids and exits with 7.\n"
"\n"
"Someone not in your network, as their profile shows them, is given with\n"
"--name and what else the profile says, instead of PERSON; nothing is\n"
"recorded.  Someone the network has (the same profile URL, else the same\n"
"name, narrowed by --company) is judged as they are there; anyone else on\n"
"the fields given alone: no history, no mutual connections.\n"
"\n"
"Options:\n"
"  -n, --network FILE   the network file (advisor-network/1, .json or\n"
"                       .ndjson); default $ADVISOR_NETWORK, else the one\n"
"                       'advisor init' made (~/.local/share/advisor)\n"
"  -i, --intent WORD    what you hope for; repeat for several.  The shipped\n"
"                       policy knows: date, job, learn, network, reconnect\n"
"      --incoming       should you accept their invitation? (the default\n"
"                       when theirs waits for your answer)\n"
"      --outgoing       should you invite them? (the default otherwise)\n"
"      --as-of DATE     judge as on DATE (YYYY-MM-DD); default today\n"
"  -p, --policy DIR     a policy folder layered over the shipped policy;\n"
"                       repeat to stack layers, the last one highest\n"
"      --note-limit N   the invitation-note limit in characters (default:\n"
"                       the policy's, the account's: LinkedIn allows 200\n"
"                       on free accounts, 300 on Premium)\n"
"      --max-size SIZE  refuse network files larger than SIZE (bytes, or\n"
"                       with K, M or G; default 1G)\n"
"      --no-cache       parse the network file even if a snapshot of it is\n"
"                       in $XDG_CACHE_HOME/advisor (~/.cache/advisor)\n"
"      --drafts N       offer N drafts of the note to choose from, 1 to 3\n"
"                       (default 1), each within the limit, listed\n"
"                       numbered under the note (the first is the note)\n"
"      --explain        also show every rule (fired or not, and why) and\n"
"                       the single changes that would flip the verdict,\n"
"                       with the 'advisor remember' command for a fact\n"
"                       you could record\n"
"      --json           print the result as JSON (docs/data-format.md)\n"
"      --name NAME      someone not in your network, instead of PERSON,\n"
"                       as their profile shows them (nothing is recorded),\n"
"                       with what else it shows:\n"
"      --headline TEXT, --company ORG, --title TEXT, --location TEXT,\n"
"      --industry TEXT, --url URL (their profile URL)\n"
CLI_LIMIT_HELP
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 advice given, 2 usage error or unknown intent, 3 bad network\n"
"file, 4 policy failure, 5 unknown person, 7 ambiguous name, 1 internal\n"
"error.\n";

/* The options of a person given inline, in this order. */
enum { OPT_INLINE = 1024 };
static const char *const inline_options[] = { "name", "headline", "company",
	"title", "location", "industry", "url" };
#define INLINE_COUNT (sizeof(inline_options) / sizeof(inline_options[0]))

static const struct option options[] = {
	{ "network", required_argument, NULL, 'n' },
	{ "intent", required_argument, NULL, 'i' },
	{ "incoming", no_argument, NULL, OPT_INCOMING },
	{ "outgoing", no_argument, NULL, OPT_OUTGOING },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "policy", required_argument, NULL, 'p' },
	{ "note-limit", required_argument, NULL, OPT_NOTE_LIMIT },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "drafts", required_argument, NULL, OPT_DRAFTS },
	{ "name", required_argument, NULL, OPT_INLINE + 0 },
	{ "headline", required_argument, NULL, OPT_INLINE + 1 },
	{ "company", required_argument, NULL, OPT_INLINE + 2 },
	{ "title", required_argument, NULL, OPT_INLINE + 3 },
	{ "location", required_argument, NULL, OPT_INLINE + 4 },
	{ "industry", required_argument, NULL, OPT_INLINE + 5 },
	{ "url", required_argument, NULL, OPT_INLINE + 6 },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The verdict in words, for the direction answered; with your invitation
 * already out, waiting or not connecting means withdrawing it. */
static const char *verdict_phrase(const advisor_result *r)
{
	int incoming = advisor_result_direction(r) == ADVISOR_INCOMING;
	int yours = !incoming && advisor_result_invited_on(r);

	switch (advisor_result_verdict(r)) {
	case ADVISOR_CONNECT:
		return incoming ? "accept their invitation" : "connect";
	case ADVISOR_CONNECT_WITH_NOTE: return "connect, with a note";
	case ADVISOR_WAIT:
		return incoming ? "wait before accepting"
			: yours ? "withdraw your invitation for now"
			: "wait before inviting";
	case ADVISOR_DONT_CONNECT:
		return incoming ? "ignore their invitation"
			: yours ? "withdraw your invitation" : "don't connect";
	case ADVISOR_ALREADY_CONNECTED: return "already connected";
	case ADVISOR_INVITED:
		return advisor_result_withdraw(r) ? "withdraw your invitation"
			: "invited already: wait for their answer";
	default: break;
	}
	return "?";
}

static cli_style verdict_style(advisor_verdict v)
{
	switch (v) {
	case ADVISOR_CONNECT:
	case ADVISOR_CONNECT_WITH_NOTE: return CLI_GREEN;
	case ADVISOR_WAIT:
	case ADVISOR_INVITED: return CLI_YELLOW;
	case ADVISOR_DONT_CONNECT: return CLI_RED;
	default: return CLI_BOLD;
	}
}

/* "  - rule (+1.0): detail", wrapped; label is "decides", "veto" or the
 * score. */
static void print_reason(const cli_term *t, const advisor_reason *why,
	const char *lead, int first)
{
	char head[160];
	int n;
	if (why->vetoed)
		n = snprintf(head, sizeof(head), "%s%s (%s):", lead, why->rule,
			first ? "decides" : "veto");
	else
		n = snprintf(head, sizeof(head), "%s%s (%+.1f):", lead, why->rule,
			why->score);
	if (n < 0 || (size_t)n >= sizeof(head))
		n = (int)strlen(head);
	printf("%s%s%s", cli_sgr(t, CLI_BOLD), head, cli_sgr(t, CLI_RESET));
	cli_wrap(stdout, t, why->detail, n, 4);
}

/* Below the threshold: what each rule that would have added to the score
 * says was missing. */
static void print_missing(const cli_term *t, const advisor_result *r)
{
	for (size_t i = 0; i < advisor_result_missing_count(r); i++) {
		const advisor_missing *m = advisor_result_missing(r, i);
		char head[160];
		int w = m->score > 0
			? snprintf(head, sizeof(head), "  - %s (%+g):", m->rule, m->score)
			: snprintf(head, sizeof(head), "  - %s:", m->rule);
		if (w < 0 || (size_t)w >= sizeof(head))
			w = (int)strlen(head);
		printf("%s%s%s", cli_sgr(t, CLI_BOLD), head, cli_sgr(t, CLI_RESET));
		cli_wrap(stdout, t, m->why, w, 6);
	}
}

/* "score 3.26 of the 3.5 needed to connect" */
static void print_shortfall(const advisor_result *r, int incoming,
	const char *lead, const char *end)
{
	printf("%s %g of the %g needed to %s%s\n", lead, advisor_result_score(r),
		advisor_result_threshold(r), incoming ? "accept" : "connect", end);
}

/* The message of the invitation waiting between you, if it has one,
 * quoted on one line (cli_flatten: it is another person's text). */
static void print_invitation(const cli_term *t, const advisor_network *net,
	const char *id)
{
	const char *message = NULL;
	advisor_direction direction = ADVISOR_INCOMING;
	int pending = 0;
	char flat[1024], quoted[1100];

	if (advisor_network_pending_invitation(&pending, &direction, NULL, net,
			id, NULL) < 0 || !pending ||
	    advisor_network_invitation_message(&message, net, id, NULL) < 0 ||
	    !message || !cli_flatten(flat, sizeof(flat), message))
		return;
	snprintf(quoted, sizeof(quoted), "\xE2\x80\x9C%s\xE2\x80\x9D", flat);
	printf("\n%s:\n  %s", direction == ADVISOR_INCOMING
		? "Their invitation says" : "Your invitation says",
		cli_sgr(t, CLI_DIM));
	cli_wrap(stdout, t, quoted, 2, 2);
	fputs(cli_sgr(t, CLI_RESET), stdout);
}

/* For people: the verdict and the reason that decided it first, then the
 * other reasons, then the note on lines of its own, unwrapped and
 * unindented, so that it can be copied as it is. */
static void print_human(const advisor_result *r, const char *name,
	const advisor_network *net, const advisor_limits *limits)
{
	cli_term t;
	cli_term_init(&t, stdout);
	const char *id = advisor_result_person(r), *note = advisor_result_note(r);
	advisor_verdict verdict = advisor_result_verdict(r);
	size_t reasons = advisor_result_reason_count(r);
	const char *who = name ? name : id,
		*advice = verdict_phrase(r),
		/* Someone given inline whom the network does not have has no
		 * id: say why they were judged on so little. */
		*tag = advisor_result_transient(r) ? "not in your network" : id;
	/* The verdict goes on a line of its own if the line would wrap. */
	int wide = cli_columns(who) + cli_columns(tag) +
		cli_columns(advice) + 5 > t.width - 1;
	printf("%s (%s):%s%s%s%s\n", who, tag, wide ? "\n  " : " ",
		cli_sgr(&t, verdict_style(verdict)), advice,
		cli_sgr(&t, CLI_RESET));
	const advisor_reason *first = advisor_result_reason(r, 0);
	size_t missing = advisor_result_missing_count(r);
	int incoming = advisor_result_direction(r) == ADVISOR_INCOMING;
	if (advisor_result_below_threshold(r) && (!first || first->score > 0)) {
		/* No rule says why not: the reasons for are not enough, and
		 * that is the advice. */
		print_shortfall(r, incoming, "  score", "");
		if (reasons)
			printf("\nFor it:\n");
		for (size_t i = 0; i < reasons; i++)
			print_reason(&t, advisor_result_reason(r, i), "  - ", 0);
		if (missing)
			printf("\nMissing:\n");
		print_missing(&t, r);
	} else {
		if (reasons)
			print_reason(&t, first, "  ", 1);
		if (reasons > 1) {
			printf("\nAlso (score %.1f in all):\n", advisor_result_score(r));
			for (size_t i = 1; i < reasons; i++)
				print_reason(&t, advisor_result_reason(r, i), "  - ", 0);
		}
		if (advisor_result_below_threshold(r)) {
			printf("\n");
			print_shortfall(r, incoming, "Score", missing ? "; missing:" : ".");
			print_missing(&t, r);
		}
	}
	print_invitation(&t, net, id);
	size_t suggestions = advisor_result_suggestion_count(r);
	if (suggestions) {
		printf("\nSuggested fact%s, not recorded (run the command if it is true):\n",
			suggestions > 1 ? "s" : "");
		for (size_t i = 0; i < suggestions; i++)
			cli_print_suggestion(&t, r, i, 2, "-");
	}
	if (note)
		printf("\nNote, ready to copy:\n%s%s%s\n", cli_sgr(&t, CLI_CYAN),
			note, cli_sgr(&t, CLI_RESET));
	/* The month's notes spent (the same limits as `advisor plan`): the
	 * note is still the best invitation, but LinkedIn will not send it. */
	if (note && limits && limits->notes_left == 0 && !incoming) {
		char text[400];
		snprintf(text, sizeof(text), "This month's personalised notes are "
			"spent (%u of %d): LinkedIn will not let you send this note "
			"before %s. Send the invitation without it, or wait.",
			limits->notes_this_month, limits->notes_a_month,
			limits->notes_reset_on);
		printf("\n");
		cli_wrap(stdout, &t, text, 0, 0);
	}
	size_t drafts = advisor_result_draft_count(r);
	if (drafts == 1)
		printf("\nNo other draft: the policy writes only this note here.\n");
	if (drafts > 1) {
		printf("\nDrafts to choose from (1 is the note above):\n");
		for (size_t i = 0; i < drafts; i++)
			printf("%zu. %s%s%s\n", i + 1, cli_sgr(&t, CLI_CYAN),
				advisor_result_draft(r, i), cli_sgr(&t, CLI_RESET));
	}
	unsigned int limit = advisor_result_no_note_fits(r);
	if (limit) {
		char text[400];
		snprintf(text, sizeof(text), "No note fits the %u-character limit, "
			"not even the shortest greeting: send the invitation without "
			"one, or allow longer notes (--note-limit, or note_limit in "
			"your policy's settings.json) if your LinkedIn account can "
			"send them.", limit);
		printf("\n");
		cli_wrap(stdout, &t, text, 0, 0);
	}
}

static void print_explanation(const advisor_explanation *x)
{
	size_t rules = advisor_explanation_rule_count(x),
		changes = advisor_explanation_what_if_count(x);
	int width = 4;

	for (size_t i = 0; i < rules; i++) {
		int n = (int)strlen(advisor_explanation_rule(x, i)->rule);
		width = n > width ? n : width;
	}
	printf("\nEvery rule:\n");
	for (size_t i = 0; i < rules; i++) {
		const advisor_rule_trace *t = advisor_explanation_rule(x, i);
		printf("  %-*s  %s\n", width, t->rule, t->why);
	}
	if (advisor_result_verdict(advisor_explanation_result(x)) ==
	    ADVISOR_ALREADY_CONNECTED)
		return;
	const char *untried = advisor_explanation_complete(x) ? NULL :
		"(Not every change was tried: together they get one request's "
		"budget, --max-instructions and --time-limit, and it ran out.)\n";
	if (!changes) {
		printf("\nNo single change of intent, direction or fact %s the verdict.\n",
			untried ? "tried changes" : "changes");
		if (untried)
			printf("%s", untried);
		return;
	}
	printf("\nWhat would change the verdict:\n");
	for (size_t i = 0; i < changes; i++) {
		const advisor_what_if *w = advisor_explanation_what_if(x, i);
		printf("  - %s: %s", w->change, advisor_verdict_name(w->verdict));
		if (w->rule)
			printf(" (%s)", w->rule);
		if (w->fact) {
			/* A fact you could record: the command that records it. */
			char *cmd = cli_remember_command(advisor_result_person(
				advisor_explanation_result(x)), w->fact);
			if (cmd)
				printf(" — %s", cmd);
			free(cmd);
		}
		printf("\n");
	}
	if (untried)
		printf("%s", untried);
}

int cmd_advise(int argc, char **argv)
{
	return cli_advise(argc, argv, NULL);
}

/*
 * The advice on an invitation you might send (not on a connection),
 * appended to the data
 * folder's decisions.ndjson when advice is about your own network (the
 * folder's network.json: no --network, no $ADVISOR_NETWORK) and the
 * policy's decision_log is on: what outcomes are told from later.  A log
 * that cannot be written is said on stderr; the advice stands.
 */
static void log_decision(const cli_options *o, const advisor_engine *engine,
	const advisor_result *r, const char *as_of)
{
	char net[4096], log[4096];
	const char *env = getenv("ADVISOR_NETWORK");
	struct stat st;
	advisor_error err;
	int on = 0;

	if (o->network || (env && *env) ||
	    advisor_result_direction(r) != ADVISOR_OUTGOING ||
	    advisor_result_verdict(r) == ADVISOR_ALREADY_CONNECTED ||
	    advisor_result_transient(r) ||
	    advisor_engine_setting_boolean(&on, engine, "decision_log", &err) < 0 ||
	    !on || cli_data_file(net, sizeof(net), "network.json") < 0 ||
	    stat(net, &st) < 0 ||
	    cli_data_file(log, sizeof(log), "decisions.ndjson") < 0)
		return;
	if (advisor_result_log(r, as_of, log, &err) < 0)
		fprintf(stderr, "advisor: warning: %s (the advice above stands; "
			"decision_log: false in your settings.json keeps no log)\n",
			err.message);
}

int cli_advise(int argc, char **argv, const cli_lent *lent)
{
	cli_options o;
	const char *as_of = NULL, *person = NULL;
	const char **intents = NULL;
	size_t intent_count = 0;
	int json = 0, explain = 0, c, status = EXIT_OK, inline_given = 0;
	const char *given[INLINE_COUNT] = { NULL };
	advisor_direction direction = ADVISOR_DIRECTION_AUTO;
	unsigned long drafts = 1;
	advisor_network *net = NULL;
	advisor_engine *engine = NULL;
	advisor_result *result = NULL;
	advisor_explanation *x = NULL;
	advisor_error err;

	/* Room for every argument, so no option needs a reallocation. */
	intents = calloc((size_t)argc + 1, sizeof(char *));
	if (cli_options_begin(&o, argc) < 0 || !intents) {
		cli_error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	while ((c = cli_next_option(&o, argc, argv, "n:i:p:h", options)) != -1) {
		if (c == CLI_BAD_VALUE) {
			status = EXIT_USAGE;
			goto done;
		}
		if (c >= OPT_INLINE && c < OPT_INLINE + (int)INLINE_COUNT) {
			given[c - OPT_INLINE] = optarg;
			inline_given = 1;
			continue;
		}
		switch (c) {
		case 'i': intents[intent_count++] = optarg; break;
		case OPT_INCOMING:
		case OPT_OUTGOING:
			if (direction != ADVISOR_DIRECTION_AUTO &&
			    direction != (c == OPT_INCOMING ? ADVISOR_INCOMING : ADVISOR_OUTGOING)) {
				cli_error("advise: --incoming and --outgoing ask opposite "
					"questions; give one");
				status = EXIT_USAGE;
				goto done;
			}
			direction = c == OPT_INCOMING ? ADVISOR_INCOMING : ADVISOR_OUTGOING;
			break;
		case OPT_AS_OF: as_of = optarg; break;
		case OPT_JSON: json = 1; break;
		case OPT_EXPLAIN: explain = 1; break;
		case OPT_DRAFTS:
			if (cli_parse_uint(optarg, 1, ADVISOR_MAX_DRAFTS, &drafts) < 0) {
				cli_error("--drafts: '%s' is not a number of drafts from 1 to %d",
					optarg, ADVISOR_MAX_DRAFTS);
				status = EXIT_USAGE;
				goto done;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("advise", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (inline_given && !given[0]) {
		for (size_t i = 1; i < INLINE_COUNT; i++)
			if (given[i]) {
				cli_error("advise: --%s describes a person given inline: "
					"give their --name too", inline_options[i]);
				break;
			}
		status = EXIT_USAGE;
		goto done;
	}
	if (inline_given && optind < argc) {
		cli_error("advise: '%s' or --name '%s': one person at a time",
			argv[optind], given[0]);
		status = EXIT_USAGE;
		goto done;
	}
	if (!inline_given && optind == argc) {
		cli_error("advise: which person? Give an id or a name, e.g. 'advisor advise priya'");
		status = EXIT_USAGE;
		goto done;
	}
	if (argc - optind > 1) {
		cli_error("advise: one person at a time; got '%s' and '%s'",
			argv[optind], argv[optind + 1]);
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = cli_open_lent(&o, lent, &net, &engine, 1)) != EXIT_OK)
		goto done;
	if (!inline_given &&
	    (status = cli_person(net, argv[optind], &person)) != EXIT_OK)
		goto done;

	advisor_inline_person profile = ADVISOR_INLINE_PERSON_INIT;
	profile.name = given[0];
	profile.headline = given[1];
	profile.company = given[2];
	profile.title = given[3];
	profile.location = given[4];
	profile.industry = given[5];
	profile.profile_url = given[6];
	advisor_request req = ADVISOR_REQUEST_INIT;
	req.person = person;
	req.inline_person = inline_given ? &profile : NULL;
	req.direction = direction;
	req.intents = intents;
	req.intent_count = intent_count;
	req.as_of = as_of;
	req.drafts = (unsigned int)drafts;
	int rc = explain ? advisor_explain(&x, engine, net, &req, &err)
		: advisor_advise(&result, engine, net, &req, &err);
	if (rc != ADVISOR_OK) {
		cli_report(&err);
		status = cli_exit_code(rc);
		goto done;
	}
	const advisor_result *shown = x ? advisor_explanation_result(x) : result;
	if (!lent)
		log_decision(&o, engine, shown, as_of);

	if (json) {
		char *text;
		if ((rc = x ? advisor_explanation_to_json(&text, x, &err)
			    : advisor_result_to_json(&text, result, &err)) < 0) {
			cli_report(&err);
			status = cli_exit_code(rc);
			goto done;
		}
		puts(text);
		advisor_string_free(text);
	} else {
		const char *name = advisor_network_person_name(net,
			advisor_result_person(shown));
		/* Only for an invitation you would send with a note; the
		 * limits need the policy's plan, and a layer may lack one. */
		advisor_limits *limits = NULL;
		if (advisor_result_note(shown) && !advisor_result_transient(shown) &&
		    advisor_result_direction(shown) == ADVISOR_OUTGOING)
			advisor_limits_new(&limits, engine, net, as_of, NULL);
		print_human(shown, name ? name : given[0], net, limits);
		advisor_limits_free(limits);
		if (x)
			print_explanation(x);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the result to standard output");
		status = EXIT_INTERNAL;
	}
done:
	advisor_result_free(result);
	advisor_explanation_free(x);
	if (!lent) {
		advisor_engine_free(engine);
		advisor_network_free(net);
	}
	free(intents);
	free(o.layers);
	return status;
}
