/*
 * sent.c - `advisor sent PERSON [--note]` and `advisor withdrew PERSON`
 * record what you did on LinkedIn between exports, and `advisor forget
 * PERSON sent|withdrew` takes it back.
 *
 * Both are invitation events in the data folder's annotations.json,
 * merged over every import like any fact (docs/data-format.md,
 * "Invitations you record"): sent is an outgoing invitation dated the day
 * you sent it ("recorded": "sent", "with_note": true with --note), which
 * the next export's own listing of it absorbs; withdrew is one dated the
 * day you withdrew yours ("status": "withdrawn", "recorded": "withdrew",
 * "invited_on": the day of the invitation withdrawn).  So advice sees an
 * invitation just sent as waiting (invited), and one just withdrawn as the
 * start of the re-invite block.  Within that block (the policy's
 * reinvite_block_days after the withdrawal) LinkedIn refuses a new
 * invitation, so sent refuses to record one unless --force.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char sent_usage[] =
"usage: advisor sent PERSON [--note] [--date DATE] [--force]\n"
"\n"
"Record that you sent PERSON an invitation to connect (on LinkedIn), so\n"
"that advice sees it waiting before your next export does: advise then\n"
"says invited, not connect.  The next export that lists the invitation\n"
"takes it over (what you recorded, such as --note, is kept on it).\n"
"\n"
"      --note       the invitation carried a personal note\n"
"      --date DATE  the day you sent it (YYYY-MM-DD; default today)\n"
"      --force      record it even within the re-invite block\n"
"  -h, --help       show this help\n"
"\n"
"Within the re-invite block (reinvite_block_days, 21 by default, after a\n"
"withdrawal you recorded with 'advisor withdrew') LinkedIn refuses the\n"
"invitation, so nothing is recorded unless --force is given.\n"
"'advisor forget PERSON sent' removes the record.\n"
"Exit codes: 0 recorded, 2 usage error (a connection already, an\n"
"invitation already waiting either way, a date after today, within the\n"
"re-invite block without --force), 3 the data\n"
"folder cannot be read, 5 unknown person, 7 a name that fits several\n"
"people, 1 the folder cannot be written.\n";

static const char withdrew_usage[] =
"usage: advisor withdrew PERSON [--date DATE]\n"
"\n"
"Record that you withdrew the invitation of yours that waits for PERSON's\n"
"answer.  It waits no more, and LinkedIn will not let you invite PERSON\n"
"again for a while: advise says wait until the re-invite block\n"
"(reinvite_block_days, 21 by default) is over.\n"
"\n"
"      --date DATE  the day you withdrew it (YYYY-MM-DD; default today)\n"
"  -h, --help       show this help\n"
"\n"
"'advisor forget PERSON withdrew' removes the record.\n"
"Exit codes: 0 recorded, 2 usage error (no invitation of yours waiting,\n"
"a date after today or before the invitation), 3 the data folder cannot\n"
"be read, 5 unknown person, 7 a name that fits several people, 1 the\n"
"folder cannot be written.\n";

static const struct option sent_options[] = {
	{ "note", no_argument, NULL, 'N' },
	{ "date", required_argument, NULL, 'd' },
	{ "force", no_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct option withdrew_options[] = {
	{ "date", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void today(char buf[16])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, 16, "%Y-%m-%d", &tm);
}

/* A full YYYY-MM-DD (the library checks that the day exists). */
static int is_day(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* The person, looked up in the folder's network: an exit code. */
static int who(const char *cmd, cli_data *f, advisor_network **net,
	const char *text, const char **id, const char **name)
{
	int status;

	if ((status = cli_data_open(cmd, f)) != EXIT_OK ||
	    (status = cli_data_network(f, net)) != EXIT_OK ||
	    (status = cli_person(*net, text, id)) != EXIT_OK)
		return status;
	*name = advisor_network_person_name(*net, *id);
	if (!*name) {
		cli_error("%s: no such person in your network; 'advisor find "
			"TEXT' looks for them", cmd);
		return EXIT_NOTFOUND;
	}
	if (strcmp(*id, advisor_network_me(*net)) == 0) {
		cli_error("%s: that is you; invitations go to other people", cmd);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * The re-invite block on `date`: the latest withdrawal you recorded of an
 * invitation to id, on or before date, in withdrew[], and the day LinkedIn
 * lets you invite them again (the policy's reinvite_block_days after it)
 * in again[].  1 when date is before that day, 0 when not (or the block
 * cannot be read: said as a warning), or -1 and an exit code in *status.
 */
static int reinvite_block(cli_data *f, const char *id, const char *date,
	char withdrew[16], char again[16], double *days, int *status)
{
	advisor_annotations *notes = NULL;
	advisor_engine *engine = NULL;
	cli_options o;
	advisor_error err;
	struct tm tm;
	int blocked = 0;

	withdrew[0] = again[0] = '\0';
	if ((*status = cli_data_notes(f, &notes)) != EXIT_OK)
		return -1;
	for (size_t i = 0; i < advisor_annotations_event_count(notes, id); i++) {
		const char *type = advisor_annotations_event_type(notes, id, i);
		const char *rec = advisor_annotations_event_string(notes, id, i,
			"recorded");
		const char *d = advisor_annotations_event_string(notes, id, i,
			"date");
		if (type && strcmp(type, "invitation") == 0 && rec &&
		    strcmp(rec, "withdrew") == 0 && d && is_day(d) &&
		    strcmp(d, date) <= 0 && strcmp(d, withdrew) > 0)
			snprintf(withdrew, 16, "%s", d);
	}
	advisor_annotations_free(notes);
	if (!withdrew[0])
		return 0;
	memset(&o, 0, sizeof(o));
	o.quiet = 1;
	if (cli_open_engines(&o, &engine, 1) != EXIT_OK) {
		fprintf(stderr, "advisor: warning: sent: the policy does not load, "
			"so the re-invite block after your withdrawal of %s is not "
			"checked\n", withdrew);
		return 0;
	}
	if (advisor_engine_setting_number(days, engine, "reinvite_block_days",
			&err) < 0 || *days < 0 || *days > 3650) {
		fprintf(stderr, "advisor: warning: sent: %s; the re-invite block "
			"after your withdrawal of %s is not checked\n", err.message,
			withdrew);
		advisor_engine_free(engine);
		return 0;
	}
	advisor_engine_free(engine);
	memset(&tm, 0, sizeof(tm));
	if (sscanf(withdrew, "%d-%d-%d", &tm.tm_year, &tm.tm_mon,
			&tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += (int)*days;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	localtime_r(&t, &tm);
	strftime(again, 16, "%Y-%m-%d", &tm);
	blocked = strcmp(date, again) < 0;
	return blocked;
}

/* Add the invitation event to the annotations and commit: an exit code. */
static int record(const char *cmd, cli_data *f, const char *id,
	advisor_fields *fields, int *added)
{
	advisor_annotations *notes = NULL;
	advisor_error err;
	int status, rc;

	if ((status = cli_data_notes(f, &notes)) != EXIT_OK)
		return status;
	if ((rc = advisor_annotations_add_event(added, notes, id, NULL,
			"invitation", fields, &err)) < 0) {
		cli_report_value(cmd, &err, (const char *const[]){ "date", NULL });
		cli_error("%s: nothing recorded", cmd);
		status = rc == ADVISOR_EINVAL ? EXIT_USAGE : cli_exit_code(rc);
	} else if (*added) {
		status = cli_data_commit(cmd, f, notes,
			(const char *const[]){ "date", NULL }, "nothing recorded");
	}
	advisor_annotations_free(notes);
	return status;
}

int cmd_sent(int argc, char **argv)
{
	const char *date = NULL, *id = NULL, *name = NULL;
	advisor_network *net = NULL;
	advisor_fields *fields = NULL;
	advisor_error err;
	cli_data f = { .data = NULL };
	char day[16], waiting[ADVISOR_DATE_MAX], withdrew[16], again[16];
	int c, note = 0, force = 0, status, pending = 0, added = 0, blocked;
	double days = 0;
	advisor_direction dir = ADVISOR_OUTGOING;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", sent_options, NULL)) != -1) {
		switch (c) {
		case 'N': note = 1; break;
		case 'F': force = 1; break;
		case 'd': date = optarg; break;
		case 'h': fputs(sent_usage, stdout); return EXIT_OK;
		default: cli_bad_option("sent", argv, c); return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		cli_error("sent: give the person you invited, e.g. 'advisor sent "
			"lena --note'");
		return EXIT_USAGE;
	}
	if (date && !is_day(date)) {
		cli_error("sent: --date: '%s' is not a day; expected YYYY-MM-DD",
			date);
		return EXIT_USAGE;
	}
	today(day);
	if (!date)
		date = day;
	if ((status = who("sent", &f, &net, argv[optind], &id, &name)) != EXIT_OK)
		goto out;
	if (advisor_network_person_connected(net, id)) {
		cli_error("sent: %s is a connection already; nothing recorded", name);
		status = EXIT_USAGE;
		goto out;
	}
	if (advisor_network_pending_invitation(&pending, &dir, waiting, net, id,
			&err) < 0) {
		cli_error("sent: %s", err.message);
		status = EXIT_INTERNAL;
		goto out;
	}
	if (pending && dir == ADVISOR_INCOMING) {
		cli_error("sent: %s invited you on %s; accept theirs rather than "
			"send one ('advisor advise %s'); nothing recorded", name,
			waiting, id);
		status = EXIT_USAGE;
		goto out;
	}
	if (pending && dir == ADVISOR_OUTGOING && strcmp(waiting, date) <= 0) {
		cli_error("sent: your invitation to %s of %s is waiting already; "
			"nothing recorded ('advisor withdrew %s' if you withdrew it)",
			name, waiting, id);
		status = EXIT_USAGE;
		goto out;
	}
	if ((blocked = reinvite_block(&f, id, date, withdrew, again, &days,
			&status)) < 0)
		goto out;
	if (blocked && !force) {
		cli_error("sent: you withdrew your invitation to %s on %s; "
			"LinkedIn refuses a new one until %s (reinvite_block_days: "
			"%g), when you may invite them again; nothing recorded "
			"(--force records it anyway)", name, withdrew, again, days);
		status = EXIT_USAGE;
		goto out;
	}
	if (blocked)
		fprintf(stderr, "advisor: warning: sent: you withdrew your "
			"invitation to %s on %s; LinkedIn refuses a new one until %s "
			"(reinvite_block_days: %g), when you may invite them again; "
			"recorded anyway (--force)\n", name, withdrew, again, days);
	status = EXIT_INTERNAL;
	if (advisor_fields_new(&fields, &err) < 0 ||
	    advisor_fields_set_string(fields, "date", date, &err) < 0 ||
	    advisor_fields_set_string(fields, "direction", "out", &err) < 0 ||
	    advisor_fields_set_string(fields, "recorded", "sent", &err) < 0 ||
	    (note && advisor_fields_set_bool(fields, "with_note", 1, &err) < 0)) {
		cli_error("sent: %s", err.message);
		goto out;
	}
	if ((status = record("sent", &f, id, fields, &added)) != EXIT_OK)
		goto out;
	printf("%s: you sent %s an invitation on %s, %s\n", added ? "Recorded"
		: "Already recorded", name, date, note ? "with a note" :
		"without a note");
out:
	advisor_fields_free(fields);
	advisor_network_free(net);
	cli_data_free(&f);
	return status;
}

int cmd_withdrew(int argc, char **argv)
{
	const char *date = NULL, *id = NULL, *name = NULL;
	advisor_network *net = NULL;
	advisor_fields *fields = NULL;
	advisor_error err;
	cli_data f = { .data = NULL };
	char day[16], waiting[ADVISOR_DATE_MAX];
	int c, status, pending = 0, added = 0;
	advisor_direction dir = ADVISOR_OUTGOING;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", withdrew_options, NULL)) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 'h': fputs(withdrew_usage, stdout); return EXIT_OK;
		default: cli_bad_option("withdrew", argv, c); return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		cli_error("withdrew: give the person whose invitation you "
			"withdrew, e.g. 'advisor withdrew kai'");
		return EXIT_USAGE;
	}
	if (date && !is_day(date)) {
		cli_error("withdrew: --date: '%s' is not a day; expected "
			"YYYY-MM-DD", date);
		return EXIT_USAGE;
	}
	today(day);
	if (!date)
		date = day;
	if ((status = who("withdrew", &f, &net, argv[optind], &id, &name)) !=
	    EXIT_OK)
		goto out;
	if (advisor_network_pending_invitation(&pending, &dir, waiting, net, id,
			&err) < 0) {
		cli_error("withdrew: %s", err.message);
		status = EXIT_INTERNAL;
		goto out;
	}
	if (!pending || dir != ADVISOR_OUTGOING) {
		cli_error("withdrew: no invitation of yours to %s is waiting; "
			"nothing recorded", name);
		status = EXIT_USAGE;
		goto out;
	}
	if (strcmp(date, waiting) < 0) {
		cli_error("withdrew: --date: %s is before your invitation of %s; "
			"nothing recorded", date, waiting);
		status = EXIT_USAGE;
		goto out;
	}
	status = EXIT_INTERNAL;
	if (advisor_fields_new(&fields, &err) < 0 ||
	    advisor_fields_set_string(fields, "date", date, &err) < 0 ||
	    advisor_fields_set_string(fields, "direction", "out", &err) < 0 ||
	    advisor_fields_set_string(fields, "status", "withdrawn", &err) < 0 ||
	    advisor_fields_set_string(fields, "recorded", "withdrew", &err) < 0 ||
	    advisor_fields_set_string(fields, "invited_on", waiting, &err) < 0) {
		cli_error("withdrew: %s", err.message);
		goto out;
	}
	if ((status = record("withdrew", &f, id, fields, &added)) != EXIT_OK)
		goto out;
	printf("%s: you withdrew your invitation to %s of %s on %s; advise "
		"says when you may invite them again\n", added ? "Recorded" :
		"Already recorded", name, waiting, date);
out:
	advisor_fields_free(fields);
	advisor_network_free(net);
	cli_data_free(&f);
	return status;
}

int cli_forget_recorded(const char *what, const char *person,
	const char *date, unsigned long index)
{
	const char *id = NULL, *name = NULL;
	advisor_network *net = NULL;
	advisor_annotations *notes = NULL;
	advisor_error err;
	cli_data f = { .data = NULL };
	int status, rc, n = 0, fits = 0;
	size_t hit = 0;

	if ((status = who("forget", &f, &net, person, &id, &name)) != EXIT_OK ||
	    (status = cli_data_notes(&f, &notes)) != EXIT_OK)
		goto out;
	size_t count = advisor_annotations_event_count(notes, id);
	for (size_t i = 0; i < count; i++) {
		const char *rec = advisor_annotations_event_string(notes, id, i,
			"recorded");
		const char *d = advisor_annotations_event_string(notes, id, i,
			"date");
		if (!rec || strcmp(rec, what) != 0)
			continue;
		n++;
		if ((index && (unsigned long)n == index) ||
		    (date && d && strcmp(d, date) == 0) || (!index && !date)) {
			hit = i;
			fits++;
		}
	}
	if (fits != 1) {
		if (n == 0)
			cli_error("forget: you recorded no invitation %s to %s",
				strcmp(what, "sent") == 0 ? "sent" : "withdrawn", name);
		else
			cli_error("forget: %s %d of the invitations you recorded as %s "
				"to %s; say which with --date DATE:", fits ? "fit:" :
				"none fits", fits ? fits : n, what, name);
		for (size_t i = 0, k = 0; n && i < count; i++) {
			const char *rec = advisor_annotations_event_string(notes, id,
				i, "recorded");
			if (rec && strcmp(rec, what) == 0)
				fprintf(stderr, "  %zu. %s [%s]\n", ++k, what,
					advisor_annotations_event_string(notes, id, i,
						"date"));
		}
		status = fits ? EXIT_AMBIGUOUS : EXIT_NOTFOUND;
		goto out;
	}
	const char *d = advisor_annotations_event_string(notes, id, hit, "date");
	char line[512];
	snprintf(line, sizeof(line), strcmp(what, "sent") == 0 ?
		"you sent %s an invitation on %s" :
		"you withdrew your invitation to %s on %s", name, d ? d : "?");
	if ((rc = advisor_annotations_remove_event(notes, id, hit, &err)) < 0) {
		cli_error("forget: %s", err.message);
		status = cli_exit_code(rc);
		goto out;
	}
	if ((status = cli_data_commit("forget", &f, notes, NULL,
			"nothing forgotten")) != EXIT_OK)
		goto out;
	printf("Forgotten: %s\n", line);
out:
	advisor_annotations_free(notes);
	advisor_network_free(net);
	cli_data_free(&f);
	return status;
}
