/*
 * test_json.c - the JSON network loader, through the public API.
 *
 * Good files load whole; bad files fail whole: the call returns the code,
 * leaves *out NULL, and says in err.message which file, where in it (a JSON
 * path, or line:col for text that is not JSON) and what was expected.  The
 * substrings asserted below are the loader's real messages.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "json/strict.h"
#include "load/load.h"
#include "network/network.h"

/* A small document: me, person "a", and whatever follows. */
#define HEAD "{\"format\":\"advisor-network/1\"," \
	"\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":["
#define PERSON_A "{\"id\":\"a\",\"name\":\"A\"}"
#define DOC(people) HEAD people "]}"
/* people[1] is "b", whose events are e: the place is people[1].events[0]. */
#define EV(e) DOC(PERSON_A ",{\"id\":\"b\",\"name\":\"B\",\"events\":[" e "]}")
/* people[1] is "b" with the fields f added. */
#define B(f) DOC(PERSON_A ",{\"id\":\"b\",\"name\":\"B\"," f "}")

/* Filled in by a failing load if it forgets to reset *out. */
static int sentinel;
#define NOT_SET ((advisor_network *)&sentinel)

/* The load failed with `code`, returned no network, and the message holds
 * every string of want (NULL-terminated). */
static void check_failure(int rc, const advisor_network *net,
	const advisor_error *err, int code, const char *const *want)
{
	cr_assert_eq(rc, code, "expected code %d, got %d; message: %s", code, rc,
		rc ? err->message : "(none, it loaded)");
	cr_assert_null(net, "*out must be NULL after a failed load");
	cr_assert_eq(err->code, code, "err.code is %d, expected %d", err->code,
		code);
	for (; *want; want++)
		cr_assert_not_null(strstr(err->message, *want),
			"message \"%s\" lacks \"%s\"", err->message, *want);
}

static void bad_text(const char *json, const char *const *want)
{
	advisor_network *net = NOT_SET;
	advisor_error err = { 0 };
	int rc = load_text(&net, json, &err);
	check_failure(rc, net, &err, ADVISOR_EDATA, want);
}

static void bad_bytes(const char *data, size_t len, const char *const *want)
{
	advisor_network *net = NOT_SET;
	advisor_error err = { 0 };
	int rc = advisor_network_load_buffer(&net, data, len, "test.json", NULL,
		&err);
	check_failure(rc, net, &err, ADVISOR_EDATA, want);
}

#define BAD(json, ...) bad_text((json), (const char *const[]){ __VA_ARGS__, NULL })
#define BAD_BYTES(data, len, ...) \
	bad_bytes((data), (len), (const char *const[]){ __VA_ARGS__, NULL })

/* Loads; fails the test with the loader's message if it does not. */
static advisor_network *good_text(const char *json,
	const advisor_load_options *opts)
{
	advisor_network *net = NULL;
	advisor_error err = { 0 };
	int rc = advisor_network_load_buffer(&net, json, strlen(json),
		"test.json", opts, &err);
	cr_assert_eq(rc, ADVISOR_OK, "load failed (%d): %s", rc, err.message);
	cr_assert_not_null(net);
	return net;
}

/* Warnings, counted and the last one kept. */
typedef struct warnings {
	int count;
	char last[1024];
} warnings;

static void on_warning(void *payload, const char *message)
{
	warnings *w = payload;
	w->count++;
	snprintf(w->last, sizeof(w->last), "%s", message);
}

/* "test.json:LINE:COL:" for the byte at `at` of a one-line document. */
static const char *col_of(char *buf, size_t len, const char *doc,
	const char *needle)
{
	const char *at = strstr(doc, needle);
	cr_assert_not_null(at, "\"%s\" not in the document", needle);
	snprintf(buf, len, "test.json:1:%zu:", (size_t)(at - doc) + 1);
	return buf;
}

/* ------------------------------------------------------------------------
 * Good files
 * ------------------------------------------------------------------------ */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot open %s", path);
	cr_assert_eq(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	cr_assert_geq(n, 0);
	cr_assert_eq(fseek(f, 0, SEEK_SET), 0);
	char *buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

Test(loader, loads_the_bundled_example_with_every_person_and_name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s", source_path("docs/examples/network.json"));
	advisor_network *net = NULL;
	advisor_error err = { 0 };
	int rc = advisor_network_load(&net, path, NULL, &err);
	cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
	cr_assert_not_null(net);

	/* Compare with the file itself, read independently with cJSON. */
	char *text = slurp(path);
	cJSON *root = cJSON_Parse(text);
	cr_assert_not_null(root);
	const cJSON *people = cJSON_GetObjectItem(root, "people");
	cr_assert_gt(cJSON_GetArraySize(people), 0);
	cr_assert_eq(advisor_network_person_count(net),
		(size_t)cJSON_GetArraySize(people));
	size_t i = 0;
	const cJSON *p;
	cJSON_ArrayForEach(p, people) {
		const char *id = cJSON_GetObjectItem(p, "id")->valuestring;
		const char *name = cJSON_GetObjectItem(p, "name")->valuestring;
		cr_assert_str_eq(advisor_network_person_id(net, i), id,
			"people[%zu] is out of file order", i);
		const char *got = advisor_network_person_name(net, id);
		cr_assert_not_null(got, "no name for %s", id);
		cr_assert_str_eq(got, name);
		i++;
	}
	cr_assert_null(advisor_network_person_id(net, i), "past the end is NULL");
	cr_assert_eq(advisor_network_person_count(NULL), 0);
	cr_assert_null(advisor_network_person_id(NULL, 0));
	cr_assert_null(advisor_network_person_name(net, "nobody-has-this-id"));

	/* Names with accents come back byte for byte (the example has some). */
	const char *me_id = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "me"),
		"id")->valuestring;
	const char *me_name = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "me"),
		"name")->valuestring;
	cr_assert_str_eq(advisor_network_person_name(net, me_id), me_name);
	cJSON_Delete(root);
	free(text);
	advisor_network_free(net);
}

static const char every_field[] =
	"{\"format\":\"advisor-network/1\",\n"
	" \"me\":{\"id\":\"me\",\"name\":\"Alex Kim\",\"industry\":\"Software\",\n"
	"        \"title\":\"Engineer\",\"company\":\"Nimbus\"},\n"
	" \"people\":[\n"
	"  {\"id\":\"intro\",\"name\":\"Ivo Introducer\",\"connected\":true},\n"
	"  {\"id\":\"p\",\"name\":\"Zo\xc3\xab M\xc3\xbcller\",\n"
	"   \"headline\":\"Principal Engineer\",\"title\":\"Principal\",\n"
	"   \"company\":\"Orbit\",\"industry\":\"Software\",\"location\":\"Z\xc3\xbcrich\",\n"
	"   \"seniority\":\"founder\",\"followers\":12000,\"influencer\":true,\n"
	"   \"connected\":false,\"connected_on\":\"2021-03\",\n"
	"   \"connections\":[\"intro\",\"bare-node\"],\n"
	"   \"events\":[\n"
	"    {\"type\":\"met\",\"date\":\"2019-05-03\",\"context\":\"PyCon\",\"tone\":\"cordial\"},\n"
	"    {\"type\":\"worked_together\",\"org\":\"Orbit\",\"relation\":\"boss\",\n"
	"     \"from\":\"2015-09\",\"to\":\"2017\",\"ending\":\"bad\",\"reason\":\"fired\"},\n"
	"    {\"type\":\"personal\",\"date\":\"2010\",\"relation\":\"friend\",\"ending\":\"good\"},\n"
	"    {\"type\":\"introduced\",\"by\":\"intro\",\"date\":\"2024-01-02\",\"note\":\"hi\"},\n"
	"    {\"type\":\"interview\",\"date\":\"2026-11-01\",\"role\":\"recruiter\",\"status\":\"scheduled\"},\n"
	"    {\"type\":\"message\",\"date\":\"2026-11-02\",\"direction\":\"in\"},\n"
	"    {\"type\":\"invitation\",\"date\":\"2026-11-03\",\"direction\":\"out\",\"message\":\"Hello\"}\n"
	"   ]}\n"
	" ]}\n";

Test(loader, loads_every_person_field_and_every_event_type)
{
	warnings w = { 0, "" };
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	opts.warning = on_warning;
	opts.warning_payload = &w;
	advisor_network *net = good_text(every_field, &opts);
	cr_assert_eq(w.count, 0, "no warning expected, got: %s", w.last);
	cr_assert_eq(advisor_network_person_count(net), 2);

	const adv_person *p = adv_network_person(net, "p");
	cr_assert_not_null(p);
	cr_assert_str_eq(adv_str(net, p->name), "Zo\xc3\xab M\xc3\xbcller");
	cr_assert_str_eq(adv_str(net, p->headline), "Principal Engineer");
	cr_assert_str_eq(adv_str(net, p->title), "Principal");
	cr_assert_str_eq(adv_str(net, p->company), "Orbit");
	cr_assert_str_eq(adv_str(net, p->industry), "Software");
	cr_assert_str_eq(adv_str(net, p->location), "Z\xc3\xbcrich");
	cr_assert_eq(p->seniority, adv_enum_lookup(adv_seniority_names, "founder"));
	cr_assert_eq(p->followers, 12000);
	cr_assert_eq(p->influencer, 1);
	cr_assert_eq(p->connected, 0);
	cr_assert_eq(p->connected_on.precision, ADV_DATE_MONTH);
	cr_assert_eq(p->connected_on.day, adv_days_from_civil(2021, 3, 1));
	cr_assert_null(p->extra);

	const adv_person *me = adv_network_person(net, "me");
	cr_assert_eq(me, &net->me);
	cr_assert_str_eq(adv_str(net, me->company), "Nimbus");
	cr_assert_eq(me->followers, -1, "absent followers are -1");
	cr_assert_eq(me->influencer, -1, "absent influencer is -1");

	cr_assert_eq(p->event_count, 7);
	const adv_event *e = &net->events[p->first_event];
	for (int i = 0; i < 7; i++)
		cr_assert_eq(e[i].type, ADV_EV_MET + i, "events[%d] has type %d", i,
			e[i].type);

	cr_assert_str_eq(adv_str(net, e[0].context), "PyCon");
	cr_assert_eq(e[0].tone, adv_enum_lookup(adv_tone_names, "cordial"));
	cr_assert_eq(e[0].date.day, adv_days_from_civil(2019, 5, 3));
	cr_assert_eq(e[0].date.precision, ADV_DATE_DAY);

	cr_assert_str_eq(adv_str(net, e[1].org), "Orbit");
	cr_assert_eq(e[1].relation, adv_enum_lookup(adv_work_relation_names, "boss"));
	cr_assert_eq(e[1].from.day, adv_days_from_civil(2015, 9, 1));
	cr_assert_eq(e[1].to.day, adv_days_from_civil(2017, 1, 1));
	cr_assert_eq(e[1].to.precision, ADV_DATE_YEAR);
	cr_assert_eq(e[1].date.precision, ADV_DATE_NONE);
	cr_assert_eq(e[1].ending, ADV_ENDING_BAD);
	cr_assert_str_eq(adv_str(net, e[1].reason), "fired");

	cr_assert_eq(e[2].relation,
		adv_enum_lookup(adv_personal_relation_names, "friend"));
	cr_assert_eq(e[2].ending, ADV_ENDING_GOOD);

	cr_assert_eq(e[3].by, adv_network_find(net, "intro"));
	cr_assert_str_eq(adv_str(net, e[3].note), "hi");

	cr_assert_eq(e[4].role, adv_enum_lookup(adv_role_names, "recruiter"));
	cr_assert_eq(e[4].status, ADV_STATUS_SCHEDULED);

	cr_assert_eq(e[5].direction, 1, "in is 1");
	cr_assert_eq(e[6].direction, 2, "out is 2");
	cr_assert_str_eq(adv_str(net, e[6].message), "Hello");
	for (int i = 0; i < 7; i++) {
		cr_assert_neq(e[i].type_name.at, 0);
		cr_assert_str_eq(adv_str(net, e[i].type_name), adv_event_type_names[ADV_EV_MET + i]);
		cr_assert_null(e[i].extra, "events[%d] has no extra fields", i);
	}
	advisor_network_free(net);
}

Test(loader, keeps_unknown_fields_of_people_events_and_me)
{
	advisor_network *net = good_text(
		"{\"format\":\"advisor-network/1\","
		" \"me\":{\"id\":\"me\",\"name\":\"Me\",\"pronouns\":\"they\"},"
		" \"people\":[{\"id\":\"a\",\"name\":\"A\",\"shoe_size\":44,"
		"   \"hobbies\":[\"chess\",{\"kind\":\"go\"}],\"nested\":{\"x\":{\"y\":null}},"
		"   \"events\":[{\"type\":\"met\",\"date\":\"2020\",\"venue_rating\":4.5,"
		"      \"mood\":\"sunny\"}]}]}", NULL);
	const adv_person *a = adv_network_person(net, "a");
	cr_assert_not_null(a);
	cr_assert_not_null(a->extra);
	/* A record's unknown fields are one text, as written: no tree. */
	cr_assert_null(a->extra->child);
	cr_assert_str_eq(adv_json_rest(a->extra),
		"{\"shoe_size\":44,   \"hobbies\":[\"chess\",{\"kind\":\"go\"}],"
		"\"nested\":{\"x\":{\"y\":null}}}");
	cr_assert(adv_json_extra_has(a->extra, "nested"));
	cr_assert_not(adv_json_extra_has(a->extra, "name"),
		"known fields are not extras");

	const adv_event *e = &net->events[a->first_event];
	cr_assert_not_null(e->extra);
	int nomem = 0;
	char *mood = adv_json_extra_string(e->extra, "mood", &nomem);
	cr_assert_str_eq(mood, "sunny");
	free(mood);
	cr_assert_not(adv_json_extra_has(e->extra, "date"));
	cr_assert(adv_json_extra_has(e->extra, "venue_rating"));

	cr_assert_not_null(net->me.extra);
	char *pronouns = adv_json_extra_string(net->me.extra, "pronouns", &nomem);
	cr_assert_str_eq(pronouns, "they");
	free(pronouns);
	advisor_network_free(net);
}

/* A field another event type defines, on an event whose type does not,
 * and the fields the library reads in C stay members of the extra; the
 * others are its rest, as text. */
Test(loader, an_event_keeps_a_field_of_another_type_with_its_unknown_fields)
{
	advisor_network *net = good_text(
		"{\"format\":\"advisor-network/1\", \"me\":{\"id\":\"me\",\"name\":\"Me\"},"
		" \"people\":[{\"id\":\"a\",\"name\":\"A\",\"events\":[{\"type\":\"met\","
		"\"date\":\"2020\",\"mood\":\"sunny\",\"org\":\"Acme\"}]},"
		" {\"id\":\"b\",\"name\":\"B\",\"x\":[1,2],\"profile_url\":\"linkedin.com/in/b\"}]}", NULL);
	const adv_person *a = adv_network_person(net, "a");
	const adv_event *e = &net->events[a->first_event];
	char *tree = cJSON_PrintUnformatted(e->extra);
	cr_assert_str_eq(tree, "{\"org\":\"Acme\"}");
	cJSON_free(tree);
	cr_assert_str_eq(adv_json_rest(e->extra), "{\"mood\":\"sunny\"}");
	const adv_person *b = adv_network_person(net, "b");
	cr_assert_str_eq(cJSON_GetObjectItem(b->extra, "profile_url")->valuestring,
		"linkedin.com/in/b");
	cr_assert_str_eq(adv_json_rest(b->extra), "{\"x\":[1,2]}");
	advisor_network_free(net);
}

/* The parse moves the unknown fields of an event out of the tree by their
 * keys: every key an event type defines stays in it, for the loader. */
Test(loader, every_key_an_event_type_defines_stays_in_the_tree)
{
	static const char *const keys[] = { "type", "date", "context", "tone",
		"org", "relation", "from", "to", "ending", "reason", "by", "note",
		"role", "status", "direction", "message", "skill", "last_seen" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		adv_json_key path[5] = { { "people", 6 }, { NULL, 0 },
			{ "events", 6 }, { NULL, 0 }, { keys[i], strlen(keys[i]) } };
		cr_assert_neq(adv_load_raw_document.keep(NULL, 5, path),
			ADV_JSON_KEEP_REST, "%s", keys[i]);
	}
	adv_json_key odd[5] = { { "people", 6 }, { NULL, 0 }, { "events", 6 },
		{ NULL, 0 }, { "mood", 4 } };
	cr_assert_eq(adv_load_raw_document.keep(NULL, 5, odd), ADV_JSON_KEEP_REST);
}

Test(loader, keeps_an_unknown_event_type_with_exactly_one_warning)
{
	warnings w = { 0, "" };
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	opts.warning = on_warning;
	opts.warning_payload = &w;
	advisor_network *net = good_text(
		EV("{\"type\":\"coffee\",\"date\":\"2024-02\",\"place\":\"Caf\xc3\xa9\"}"),
		&opts);
	cr_assert_eq(w.count, 1, "expected one warning, got %d (last: %s)",
		w.count, w.last);
	cr_assert_not_null(strstr(w.last, "test.json"), "%s", w.last);
	cr_assert_not_null(strstr(w.last, "people[1].events[0].type"), "%s", w.last);
	cr_assert_not_null(strstr(w.last, "\"coffee\""), "%s", w.last);

	const adv_person *b = adv_network_person(net, "b");
	cr_assert_eq(b->event_count, 1);
	const adv_event *e = &net->events[b->first_event];
	cr_assert_eq(e->type, ADV_EV_OTHER);
	cr_assert_str_eq(adv_str(net, e->type_name), "coffee");
	cr_assert_eq(e->date.precision, ADV_DATE_MONTH);
	{
		int nomem = 0;
		char *place = adv_json_extra_string(e->extra, "place", &nomem);
		cr_assert_str_eq(place, "Caf\xc3\xa9");
		free(place);
	}
	advisor_network_free(net);

	/* Without a callback the warning is dropped and the load still works. */
	net = good_text(EV("{\"type\":\"coffee\",\"date\":\"2024\"}"), NULL);
	advisor_network_free(net);
}

Test(loader, loads_an_empty_people_list)
{
	advisor_network *net = good_text(DOC(""), NULL);
	cr_assert_eq(advisor_network_person_count(net), 0);
	cr_assert_null(advisor_network_person_id(net, 0));
	cr_assert_str_eq(advisor_network_person_name(net, "me"), "Me");
	advisor_network_free(net);
}

Test(loader, loads_again_after_a_failure_in_the_same_process)
{
	advisor_network *net = NOT_SET;
	advisor_error err = { 0 };

	/* A syntax error (cJSON's global error pointer is set), then a data
	 * error, then good files: no state leaks from one call to the next. */
	cr_assert_eq(load_text(&net, "{\"format\": ", &err), ADVISOR_EDATA);
	cr_assert_null(net);
	cr_assert_eq(load_text(&net, B("\"followers\":-3"), &err), ADVISOR_EDATA);
	cr_assert_null(net);
	cr_assert_eq(load_text(&net, DOC(PERSON_A), &err), ADVISOR_OK, "%s",
		err.message);
	cr_assert_eq(advisor_network_person_count(net), 1);
	advisor_network_free(net);
	cr_assert_eq(load_text(&net, B("\"followers\":3"), &err), ADVISOR_OK, "%s",
		err.message);
	cr_assert_eq(advisor_network_person_count(net), 2);
	advisor_network_free(net);

	/* The same id may be used again in a new network. */
	cr_assert_eq(load_text(&net, DOC(PERSON_A "," PERSON_A), &err),
		ADVISOR_EDATA);
	cr_assert_eq(load_text(&net, DOC(PERSON_A), &err), ADVISOR_OK);
	advisor_network_free(net);
}

Test(loader, rejects_null_arguments_without_crashing)
{
	advisor_network *net = NOT_SET;
	advisor_error err = { 0 };
	cr_assert_eq(advisor_network_load_buffer(NULL, "{}", 2, "x", NULL, &err),
		ADVISOR_EINVAL);
	cr_assert_eq(advisor_network_load_buffer(&net, NULL, 0, "x", NULL, &err),
		ADVISOR_EINVAL);
	cr_assert_null(net);
	net = NOT_SET;
	cr_assert_eq(advisor_network_load(&net, NULL, NULL, &err), ADVISOR_EINVAL);
	cr_assert_null(net);
	/* err itself is optional. */
	cr_assert_eq(load_text(&net, "[]", NULL), ADVISOR_EDATA);
	cr_assert_null(net);
}

/* ------------------------------------------------------------------------
 * Missing required fields
 * ------------------------------------------------------------------------ */

Test(loader, rejects_a_person_without_an_id)
{
	BAD(DOC(PERSON_A ",{\"name\":\"B\"}"),
		"test.json", "people[1].id", "missing", "expected a string");
}

Test(loader, rejects_a_person_without_a_name)
{
	BAD(DOC(PERSON_A ",{\"id\":\"b\"}"),
		"test.json", "people[1].name", "missing", "expected a string");
}

Test(loader, rejects_an_event_without_a_date)
{
	BAD(EV("{\"type\":\"met\",\"tone\":\"cordial\"}"),
		"test.json", "people[1].events[0].date", "missing",
		"expected a date (YYYY-MM-DD, YYYY-MM or YYYY)");
}

Test(loader, rejects_an_event_without_a_type)
{
	BAD(EV("{\"date\":\"2020\"}"),
		"test.json", "people[1].events[0].type", "missing",
		"expected an event type");
}

Test(loader, rejects_worked_together_without_from)
{
	BAD(EV("{\"type\":\"worked_together\",\"to\":\"2020\"}"),
		"test.json", "people[1].events[0].from", "missing",
		"expected a date");
}

Test(loader, rejects_a_file_without_me)
{
	BAD("{\"format\":\"advisor-network/1\",\"people\":[]}",
		"test.json: me", "missing", "expected an object with id and name");
}

Test(loader, rejects_me_without_an_id)
{
	BAD("{\"format\":\"advisor-network/1\",\"me\":{\"name\":\"Me\"},\"people\":[]}",
		"test.json", "me.id", "missing", "expected a string");
}

Test(loader, rejects_a_file_without_people)
{
	BAD("{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"}}",
		"test.json: people", "missing", "expected an array of people");
}

Test(loader, rejects_a_file_without_format)
{
	BAD("{\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[]}",
		"test.json: format", "missing", "expected \"advisor-network/1\"");
}

/* ------------------------------------------------------------------------
 * Wrong types
 * ------------------------------------------------------------------------ */

Test(loader, rejects_a_name_that_is_a_number)
{
	BAD(DOC(PERSON_A ",{\"id\":\"b\",\"name\":42}"),
		"test.json", "people[1].name", "expected a string, got a number");
}

Test(loader, rejects_an_id_that_is_a_number)
{
	BAD(DOC(PERSON_A ",{\"id\":7,\"name\":\"B\"}"),
		"test.json", "people[1].id", "expected a string, got a number");
}

Test(loader, rejects_followers_given_as_a_string)
{
	BAD(B("\"followers\":\"2400\""),
		"test.json", "people[1].followers", "expected an integer >= 0",
		"got a string");
}

Test(loader, rejects_connected_given_as_a_string)
{
	BAD(B("\"connected\":\"yes\""),
		"test.json", "people[1].connected", "expected true or false",
		"got a string");
}

Test(loader, rejects_influencer_given_as_a_number)
{
	BAD(B("\"influencer\":1"),
		"test.json", "people[1].influencer", "expected true or false",
		"got a number");
}

Test(loader, rejects_connections_that_are_not_an_array)
{
	BAD(B("\"connections\":\"a\""),
		"test.json", "people[1].connections",
		"expected an array of person ids, got a string");
}

Test(loader, rejects_a_connection_that_is_not_a_string)
{
	BAD(B("\"connections\":[\"a\",5]"),
		"test.json", "people[1].connections[1]",
		"expected a person id, got a number");
}

Test(loader, rejects_events_that_are_not_an_array)
{
	BAD(B("\"events\":{\"type\":\"met\"}"),
		"test.json", "people[1].events",
		"expected an array of events, got an object");
}

Test(loader, rejects_an_event_that_is_not_an_object)
{
	BAD(EV("\"met\""),
		"test.json", "people[1].events[0]",
		"expected an event object, got a string");
}

Test(loader, rejects_a_person_that_is_not_an_object)
{
	BAD(DOC(PERSON_A ",[\"b\"]"),
		"test.json", "people[1]", "expected a person object, got an array");
}

Test(loader, rejects_people_that_is_not_an_array)
{
	BAD("{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	    "\"people\":{}}",
		"test.json: people", "expected an array of people, got an object");
}

Test(loader, rejects_me_that_is_not_an_object)
{
	BAD("{\"format\":\"advisor-network/1\",\"me\":\"me\",\"people\":[]}",
		"test.json: me", "expected an object, got a string");
}

Test(loader, rejects_a_date_that_is_a_number)
{
	BAD(EV("{\"type\":\"met\",\"date\":2019}"),
		"test.json", "people[1].events[0].date",
		"expected a date string (YYYY-MM-DD, YYYY-MM or YYYY), got a number");
}

/* ------------------------------------------------------------------------
 * Ids
 * ------------------------------------------------------------------------ */

Test(loader, rejects_an_empty_string_id)
{
	BAD(DOC(PERSON_A ",{\"id\":\"\",\"name\":\"B\"}"),
		"test.json", "people[1].id", "empty", "expected a non-empty string");
}

Test(loader, rejects_a_duplicate_person_id)
{
	BAD(DOC(PERSON_A ",{\"id\":\"b\",\"name\":\"B\"},{\"id\":\"a\",\"name\":\"A2\"}"),
		"test.json", "people[2].id", "duplicate id \"a\"",
		"expected each person once");
}

Test(loader, rejects_a_person_whose_id_is_mes_id)
{
	BAD(DOC(PERSON_A ",{\"id\":\"me\",\"name\":\"Me again\"}"),
		"test.json", "people[1].id", "\"me\" is me's id",
		"expected an id of someone else");
}

Test(loader, rejects_a_connection_list_that_references_the_person_itself)
{
	BAD(B("\"connections\":[\"a\",\"b\"]"),
		"test.json", "people[1].connections[1]", "\"b\" lists itself",
		"cannot be their own connection");
}

Test(loader, rejects_an_empty_string_in_connections)
{
	BAD(B("\"connections\":[\"\"]"),
		"test.json", "people[1].connections[0]",
		"expected a person id, got an empty string");
}

Test(loader, rejects_a_link_to_me_from_someone_not_marked_connected)
{
	/* me's id in a connections list is the first-degree link, which the
	 * person must also declare with connected: true. */
	BAD(DOC("{\"id\":\"a\",\"name\":\"A\",\"connections\":[\"me\"]}"),
		"test.json", "people[0]", "linked to me (\"me\")",
		"expected connected: true");
}

/* ------------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------------ */

static void bad_date(const char *date)
{
	char doc[512], quoted[64];
	snprintf(doc, sizeof(doc),
		EV("{\"type\":\"met\",\"date\":\"%s\"}"), date);
	snprintf(quoted, sizeof(quoted), "\"%s\" is not a date", date);
	BAD(doc, "test.json", "people[1].events[0].date", quoted,
		"expected YYYY-MM-DD, YYYY-MM or YYYY");
}

Test(loader, rejects_month_13)
{
	bad_date("2019-13-01");
}

Test(loader, rejects_february_30)
{
	bad_date("2019-02-30");
}

Test(loader, rejects_a_date_without_leading_zeros)
{
	bad_date("2019-5-3");
}

Test(loader, rejects_a_date_in_words)
{
	bad_date("yesterday");
}

Test(loader, rejects_february_29_of_a_common_year)
{
	bad_date("2023-02-29");
}

Test(loader, rejects_a_bad_connected_on_date)
{
	BAD(B("\"connected_on\":\"2021-02-29\""),
		"test.json", "people[1].connected_on", "\"2021-02-29\" is not a date",
		"expected YYYY-MM-DD, YYYY-MM or YYYY");
}

Test(loader, rejects_worked_together_that_ends_before_it_starts)
{
	BAD(EV("{\"type\":\"worked_together\",\"from\":\"2020-01-01\","
	       "\"to\":\"2019-12-31\"}"),
		"test.json", "people[1].events[0].to", "ends before it starts",
		"expected a date on or after \"from\"");
}

Test(loader, accepts_worked_together_that_ends_the_day_it_starts)
{
	advisor_network *net = good_text(EV("{\"type\":\"worked_together\","
		"\"from\":\"2020-01-01\",\"to\":\"2020-01-01\"}"), NULL);
	advisor_network_free(net);
}

/* ------------------------------------------------------------------------
 * Enumerated values
 * ------------------------------------------------------------------------ */

Test(loader, rejects_an_unknown_seniority)
{
	BAD(B("\"seniority\":\"ceo\""),
		"test.json", "people[1].seniority", "\"ceo\" is not a seniority",
		"expected one of student, entry, senior, manager, director, "
		"executive, founder");
}

Test(loader, rejects_an_unknown_tone)
{
	BAD(EV("{\"type\":\"met\",\"date\":\"2019\",\"tone\":\"warm\"}"),
		"test.json", "people[1].events[0].tone", "\"warm\"",
		"expected one of cordial, neutral, awkward, hostile");
}

Test(loader, rejects_an_unknown_work_relation)
{
	BAD(EV("{\"type\":\"worked_together\",\"from\":\"2019\",\"relation\":\"mentor\"}"),
		"test.json", "people[1].events[0].relation", "\"mentor\"",
		"expected one of boss, report, peer, client, employer");
}

Test(loader, rejects_an_unknown_personal_relation)
{
	BAD(EV("{\"type\":\"personal\",\"date\":\"2019\",\"relation\":\"cousin\"}"),
		"test.json", "people[1].events[0].relation", "\"cousin\"",
		"expected one of ex, friend, family");
}

Test(loader, rejects_an_unknown_ending)
{
	BAD(EV("{\"type\":\"worked_together\",\"from\":\"2019\",\"ending\":\"ugly\"}"),
		"test.json", "people[1].events[0].ending", "\"ugly\"",
		"expected one of good, neutral, bad");
}

Test(loader, rejects_an_unknown_interview_role)
{
	BAD(EV("{\"type\":\"interview\",\"date\":\"2019\",\"role\":\"ceo\","
	       "\"status\":\"done\"}"),
		"test.json", "people[1].events[0].role", "\"ceo\"",
		"expected one of hiring_manager, interviewer, recruiter");
}

Test(loader, rejects_an_unknown_interview_status)
{
	BAD(EV("{\"type\":\"interview\",\"date\":\"2019\",\"status\":\"pending\"}"),
		"test.json", "people[1].events[0].status", "\"pending\"",
		"expected one of applied, scheduled, done, offer, hired, rejected, "
		"withdrawn");
}

Test(loader, rejects_an_unknown_message_direction)
{
	BAD(EV("{\"type\":\"message\",\"date\":\"2019\",\"direction\":\"sideways\"}"),
		"test.json", "people[1].events[0].direction", "\"sideways\"",
		"expected one of in, out");
}

Test(loader, rejects_an_unknown_invitation_direction)
{
	BAD(EV("{\"type\":\"invitation\",\"date\":\"2019\",\"direction\":\"IN\"}"),
		"test.json", "people[1].events[0].direction", "\"IN\"",
		"expected one of in, out");
}

Test(loader, rejects_an_enum_value_that_is_not_a_string)
{
	BAD(EV("{\"type\":\"met\",\"date\":\"2019\",\"tone\":1}"),
		"test.json", "people[1].events[0].tone",
		"expected one of cordial, neutral, awkward, hostile, got a number");
}

Test(loader, rejects_an_interview_without_status)
{
	BAD(EV("{\"type\":\"interview\",\"date\":\"2019\",\"role\":\"recruiter\"}"),
		"test.json", "people[1].events[0].status", "missing",
		"expected one of applied, scheduled");
}

/* ------------------------------------------------------------------------
 * introduced.by
 * ------------------------------------------------------------------------ */

Test(loader, rejects_introduced_by_naming_nobody)
{
	BAD(EV("{\"type\":\"introduced\",\"date\":\"2019\",\"by\":\"ghost\"}"),
		"test.json", "people[1].events[0].by", "\"ghost\" names nobody",
		"expected the id of a person in the network");
}

Test(loader, rejects_introduced_by_naming_a_bare_node)
{
	/* "sam" is only listed among a's connections: a node, not a person. */
	BAD(DOC("{\"id\":\"a\",\"name\":\"A\",\"connections\":[\"sam\"]},"
		"{\"id\":\"b\",\"name\":\"B\",\"events\":[{\"type\":\"introduced\","
		"\"date\":\"2019\",\"by\":\"sam\"}]}"),
		"test.json", "people[1].events[0].by", "\"sam\" names nobody",
		"expected the id of a person in the network");
}

Test(loader, accepts_introduced_by_a_person_declared_later_in_the_file)
{
	advisor_network *net = good_text(DOC(
		"{\"id\":\"b\",\"name\":\"B\",\"events\":[{\"type\":\"introduced\","
		"\"date\":\"2019\",\"by\":\"a\"}]}," PERSON_A), NULL);
	const adv_person *b = adv_network_person(net, "b");
	cr_assert_eq(net->events[b->first_event].by, adv_network_find(net, "a"));
	advisor_network_free(net);
}

/* ------------------------------------------------------------------------
 * The document as a whole
 * ------------------------------------------------------------------------ */

Test(loader, rejects_another_format)
{
	BAD("{\"format\":\"advisor-network/2\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	    "\"people\":[]}",
		"test.json: format", "\"advisor-network/2\" is not supported",
		"expected \"advisor-network/1\"");
}

Test(loader, rejects_a_format_that_is_not_a_string)
{
	BAD("{\"format\":1,\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[]}",
		"test.json: format", "a number is not supported",
		"expected \"advisor-network/1\"");
}

Test(loader, rejects_a_top_level_that_is_not_an_object)
{
	BAD("[{\"format\":\"advisor-network/1\"}]",
		"test.json", "expected a JSON object with format, me and people",
		"got an array");
	BAD("\"advisor-network/1\"", "test.json", "expected a JSON object",
		"got a string");
}

static void bad_file(const char *name, const char *data, size_t len,
	const char *const *want)
{
	const char *tmp = write_temp(name, data, len);
	cr_assert_not_null(tmp);
	char path[4096];
	snprintf(path, sizeof(path), "%s", tmp);
	advisor_network *net = NOT_SET;
	advisor_error err = { 0 };
	int rc = advisor_network_load(&net, path, NULL, &err);
	unlink(path);
	cr_assert_not_null(strstr(err.message, path),
		"message \"%s\" lacks the file name %s", err.message, path);
	check_failure(rc, net, &err, ADVISOR_EDATA, want);
}

#define BAD_FILE(name, data, len, ...) \
	bad_file((name), (data), (len), (const char *const[]){ __VA_ARGS__, NULL })

Test(loader, rejects_an_empty_file)
{
	BAD_FILE("empty.json", "", 0, "empty", "expected a JSON document");
	BAD("", "test.json: empty", "expected a JSON document");
}

Test(loader, rejects_a_whitespace_only_file)
{
	BAD_FILE("blank.json", " \n\t\r\n  ", 7, "empty",
		"expected a JSON document");
}

Test(loader, rejects_a_truncated_document)
{
	const char *doc = "{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",";
	char where[64];
	snprintf(where, sizeof(where), "test.json:1:%zu:", strlen(doc) + 1);
	BAD(doc, where, "ends before every [ and { is closed (truncated document?)");

	/* Cut after a comma, on the second line. */
	BAD("{\"format\":\"advisor-network/1\",\n\"me\":{\"id\":\"me\",",
		"test.json:2:17:", "truncated document?");
	/* Cut inside an array. */
	BAD("{\"format\":\"advisor-network/1\",\"people\":[1,",
		"test.json:1:", "truncated document?");
	/* Cut inside a string. */
	BAD("{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"m",
		"test.json:1:", "ends inside a string (truncated document?)");
}

Test(loader, rejects_trailing_garbage_after_the_document)
{
	/* The place is the first character after the document. */
	char where[64];
	snprintf(where, sizeof(where), "test.json:1:%zu:", strlen(DOC(PERSON_A)) + 2);
	BAD(DOC(PERSON_A) " x", where,
		"unexpected 'x' after the end of the JSON document; expected nothing more");

	snprintf(where, sizeof(where), "test.json:1:%zu:", strlen(DOC(PERSON_A)) + 1);
	BAD(DOC(PERSON_A) "{}", where, "unexpected '{}' after the end of the JSON document");
}

Test(loader, reports_the_line_and_column_of_a_syntax_error)
{
	/* A missing comma: cJSON stops at the second key, line 2 column 21. */
	BAD("{\"format\":\"advisor-network/1\",\n  \"me\": {\"id\": \"me\" \"name\":\"Me\"}}",
		"test.json:2:21:", "invalid JSON near '\"name\":\"Me\"}}'");
}

Test(loader, rejects_a_duplicate_key_in_a_person)
{
	BAD(B("\"name\":\"C\""),
		"test.json", "people[1]", "key \"name\" appears twice",
		"expected each key once");
}

Test(loader, rejects_a_duplicate_key_in_a_nested_extra_object)
{
	BAD(B("\"extra\":{\"k\":1,\"x\":{\"k\":1,\"k\":2}}"),
		"test.json", "people[1].extra.x", "key \"k\" appears twice",
		"expected each key once");
}

Test(loader, rejects_a_duplicate_top_level_key)
{
	BAD("{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	    "\"people\":[],\"me\":{\"id\":\"x\",\"name\":\"X\"}}",
		"test.json", "(top)", "key \"me\" appears twice",
		"expected each key once");
}

Test(loader, rejects_an_escaped_nul_inside_a_string)
{
	const char *doc = B("\"headline\":\"ab\\u0000cd\"");
	char where[64];
	BAD(doc, col_of(where, sizeof(where), doc, "\\u0000"),
		"\\u0000 inside a string", "may not contain NUL characters");
}

Test(loader, accepts_an_escaped_backslash_followed_by_u0000_text)
{
	/* "\\u0000" is a backslash and the text u0000, not a NUL. */
	advisor_network *net = good_text(B("\"headline\":\"a\\\\u0000\""), NULL);
	cr_assert_str_eq(adv_str(net, adv_network_person(net, "b")->headline), "a\\u0000");
	advisor_network_free(net);
}

Test(loader, rejects_invalid_utf8_bytes)
{
	const char *doc = B("\"headline\":\"caf\xff\"");
	char where[64];
	BAD(doc, col_of(where, sizeof(where), doc, "\xff"),
		"invalid UTF-8 (byte 0xff)", "expected UTF-8 text");

	/* An overlong '/', on line 2 after a two-byte character: columns count
	 * characters, so the bad byte is at column 10, not 11. */
	BAD("{\n  \"x\": \"\xc3\xa9\xc0\xaf\"}",
		"test.json:2:10:", "invalid UTF-8 (byte 0xc0)", "expected UTF-8 text");
}

Test(loader, rejects_a_raw_nul_byte)
{
	static const char doc[] = DOC(PERSON_A);
	char buf[sizeof(doc)];
	memcpy(buf, doc, sizeof(doc));
	buf[20] = '\0';
	BAD_BYTES(buf, sizeof(doc) - 1, "test.json:1:21:", "NUL byte",
		"expected JSON text");

	/* A NUL right after a complete document is not a terminator. */
	BAD_BYTES(doc, sizeof(doc), "test.json:1:", "NUL byte",
		"expected JSON text");
}

Test(loader, rejects_a_raw_nul_byte_in_an_otherwise_blank_file)
{
	/* Bug: the blank-file check treats '\0' as whitespace (strchr finds
	 * the terminator), so this says "empty" instead of naming the NUL. */
	BAD_BYTES("  \n\0", 4, "test.json:2:1:", "NUL byte",
		"expected JSON text");
}

Test(loader, rejects_followers_that_overflow_to_infinity)
{
	BAD(B("\"followers\":1e999"),
		"test.json", "people[1].followers", "number out of range",
		"expected a finite number");
}

Test(loader, rejects_an_infinite_number_inside_an_extra_field)
{
	BAD(B("\"stats\":{\"v\":[1,-1e999]}"),
		"test.json", "people[1].stats.v[1]", "number out of range",
		"expected a finite number");
}

Test(loader, rejects_a_30_digit_followers_count)
{
	BAD(B("\"followers\":123456789012345678901234567890"),
		"test.json", "people[1].followers", "out of range",
		"expected an integer from 0 to 9007199254740991");
}

Test(loader, rejects_negative_followers)
{
	BAD(B("\"followers\":-1"),
		"test.json", "people[1].followers", "-1",
		"expected an integer from 0 to 9007199254740991");
}

/* 2^53 + 1 reads as 2^53: a count that may have been rounded is refused,
 * never kept as a number the file did not say. */
Test(loader, rejects_followers_a_double_cannot_hold_exactly)
{
	BAD(B("\"followers\":9007199254740993"),
		"test.json", "people[1].followers", "out of range",
		"expected an integer from 0 to 9007199254740991");
	BAD(B("\"followers\":9007199254740992"),
		"test.json", "people[1].followers", "out of range",
		"expected an integer from 0 to 9007199254740991");
}

Test(loader, rejects_fractional_followers)
{
	BAD(B("\"followers\":1.5"),
		"test.json", "people[1].followers", "1.5 is not a whole number",
		"expected an integer >= 0");
}

Test(loader, accepts_followers_at_the_edges)
{
	advisor_network *net = good_text(B("\"followers\":0"), NULL);
	cr_assert_eq(adv_network_person(net, "b")->followers, 0);
	advisor_network_free(net);
	net = good_text(B("\"followers\":9007199254740991"), NULL);
	cr_assert_eq(adv_network_person(net, "b")->followers, 9007199254740991LL);
	advisor_network_free(net);
	net = good_text(B("\"followers\":1e4"), NULL);
	cr_assert_eq(adv_network_person(net, "b")->followers, 10000);
	advisor_network_free(net);
}

static char *nested(size_t depth, const char *before, const char *after)
{
	size_t lb = strlen(before), la = strlen(after);
	char *s = malloc(lb + 2 * depth + la + 1);
	cr_assert_not_null(s);
	memcpy(s, before, lb);
	memset(s + lb, '[', depth);
	memset(s + lb + depth, ']', depth);
	memcpy(s + lb + 2 * depth, after, la + 1);
	return s;
}

Test(loader, rejects_nesting_deeper_than_cjson_allows)
{
	/* cJSON gives up at 1000 levels; the place is the 1001st bracket. */
	char *deep = nested(2000, "", "");
	BAD(deep, "test.json:1:1001:", "nested deeper than 1000 levels; expected at most 1000");
	free(deep);

	/* Inside a person: the top object, people and the person are three of
	 * the 1000 levels, so the 998th '[' is the one refused. */
	const char *prefix = HEAD PERSON_A ",{\"id\":\"b\",\"name\":\"B\",\"x\":";
	char *inside = nested(2000, prefix, "}]}");
	char where[64];
	snprintf(where, sizeof(where), "test.json:1:%zu:",
		strlen(prefix) + (1000 - 3) + 1);
	BAD(inside, where, "nested deeper than 1000 levels");
	free(inside);
}

Test(loader, accepts_nesting_well_within_cjsons_limit)
{
	const char *prefix = HEAD PERSON_A ",{\"id\":\"b\",\"name\":\"B\",\"x\":";
	char *ok = nested(500, prefix, "}]}");
	advisor_network *net = good_text(ok, NULL);
	advisor_network_free(net);
	free(ok);
}

Test(loader, rejects_a_directory)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s", dir ? dir : "/tmp");
	advisor_network *net = NOT_SET;
	advisor_error err = { 0 };
	int rc = advisor_network_load(&net, path, NULL, &err);
	check_failure(rc, net, &err, ADVISOR_EIO,
		(const char *const[]){ path, "is a directory", "expected a file",
			NULL });
}

Test(loader, rejects_a_missing_file)
{
	const char *path = "/nonexistent-advisor-dir/network.json";
	advisor_network *net = NOT_SET;
	advisor_error err = { 0 };
	int rc = advisor_network_load(&net, path, NULL, &err);
	check_failure(rc, net, &err, ADVISOR_EIO,
		(const char *const[]){ path, "cannot open", "No such file", NULL });
}

Test(loader, names_the_file_path_in_data_errors_from_disk)
{
	static const char doc[] = B("\"followers\":-5");
	BAD_FILE("neg.json", doc, sizeof(doc) - 1, "people[1].followers",
		"expected an integer from 0 to 9007199254740991");
}

Test(loader, loads_a_good_file_from_disk)
{
	static const char doc[] = DOC(PERSON_A);
	const char *tmp = write_temp("good.json", doc, sizeof(doc) - 1);
	cr_assert_not_null(tmp);
	char path[4096];
	snprintf(path, sizeof(path), "%s", tmp);
	advisor_network *net = NULL;
	advisor_error err = { 0 };
	int rc = advisor_network_load(&net, path, NULL, &err);
	unlink(path);
	cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
	cr_assert_str_eq(advisor_network_person_name(net, "a"), "A");
	advisor_network_free(net);
}

Test(loader, rejects_raw_control_characters)
{
	/* RFC 8259: escaped inside strings, and only tab, newline and return
	 * between tokens; cJSON would take both silently. */
	BAD(B("\"headline\":\"tab\there\""), "test.json:1:",
		"raw control character 0x09 inside a string; expected it escaped");
	BAD("{\x01\"format\":\"advisor-network/1\"}", "test.json:1:2:",
		"control character 0x01; expected JSON text");
}

/* The scan reads strings eight bytes at a time: a character that ends or
 * breaks a string must be found at every offset, with its exact column. */
Test(loader, finds_a_bad_character_at_every_offset_of_a_long_string)
{
	for (size_t at = 0; at < 40; at++) {
		char text[64], doc[512], where[64];
		memset(text, 'x', sizeof(text));
		text[40] = '\0';
		text[at] = '\x01';
		snprintf(doc, sizeof(doc), "{\"format\":\"advisor-network/1\","
			"\"me\":{\"id\":\"me\",\"name\":\"%s\"}}", text);
		snprintf(where, sizeof(where), "test.json:1:%zu:",
			(size_t)(strchr(doc, '\x01') - doc) + 1);
		BAD(doc, where, "raw control character 0x01 inside a string");

		/* A quote or an escape ends the run too: a stray quote is
		 * an error, an escaped backslash is read as one. */
		text[at] = '"';
		snprintf(doc, sizeof(doc), "{\"format\":\"advisor-network/1\","
			"\"me\":{\"id\":\"me\",\"name\":\"%s\"}}", text);
		BAD(doc, "test.json:1:");
		snprintf(doc, sizeof(doc), "{\"format\":\"advisor-network/1\","
			"\"me\":{\"id\":\"me\",\"name\":\"%.*s\\\\%s\"},\"people\":[]}", (int)at,
			text, text + at + 1);
		advisor_network *net = good_text(doc, NULL);
		cr_assert_eq(strlen(advisor_network_person_name(net, "me")), 40);
		cr_assert_eq(advisor_network_person_name(net, "me")[at], '\\');
		advisor_network_free(net);
	}
}

Test(loader, clears_the_error_after_a_success)
{
	advisor_network *net = NULL;
	advisor_error err = { .code = ADVISOR_EDATA, .message = "stale" };
	cr_assert_eq(load_text(&net, DOC(PERSON_A), &err), ADVISOR_OK);
	cr_assert_eq(err.code, ADVISOR_OK);
	cr_assert_str_empty(err.message);
	advisor_network_free(net);
}

/* ------------------------------------------------------------------------
 * Where an error lies, as data: path, field, line and column.
 * ------------------------------------------------------------------------ */

static void located(const char *json, const char *path, const char *field,
	size_t line, size_t column)
{
	advisor_network *net = NULL;
	advisor_error err;
	int rc = advisor_network_load_buffer(&net, json, strlen(json),
		"test.json", NULL, &err);

	cr_assert_eq(rc, ADVISOR_EDATA, "%s", rc ? err.message : "(it loaded)");
	cr_assert_str_eq(err.path, path, "message: %s", err.message);
	cr_assert_str_eq(err.field, field, "message: %s", err.message);
	cr_assert_eq(err.line, line, "message: %s", err.message);
	cr_assert_eq(err.column, column, "message: %s", err.message);
}

Test(located, an_event_field_is_named_by_path_and_field)
{
	located(EV("{\"type\":\"met\",\"date\":\"2019-05-03\",\"tone\":\"warm\"}"),
		"people[1].events[0].tone", "tone", 0, 0);
}

Test(located, a_person_field)
{
	located(B("\"seniority\":\"boss\""), "people[1].seniority", "seniority",
		0, 0);
}

Test(located, a_missing_top_level_member)
{
	located("{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"}}",
		"people", "people", 0, 0);
}

Test(located, a_syntax_error_has_line_and_column_and_no_path)
{
	located("{\"format\":\n  x}", "", "", 2, 3);
}

Test(located, a_key_given_twice)
{
	located(DOC("{\"id\":\"a\",\"name\":\"A\",\"name\":\"B\"}"),
		"people[0].name", "name", 0, 0);
}

Test(located, a_later_success_leaves_no_location)
{
	advisor_network *net = NULL;
	advisor_error err;
	const char *bad = B("\"seniority\":\"boss\""), *good = DOC(PERSON_A);

	cr_assert_lt(advisor_network_load_buffer(&net, bad, strlen(bad),
		"test.json", NULL, &err), 0);
	cr_assert_lt(advisor_network_load_buffer(&net, "{", 1, "test.json",
		NULL, &err), 0);
	cr_assert_str_eq(err.path, "");
	cr_assert_str_eq(err.field, "");
	cr_assert_eq(advisor_network_load_buffer(&net, good, strlen(good),
		"test.json", NULL, &err), ADVISOR_OK);
	advisor_network_free(net);
}

/* A network that lists its own event types loads them without the warning;
 * a type it does not list still warns, saying how to list it. */
#define CUSTOM(list, e) "{\"format\":\"advisor-network/1\"," \
	"\"custom_event_types\":" list "," \
	"\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[" PERSON_A \
	",{\"id\":\"b\",\"name\":\"B\",\"events\":[" e "]}]}"

Test(loader, custom_event_types_load_without_a_warning)
{
	warnings w = { 0, "" };
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	opts.warning = on_warning;
	opts.warning_payload = &w;
	advisor_network *net = good_text(CUSTOM("[\"coffee\", \"hackathon\"]",
		"{\"type\":\"coffee\",\"date\":\"2024\"},"
		"{\"type\":\"hackathon\",\"date\":\"2024\"},"
		"{\"type\":\"cofee\",\"date\":\"2024\"}"), &opts);
	cr_assert_eq(w.count, 1, "only the undeclared type warns; got %d (last: %s)",
		w.count, w.last);
	cr_assert_not_null(strstr(w.last, "\"cofee\""), "%s", w.last);
	cr_assert_not_null(strstr(w.last, "list it in custom_event_types"), "%s", w.last);
	const adv_person *b = adv_network_person(net, "b");
	cr_assert_eq(b->event_count, 3, "declared types are kept as events");
	advisor_network_free(net);

	w.count = 0;
	net = good_text(CUSTOM("[]", "{\"type\":\"coffee\",\"date\":\"2024\"}"), &opts);
	cr_assert_eq(w.count, 1, "an empty list declares nothing");
	advisor_network_free(net);
}

Test(loader, custom_event_types_must_be_names_of_your_own)
{
	BAD(CUSTOM("\"coffee\"", "{\"type\":\"coffee\",\"date\":\"2024\"}"),
		"test.json: custom_event_types: expected an array of event type names, got a string");
	BAD(CUSTOM("[\"coffee\", 3]", "{\"type\":\"coffee\",\"date\":\"2024\"}"),
		"custom_event_types[1]: expected the name of an event type of your own, got a number");
	BAD(CUSTOM("[\"\"]", "{\"type\":\"coffee\",\"date\":\"2024\"}"),
		"custom_event_types[0]", "got an empty string");
	BAD(CUSTOM("[\"coffee\", \"met\"]", "{\"type\":\"coffee\",\"date\":\"2024\"}"),
		"custom_event_types[1]: \"met\" is a type advisor defines; list only types of your own");
}
