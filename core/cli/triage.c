/*
 * triage.c - `advisor triage`: advice on every invitation still waiting,
 * those to you first (accept or not), then yours (keep or withdraw), as a
 * table for people or NDJSON for programs.
 */
#include <getopt.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: advisor triage [--network FILE] [options]\n"
"\n"
"Advice on every pending invitation in the network (after 'advisor import\n"
"linkedin'): invitations to you first - accept or not - then yours still\n"
"waiting - keep them or withdraw them - each group newest first, with the\n"
"reason that decided, the message that came with it, and the facts it\n"
"suggests recording, each with its 'advisor remember' command.  The same\n"
"policy as 'advisor advise'.\n"
"\n"
"Options:\n"
"  -n, --network FILE   the network file; default $ADVISOR_NETWORK, else\n"
"                       the data folder's network.json\n"
"      --as-of DATE     judge as on DATE (YYYY-MM-DD); default today\n"
"  -p, --policy DIR     a policy folder layered over the shipped policy;\n"
"                       repeat to stack layers, the last one highest\n"
"      --note-limit N   the invitation-note limit in characters (default: the policy's)\n"
"      --max-size SIZE  refuse network files larger than SIZE (default 1G)\n"
"      --no-cache       parse the network file even if a snapshot exists\n"
"      --json           one JSON result per line (NDJSON): the result of\n"
"                       'advise --json', with its \"direction\" and \"invited_on\"\n"
CLI_LIMIT_HELP
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 advice on every pending invitation (or none pending), 2 usage\n"
"error, 3 bad network file, 4 policy failure, 6 some invitations could not\n"
"be advised on (each has an error line), 1 internal error.\n";

static const struct option options[] = {
	{ "network", required_argument, NULL, 'n' },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "policy", required_argument, NULL, 'p' },
	{ "note-limit", required_argument, NULL, OPT_NOTE_LIMIT },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "json", no_argument, NULL, OPT_JSON },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

typedef struct pending {
	const char *id;
	advisor_direction direction;
	char date[ADVISOR_DATE_MAX];
} pending;

/* Incoming first; newest first; then by id, so the order is the same
 * every time. */
static int by_triage(const void *a, const void *b)
{
	const pending *x = a, *y = b;
	int c;
	if (x->direction != y->direction)
		return x->direction == ADVISOR_INCOMING ? -1 : 1;
	if ((c = strcmp(y->date, x->date)))
		return c;
	return strcmp(x->id, y->id);
}

/* What to do about the invitation, in words: the result's verdict, for
 * the direction it answers (withdrawing yours, the policy's advice too). */
static const char *action(const advisor_result *r)
{
	int in = advisor_result_direction(r) == ADVISOR_INCOMING;
	switch (advisor_result_verdict(r)) {
	case ADVISOR_CONNECT:
	case ADVISOR_CONNECT_WITH_NOTE: return in ? "accept" : "keep it";
	case ADVISOR_WAIT: return in ? "wait" : "withdraw for now";
	case ADVISOR_DONT_CONNECT: return in ? "ignore" : "withdraw";
	case ADVISOR_ALREADY_CONNECTED: return "already connected";
	case ADVISOR_INVITED:
		return advisor_result_withdraw(r) ? "withdraw" : "keep waiting";
	default: break;
	}
	return "?";
}

static void print_heading(const cli_term *t, const char *title, size_t n)
{
	printf("%s%s (%zu)%s\n", cli_sgr(t, CLI_BOLD), title, n,
		cli_sgr(t, CLI_RESET));
}

/* The table's columns: a name wide enough for the longest shown (at most
 * NAME_MAX_COLS), the date, the action, then the reason, which wraps
 * inside its own column; on a terminal too narrow for that, the reason
 * goes on the lines below instead. */
#define NAME_MAX_COLS 32
#define ACTION_COLS 18 /* "withdraw for now" and two spaces */
#define REASON_MIN_COLS 30

typedef struct layout {
	int name_cols;
	int reason_col;     /* where the reason starts; 4 below the row */
	int reason_below;
} layout;

/* "Name", or "Name (id)" when another pending invitation's person has the
 * same name, into buf. */
static const char *shown_name(char *buf, size_t size,
	const advisor_network *net, const pending *list, size_t n, size_t i)
{
	const char *name = advisor_network_person_name(net, list[i].id);
	if (!name)
		return list[i].id;
	for (size_t k = 0; k < n; k++) {
		const char *other = k == i ? NULL
			: advisor_network_person_name(net, list[k].id);
		if (other && strcmp(other, name) == 0) {
			snprintf(buf, size, "%s (%s)", name, list[i].id);
			return buf;
		}
	}
	return name;
}

static layout plan_table(const cli_term *t, const advisor_network *net,
	const pending *list, size_t n)
{
	layout l = { 4, 0, 0 };
	char buf[600];

	for (size_t i = 0; i < n; i++) {
		int w = cli_columns(shown_name(buf, sizeof(buf), net, list, n, i));
		if (w > l.name_cols)
			l.name_cols = w;
	}
	if (l.name_cols > NAME_MAX_COLS)
		l.name_cols = NAME_MAX_COLS;
	l.reason_col = 2 + l.name_cols + 2 + 10 + 2 + ACTION_COLS;
	if (t->width - 1 - l.reason_col < REASON_MIN_COLS) {
		l.reason_below = 1;
		l.reason_col = 4;
	}
	return l;
}

/* The invitation's message, quoted on one line (cli_flatten), under the
 * reason in its column: what the person wrote is half of the decision. */
static void print_message(const cli_term *t, const layout *l,
	const char *message)
{
	char flat[1024], quoted[1100];

	if (!message || !cli_flatten(flat, sizeof(flat), message))
		return;
	snprintf(quoted, sizeof(quoted), "\xE2\x80\x9C%s\xE2\x80\x9D", flat);
	printf("%*s%s", l->reason_col, "", cli_sgr(t, CLI_DIM));
	cli_wrap(stdout, t, quoted, l->reason_col, l->reason_col);
	fputs(cli_sgr(t, CLI_RESET), stdout);
}

static void print_row(const cli_term *t, const layout *l, const char *name,
	const pending *p, const advisor_result *r, const char *message)
{
	advisor_verdict verdict = advisor_result_verdict(r);
	const advisor_reason *first = advisor_result_reason(r, 0);
	const char *act = action(r);
	cli_style colour = verdict == ADVISOR_CONNECT ||
		verdict == ADVISOR_CONNECT_WITH_NOTE ? CLI_GREEN :
		verdict == ADVISOR_WAIT ? CLI_YELLOW :
		verdict == ADVISOR_INVITED && !advisor_result_withdraw(r) ? CLI_GREEN
		: CLI_RED;
	char why[1200];

	fputs("  ", stdout);
	cli_cell(stdout, name, l->name_cols);
	printf("  %-10s  %s", p->date, cli_sgr(t, colour));
	if (l->reason_below)
		fputs(act, stdout);
	else
		cli_cell(stdout, act, ACTION_COLS);
	fputs(cli_sgr(t, CLI_RESET), stdout);
	if (first)
		snprintf(why, sizeof(why), "%s: %s", first->rule, first->detail);
	else
		snprintf(why, sizeof(why), "%s", advisor_verdict_name(verdict));
	if (l->reason_below) {
		printf("\n%*s", l->reason_col, "");
		cli_wrap(stdout, t, why, l->reason_col, l->reason_col);
	} else {
		cli_wrap(stdout, t, why, l->reason_col, l->reason_col);
	}
	print_message(t, l, message);
	for (size_t i = 0; i < advisor_result_suggestion_count(r); i++)
		cli_print_suggestion(t, r, i, l->reason_col, "suggested:");
}

int cmd_triage(int argc, char **argv)
{
	return cli_triage(argc, argv, NULL);
}

/* Non-zero if s is written as a day, YYYY-MM-DD. */
static int is_day(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	return s[10] == '\0';
}

int cli_triage(int argc, char **argv, const cli_lent *lent)
{
	cli_options o;
	const char *as_of = NULL;
	int json = 0, c, status = EXIT_OK, failed = 0;
	advisor_network *net = NULL;
	advisor_engine *engine = NULL;
	pending *list = NULL;
	size_t n = 0, incoming = 0;
	cli_term term;

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
			cli_bad_option("triage", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (optind < argc) {
		cli_error("triage: unexpected argument '%s'; triage takes no person "
			"(it advises on every pending invitation)", argv[optind]);
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = cli_open_lent(&o, lent, &net, &engine, 1)) != EXIT_OK)
		goto done;

	size_t people = advisor_network_person_count(net);
	if (!(list = calloc(people ? people : 1, sizeof(*list)))) {
		cli_error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	/* As of a day, not those sent after it (days compare as text; a
	 * malformed --as-of filters nothing, and advise reports it). */
	int by_day = as_of && is_day(as_of);
	for (size_t i = 0; i < people; i++) {
		pending *p = &list[n];
		p->id = advisor_network_person_id(net, i);
		int waiting = 0;
		if (advisor_network_pending_invitation(&waiting, &p->direction,
				p->date, net, p->id, NULL) == ADVISOR_OK && waiting &&
		    !(by_day && strcmp(p->date, as_of) > 0)) {
			incoming += p->direction == ADVISOR_INCOMING;
			n++;
		}
	}
	qsort(list, n, sizeof(*list), by_triage);

	cli_term_init(&term, stdout);
	layout table = plan_table(&term, net, list, n);
	if (!json && n == 0)
		printf("No pending invitations: none to you, none of yours waiting.\n");
	for (size_t i = 0; i < n; i++) {
		const pending *p = &list[i];
		advisor_request req = ADVISOR_REQUEST_INIT;
		advisor_result *r = NULL;
		advisor_error err;
		char *text = NULL;

		if (!json && (i == 0 || (i == incoming && incoming > 0))) {
			if (i > 0)
				putchar('\n');
			if (p->direction == ADVISOR_INCOMING)
				print_heading(&term, "Invitations to you, accept or not",
					incoming);
			else
				print_heading(&term, "Your invitations still waiting",
					n - incoming);
		}
		req.person = p->id;
		req.direction = p->direction;
		req.as_of = as_of;
		int rc = advisor_advise(&r, engine, net, &req, &err);
		if (rc == ADVISOR_EINVAL || rc == ADVISOR_EPOLICY ||
		    rc == ADVISOR_ELIMIT || rc == ADVISOR_ENOMEM) {
			if (rc == ADVISOR_EINVAL || rc == ADVISOR_ENOMEM) {
				/* A bad --as-of, or no memory: the same for everyone. */
				cli_report(&err);
				status = cli_exit_code(rc);
				goto done;
			}
		}
		if (rc < 0) {
			failed++;
			if (json) {
				/* Through cJSON: an id may hold quotes. */
				cJSON *obj = cJSON_CreateObject();
				char *line = NULL;
				if (obj && cJSON_AddStringToObject(obj, "person", p->id) &&
				    cJSON_AddStringToObject(obj, "error", err.message))
					line = cJSON_PrintUnformatted(obj);
				puts(line ? line : "{\"error\":\"out of memory\"}");
				cJSON_free(line);
				cJSON_Delete(obj);
			} else {
				printf("  %s: cannot advise: %s\n", p->id, err.message);
			}
			continue;
		}
		if (json) {
			if ((rc = advisor_result_to_json(&text, r, &err)) < 0) {
				advisor_result_free(r);
				cli_report(&err);
				status = cli_exit_code(rc);
				goto done;
			}
			puts(text);
			advisor_string_free(text);
		} else {
			char buf[600];
			const char *message = NULL;
			advisor_network_invitation_message(&message, net, p->id, NULL);
			print_row(&term, &table,
				shown_name(buf, sizeof(buf), net, list, n, i), p, r,
				message);
		}
		advisor_result_free(r);
	}
	/* The same limits as `advisor plan`'s, for what to send next; a
	 * layer without a plan has none to say. */
	advisor_limits *limits = NULL;
	if (!json && advisor_limits_new(&limits, engine, net, as_of, NULL) ==
	    ADVISOR_OK) {
		char text[600], notes[200];
		if (limits->notes_a_month < 0)
			snprintf(notes, sizeof(notes), "%u notes this month, with no "
				"monthly limit", limits->notes_this_month);
		else
			snprintf(notes, sizeof(notes), "%u of %d notes this month, %d "
				"left", limits->notes_this_month, limits->notes_a_month,
				limits->notes_left);
		snprintf(text, sizeof(text), "Limits: %u of %u invitations sent in "
			"the last seven days, %u left; %s ('advisor plan' proposes "
			"whom to invite).", limits->sent_this_week,
			limits->invitations_a_week, limits->invitations_left, notes);
		putchar('\n');
		cli_wrap(stdout, &term, text, 0, 0);
		advisor_limits_free(limits);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		status = EXIT_INTERNAL;
	} else if (failed) {
		status = EXIT_PARTIAL;
	}
done:
	free(list);
	if (!lent) {
		advisor_engine_free(engine);
		advisor_network_free(net);
	}
	free(o.layers);
	return status;
}
