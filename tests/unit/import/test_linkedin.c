/*
 * test_linkedin.c - a LinkedIn export to a network: dates, URLs, ids, and
 * the mapping of each file, on exports shaped like real ones.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "import/li_date.h"
#include "import/people.h"

static void expect_date(const char *text, const char *want)
{
	char out[11];
	cr_assert_eq(adv_li_date(out, text), 0, "\"%s\" should read", text);
	cr_assert_str_eq(out, want, "\"%s\"", text);
}

Test(linkedin_date, every_format_of_the_export)
{
	expect_date("09 Sep 2022", "2022-09-09");
	expect_date("9 September 2022", "2022-09-09");
	expect_date("1/8/18, 6:14 PM", "2018-01-08");
	expect_date("3/14/25, 9:05 AM", "2025-03-14");
	expect_date("04/15/24, 09:25 PM", "2024-04-15");
	expect_date("2024-05-01 10:02:33 UTC", "2024-05-01");
	expect_date("2024-05-01T10:02:33Z", "2024-05-01");
	expect_date("2024/12/07 14:51:07 UTC", "2024-12-07");
	expect_date("Aug 2022", "2022-08");
	expect_date("2017", "2017");
	expect_date("9/9/2022", "2022-09-09");
	expect_date(" 2024-05-01 ", "2024-05-01");
}

Test(linkedin_date, what_is_not_a_date_is_refused_never_guessed)
{
	const char *bad[] = { "", "31 Feb 2020", "13/1/24, 9:00 AM", "Smarch 2020",
		"2024-13-01", "yesterday", "1/2/3/4", "2024-05-01 25:00", "20245",
		"09 Sep 2022 and more", NULL };
	char out[11];
	for (size_t i = 0; bad[i]; i++)
		cr_assert_eq(adv_li_date(out, bad[i]), -1, "\"%s\" was read", bad[i]);
}

/* A fresh export folder with the given files. */
static const char *make_export(const char *tag, const char *const *files)
{
	static char dir[4096];
	char path[4200];
	snprintf(dir, sizeof(dir), "%s/advisor-li-%ld-%s",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), tag);
	mkdir(dir, 0700);
	for (size_t i = 0; files[i]; i += 2) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		FILE *f = fopen(path, "wb");
		cr_assert_not_null(f);
		fputs(files[i + 1], f);
		fclose(f);
	}
	return dir;
}

static cJSON *import(const char *dir, advisor_import_summary **s)
{
	char *out = NULL;
	advisor_error err;
	int rc = advisor_import_linkedin(&out, dir, NULL, s, &err);
	cr_assert_eq(rc, 0, "%s", err.message);
	cJSON *doc = cJSON_Parse(out);
	advisor_string_free(out);
	return doc;
}

static cJSON *person(cJSON *doc, const char *id)
{
	cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(doc, "people"))
		if (strcmp(cJSON_GetObjectItem(p, "id")->valuestring, id) == 0)
			return p;
	return NULL;
}

static const char *str(cJSON *obj, const char *key)
{
	cJSON *v = cJSON_GetObjectItem(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int events_of(cJSON *p, const char *type, const char *direction)
{
	int n = 0;
	cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(p, "events"))
		n += strcmp(str(e, "type"), type) == 0 &&
		     (!direction || strcmp(str(e, "direction"), direction) == 0);
	return n;
}

Test(linkedin, the_fixture_export_maps_every_file)
{
	advisor_import_summary *s;
	cJSON *doc = import(source_path("tests/fixtures/linkedin-export"), &s);
	cJSON *me = cJSON_GetObjectItem(doc, "me");

	cr_assert_str_eq(str(me, "name"), "Alex Kim");
	cr_assert_str_eq(str(me, "first_name"), "Alex");
	cr_assert_str_eq(str(me, "company"), "Nimbus Labs");
	cr_assert_str_eq(str(me, "title"), "Senior Engineer");
	cr_assert_str_eq(str(me, "industry"), "Software Development");
	/* One Zoë, though her URL is percent-encoded in Connections.csv, raw
	 * with a slash in Invitations.csv, raw in messages.csv. */
	cJSON *zoe = person(doc, "zoë-ångström-4b1a2c");
	cr_assert_not_null(zoe);
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(zoe, "connected")));
	cr_assert_str_eq(str(zoe, "connected_on"), "2026-11-12");
	cr_assert_eq(events_of(zoe, "invitation", "out"), 1);
	cr_assert_eq(events_of(zoe, "message", "in"), 1);
	/* Names with stray spaces, credentials after a comma. */
	cr_assert_str_eq(str(person(doc, "priyanka-bose-7"), "name"), "Priyanka Bose");
	/* The export's own first name is kept, trimmed as names are. */
	cr_assert_str_eq(str(person(doc, "priyanka-bose-7"), "first_name"), "Priyanka");
	cr_assert_str_eq(str(zoe, "first_name"), "Zoë");
	/* Someone known only from an invitation has no first name of the
	 * export's: the note reads it from the name. */
	cr_assert_null(str(person(doc, "sam-okafor"), "first_name"));
	cJSON *erik = person(doc, "eriklindqvist");
	cr_assert_str_eq(str(erik, "name"), "Erik Lindqvist, PhD");
	cr_assert_str_eq(str(erik, "title"), "Researcher, \"AI\" lab");
	/* Your message to two people reached both; their reply is in. */
	cr_assert_eq(events_of(erik, "message", "out"), 1);
	cr_assert_eq(events_of(person(doc, "priyanka-bose-7"), "message", "out"), 1);
	cr_assert_eq(events_of(person(doc, "priyanka-bose-7"), "message", "in"), 1);
	/* Pending: not connections, with an invitation. */
	cJSON *sam = person(doc, "sam-okafor");
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(sam, "connected")));
	cr_assert_eq(events_of(sam, "invitation", "in"), 1);
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(person(doc, "lena-fischer-99"),
		"connected")));
	/* The sponsored mail made no one. */
	cr_assert_eq(s->people, 7);
	cr_assert_eq(s->connections, 4);
	cr_assert_eq(s->pending_incoming, 2);
	cr_assert_eq(s->pending_outgoing, 1);
	cr_assert_eq(advisor_import_summary_file_count(s), 9);
	cr_assert_str_eq(advisor_import_summary_file(s, 0)->name, "Connections.csv");
	cr_assert_eq(advisor_import_summary_file(s, 0)->rows, 5);
	cr_assert_eq(advisor_import_summary_file(s, 0)->skipped, 1);
	cr_assert_eq(advisor_import_summary_file(s, 2)->skipped, 1);
	cr_assert_str_eq(advisor_import_summary_file(s, 4)->name, "Positions.csv");
	cr_assert_str_eq(advisor_import_summary_file(s, 8)->name,
		"Endorsement_Given_Info.csv");
	cr_assert(!advisor_import_summary_file(s, 8)->found);
	cr_assert_null(advisor_import_summary_file(s, 9), "past the end is NULL");
	cr_assert_eq(s->warnings, 1); /* 31 Feb 2020 */
	advisor_import_summary_free(s);
	cr_assert_null(cJSON_GetObjectItem(person(doc, "tombaker"), "connected_on"));
	cJSON_Delete(doc);
}

static const char old_connections[] =
	"First Name,Last Name,Email Address,Company,Position,Connected On\n"
	"John,Smith,,Acme,Sales,\"3/2/18, 9:00 AM\"\n"
	"Ana,Silva,,Beta,CEO,\"2/1/18, 6:14 PM\"\n"
	"John,Smith,,Zeta,Engineer,\"1/8/18, 6:14 PM\"";

static const char old_messages[] =
	"From,To,Date,Subject,Content,Direction,Folder\n"
	"Ana Silva,Alex Kim,2018-02-03 10:00:00 UTC,Hi,Hello,INCOMING,INBOX\n"
	"Alex Kim,Ana Silva,2018-02-04 10:00:00 UTC,Re: Hi,Hey,OUTGOING,INBOX\n";

Test(linkedin, a_2018_export_ids_from_names_collisions_by_seniority)
{
	const char *files[] = { "Connections.csv", old_connections,
				"Messages.csv", old_messages, NULL };
	cJSON *doc = import(make_export("old", files), NULL);

	/* The John Smith connected first keeps the plain id. */
	cr_assert_str_eq(str(person(doc, "john-smith"), "company"), "Zeta");
	cr_assert_str_eq(str(person(doc, "john-smith-2"), "company"), "Acme");
	cJSON *ana = person(doc, "ana-silva");
	cr_assert_str_eq(str(ana, "connected_on"), "2018-02-01");
	cr_assert_eq(events_of(ana, "message", "in"), 1);
	cr_assert_eq(events_of(ana, "message", "out"), 1);
	cJSON_Delete(doc);
}

Test(linkedin, ids_stay_when_a_newer_export_adds_a_namesake)
{
	static const char newer[] =
		"First Name,Last Name,Email Address,Company,Position,Connected On\n"
		"John,Smith,,Newco,Intern,\"5/5/19, 9:00 AM\"\n"
		"John,Smith,,Acme,Sales,\"3/2/18, 9:00 AM\"\n"
		"Ana,Silva,,Beta,CEO,\"2/1/18, 6:14 PM\"\n"
		"John,Smith,,Zeta,Engineer,\"1/8/18, 6:14 PM\"\n";
	const char *files[] = { "Connections.csv", newer, NULL };
	cJSON *doc = import(make_export("newer", files), NULL);
	cr_assert_str_eq(str(person(doc, "john-smith"), "company"), "Zeta");
	cr_assert_str_eq(str(person(doc, "john-smith-2"), "company"), "Acme");
	cr_assert_str_eq(str(person(doc, "john-smith-3"), "company"), "Newco");
	cJSON_Delete(doc);
}

Test(linkedin, an_unreadable_date_is_a_warning_with_file_and_line)
{
	static const char inv[] =
		"From,To,Sent At,Message,Direction\n"
		"Kim Lee,Alex Kim,\"someday\",,INCOMING\n"
		"Bo Chen,Alex Kim,\"3/14/25, 9:05 AM\",,INCOMING";
	const char *files[] = { "Invitations.csv", inv, NULL };
	advisor_import_summary *s;
	cJSON *doc = import(make_export("dates", files), &s);
	cr_assert_eq(s->warnings, 1);
	cr_assert_eq(advisor_import_summary_file(s, 1)->skipped, 1);
	cr_assert_eq(s->pending_incoming, 1);
	advisor_import_summary_free(s);
	cr_assert_eq(events_of(person(doc, "bo-chen"), "invitation", "in"), 1);
	cJSON_Delete(doc);
}

Test(linkedin, a_file_without_its_columns_is_refused)
{
	static const char wrong[] = "Name,Age\nAda,36\n";
	const char *files[] = { "Connections.csv", wrong, NULL };
	char *out = NULL;
	advisor_error err;
	advisor_import_summary *s = (advisor_import_summary *)&s;
	cr_assert_eq(advisor_import_linkedin(&out, make_export("wrong", files), NULL,
		&s, &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "Connections.csv: no \"First Name\" column"),
		"%s", err.message);
	cr_assert_null(out);
	cr_assert_null(s, "no summary of a failed import");
}

Test(linkedin, the_summary_is_optional_and_null_safe)
{
	char *out = NULL;
	advisor_error err;
	advisor_import_summary *s = (advisor_import_summary *)&s;

	/* Asked for or not, the import is the same. */
	cr_assert_eq(advisor_import_linkedin(&out,
		source_path("tests/fixtures/linkedin-export"), NULL, NULL, &err), 0,
		"%s", err.message);
	advisor_string_free(out);
	/* Bad arguments: nothing handed out. */
	cr_assert_eq(advisor_import_linkedin(&out, NULL, NULL, &s, &err),
		ADVISOR_EINVAL);
	cr_assert_null(s);
	cr_assert(strstr(err.message, "advisor_import_linkedin"), "%s",
		err.message);
	advisor_import_options o = ADVISOR_IMPORT_OPTIONS_INIT;
	o.version = 0;
	s = (advisor_import_summary *)&s;
	cr_assert_eq(advisor_import_linkedin(&out,
		source_path("tests/fixtures/linkedin-export"), &o, &s, &err),
		ADVISOR_EINVAL);
	cr_assert_null(s);
	cr_assert_null(out);

	cr_assert_eq(advisor_import_summary_file_count(NULL), 0);
	cr_assert_null(advisor_import_summary_file(NULL, 0));
	advisor_import_summary_free(NULL);
}

Test(linkedin, pending_invitations_of_the_imported_network)
{
	char *out = NULL;
	advisor_error err;
	advisor_network *net = NULL;
	advisor_direction d;
	char date[ADVISOR_DATE_MAX];

	cr_assert_eq(advisor_import_linkedin(&out,
		source_path("tests/fixtures/linkedin-export"), NULL, NULL, &err), 0,
		"%s", err.message);
	cr_assert_eq(advisor_network_load_buffer(&net, out, strlen(out), "n.json",
		NULL, &err), 0, "%s", err.message);
	int pending = -1;
	cr_assert_eq(advisor_network_pending_invitation(&pending, &d, date, net,
		"sam-okafor", &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(pending, 1);
	cr_assert_eq(d, ADVISOR_INCOMING);
	cr_assert_str_eq(date, "2026-11-20");
	cr_assert_eq(advisor_network_pending_invitation(&pending, &d, date, net,
		"lena-fischer-99", &err), ADVISOR_OK);
	cr_assert_eq(pending, 1);
	cr_assert_eq(d, ADVISOR_OUTGOING);
	/* Zoë accepted: an invitation, but a connection now. */
	cr_assert_eq(advisor_network_pending_invitation(&pending, &d, date, net,
		"zoë-ångström-4b1a2c", &err), ADVISOR_OK);
	cr_assert_eq(pending, 0);
	cr_assert_str_eq(date, "");
	cr_assert_eq(advisor_network_pending_invitation(&pending, NULL, NULL, net,
		"tombaker", &err), ADVISOR_OK);
	cr_assert_eq(pending, 0);
	/* Every failure has its message. */
	cr_assert_eq(advisor_network_pending_invitation(&pending, NULL, NULL, net,
		"nobody", &err), ADVISOR_ENOTFOUND);
	cr_assert_eq(err.code, ADVISOR_ENOTFOUND);
	cr_assert(strstr(err.message, "'nobody'") != NULL, "%s", err.message);
	cr_assert_eq(advisor_network_pending_invitation(NULL, NULL, NULL, net,
		"tombaker", &err), ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "pending") != NULL, "%s", err.message);
	advisor_network_free(net);
	advisor_string_free(out);
}

/* A re-import marks an invitation no longer listed: it waits no more. */
Test(linkedin, an_ended_or_accepted_invitation_is_not_pending)
{
	static const char doc[] =
		"{\"format\":\"advisor-network/1\",\"imported\":\"2026-12-01\","
		" \"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":["
		" {\"id\":\"kai\",\"name\":\"Kai\",\"events\":[{\"type\":\"invitation\","
		"  \"date\":\"2026-06-12\",\"direction\":\"out\",\"status\":\"ended\","
		"  \"last_seen\":\"2026-07-01\"}]},"
		" {\"id\":\"lena\",\"name\":\"Lena\",\"events\":[{\"type\":\"invitation\","
		"  \"date\":\"2026-06-12\",\"direction\":\"out\"}]},"
		" {\"id\":\"jo\",\"name\":\"Jo\",\"connected\":true}]}";
	advisor_network *net = NULL;
	advisor_error err;
	int pending = -1;

	cr_assert_eq(advisor_network_load_buffer(&net, doc, strlen(doc), "n.json",
		NULL, &err), 0, "%s", err.message);
	cr_assert_eq(advisor_network_pending_invitation(&pending, NULL, NULL, net,
		"kai", &err), ADVISOR_OK);
	cr_assert_eq(pending, 0);
	cr_assert_eq(advisor_network_pending_invitation(&pending, NULL, NULL, net,
		"lena", &err), ADVISOR_OK);
	cr_assert_eq(pending, 1);
	cr_assert_eq(advisor_network_person_connected(net, "jo"), 1);
	cr_assert_eq(advisor_network_person_connected(net, "kai"), 0);
	cr_assert_eq(advisor_network_person_connected(net, "me"), 0);
	cr_assert_eq(advisor_network_person_connected(net, "nobody"), 0);
	cr_assert_eq(advisor_network_person_connected(NULL, "jo"), 0);
	advisor_network_free(net);

	/* The outcome is checked: a status of another event type, a
	 * last_seen that is not a date, an import date that is not a day. */
	static const char *const bad[][2] = {
		{ "\"status\":\"done\"", "is not an invitation's status" },
		{ "\"status\":1", "is not an invitation's status" },
		{ "\"last_seen\":\"soon\"", "last_seen: \"soon\" is not a date" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[600];
		snprintf(text, sizeof(text), "{\"format\":\"advisor-network/1\","
			"\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[{\"id\":\"a\","
			"\"name\":\"A\",\"events\":[{\"type\":\"invitation\","
			"\"date\":\"2026-06-12\",%s}]}]}", bad[i][0]);
		cr_assert_lt(advisor_network_load_buffer(&net, text, strlen(text),
			"n.json", NULL, &err), 0, "%s", bad[i][0]);
		cr_assert(strstr(err.message, bad[i][1]), "%s", err.message);
	}
	static const char month[] = "{\"format\":\"advisor-network/1\","
		"\"imported\":\"2026-12\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
		"\"people\":[]}";
	cr_assert_eq(advisor_network_load_buffer(&net, month, strlen(month),
		"n.json", NULL, &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "n.json: imported: expected the date of "
		"the import"), "%s", err.message);
}

/* The event of `type` on p with `key` = value, or NULL. */
static cJSON *event_with(cJSON *p, const char *type, const char *key,
	const char *value)
{
	cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(p, "events"))
		if (strcmp(str(e, "type"), type) == 0 && str(e, key) &&
		    strcmp(str(e, key), value) == 0)
			return e;
	return NULL;
}

Test(linkedin_evidence, the_realistic_export_recommendations_and_endorsements)
{
	advisor_import_summary *s;
	cJSON *doc = import(source_path("tests/fixtures/realistic-export"), &s);

	cJSON *e = event_with(person(doc, "sofia-marchetti-design"),
		"recommendation", "direction", "in");
	cr_assert_not_null(e);
	cr_assert_str_eq(str(e, "date"), "2022-03-02");
	cr_assert(strncmp(str(e, "message"), "Daniel is the rare product manager",
		34) == 0, "%s", str(e, "message"));
	cr_assert_not_null(event_with(person(doc, "hannah-schmidt-kestrel"),
		"recommendation", "direction", "in"));
	cr_assert_eq(events_of(person(doc, "jonasweber"), "recommendation", "out"), 1);
	cr_assert_eq(events_of(person(doc, "tomfischer-dev"), "recommendation",
		"out"), 1);
	/* Endorsements (URLs without a scheme; the received file has CRLF):
	 * one event a skill. */
	e = event_with(person(doc, "mateogarcia"), "endorsement", "skill",
		"Product Strategy");
	cr_assert_not_null(e);
	cr_assert_str_eq(str(e, "direction"), "in");
	cr_assert_str_eq(str(e, "date"), "2024-12-07");
	cr_assert_eq(events_of(person(doc, "aisha-bello-pm"), "endorsement", "in"), 1);
	cr_assert_eq(events_of(person(doc, "fatima-al-sayed"), "endorsement", "in"), 1);
	cJSON *wei = person(doc, "weichen-data");
	cr_assert_str_eq(str(event_with(wei, "endorsement", "skill",
		"Data Analysis"), "direction"), "in");
	cr_assert_str_eq(str(event_with(wei, "endorsement", "skill",
		"Data Engineering"), "direction"), "out");
	cr_assert_str_eq(str(event_with(person(doc, "graceliu-ds"), "endorsement",
		"skill", "Machine Learning"), "direction"), "out");
	/* No one made, nothing unmatched, nothing warned. */
	cJSON *jobs = cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "me"),
		"positions");
	cr_assert_eq(cJSON_GetArraySize(jobs), 3);
	cr_assert_str_eq(str(cJSON_GetArrayItem(jobs, 1), "org"), "Brightwave Media");
	cr_assert_str_eq(str(cJSON_GetArrayItem(jobs, 1), "from"), "2018-06");
	cr_assert_str_eq(str(cJSON_GetArrayItem(jobs, 1), "to"), "2022-02");
	cr_assert_str_eq(str(cJSON_GetArrayItem(jobs, 2), "org"), "Kestrel Consulting");
	cr_assert_str_eq(str(cJSON_GetArrayItem(jobs, 2), "from"), "2015-09");
	cr_assert_str_eq(str(cJSON_GetArrayItem(jobs, 2), "to"), "2018-05");
	cr_assert_eq(s->people, 36);
	cr_assert_eq(s->recommendations, 4);
	cr_assert_eq(s->endorsements, 6);
	cr_assert_eq(s->unmatched_rows, 0);
	cr_assert_eq(s->warnings, 0);
	const char *names[] = { "Recommendations_Received.csv",
		"Recommendations_Given.csv", "Endorsement_Received_Info.csv",
		"Endorsement_Given_Info.csv" };
	size_t rows[] = { 2, 2, 4, 2 };
	for (size_t i = 0; i < 4; i++) {
		const advisor_import_file *f = advisor_import_summary_file(s, 5 + i);
		cr_assert_str_eq(f->name, names[i]);
		cr_expect(f->found, "%s", f->name);
		cr_expect_eq(f->rows, rows[i], "%s", f->name);
		cr_expect_eq(f->skipped + f->unmatched, 0, "%s", f->name);
	}
	advisor_import_summary_free(s);
	cJSON_Delete(doc);
}

static const char evidence_connections[] =
	"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
	"Ana,Silva,https://www.linkedin.com/in/ana-silva,,Beta,CEO,09 Sep 2022\n"
	"John,Smith,https://www.linkedin.com/in/jsmith-acme,,Acme,Sales,09 Sep 2022\n"
	"John,Smith,https://www.linkedin.com/in/jsmith-zeta,,Zeta,Engineer,01 Sep 2022\n"
	"John,Smith,https://www.linkedin.com/in/jsmith-zeta-2,,Zeta,Designer,01 Aug 2022\n"
	"Lee,Park,https://www.linkedin.com/in/lee-park,,Gamma,CTO,01 Aug 2022";

/* Warnings, as the user would read them. */
typedef struct warnings {
	int n;
	char text[8][600];
} warnings;

static void keep_warning(void *payload, const char *message)
{
	warnings *w = payload;
	if (w->n < 8)
		snprintf(w->text[w->n], sizeof(w->text[0]), "%s", message);
	w->n++;
}

static int warned(const warnings *w, const char *part)
{
	for (int i = 0; i < w->n && i < 8; i++)
		if (strstr(w->text[i], part))
			return 1;
	return 0;
}

static cJSON *import_warned(const char *dir, advisor_import_summary **s,
	warnings *w)
{
	advisor_import_options o = ADVISOR_IMPORT_OPTIONS_INIT;
	char *out = NULL;
	advisor_error err;
	o.warning = keep_warning;
	o.warning_payload = w;
	cr_assert_eq(advisor_import_linkedin(&out, dir, &o, s, &err), 0, "%s",
		err.message);
	cJSON *doc = cJSON_Parse(out);
	advisor_string_free(out);
	return doc;
}

Test(linkedin_evidence, recommendations_by_name_namesakes_by_company)
{
	static const char received[] =
		"First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n"
		"Ana , Silva,Beta,CEO,\"Ana's words,\r\nover two lines.\",\"04/15/24, 09:25 PM\",VISIBLE\r\n"
		"John,Smith,Acme,Sales,The Acme one.,\"05/01/24, 10:00 AM\",VISIBLE\r\n"
		"John,Smith,Zeta,Engineer,Which Zeta one?,\"05/02/24, 10:00 AM\",VISIBLE\r\n"
		"Gone,Member,Old Co,Boss,Once a connection.,\"05/03/24, 10:00 AM\",VISIBLE\r\n"
		",,,,,\"05/04/24, 10:00 AM\",VISIBLE\r\n"
		"Lee,Park,Gamma,CTO,No date,,VISIBLE";
	static const char given[] =
		"First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
		"Lee,Park,Gamma,CTO,Lee is great.,\"10/01/26, 06:30 PM\",VISIBLE\n"
		"Lee,Park,Gamma,CTO,Lee is great.,\"10/01/26, 06:30 PM\",VISIBLE\n";
	const char *files[] = { "Connections.csv", evidence_connections,
		"Recommendations_Received.csv", received,
		"Recommendations_Given.csv", given, NULL };
	advisor_import_summary *s;
	warnings w = { 0 };
	cJSON *doc = import_warned(make_export("recs", files), &s, &w);

	/* By name, the name's stray spaces trimmed; the text's line break
	 * made a space. */
	cJSON *e = event_with(person(doc, "ana-silva"), "recommendation",
		"direction", "in");
	cr_assert_not_null(e);
	cr_assert_str_eq(str(e, "date"), "2024-04-15");
	cr_assert_str_eq(str(e, "message"), "Ana's words, over two lines.");
	/* Of three John Smiths, the one at Acme is told by the company. */
	cr_assert_eq(events_of(person(doc, "jsmith-acme"), "recommendation", "in"), 1);
	/* Two at Zeta: neither is guessed, and the user is told. */
	cr_assert_eq(events_of(person(doc, "jsmith-zeta"), "recommendation", NULL), 0);
	cr_assert_eq(events_of(person(doc, "jsmith-zeta-2"), "recommendation", NULL), 0);
	cr_assert(warned(&w, "Recommendations_Received.csv: line 5: \"John Smith\" "
		"fits 3 people, 2 of them at Zeta; row left out"), "%s", w.text[0]);
	/* Someone the export no longer knows is counted, and made no one. */
	cr_assert_null(person(doc, "gone-member"));
	cr_assert_eq(s->people, 5);
	const advisor_import_file *f = advisor_import_summary_file(s, 5);
	cr_assert_eq(f->rows, 6);
	cr_assert_eq(f->unmatched, 2, "the Zeta John Smith and the gone member");
	cr_assert_eq(f->skipped, 2, "the blank member and the row with no date");
	cr_assert(warned(&w, "line 8: Creation Date is empty; row skipped"));
	/* The given file's repeated row is one recommendation. */
	cr_assert_eq(events_of(person(doc, "lee-park"), "recommendation", "out"), 1);
	cr_assert_eq(s->recommendations, 3);
	cr_assert_eq(s->unmatched_rows, 2);
	cr_assert_eq(s->warnings, 2);
	advisor_import_summary_free(s);
	cJSON_Delete(doc);
}

Test(linkedin_evidence, endorsements_by_url_without_scheme_else_name)
{
	/* CRLF with a final line end; no newline after the last row. */
	static const char received[] =
		"Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
		"Endorser Public Url,Endorsement Status\r\n"
		"2024/12/07 14:51:07 UTC,SQL,Ana,Silva,www.linkedin.com/in/ana-silva,ACCEPTED\r\n"
		"2024/12/07 14:51:09 UTC,Python,Ana,Silva,www.linkedin.com/in/ana-silva/,ACCEPTED\r\n"
		"2024/12/08 10:00:00 UTC,Sales,John,Smith,www.linkedin.com/in/jsmith-acme,ACCEPTED\r\n"
		"2024/12/09 10:00:00 UTC,Design,John,Smith,www.linkedin.com/in/someone-else,ACCEPTED\r\n"
		"2024/12/10 10:00:00 UTC,Go,Lee,Park,,ACCEPTED\r\n";
	static const char given[] =
		"Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,"
		"Endorsee Public Url,Endorsement Status\n"
		"2025/01/02 09:00:00 UTC,Leadership,Ana,Silva,www.linkedin.com/in/ana-silva,ACCEPTED";
	const char *files[] = { "Connections.csv", evidence_connections,
		"Endorsement_Received_Info.csv", received,
		"Endorsement_Given_Info.csv", given, NULL };
	advisor_import_summary *s;
	warnings w = { 0 };
	cJSON *doc = import_warned(make_export("endorse", files), &s, &w);

	cJSON *ana = person(doc, "ana-silva");
	cr_assert_eq(events_of(ana, "endorsement", "in"), 2, "one a skill");
	cr_assert_str_eq(str(event_with(ana, "endorsement", "skill", "SQL"),
		"date"), "2024-12-07");
	cr_assert_not_null(event_with(ana, "endorsement", "skill", "Python"));
	cr_assert_str_eq(str(event_with(ana, "endorsement", "skill",
		"Leadership"), "direction"), "out");
	/* The URL tells the John Smiths apart; a URL no one has is not a
	 * namesake's. */
	cr_assert_eq(events_of(person(doc, "jsmith-acme"), "endorsement", "in"), 1);
	cr_assert_eq(events_of(person(doc, "jsmith-zeta"), "endorsement", NULL), 0);
	/* No URL: by name. */
	cr_assert_eq(events_of(person(doc, "lee-park"), "endorsement", "in"), 1);
	cr_assert_eq(advisor_import_summary_file(s, 7)->unmatched, 1);
	cr_assert_eq(s->endorsements, 5);
	cr_assert_eq(s->people, 5);
	cr_assert_eq(w.n, 0, "%s", w.text[0]);
	/* The recommendation files are absent: not in the export, no error. */
	cr_assert(!advisor_import_summary_file(s, 5)->found);
	cr_assert(!advisor_import_summary_file(s, 6)->found);
	advisor_import_summary_free(s);
	cJSON_Delete(doc);
}

Test(linkedin_evidence, a_file_of_unknown_columns_is_left_out_with_a_warning)
{
	static const char odd[] =
		"Date,Skill,Who\n"
		"2024/12/07 14:51:07 UTC,SQL,Ana Silva\n";
	const char *files[] = { "Connections.csv", evidence_connections,
		"Endorsement_Received_Info.csv", odd, NULL };
	advisor_import_summary *s;
	warnings w = { 0 };
	cJSON *doc = import_warned(make_export("odd", files), &s, &w);
	cr_assert_eq(w.n, 1);
	cr_assert(warned(&w, "Endorsement_Received_Info.csv: line 1: no \"Skill "
		"Name\" column in the header, so the file is left out"), "%s",
		w.text[0]);
	cr_assert_eq(advisor_import_summary_file(s, 7)->skipped, 1);
	cr_assert_eq(s->endorsements, 0);
	cr_assert_eq(s->people, 5);
	advisor_import_summary_free(s);
	cJSON_Delete(doc);
}

Test(linkedin, every_job_of_positions_csv_is_on_me_positions)
{
	static const char positions[] =
		"Company Name,Title,Description,Location,Started On,Finished On\r\n"
		"Acme,Engineer,,Oslo,Jan 2020,\r\n"
		"Beta,\"Analyst, \"\"data\"\"\",,,2017,Dec 2019\r\n"
		",Freelance,,,2016,2017\r\n"
		"Gamma,Intern,,,,31 Feb 2016\r\n"
		"Delta,Trainee,,,,2015";
	const char *files[] = { "Positions.csv", positions, NULL };
	advisor_import_summary *s;
	warnings w = { 0 };
	cJSON *doc = import_warned(make_export("positions", files), &s, &w);
	cJSON *list = cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "me"),
		"positions");
	cr_assert(cJSON_IsArray(list));
	/* The blank company adds no job; the unreadable end is warned and
	 * left out, since a job without "to" reads as current. */
	cr_assert_eq(cJSON_GetArraySize(list), 3);
	cJSON *acme = cJSON_GetArrayItem(list, 0);
	cr_assert_str_eq(str(acme, "org"), "Acme");
	cr_assert_str_eq(str(acme, "title"), "Engineer");
	cr_assert_str_eq(str(acme, "from"), "2020-01");
	cr_assert_null(cJSON_GetObjectItem(acme, "to"), "current: no to");
	cJSON *beta = cJSON_GetArrayItem(list, 1);
	cr_assert_str_eq(str(beta, "title"), "Analyst, \"data\"");
	cr_assert_str_eq(str(beta, "from"), "2017");
	cr_assert_str_eq(str(beta, "to"), "2019-12");
	cJSON *delta = cJSON_GetArrayItem(list, 2);
	cr_assert_str_eq(str(delta, "org"), "Delta");
	cr_assert_null(cJSON_GetObjectItem(delta, "from"));
	cr_assert_str_eq(str(delta, "to"), "2015");
	cr_assert_eq(w.n, 1);
	cr_assert(warned(&w, "line 5: Finished On \"31 Feb 2016\""), "%s", w.text[0]);
	/* The current job is still me's company and title. */
	cr_assert_str_eq(str(cJSON_GetObjectItem(doc, "me"), "company"), "Acme");
	advisor_import_summary_free(s);
	cJSON_Delete(doc);
}

Test(linkedin, the_message_of_a_pending_invitation)
{
	char *out = NULL;
	advisor_error err;
	advisor_network *net = NULL;
	const char *msg = "unset";

	cr_assert_eq(advisor_import_linkedin(&out,
		source_path("tests/fixtures/realistic-export"), NULL, NULL, &err), 0,
		"%s", err.message);
	cr_assert_eq(advisor_network_load_buffer(&net, out, strlen(out), "n.json",
		NULL, &err), 0, "%s", err.message);
	cr_assert_eq(advisor_network_invitation_message(&msg, net,
		"noor-haddad", &err), ADVISOR_OK, "%s", err.message);
	cr_assert_str_eq(msg, "Great chatting with you at the Berlin Product "
		"Meetup last Thursday! Let's keep in touch.");
	/* Yours, waiting, with a message. */
	cr_assert_eq(advisor_network_invitation_message(&msg, net,
		"lena-fischer-pricing", &err), ADVISOR_OK, "%s", err.message);
	cr_assert(msg && strstr(msg, "ProductCon"), "%s", msg ? msg : "(null)");
	/* Pending without a message; connected (Priya's invitation was
	 * accepted): no message, and both are answers. */
	msg = "unset";
	cr_assert_eq(advisor_network_invitation_message(&msg, net,
		"hiro-tanaka-7731", &err), ADVISOR_OK, "%s", err.message);
	cr_assert_null(msg);
	msg = "unset";
	cr_assert_eq(advisor_network_invitation_message(&msg, net,
		"sofia-marchetti-design", &err), ADVISOR_OK, "%s", err.message);
	cr_assert_null(msg);
	cr_assert_eq(advisor_network_invitation_message(&msg, net, "nobody",
		&err), ADVISOR_ENOTFOUND);
	cr_assert(strstr(err.message, "'nobody'") != NULL, "%s", err.message);
	cr_assert_eq(advisor_network_invitation_message(NULL, net, "noor-haddad",
		&err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_network_invitation_message(&msg, NULL, "noor-haddad",
		&err), ADVISOR_EINVAL);
	advisor_network_free(net);
	advisor_string_free(out);
}

/* Found by fuzz_import: a current job without a start date read 11 bytes
 * from a 2-byte string.  It sorts before any dated current job. */
Test(linkedin, a_current_job_without_a_start_date_yields_to_a_dated_one)
{
	static const char conn[] =
		"First Name,Last Name,Email Address,Company,Position,Connected On\n"
		"Ana,Silva,,Beta,CEO,\"2/1/18, 6:14 PM\"\n";
	static const char positions[] =
		"Company Name,Title,Description,Location,Started On,Finished On\n"
		"Nostart,Founder,,,,\n"
		"Acme,Engineer,,Oslo,Jan 2020,\n"
		"Undated,Advisor,,,,\n";
	const char *files[] = { "Connections.csv", conn, "Positions.csv", positions, NULL };
	cJSON *doc = import(make_export("nostart", files), NULL);
	cJSON *me = cJSON_GetObjectItem(doc, "me");
	cr_assert_str_eq(str(me, "company"), "Acme");
	cr_assert_str_eq(str(me, "title"), "Engineer");
	cJSON_Delete(doc);
}

/* What a progress callback saw; it cancels at call number `stop` (0:
 * never). */
typedef struct progress_log {
	int calls, stop;
	char file[64][32];
	uint64_t done[64], total[64];
} progress_log;

static int log_progress(void *payload, const char *file, uint64_t done,
	uint64_t total)
{
	progress_log *l = payload;
	if (l->calls < 64) {
		snprintf(l->file[l->calls], sizeof(l->file[0]), "%s", file);
		l->done[l->calls] = done;
		l->total[l->calls] = total;
	}
	l->calls++;
	return l->stop && l->calls >= l->stop;
}

static int import_logged(const char *dir, progress_log *l, char **out,
	advisor_error *err)
{
	advisor_import_options o = ADVISOR_IMPORT_OPTIONS_INIT;
	o.progress = log_progress;
	o.progress_payload = l;
	return advisor_import_linkedin(out, dir, &o, NULL, err);
}

Test(linkedin, progress_is_reported_as_each_file_starts_and_ends)
{
	progress_log l = { 0 };
	char *out = NULL;
	advisor_error err;
	cr_assert_eq(import_logged(source_path("tests/fixtures/linkedin-export"),
		&l, &out, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_not_null(out);
	advisor_string_free(out);
	/* Five files, each small: its start and its end. */
	cr_assert_eq(l.calls, 10);
	for (int i = 0; i < l.calls; i += 2) {
		cr_expect_str_eq(l.file[i], l.file[i + 1]);
		cr_expect_eq(l.done[i], 0, "%s", l.file[i]);
		cr_expect_gt(l.total[i], 0, "%s", l.file[i]);
		cr_expect_eq(l.done[i + 1], l.total[i + 1], "%s", l.file[i]);
	}
}

Test(linkedin, a_progress_callback_that_returns_non_zero_cancels_the_import)
{
	const char *dir = source_path("tests/fixtures/linkedin-export");
	/* At every point it is called, the last (all read) included. */
	for (int stop = 1; stop <= 10; stop++) {
		progress_log l = { .stop = stop };
		char *out = (char *)"left over";
		advisor_error err;
		cr_assert_eq(import_logged(dir, &l, &out, &err), ADVISOR_ECANCELED,
			"stop %d: %s", stop, err.message);
		cr_expect_null(out, "stop %d", stop);
		cr_expect_eq(err.code, ADVISOR_ECANCELED);
		/* Nor a summary. */
		advisor_import_options o = ADVISOR_IMPORT_OPTIONS_INIT;
		progress_log again = { .stop = stop };
		advisor_import_summary *sum = (advisor_import_summary *)&again;
		o.progress = log_progress;
		o.progress_payload = &again;
		cr_expect_eq(advisor_import_linkedin(&out, dir, &o, &sum, NULL),
			ADVISOR_ECANCELED);
		cr_expect_null(sum, "stop %d", stop);
		cr_expect_null(out);
		cr_expect_eq(l.calls, stop, "nothing is called after the cancel");
		cr_expect(strstr(err.message, l.file[stop - 1]) != NULL &&
			strstr(err.message, "canceled by its progress callback") != NULL,
			"stop %d: %s", stop, err.message);
	}
	cr_expect_str_eq(advisor_error_code_name(ADVISOR_ECANCELED), "canceled");
	/* Nothing is left behind: the same import runs to the end. */
	progress_log l = { 0 };
	char *out = NULL;
	cr_assert_eq(import_logged(dir, &l, &out, NULL), ADVISOR_OK);
	cr_expect_not_null(out);
	advisor_string_free(out);
}

Test(linkedin, a_large_file_reports_progress_as_it_goes_and_can_stop_midway)
{
	size_t n = 5000, cap = n * 128 + 128, len = 0;
	char *csv = malloc(cap);
	cr_assert_not_null(csv);
	len += (size_t)snprintf(csv, cap, "First Name,Last Name,URL,Email Address,"
		"Company,Position,Connected On\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(csv + len, cap - len, "Ada%zu,Lovelace,"
			"https://www.linkedin.com/in/ada-%zu,,Engines,Analyst,"
			"09 Sep 2022\n", i, i);
	const char *files[] = { "Connections.csv", csv, NULL };
	const char *dir = make_export("progress", files);

	progress_log l = { 0 };
	char *out = NULL;
	advisor_error err;
	cr_assert_eq(import_logged(dir, &l, &out, &err), ADVISOR_OK, "%s",
		err.message);
	advisor_string_free(out);
	/* The start, rows 2048 and 4096, the end. */
	cr_assert_eq(l.calls, 4);
	cr_expect(l.done[0] == 0 && l.done[1] > 0 && l.done[2] > l.done[1] &&
		l.done[3] == l.total[3]);

	progress_log stop = { .stop = 2 };
	cr_assert_eq(import_logged(dir, &stop, &out, &err), ADVISOR_ECANCELED);
	cr_expect_null(out);
	char want[128];
	snprintf(want, sizeof(want), "(at byte %llu of %llu)",
		(unsigned long long)l.done[1], (unsigned long long)l.total[1]);
	cr_expect(strstr(err.message, want) != NULL, "%s", err.message);
	free(csv);
}
