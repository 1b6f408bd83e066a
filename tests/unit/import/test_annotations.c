/*
 * test_annotations.c - the user's facts merged over an imported network.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/annotations.h"

static const char imported[] =
	"{\"format\":\"advisor-network/1\","
	" \"me\":{\"id\":\"me\",\"name\":\"Alex Kim\",\"company\":\"Nimbus\"},"
	" \"people\":["
	"  {\"id\":\"priya\",\"name\":\"Priya N\",\"company\":\"Orbit\","
	"   \"connected\":false,"
	"   \"events\":[{\"type\":\"invitation\",\"date\":\"2026-10-01\","
	"               \"direction\":\"in\",\"message\":\"\"}]},"
	"  {\"id\":\"tom\",\"name\":\"Tom\",\"connected\":true,"
	"   \"connections\":[\"priya\"]}]}";

static const char facts[] =
	"{\"format\":\"advisor-network/1\","
	" \"me\":{\"industry\":\"Software\"},"
	" \"people\":["
	"  {\"id\":\"priya\",\"company\":\"Orbit Labs\",\"intent_note\":\"x\","
	"   \"events\":[{\"type\":\"met\",\"date\":\"2019-05-03\","
	"               \"context\":\"PyCon\",\"tone\":\"cordial\"}]},"
	"  {\"id\":\"tom\",\"connections\":[\"priya\",\"lena\"]},"
	"  {\"id\":\"lena\",\"name\":\"Lena\",\"connections\":[\"tom\"]}]}";

typedef struct conflicts {
	int n;
	char last[700];
} conflicts;

static void on_conflict(void *payload, const char *message)
{
	conflicts *c = payload;
	c->n++;
	snprintf(c->last, sizeof(c->last), "%s", message);
}

static cJSON *person(cJSON *doc, const char *id)
{
	cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(doc, "people"))
		if (strcmp(cJSON_GetObjectItem(p, "id")->valuestring, id) == 0)
			return p;
	return NULL;
}

Test(annotations, facts_are_added_and_conflicts_reported_with_the_users_value_kept)
{
	cJSON *net = cJSON_Parse(imported), *ann = cJSON_Parse(facts);
	conflicts c = { 0, "" };
	adv_merge_stats st;

	cr_assert_eq(adv_annotations_merge(net, ann, "facts.json", on_conflict, &c,
		&st, NULL), 0);
	cJSON *priya = person(net, "priya");
	cr_assert_str_eq(cJSON_GetObjectItem(priya, "company")->valuestring,
		"Orbit Labs");
	cr_assert_str_eq(cJSON_GetObjectItem(priya, "name")->valuestring, "Priya N");
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(priya, "events")), 2);
	cr_assert_str_eq(cJSON_GetObjectItem(priya, "intent_note")->valuestring, "x");
	cr_assert_eq(c.n, 1);
	cr_assert(strstr(c.last, "facts.json: people[0] (id \"priya\").company: "
		"you wrote \"Orbit Labs\", the export says \"Orbit\"; yours is kept"),
		"%s", c.last);
	cJSON *tom = person(net, "tom");
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(tom, "connections")), 2);
	cr_assert_not_null(person(net, "lena"));
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(net, "me"),
		"industry")->valuestring, "Software");
	cr_assert_eq(st.people_added, 1);
	cr_assert_eq(st.people_annotated, 2);
	cr_assert_eq(st.events_added, 1);
	cr_assert_eq(st.conflicts, 1);
	cJSON_Delete(net);
	cJSON_Delete(ann);
}

Test(annotations, merging_twice_changes_nothing_the_second_time)
{
	cJSON *net = cJSON_Parse(imported), *ann = cJSON_Parse(facts);
	adv_merge_stats st;

	cr_assert_eq(adv_annotations_merge(net, ann, "f", NULL, NULL, NULL, NULL), 0);
	cJSON *once = cJSON_Duplicate(net, 1);
	cr_assert_eq(adv_annotations_merge(net, ann, "f", NULL, NULL, &st, NULL), 0);
	cr_assert(cJSON_Compare(once, net, 1));
	cr_assert_eq(st.events_added, 0);
	cr_assert_eq(st.people_added, 0);
	cr_assert_eq(st.conflicts, 0);
	cJSON_Delete(once);
	cJSON_Delete(net);
	cJSON_Delete(ann);
}

Test(annotations, a_reimport_of_a_newer_export_keeps_every_fact)
{
	/* The newer export: priya accepted, a new invitation from sam. */
	static const char newer[] =
		"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"A\"},"
		" \"people\":["
		"  {\"id\":\"sam\",\"name\":\"Sam\",\"connected\":false},"
		"  {\"id\":\"priya\",\"name\":\"Priya N\",\"company\":\"Orbit\","
		"   \"connected\":true,\"connected_on\":\"2026-11-02\"}]}";
	cJSON *net = cJSON_Parse(newer), *ann = cJSON_Parse(facts);

	cr_assert_eq(adv_annotations_merge(net, ann, "f", NULL, NULL, NULL, NULL), 0);
	cJSON *priya = person(net, "priya");
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(priya, "connected")));
	cJSON *ev = cJSON_GetArrayItem(cJSON_GetObjectItem(priya, "events"), 0);
	cr_assert_str_eq(cJSON_GetObjectItem(ev, "context")->valuestring, "PyCon");
	cr_assert_not_null(person(net, "sam"));
	cr_assert_not_null(person(net, "tom")); /* only the user knows Tom now */
	cJSON_Delete(net);
	cJSON_Delete(ann);
}

static void expect_error(const char *ann_text, const char *want)
{
	cJSON *net = cJSON_Parse(imported), *ann = cJSON_Parse(ann_text);
	advisor_error err;
	cr_assert_not_null(ann, "test input is JSON");
	cr_assert_eq(adv_annotations_merge(net, ann, "f.json", NULL, NULL, NULL,
		&err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, want), "%s lacks %s", err.message, want);
	cJSON_Delete(net);
	cJSON_Delete(ann);
}

Test(annotations, malformed_annotations_name_the_path)
{
	expect_error("[]", "f.json: expected a JSON object");
	expect_error("{\"format\":\"other/2\"}", "f.json: format");
	expect_error("{\"people\":{}}", "f.json: people: expected an array");
	expect_error("{\"people\":[{\"id\":\"a\"},3]}", "f.json: people[1]: expected an object");
	expect_error("{\"people\":[{\"name\":\"A\"}]}", "f.json: people[0].id: required");
	expect_error("{\"people\":[{\"id\":\"a\"},{\"id\":\"a\"}]}",
		"id \"a\" appears twice");
	expect_error("{\"me\":[]}", "f.json: me: expected an object");
}

Test(annotations, the_public_merge_checks_the_result)
{
	char *out = NULL;
	advisor_error err;
	advisor_import_summary *sum = NULL;
	static const char nameless[] = "{\"people\":[{\"id\":\"zoe\"}]}";

	cr_assert_eq(advisor_network_merge(&out, imported, strlen(imported), facts,
		strlen(facts), "facts.json", NULL, &sum, &err), 0, "%s", err.message);
	cr_assert_eq(sum->people, 3);
	cr_assert_eq(sum->pending_incoming, 1);
	cr_assert_eq(sum->conflicts, 1);
	cr_assert_eq(sum->added_people, 1);
	/* A merge reads no export file. */
	cr_assert_eq(advisor_import_summary_file_count(sum), 0);
	cr_assert_null(advisor_import_summary_file(sum, 0));
	advisor_import_summary_free(sum);
	advisor_string_free(out);
	sum = (advisor_import_summary *)&sum;
	cr_assert_eq(advisor_network_merge(&out, imported, strlen(imported), nameless,
		strlen(nameless), "facts.json", NULL, &sum, &err), ADVISOR_EDATA);
	cr_assert_null(out);
	cr_assert_null(sum, "no summary of a failed merge");
	cr_assert(strstr(err.message, "name"), "%s", err.message);
	cr_assert_eq(advisor_network_merge(&out, imported, strlen(imported), "{",
		1, "facts.json", NULL, NULL, &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "facts.json: line 1: not valid JSON"), "%s",
		err.message);
}

/* People the user added, now in the import. */
static const char later_import[] =
	"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	" \"people\":["
	"  {\"id\":\"noa-levi-4b2\",\"name\":\"Noa Levi\",\"company\":\"Pricefield\","
	"   \"profile_url\":\"https://www.linkedin.com/in/noa-levi-4b2\",\"connected\":true},"
	"  {\"id\":\"samcohen\",\"name\":\"Sam Cohen\",\"company\":\"ACME\",\"connected\":true},"
	"  {\"id\":\"alex-1\",\"name\":\"Alex Kim\",\"company\":\"Orbit\"},"
	"  {\"id\":\"alex-2\",\"name\":\"Alex Kim\",\"company\":\"Orbit\","
	"   \"profile_url\":\"https://www.linkedin.com/in/alex-2\"},"
	"  {\"id\":\"rui\",\"name\":\"Rui\",\"connections\":[\"samcohen\"],"
	"   \"events\":[{\"type\":\"introduced\",\"date\":\"2026-01-01\",\"by\":\"noa-levi-4b2\"}]}]}";

static const char added[] =
	"{\"people\":["
	"  {\"id\":\"noa\",\"name\":\"Noa Levi\",\"added\":true,"
	"   \"profile_url\":\"linkedin.com/in/NOA-LEVI-4b2/\","
	"   \"events\":[{\"type\":\"met\",\"date\":\"2026-11-20\",\"tone\":\"cordial\"}]},"
	"  {\"id\":\"sam\",\"name\":\"Sam Cohen\",\"company\":\"Acme\",\"added\":true},"
	"  {\"id\":\"samcohen\",\"title\":\"CTO\"},"
	"  {\"id\":\"alex\",\"name\":\"Alex Kim\",\"company\":\"Orbit\",\"added\":true},"
	"  {\"id\":\"dana\",\"name\":\"Dana\",\"company\":\"Orbit\",\"added\":true,"
	"   \"profile_url\":\"https://www.linkedin.com/in/dana\"}]}";

Test(annotations, an_added_person_the_import_lists_becomes_one_person)
{
	cJSON *net = cJSON_Parse(later_import), *ann = cJSON_Parse(added);
	conflicts c = { 0, "" };
	adv_merge_stats st;

	cr_assert_eq(adv_annotations_merge(net, ann, "facts.json", on_conflict, &c,
		&st, NULL), 0);
	/* Noa by URL (however written, and no conflict for it): the user's
	 * id, the import's an alias, the facts and the export's fields. */
	cJSON *noa = person(net, "noa");
	cr_assert_not_null(noa);
	cr_assert_null(person(net, "noa-levi-4b2"));
	cr_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(noa, "aliases"),
		0)->valuestring, "noa-levi-4b2");
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(noa, "connected")));
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(noa, "events")), 1);
	/* Sam by folded name and company; facts under the import's id are his
	 * too; references to it name him. */
	cJSON *sam = person(net, "sam");
	cr_assert_not_null(sam);
	cr_assert_str_eq(cJSON_GetObjectItem(sam, "title")->valuestring, "CTO");
	cr_assert_null(person(net, "samcohen"));
	cJSON *rui = person(net, "rui");
	cr_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(rui, "connections"),
		0)->valuestring, "sam");
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(
		cJSON_GetObjectItem(rui, "events"), 0), "by")->valuestring, "noa");
	/* Alex fits two: added as given, reported.  Dana fits nobody. */
	cr_assert_not_null(person(net, "alex"));
	cr_assert_not_null(person(net, "alex-1"));
	cr_assert_not_null(person(net, "dana"));
	cr_assert_eq(st.found_count, 3);
	cr_assert_str_eq(st.found[0].id, "noa");
	cr_assert_str_eq(st.found[0].import_id, "noa-levi-4b2");
	cr_assert_str_eq(st.found[1].id, "sam");
	cr_assert_str_eq(st.found[1].import_id, "samcohen");
	cr_assert_str_eq(st.found[2].id, "alex");
	cr_assert_null(st.found[2].import_id);
	cr_assert_str_eq(st.found[2].candidates,
		"alex-1, alex-2 (https://www.linkedin.com/in/alex-2)");
	/* Only Sam's company, written otherwise, is a conflict. */
	cr_assert_eq(c.n, 1, "%s", c.last);
	cr_assert(strstr(c.last, "\"Acme\""), "%s", c.last);
	adv_merge_stats_free(&st);

	/* The result loads, and the import's ids name the same people. */
	char *text = cJSON_Print(net);
	advisor_network *n = NULL;
	advisor_error err;
	cr_assert_eq(advisor_network_load_buffer(&n, text, strlen(text), "m.json",
		NULL, &err), 0, "%s", err.message);
	cr_assert_str_eq(advisor_network_person_key(n, "noa-levi-4b2"), "noa");
	cr_assert_str_eq(advisor_network_person_key(n, "samcohen"), "sam");
	advisor_network_free(n);
	free(text);
	cJSON_Delete(net);
	cJSON_Delete(ann);
}

Test(annotations, merging_again_over_the_merged_changes_nothing)
{
	cJSON *net = cJSON_Parse(later_import), *ann = cJSON_Parse(added);
	cr_assert_eq(adv_annotations_merge(net, ann, "f", NULL, NULL, NULL, NULL), 0);
	cJSON *again = cJSON_Duplicate(net, 1);
	adv_merge_stats st;
	cr_assert_eq(adv_annotations_merge(again, ann, "f", NULL, NULL, &st, NULL), 0);
	cr_assert(cJSON_Compare(net, again, 1));
	/* Everyone is there by id now: nothing to find (the data folder
	 * always merges over the import as it came, where Alex is asked
	 * about each time). */
	cr_assert_eq(st.found_count, 0);
	adv_merge_stats_free(&st);
	cJSON_Delete(again);
	cJSON_Delete(net);
	cJSON_Delete(ann);
}
