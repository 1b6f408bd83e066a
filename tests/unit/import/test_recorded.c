/*
 * test_recorded.c - the invitations you recorded sending met by the
 * exports that follow (import/recorded.h), through the merge.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "import/annotations.h"

/* An import made on `imported` in which lena has `events` and is
 * connected or not. */
static cJSON *network(const char *imported, const char *events, int connected)
{
	char text[2048];
	snprintf(text, sizeof(text), "{\"format\":\"advisor-network/1\","
		"%s%s%s \"me\":{\"id\":\"me\",\"name\":\"A\"},"
		"\"people\":[{\"id\":\"lena\",\"name\":\"Lena\",\"connected\":%s"
		"%s%s%s}]}", imported ? "\"imported\":\"" : "",
		imported ? imported : "", imported ? "\"," : "",
		connected ? "true" : "false", events ? ",\"events\":[" : "",
		events ? events : "", events ? "]" : "");
	cJSON *doc = cJSON_Parse(text);
	cr_assert_not_null(doc, "%s", text);
	return doc;
}

static const char recorded[] =
	"{\"format\":\"advisor-network/1\",\"people\":[{\"id\":\"lena\","
	"\"events\":[{\"type\":\"invitation\",\"date\":\"2026-12-01\","
	"\"direction\":\"out\",\"recorded\":\"sent\",\"with_note\":true}]}]}";

static cJSON *events_of(cJSON *net)
{
	cJSON *p = cJSON_GetArrayItem(cJSON_GetObjectItem(net, "people"), 0);
	return cJSON_GetObjectItem(p, "events");
}

static const char *str(const cJSON *ev, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItem(ev, key));
}

Test(recorded, the_exports_invitation_takes_over_the_one_you_recorded)
{
	/* LinkedIn dates it a day later (time zones): the same invitation. */
	cJSON *net = network("2026-12-05", "{\"type\":\"invitation\","
		"\"date\":\"2026-12-02\",\"direction\":\"out\",\"message\":\"Hi\"}", 0);
	cJSON *ann = cJSON_Parse(recorded);

	cr_assert_eq(adv_annotations_merge(net, ann, "a", NULL, NULL, NULL, NULL), 0);
	cJSON *ev = events_of(net);
	cr_assert_eq(cJSON_GetArraySize(ev), 1);
	cJSON *inv = cJSON_GetArrayItem(ev, 0);
	cr_assert_str_eq(str(inv, "date"), "2026-12-02");
	cr_assert_str_eq(str(inv, "message"), "Hi");
	cr_assert_str_eq(str(inv, "recorded"), "sent");
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(inv, "with_note")));
	cr_assert_null(cJSON_GetObjectItem(inv, "status"));
	/* Again: nothing changes. */
	cJSON *once = cJSON_Duplicate(net, 1);
	cr_assert_eq(adv_annotations_merge(net, ann, "a", NULL, NULL, NULL, NULL), 0);
	cr_assert(cJSON_Compare(once, net, 1));
	cJSON_Delete(once);
	cJSON_Delete(net);
	cJSON_Delete(ann);
}

Test(recorded, an_older_invitation_to_them_is_another_one)
{
	cJSON *net = network("2026-12-02", "{\"type\":\"invitation\","
		"\"date\":\"2026-06-12\",\"direction\":\"out\",\"status\":\"ended\","
		"\"last_seen\":\"2026-11-01\"}", 0);
	cJSON *ann = cJSON_Parse(recorded);

	cr_assert_eq(adv_annotations_merge(net, ann, "a", NULL, NULL, NULL, NULL), 0);
	cJSON *ev = events_of(net);
	cr_assert_eq(cJSON_GetArraySize(ev), 2);
	cJSON *mine = cJSON_GetArrayItem(ev, 1);
	cr_assert_str_eq(str(mine, "date"), "2026-12-01");
	cr_assert_null(cJSON_GetObjectItem(mine, "status"), "no export since: waiting");
	cr_assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(ev, 0), "recorded"));
	cJSON_Delete(net);
	cJSON_Delete(ann);
}

Test(recorded, a_later_export_that_does_not_list_it_ended_it)
{
	cJSON *net = network("2026-12-20", NULL, 0);
	cJSON *ann = cJSON_Parse(recorded);

	cr_assert_eq(adv_annotations_merge(net, ann, "a", NULL, NULL, NULL, NULL), 0);
	cJSON *mine = cJSON_GetArrayItem(events_of(net), 0);
	cr_assert_str_eq(str(mine, "status"), "ended");
	cr_assert_str_eq(str(mine, "last_seen"), "2026-12-01");
	cJSON_Delete(net);
	cJSON_Delete(ann);
}

Test(recorded, a_later_export_with_them_connected_saw_it_accepted)
{
	cJSON *net = network("2026-12-20", NULL, 1);
	cJSON *ann = cJSON_Parse(recorded);

	cr_assert_eq(adv_annotations_merge(net, ann, "a", NULL, NULL, NULL, NULL), 0);
	cJSON *mine = cJSON_GetArrayItem(events_of(net), 0);
	cr_assert_str_eq(str(mine, "status"), "accepted");
	cr_assert_null(cJSON_GetObjectItem(mine, "last_seen"));
	cJSON_Delete(net);
	cJSON_Delete(ann);
}

Test(recorded, an_export_within_the_margin_or_a_network_not_imported_leaves_it_waiting)
{
	const char *imports[] = { "2026-12-04", NULL };
	for (int i = 0; i < 2; i++) {
		cJSON *net = network(imports[i], NULL, 0);
		cJSON *ann = cJSON_Parse(recorded);
		cr_assert_eq(adv_annotations_merge(net, ann, "a", NULL, NULL, NULL,
			NULL), 0);
		cJSON *mine = cJSON_GetArrayItem(events_of(net), 0);
		cr_assert_str_eq(str(mine, "recorded"), "sent");
		cr_assert_null(cJSON_GetObjectItem(mine, "status"));
		cJSON_Delete(net);
		cJSON_Delete(ann);
	}
}

Test(recorded, a_withdrawal_is_a_fact_of_its_own)
{
	static const char withdrew[] =
		"{\"people\":[{\"id\":\"lena\",\"events\":[{\"type\":\"invitation\","
		"\"date\":\"2026-12-03\",\"direction\":\"out\",\"status\":\"withdrawn\","
		"\"recorded\":\"withdrew\",\"invited_on\":\"2026-12-02\"}]}]}";
	cJSON *net = network("2026-12-02", "{\"type\":\"invitation\","
		"\"date\":\"2026-12-02\",\"direction\":\"out\"}", 0);
	cJSON *ann = cJSON_Parse(withdrew);

	cr_assert_eq(adv_annotations_merge(net, ann, "a", NULL, NULL, NULL, NULL), 0);
	cJSON *ev = events_of(net);
	cr_assert_eq(cJSON_GetArraySize(ev), 2);
	cr_assert_str_eq(str(cJSON_GetArrayItem(ev, 1), "status"), "withdrawn");
	cr_assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(ev, 0), "status"));
	cJSON_Delete(net);
	cJSON_Delete(ann);
}
