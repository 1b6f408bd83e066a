/*
 * remember.c - `advisor remember PERSON TYPE [fields]` records a fact the
 * export does not know (how you met, a job together, an ex, an
 * introduction, an interview) in the data folder's annotations.json, and
 * `advisor forget PERSON TYPE [--date DATE | --index N]` removes one.
 *
 * annotations.json is the network format (docs/data-format.md), people
 * matched by id, edited through the library's annotation store and merged
 * over base.json into network.json by the data folder's commit, under the
 * folder's lock.  A new fact is checked by that merge (the network
 * loader), so a bad value is reported, with the valid values, by the same
 * code that reads networks; nothing is written then.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char remember_usage[] =
"usage: advisor remember PERSON TYPE [options]\n"
"       advisor remember PERSON knows OTHER\n"
"\n"
"Record a fact about PERSON in your data folder (annotations.json), merged\n"
"over every import.  TYPE and its options (the event types of the network\n"
"format, docs/data-format.md):\n"
"  met              --date DATE [--context TEXT] [--tone TONE]\n"
"  worked_together  --from DATE [--to DATE] [--org ORG] [--relation REL]\n"
"                   [--ending END] [--reason TEXT]\n"
"  personal         --date DATE --relation REL [--ending END]\n"
"  introduced       --by PERSON --date DATE [--note TEXT]\n"
"  interview        --date DATE --role ROLE --status STATUS\n""  knows OTHER      PERSON and OTHER know each other (neither is you):\n"
"                   mutual connections and paths see it\n"
"\n"
"      --date DATE      YYYY-MM-DD, YYYY-MM or YYYY\n"
"      --context TEXT   where or how you met\n"
"      --tone TONE      cordial, neutral, awkward, hostile (default neutral)\n"
"      --from DATE, --to DATE  when you worked together\n"
"      --org ORG        the organisation\n"
"      --relation REL   worked_together: boss, report, peer, client,\n"
"                       employer; personal: ex, friend, family\n"
"      --ending END     good, neutral, bad\n"
"      --reason TEXT    fired, laid_off, quit, contract_end, or your words\n"
"      --by PERSON      who introduced you (an id or a name)\n"
"      --note TEXT      a note on the introduction\n"
"      --role ROLE      hiring_manager, interviewer, recruiter\n"
"      --status STATUS  applied, scheduled, done, offer, hired, rejected,\n"
"                       withdrawn\n"
"  -h, --help           show this help\n"
"\n"
"Dates are today's or earlier, but for an interview scheduled ahead (its\n"
"date is when it takes place; the hiring process is open from now on).\n"
"A bad value is refused with the valid ones and nothing is written.\n"
"Exit codes: 0 recorded, 2 usage error or bad value, 3 the data folder\n"
"cannot be read, 5 unknown person, 7 a name that fits several people,\n"
"1 the folder cannot be written.\n";

static const char forget_usage[] =
"usage: advisor forget PERSON TYPE [--date DATE | --index N]\n"
"       advisor forget PERSON knows OTHER\n"
"       advisor forget PERSON sent|withdrew [--date DATE | --index N]\n"
"\n"
"Remove one fact recorded with 'advisor remember', or an invitation\n"
"recorded with 'advisor sent' or 'advisor withdrew'.  With several facts of\n"
"TYPE about PERSON, say which: --date DATE (the fact's date, or its\n"
"'from' for worked_together) or --index N (the Nth, as listed); without\n"
"either they are listed, numbered, and nothing is removed.\n"
"\n"
"      --date DATE  the fact with this date\n"
"      --index N    the Nth fact of TYPE about PERSON (from 1)\n"
"  -h, --help       show this help\n"
"\n"
"Exit codes: 0 removed, 2 usage error, 3 the data folder cannot be read,\n"
"5 no such fact, 7 several facts fit (they are listed), 1 the folder\n"
"cannot be written.\n";

enum { F_DATE = 0, F_CONTEXT, F_TONE, F_FROM, F_TO, F_ORG, F_RELATION,
       F_ENDING, F_REASON, F_BY, F_NOTE, F_ROLE, F_STATUS, F_COUNT };

static const char *const field_names[F_COUNT] = { "date", "context", "tone",
	"from", "to", "org", "relation", "ending", "reason", "by", "note",
	"role", "status" };

static const struct option remember_options[] = {
	{ "date", required_argument, NULL, 256 + F_DATE },
	{ "context", required_argument, NULL, 256 + F_CONTEXT },
	{ "tone", required_argument, NULL, 256 + F_TONE },
	{ "from", required_argument, NULL, 256 + F_FROM },
	{ "to", required_argument, NULL, 256 + F_TO },
	{ "org", required_argument, NULL, 256 + F_ORG },
	{ "relation", required_argument, NULL, 256 + F_RELATION },
	{ "ending", required_argument, NULL, 256 + F_ENDING },
	{ "reason", required_argument, NULL, 256 + F_REASON },
	{ "by", required_argument, NULL, 256 + F_BY },
	{ "note", required_argument, NULL, 256 + F_NOTE },
	{ "role", required_argument, NULL, 256 + F_ROLE },
	{ "status", required_argument, NULL, 256 + F_STATUS },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct option forget_options[] = {
	{ "date", required_argument, NULL, 'd' },
	{ "index", required_argument, NULL, 'i' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The types remember records, and the fields each takes. */
static const struct {
	const char *type;
	unsigned int fields;   /* bits: 1u << F_... */
} types[] = {
	{ "met", 1u << F_DATE | 1u << F_CONTEXT | 1u << F_TONE },
	{ "worked_together", 1u << F_FROM | 1u << F_TO | 1u << F_ORG |
		1u << F_RELATION | 1u << F_ENDING | 1u << F_REASON },
	{ "personal", 1u << F_DATE | 1u << F_RELATION | 1u << F_ENDING },
	{ "introduced", 1u << F_BY | 1u << F_DATE | 1u << F_NOTE },
	{ "interview", 1u << F_DATE | 1u << F_ROLE | 1u << F_STATUS },
};
#define TYPE_COUNT (sizeof(types) / sizeof(types[0]))

static int find_type(const char *cmd, const char *type)
{
	for (size_t i = 0; i < TYPE_COUNT; i++)
		if (strcmp(types[i].type, type) == 0)
			return (int)i;
	if (strcmp(type, "knows") == 0)
		cli_error("%s: knows takes the other person: 'advisor %s PERSON "
			"knows OTHER'", cmd, cmd);
	else
		cli_error("%s: unknown fact type '%s'; expected one of met, "
			"worked_together, personal, introduced, interview, or knows "
			"OTHER%s", cmd, type, strcmp(cmd, "forget") == 0 ?
			" (or sent, withdrew)" : "");
	return -1;
}

/* A fact's fields, for describe(): the event being recorded, or one of
 * the annotations. */
typedef struct fact {
	const advisor_annotations *notes;   /* NULL: the values below */
	const char *id;
	size_t index;
	const char *type;
	const char *const *val;             /* F_COUNT values, by field_names */
} fact;

static const char *str(const fact *ev, const char *key)
{
	if (ev->notes)
		return advisor_annotations_event_string(ev->notes, ev->id,
			ev->index, key);
	if (strcmp(key, "type") == 0)
		return ev->type;
	for (int i = 0; i < F_COUNT; i++)
		if (strcmp(key, field_names[i]) == 0)
			return ev->val[i];
	return NULL;
}

/* " in May 2019", " on 3 May 2019", " in 2019" (prefix pre) into buf. */
static void say_date(char *buf, size_t size, const char *pre, const char *d)
{
	static const char *const months[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	int y, m, day;
	size_t len = d ? strlen(d) : 0;

	buf[0] = '\0';
	if (!d)
		return;
	if (len == 10 && sscanf(d, "%4d-%2d-%2d", &y, &m, &day) == 3 &&
	    m >= 1 && m <= 12)
		snprintf(buf, size, " %s %d %s %d", strcmp(pre, "in") == 0 ?
			"on" : pre, day, months[m - 1], y);
	else if (len == 7 && sscanf(d, "%4d-%2d", &y, &m) == 2 &&
		 m >= 1 && m <= 12)
		snprintf(buf, size, " %s %s %d", pre, months[m - 1], y);
	else
		snprintf(buf, size, " %s %s", pre, d);
}

/* A value as written, in words: "laid_off" -> "laid off" (into buf). */
static const char *words(char *buf, size_t size, const char *v)
{
	size_t i = 0;

	for (; v && v[i] && i + 1 < size; i++)
		buf[i] = v[i] == '_' ? ' ' : v[i];
	buf[i] = '\0';
	return buf;
}

/* The first of names[] (pairs: value, words; NULL-terminated) whose value
 * is v, or v itself in words. */
static const char *say(char *buf, size_t size, const char *const *names,
	const char *v)
{
	for (size_t i = 0; names[i]; i += 2)
		if (strcmp(names[i], v) == 0)
			return names[i + 1];
	return words(buf, size, v);
}

/* Where you met, read as a place ("at PyCon 2019") unless it already says
 * how ("through a friend", "on a flight to Tokyo"). */
static const char *met_where(const char *ctx)
{
	static const char *const how[] = { "at ", "in ", "on ", "through ",
		"via ", "during ", "over ", "by ", "from ", "with ", NULL };

	for (size_t i = 0; how[i]; i++)
		if (strncmp(ctx, how[i], strlen(how[i])) == 0)
			return " ";
	return " at ";
}

/* One line for a fact, in plain words: "you met Priya Natarajan at PyCon
 * 2019 in May 2019, and it was cordial". */
static void describe(char *buf, size_t size, const fact *ev,
	const char *name, const advisor_network *net)
{
	static const char *const relations[] = { "boss", "they were your boss",
		"report", "they reported to you", "peer", "you were peers",
		"client", "they were your client", "employer",
		"they were your employer", NULL };
	static const char *const relations_now[] = { "boss", "they are your boss",
		"report", "they report to you", "peer", "you are peers",
		"client", "they are your client", "employer",
		"they are your employer", NULL };
	static const char *const endings[] = { "good", "it ended well",
		"neutral", "it ended on neutral terms", "bad", "it ended badly",
		NULL };
	static const char *const personal[] = { "ex", "is your ex", "friend",
		"is a friend of yours", "family", "is family", NULL };
	static const char *const roles[] = { "hiring_manager",
		"the hiring manager", "interviewer", "an interviewer", "recruiter",
		"the recruiter", NULL };
	const char *type = str(ev, "type");
	char d1[64], d2[64], w1[256], w2[256], w3[256];

	type = type ? type : "?";
	say_date(d1, sizeof(d1), "in", str(ev, "date"));
	if (strcmp(type, "met") == 0) {
		const char *ctx = str(ev, "context"), *tone = str(ev, "tone");
		snprintf(buf, size, "you met %s%s%s%s%s%s", name,
			ctx ? met_where(ctx) : "", ctx ? ctx : "", d1,
			tone ? ", and it was " : "", tone ? tone : "");
	} else if (strcmp(type, "worked_together") == 0) {
		const char *org = str(ev, "org"), *rel = str(ev, "relation");
		const char *end = str(ev, "ending"), *why = str(ev, "reason");
		const char *to = str(ev, "to");
		say_date(d1, sizeof(d1), to ? "from" : "since", str(ev, "from"));
		say_date(d2, sizeof(d2), "to", to);
		snprintf(buf, size, "you %s with %s%s%s%s%s%s%s%s%s%s%s",
			to ? "worked" : "have worked", name, org ? " at " : "",
			org ? org : "", d1, d2,
			rel ? "; " : "", rel ? say(w1, sizeof(w1),
				to ? relations : relations_now, rel) : "",
			end ? (rel ? ", and " : "; ") : "",
			end ? say(w2, sizeof(w2), endings, end) : "",
			why ? " (" : "", why ? words(w3, sizeof(w3), why) : "");
		if (why)
			snprintf(buf + strlen(buf), size - strlen(buf), ")");
	} else if (strcmp(type, "personal") == 0) {
		const char *rel = str(ev, "relation"), *end = str(ev, "ending");
		/* "your ex from 2015", "a friend of yours since 2012" */
		say_date(d1, sizeof(d1), rel && strcmp(rel, "ex") == 0 ? "from"
			: "since", str(ev, "date"));
		int since = rel && strcmp(rel, "friend") == 0 && str(ev, "date");
		snprintf(buf, size, "%s %s%s%s%s", name, since
			? "has been a friend of yours"
			: rel ? say(w1, sizeof(w1), personal, rel) : "is someone close",
			d1, end ? ", and " : "",
			end ? say(w2, sizeof(w2), endings, end) : "");
	} else if (strcmp(type, "introduced") == 0) {
		const char *by = str(ev, "by"), *note = str(ev, "note");
		const char *by_name = by ? advisor_network_person_name(net, by) : NULL;
		snprintf(buf, size, "%s introduced you to %s%s%s%s%s",
			by_name ? by_name : by ? by : "someone", name, d1,
			note ? ": \"" : "", note ? note : "", note ? "\"" : "");
	} else if (strcmp(type, "interview") == 0) {
		const char *role = str(ev, "role"), *st = str(ev, "status");
		const char *r = role ? say(w1, sizeof(w1), roles, role) : NULL;
		char who[512];
		/* "Ingrid Solberg, the hiring manager," */
		snprintf(who, sizeof(who), "%s%s%s%s", name, r ? ", " : "",
			r ? r : "", r ? "," : "");
		st = st ? st : "";
		if (strcmp(st, "applied") == 0)
			snprintf(buf, size, "you applied%s%s%s%s", d1,
				r ? ", with " : "", r ? name : "", r ? " as " : "");
		else if (strcmp(st, "scheduled") == 0) {
			say_date(d1, sizeof(d1), "for", str(ev, "date"));
			snprintf(buf, size, "your interview with %s is scheduled%s",
				who, d1);
		} else if (strcmp(st, "done") == 0)
			snprintf(buf, size, "you had your interview with %s%s; "
				"the decision is open", who, d1);
		else if (strcmp(st, "offer") == 0)
			snprintf(buf, size, "%s made you an offer%s", who, d1);
		else if (strcmp(st, "hired") == 0)
			snprintf(buf, size, "%s hired you%s", who, d1);
		else if (strcmp(st, "rejected") == 0)
			snprintf(buf, size, "%s turned you down%s", who, d1);
		else if (strcmp(st, "withdrawn") == 0)
			snprintf(buf, size, "you withdrew from the hiring process "
				"with %s%s", who, d1);
		else
			snprintf(buf, size, "an interview with %s%s%s%s", who, d1,
				*st ? ", " : "", words(w2, sizeof(w2), st));
		/* "with Ingrid Solberg as the hiring manager"; a comma that ended
		 * the line goes. */
		if (strcmp(st, "applied") == 0 && r)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s", r);
		size_t n = strlen(buf);
		if (n && buf[n - 1] == ',')
			buf[n - 1] = '\0';
	} else {
		snprintf(buf, size, "%s: %s%s", type, name, d1);
	}
}

/* The loader's error on the merged network (message "the merged network:
 * people[11].events[1].tone: \"warm\" is not a tone; expected one of
 * ...", field "tone") as the option that gave the value ("--tone: \"warm\"
 * is not ..."): the error's field names the option, and what follows its
 * path in the message says what is wrong.  Any other error as it is. */
static void report_bad_value(const advisor_error *err)
{
	const char *at = err->path[0] && strstr(err->path, "].events[")
		? strstr(err->message, err->path) : NULL;
	char key[ADVISOR_ERROR_FIELD_MAX + 4];

	/* The store refusing a fact names the field as "FIELD: why". */
	snprintf(key, sizeof(key), ": %s: ", err->field);
	const char *why = err->field[0] ? strstr(err->message, key) : NULL;
	if (!at && why)
		for (int i = 0; i < F_COUNT; i++)
			if (strcmp(err->field, field_names[i]) == 0) {
				cli_error("remember: --%s: %s", field_names[i],
					why + strlen(key));
				return;
			}

	if (at && strncmp(at + strlen(err->path), ": ", 2) == 0)
		for (int i = 0; i < F_COUNT; i++)
			if (strcmp(err->field, field_names[i]) == 0) {
				cli_error("remember: --%s: %s", field_names[i],
					at + strlen(err->path) + 2);
				return;
			}
	cli_error("remember: %s", err->message);
}

/* A commit's failure: a bad value (the merge refused it) is reported as
 * the option that gave it; an exit code. */
static int commit_failed(const char *cmd, int rc, const advisor_error *err)
{
	if (rc == ADVISOR_EDATA || rc == ADVISOR_EINVAL) {
		if (strcmp(cmd, "remember") == 0)
			report_bad_value(err);
		else
			cli_error("%s: %s", cmd, err->message);
		cli_error("%s: nothing %s", cmd, strcmp(cmd, "remember") == 0 ?
			"recorded" : "forgotten");
		return EXIT_USAGE;
	}
	cli_error("%s", err->message);
	return EXIT_INTERNAL;
}

/* A scheduled interview dated after the interview news just recorded
 * (the one cancelled, or the rejection that came first) is still the
 * latest news of the process, which it keeps open (job_pending): say so,
 * and how to forget it.  ISO
 * dates compare as text; a partial one sorts first, as its first day. */
static void still_scheduled(const advisor_annotations *notes, const char *id,
	const char *name, const char *const *val)
{
	const char *date = val[F_DATE], *st = val[F_STATUS];
	size_t count = advisor_annotations_event_count(notes, id);

	if (!date || !st || strcmp(st, "scheduled") == 0)
		return;
	for (size_t i = 0; i < count; i++) {
		const char *et = advisor_annotations_event_string(notes, id, i, "type");
		const char *es = advisor_annotations_event_string(notes, id, i, "status");
		const char *ed = advisor_annotations_event_string(notes, id, i, "date");
		if (!et || strcmp(et, "interview") != 0 || !es ||
		    strcmp(es, "scheduled") != 0 || !ed || strcmp(ed, date) <= 0)
			continue;
		char when[64];
		say_date(when, sizeof(when), "for", ed);
		printf("Still recorded: your interview with %s scheduled%s, which "
			"keeps the hiring process open; if it will not take place: "
			"advisor forget %s interview --date %s\n", name, when, id, ed);
	}
}

int cmd_remember(int argc, char **argv)
{
	const char *val[F_COUNT] = { 0 };
	advisor_network *net = NULL;
	advisor_annotations *notes = NULL;
	advisor_fields *fields = NULL;
	advisor_import_options io = ADVISOR_IMPORT_OPTIONS_INIT;
	advisor_error err;
	const char *id, *by = NULL;
	cli_data f = { .data = NULL };
	int c, t, status, rc, added = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", remember_options, NULL)) != -1) {
		if (c >= 256 && c < 256 + F_COUNT) {
			val[c - 256] = optarg;
			continue;
		}
		if (c == 'h') {
			fputs(remember_usage, stdout);
			return EXIT_OK;
		}
		cli_bad_option("remember", argv, c);
		return EXIT_USAGE;
	}
	if (argc - optind == 3 && strcmp(argv[optind + 1], "knows") == 0) {
		for (int i = 0; i < F_COUNT; i++)
			if (val[i]) {
				cli_error("remember: --%s does not apply to knows; see "
					"'advisor remember --help'", field_names[i]);
				return EXIT_USAGE;
			}
		return cli_knows("remember", argv[optind], argv[optind + 2], 1);
	}
	if (argc - optind != 2) {
		cli_error("remember: give PERSON and TYPE, e.g. 'advisor remember "
			"priya met --date 2019-05 --context \"PyCon 2019\"'");
		return EXIT_USAGE;
	}
	if ((t = find_type("remember", argv[optind + 1])) < 0)
		return EXIT_USAGE;
	for (int i = 0; i < F_COUNT; i++)
		if (val[i] && !(types[t].fields & 1u << i)) {
			cli_error("remember: --%s does not apply to %s; see "
				"'advisor remember --help'", field_names[i],
				types[t].type);
			return EXIT_USAGE;
		}
	if ((status = cli_data_open("remember", &f)) != EXIT_OK)
		goto out;
	if ((status = cli_data_network(&f, &net)) != EXIT_OK)
		goto out;
	if ((status = cli_person(net, argv[optind], &id)) != EXIT_OK)
		goto out;
	const char *name = advisor_network_person_name(net, id);
	if (!name || strcmp(id, advisor_network_me(net)) == 0) {
		cli_error("remember: %s", !name ? "no such person in your network; "
			"'advisor find TEXT' looks for them" :
			"that is you; facts are about other people");
		status = name ? EXIT_USAGE : EXIT_NOTFOUND;
		goto out;
	}
	if (val[F_BY] && (status = cli_person(net, val[F_BY], &by)) != EXIT_OK)
		goto out;
	val[F_BY] = by;

	/* The event, added to the annotations: the same fact twice is one
	 * fact, said so, and nothing is written. */
	status = EXIT_INTERNAL;
	if (advisor_fields_new(&fields, &err) < 0)
		goto fail;
	for (int i = 0; i < F_COUNT; i++)
		if (val[i] && advisor_fields_set_string(fields, field_names[i],
				val[i], &err) < 0) {
			cli_error("remember: --%s: %s", field_names[i], err.message);
			status = EXIT_USAGE;
			goto out;
		}
	if ((status = cli_data_notes(&f, &notes)) != EXIT_OK)
		goto out;
	if ((rc = advisor_annotations_add_event(&added, notes, id, NULL,
			types[t].type, fields, &err)) < 0) {
		if (rc == ADVISOR_EINVAL) {
			report_bad_value(&err);
			cli_error("remember: nothing recorded");
			status = EXIT_USAGE;
			goto out;
		}
		status = cli_exit_code(rc);
		goto fail;
	}
	char line[1024];
	fact ev = { NULL, NULL, 0, types[t].type, val };
	describe(line, sizeof(line), &ev, name, net);
	if (!added) {
		printf("Already recorded: %s\n", line);
		status = EXIT_OK;
		goto out;
	}
	/* The network loader reads the merge, and says what is wrong with a
	 * value and what the valid ones are; only then is anything written,
	 * annotations.json and network.json together. */
	io.warning = cli_commit_warning;
	if ((rc = advisor_folder_commit(f.data, NULL, 0, notes, &io, NULL,
			&err)) < 0) {
		status = commit_failed("remember", rc, &err);
		goto out;
	}
	printf("Recorded: %s\n", line);
	if (strcmp(types[t].type, "interview") == 0)
		still_scheduled(notes, id, name, val);
	status = EXIT_OK;
	goto out;
fail:
	cli_error("%s", err.message);
out:
	advisor_fields_free(fields);
	advisor_annotations_free(notes);
	advisor_network_free(net);
	cli_data_free(&f);
	return status;
}

/* The fact's date for --date: its "date", or "from" for worked_together. */
static const char *fact_date(const fact *ev)
{
	const char *d = str(ev, "date");
	return d ? d : str(ev, "from");
}

static void list_facts(const advisor_annotations *notes, const char *id,
	const char *type, const char *name, const advisor_network *net)
{
	size_t count = advisor_annotations_event_count(notes, id);
	char line[1024];
	int n = 0;

	for (size_t i = 0; i < count; i++) {
		fact ev = { notes, id, i, NULL, NULL };
		const char *et = str(&ev, "type");
		if (!et || strcmp(et, type) != 0)
			continue;
		describe(line, sizeof(line), &ev, name, net);
		const char *d = fact_date(&ev);
		fprintf(stderr, "  %d. %s%s%s%s\n", ++n, line, d ? " [" : "",
			d ? d : "", d ? "]" : "");
	}
}

int cmd_forget(int argc, char **argv)
{
	const char *date = NULL, *id;
	unsigned long index = 0;
	advisor_network *net = NULL;
	advisor_annotations *notes = NULL;
	advisor_import_options io = ADVISOR_IMPORT_OPTIONS_INIT;
	advisor_error err;
	cli_data f = { .data = NULL };
	int c, status, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", forget_options, NULL)) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 'i':
			if (cli_parse_uint(optarg, 1, 1000000, &index) < 0) {
				cli_error("forget: --index: '%s' is not a number "
					"from 1", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			fputs(forget_usage, stdout);
			return EXIT_OK;
		default:
			cli_bad_option("forget", argv, c);
			return EXIT_USAGE;
		}
	}
	if (argc - optind == 3 && strcmp(argv[optind + 1], "knows") == 0) {
		if (date || index) {
			cli_error("forget: --%s does not apply to knows", date ? "date"
				: "index");
			return EXIT_USAGE;
		}
		return cli_knows("forget", argv[optind], argv[optind + 2], 0);
	}
	if (argc - optind != 2) {
		cli_error("forget: give PERSON and TYPE, e.g. 'advisor forget "
			"priya met --date 2019-05'");
		return EXIT_USAGE;
	}
	if (date && index) {
		cli_error("forget: --date or --index, not both");
		return EXIT_USAGE;
	}
	const char *type = argv[optind + 1];
	if (strcmp(type, "sent") == 0 || strcmp(type, "withdrew") == 0)
		return cli_forget_recorded(type, argv[optind], date, index);
	if (find_type("forget", type) < 0)
		return EXIT_USAGE;
	if ((status = cli_data_open("forget", &f)) != EXIT_OK)
		goto out;
	if ((status = cli_data_network(&f, &net)) != EXIT_OK)
		goto out;
	if ((status = cli_person(net, argv[optind], &id)) != EXIT_OK)
		goto out;
	const char *name = advisor_network_person_name(net, id);
	if (!name)
		name = id;
	if ((status = cli_data_notes(&f, &notes)) != EXIT_OK)
		goto out;
	size_t count = advisor_annotations_event_count(notes, id), hit = 0;
	int n = 0, fits = 0;
	for (size_t i = 0; i < count; i++) {
		fact ev = { notes, id, i, NULL, NULL };
		const char *et = str(&ev, "type");
		if (!et || strcmp(et, type) != 0)
			continue;
		n++;
		const char *d = fact_date(&ev);
		if ((index && (unsigned long)n == index) ||
		    (date && d && strcmp(d, date) == 0) || (!index && !date)) {
			hit = i;
			fits++;
		}
	}
	if (fits == 0) {
		if (n == 0) {
			cli_error("forget: no %s fact recorded about %s (%s)", type,
				name, f.notes);
		} else {
			if (index)
				cli_error("forget: no %s fact number %lu about %s; "
					"there %s %d:", type, index, name,
					n == 1 ? "is" : "are", n);
			else
				cli_error("forget: no %s fact about %s dated %s; "
					"recorded:", type, name, date);
			list_facts(notes, id, type, name, net);
		}
		status = EXIT_NOTFOUND;
		goto out;
	}
	if (fits > 1) {
		cli_error("forget: %d %s facts about %s%s%s; say which with "
			"--index N or --date DATE:", fits, type, name,
			date ? " dated " : "", date ? date : "");
		list_facts(notes, id, type, name, net);
		status = EXIT_AMBIGUOUS;
		goto out;
	}
	char line[1024];
	fact ev = { notes, id, hit, NULL, NULL };
	describe(line, sizeof(line), &ev, name, net);
	/* A person left with nothing but an id goes too. */
	if ((rc = advisor_annotations_remove_event(notes, id, hit, &err)) < 0) {
		cli_error("%s", err.message);
		status = cli_exit_code(rc);
		goto out;
	}
	io.warning = cli_commit_warning;
	if ((rc = advisor_folder_commit(f.data, NULL, 0, notes, &io, NULL,
			&err)) < 0) {
		status = commit_failed("forget", rc, &err);
		goto out;
	}
	printf("Forgotten: %s\n", line);
	status = EXIT_OK;
out:
	advisor_annotations_free(notes);
	advisor_network_free(net);
	cli_data_free(&f);
	return status;
}
