/*
 * test_strict.c - adv_json_parse_lifting, which reads an NDJSON person's
 * "connections" straight from the text, against adv_json_parse on the same
 * text: the same result or the same message, always.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "json/strict.h"

/* Parse text both ways; when both succeed, the lifted tree with the
 * strings put back must print exactly as the plain tree.  Returns whether
 * the strings were lifted (1), plus 2 if members were lent to the tree. */
static int same_both_ways(const char *text)
{
	adv_json_lift lift = { .key = "connections" };
	advisor_error plain_err, lift_err;
	cJSON *plain = NULL, *lifted = NULL;
	size_t len = strlen(text);
	int rc_plain = adv_json_parse(&plain, text, len, "t.ndjson", 7, &plain_err);
	int rc_lift = adv_json_parse_lifting(&lifted, text, len, "t.ndjson", 7,
		&lift, &lift_err);
	int was_lifted = lift.lifted | (lift.borrowed ? 2 : 0);

	cr_assert_eq(rc_lift, rc_plain, "%s: %d (%s) lifted, %d (%s) plain", text,
		rc_lift, rc_lift < 0 ? lift_err.message : "",
		rc_plain, rc_plain < 0 ? plain_err.message : "");
	if (rc_plain < 0) {
		cr_assert_str_eq(lift_err.message, plain_err.message, "%s", text);
		cr_assert_null(lifted);
		cr_assert_eq(was_lifted, 0);
	} else if (was_lifted & 1) {
		cJSON *list = cJSON_GetObjectItemCaseSensitive(lifted, "connections");
		cr_assert(cJSON_IsArray(list) && !list->child, "%s", text);
		cJSON *back = cJSON_CreateArray();
		for (size_t i = 0; i < lift.count; i++) {
			const char *s = lift.text + lift.items[i].at;
			cr_assert_eq(strlen(s), lift.items[i].len);
			cJSON_AddItemToArray(back, cJSON_CreateString(s));
		}
		cr_assert(cJSON_ReplaceItemInObjectCaseSensitive(lifted, "connections", back));
	}
	if (rc_plain == 0) {
		char *a = cJSON_PrintUnformatted(plain), *b = cJSON_PrintUnformatted(lifted);
		cr_assert_str_eq(b, a, "%s: %s vs %s", text, b, a);
		free(a);
		free(b);
	}
	cJSON_Delete(plain);
	adv_json_lift_delete(&lift, lifted);
	adv_json_lift_free(&lift);
	return was_lifted;
}

Test(json_lift, plain_string_arrays_are_lifted_in_order)
{
	cr_assert(same_both_ways("{\"id\":\"a\",\"connections\":[\"b\",\"c\",\"d\"],\"x\":1}"));
	cr_assert(same_both_ways("{\"connections\":[\"b\"]}"));
	cr_assert(same_both_ways(" { \"connections\" \t: [ \"b\" , \"caf\xc3\xa9\" ]\r}  "));
	cr_assert(same_both_ways("{\"id\":\"a\",\"events\":[{\"connections\":[\"z\"]}],"
		"\"connections\":[\"b\"]}"));
	/* a value that reads "connections" is not the key */
	cr_assert(same_both_ways("{\"name\":\"connections\",\"connections\":[\"b\"]}"));

	adv_json_lift lift = { .key = "connections" };
	advisor_error err;
	cJSON *root;
	const char *text = "{\"id\":\"a\",\"connections\":[\"bb\",\"c\"]}";
	cr_assert_eq(adv_json_parse_lifting(&root, text, strlen(text), "t", 1,
		&lift, &err), 0);
	cr_assert_eq(lift.count, 2);
	cr_assert_str_eq(lift.text + lift.items[0].at, "bb");
	cr_assert_eq(lift.items[0].len, 2);
	cr_assert_str_eq(lift.text + lift.items[1].at, "c");
	adv_json_lift_delete(&lift, root);
	/* The buffers serve the next document; nothing stays from this one. */
	text = "{\"id\":\"a\",\"connections\":[]}";
	cr_assert_eq(adv_json_parse_lifting(&root, text, strlen(text), "t", 2,
		&lift, &err), 0);
	cr_assert_eq(lift.lifted, 0);
	cr_assert_eq(lift.count, 0);
	adv_json_lift_delete(&lift, root);
	adv_json_lift_free(&lift);
}

Test(json_lift, plain_members_are_lent_to_the_tree_in_their_place)
{
	cr_assert_eq(same_both_ways("{\"id\":\"a\",\"name\":\"\",\"n\":1,\"ok\":true,"
		"\"no\" : false , \"connections\":[\"b\"],\"x\":\"y\",\"last\":\"z\"}"), 3);
	cr_assert_eq(same_both_ways("{\"a\":\"1\",\"b\":\"2\",\"c\":{\"d\":\"3\",\"e\":true}}"), 2);
	cr_assert_eq(same_both_ways("{\"connections\":\"b\",\"x\":1}"), 2);
	/* escaped keys, escaped values, null, numbers, the last member: in
	 * the tree */
	cr_assert_eq(same_both_ways("{\"\\u0061\":\"1\",\"b\":\"\\n\",\"c\":null,"
		"\"d\":2,\"e\":\"last\"}"), 0);
	/* a repeated key is the plain message, lent or not */
	cr_assert_eq(same_both_ways("{\"a\":\"1\",\"a\":\"2\",\"b\":3}"), 0);
	cr_assert_eq(same_both_ways("{\"a\":\"1\",\"b\":3,\"a\":{}}"), 0);
	cr_assert_eq(same_both_ways("{\"a\":\"1\",,\"b\":3}"), 0);
	cr_assert_eq(same_both_ways("{\"a\":\"1\",}"), 0);
	cr_assert_eq(same_both_ways("{\"a\":truex,\"b\":3}"), 0);
	cr_assert_eq(same_both_ways("{\"a\":\"1\",\"b\"}"), 0);
	cr_assert_eq(same_both_ways("{\"a\":\"1\",\"b\":2} {\"c\":\"1\",\"d\":2}"), 0);
	cr_assert_eq(same_both_ways("[{\"a\":\"1\",\"b\":2}]"), 0);
	cr_assert_eq(same_both_ways("[\"a\",\"1\",\"b\",2]"), 0);
}

Test(json_lift, anything_else_is_left_in_the_tree)
{
	static const char *const lines[] = {
		"{\"connections\":[]}",
		"{\"connections\":[\"\"]}",
		"{\"connections\":[\"b\",\"\"]}",
		"{\"connections\":[\"a\\\"b\"]}",
		"{\"connections\":[\"\\u0062\"]}",
		"{\"connections\":[\"b\",1]}",
		"{\"connections\":[\"b\",null]}",
		"{\"connections\":[[\"b\"]]}",
		"{\"connections\":\"b\"}",
		"{\"connections\":{\"b\":1}}",
		"{\"connections\":[\"b\"],\"connections\":[\"c\"]}",
		"{\"connection\\u0073\":[\"b\"],\"connections\":[\"c\"]}",
		"{\"connections\":[\"c\"],\"connection\\u0073\":[\"b\"]}",
		"{\"events\":[{\"connections\":[\"z\"]}]}",
		"[\"connections\",[\"b\"]]",
		"\"connections\"",
		NULL
	};
	for (const char *const *l = lines; *l; l++)
		cr_assert_not(same_both_ways(*l), "%s", *l);
}

Test(json_lift, bad_documents_give_the_plain_message)
{
	static const char *const lines[] = {
		/* broken inside the array */
		"{\"connections\":[\"b\",]}",
		"{\"connections\":[\"b\" \"c\"]}",
		"{\"connections\":[\"b\",\"c\"}",
		"{\"connections\":[\"b\"",
		"{\"connections\":[\"b",
		"{\"connections\":[\"b\\u0000\"]}",
		"{\"connections\":[\"b\x01\"]}",
		"{\"connections\":[\"\xff\"]}",
		"{\"connections\" [\"b\"]}",
		/* broken around it: the snippet in the message shows the ids */
		"{\"id\":\"a\",,\"connections\":[\"b\",\"c\"]}",
		"{\"id\" \"a\",\"connections\":[\"bbbbbbbbbbbbbbbbb\"]}",
		"{\"connections\":[\"b\"] \"x\":1}",
		"{\"connections\":[\"b\"]} trailing",
		"{\"connections\":[\"b\"],\"x\":1e999}",
		"{\"connections\":[\"b\"],\"x\":{\"k\":1,\"k\":2}}",
		"{\"x\":1,\"connections\":[\"b\"],\"x\":2}",
		"{\"connections\":[\"b\"],\"events\":[{\"date\":1e400}]}",
		"{\"connections\":[\"b\"],\"t\":tru}",
		"   ",
		"",
		NULL
	};
	for (const char *const *l = lines; *l; l++)
		cr_assert_not(same_both_ways(*l), "%s", *l);
}

/* A string followed by a colon is a key only where a key may stand: after
 * the object's brace or a comma.  Found by fuzz_network_ndjson: "b" below
 * was lifted as a member, and cutting it out made the invalid text valid. */
Test(json_lift, a_string_after_a_value_is_not_a_member)
{
	cr_assert_eq(same_both_ways("{\"format\": \"a\": \"b\", \"c\": 1}"), 0);
	cr_assert_eq(same_both_ways("{\"id\": \"a\" \"b\": true, \"c\": 1}"), 0);
	cr_assert_eq(same_both_ways("[\"x\", \"b\": \"c\", \"d\"]"), 0);
	cr_assert_eq(same_both_ways("[\"x\", \"connections\": [\"c\"], \"d\"]"), 0);
}

/* Numbers follow JSON's grammar on both paths, whatever is lifted. */
Test(json_lift, numbers_outside_the_grammar_are_refused_both_ways)
{
	static const char *const bad[] = {
		"{\"id\":\"a\",\"connections\":[\"b\"],\"n\":01}",
		"{\"id\":\"a\",\"n\":1.,\"connections\":[\"b\"]}",
		"{\"id\":\"a\",\"connections\":[\"b\"],\"n\":-}",
		"{\"id\":\"a\",\"connections\":[\"b\"],\"n\":1e}",
		"{\"id\":\"a\",\"connections\":[\"b\"],\"n\":00}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		same_both_ways(bad[i]);
	cr_assert(same_both_ways("{\"id\":\"a\",\"connections\":[\"b\"],\"n\":-0.5e+3}"));
}
