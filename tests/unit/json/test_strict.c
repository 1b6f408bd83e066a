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

/* ------------------------------------------------------------------------
 * adv_json_parse_raw: values a rule names kept as their text
 * ------------------------------------------------------------------------ */

/* The rule of these tests: every array or object that is the value of a
 * member "x" of an object at depth 1 or 2 (items of the top-level "list"),
 * or of a key starting with "keep". */
static int keep_x(const void *ctx, int depth, const adv_json_key *p)
{
	const adv_json_key *k = &p[depth - 1];
	(void)ctx;
	if (k->len >= 4 && memcmp(k->s, "keep", 4) == 0)
		return 1;
	return k->len == 1 && k->s[0] == 'x' &&
		(depth == 1 || (depth == 3 && p[0].len == 4 &&
				memcmp(p[0].s, "list", 4) == 0 && !p[1].s));
}

static const adv_json_raw rule_x = { keep_x, NULL };

/* Parse text with the rule and without; the same code, and when both
 * fail the same message. */
static cJSON *parse_both(const char *text, int *rc, advisor_error *err)
{
	cJSON *plain = NULL, *kept = NULL;
	advisor_error plain_err;
	size_t len = strlen(text);
	int rc_plain = adv_json_parse(&plain, text, len, "t.json", 0, &plain_err);

	*rc = adv_json_parse_raw(&kept, text, len, "t.json", 0, &rule_x, err);
	cr_assert_eq(*rc, rc_plain, "%s: %d (%s) kept, %d (%s) plain", text, *rc,
		*rc < 0 ? err->message : "", rc_plain,
		rc_plain < 0 ? plain_err.message : "");
	cJSON_Delete(plain);
	return kept;
}

Test(json_raw, kept_values_are_their_text_and_the_rest_a_tree)
{
	const char *text =
		"{\"x\": [0, 0, {\"a\": \"\\u00e9\"}], \"y\": [1, 2],\n"
		" \"list\": [{\"x\": {\"b\": [true, null]}, \"z\": 3}, {\"x\": 5}],\n"
		" \"keep_me\": {}, \"n\": {\"x\": [9]}}";
	advisor_error err;
	int rc;
	cJSON *t = parse_both(text, &rc, &err);

	cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
	const cJSON *x = cJSON_GetObjectItem(t, "x");
	cr_assert(cJSON_IsRaw(x));
	cr_assert_str_eq(x->valuestring, "[0, 0, {\"a\": \"\\u00e9\"}]");
	cr_assert_str_eq(adv_json_raw_kind(x), "an array");
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(t, "y")));
	const cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "list"), 0);
	const cJSON *fx = cJSON_GetObjectItem(first, "x");
	cr_assert(cJSON_IsRaw(fx));
	cr_assert_str_eq(fx->valuestring, "{\"b\": [true, null]}");
	cr_assert_str_eq(adv_json_raw_kind(fx), "an object");
	cr_assert(cJSON_IsNumber(cJSON_GetObjectItem(
		cJSON_GetArrayItem(cJSON_GetObjectItem(t, "list"), 1), "x")));
	cr_assert_str_eq(cJSON_GetObjectItem(t, "keep_me")->valuestring, "{}");
	/* depth 2, not under "list": a tree */
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(cJSON_GetObjectItem(t, "n"), "x")));
	/* Printed, the tree is the text again. */
	char *printed = cJSON_PrintUnformatted(t);
	cr_assert_str_eq(printed,
		"{\"x\":[0, 0, {\"a\": \"\\u00e9\"}],\"y\":[1,2],"
		"\"list\":[{\"x\":{\"b\": [true, null]},\"z\":3},{\"x\":5}],"
		"\"keep_me\":{},\"n\":{\"x\":[9]}}");
	cJSON_free(printed);
	cJSON_Delete(t);
}

/* What the parse refuses it refuses inside a kept value too, with the
 * place: each key once, finite numbers, JSON's syntax and escapes. */
Test(json_raw, a_kept_value_is_checked_as_strictly_as_a_tree)
{
	static const struct {
		const char *text, *message;
	} bad[] = {
		{ "{\"x\": [1, {\"a\": 1, \"a\": 2}]}",
		  "t.json: x[1]: key \"a\" appears twice; expected each key once" },
		{ "{\"x\": {\"k\": [1, 1e999]}}",
		  "t.json: x.k[1]: number out of range; expected a finite number" },
		{ "{\"x\": [1,, 2]}", "t.json:1:10: invalid JSON near ', 2]}'" },
		{ "{\"x\": [1, 2}, \"y\": 1}", "t.json:1:12: invalid JSON near '}, \"y\": 1}'" },
		{ "{\"x\": [\"\\q\"]}", "t.json:1:9: invalid JSON near '\\q\"]}'" },
		{ "{\"x\": [\"\\udc00\"]}", "t.json:1:9: invalid JSON near '\\udc00\"]}'" },
		{ "{\"x\": [tru]}", "t.json:1:8: invalid JSON near 'tru]}'" },
		{ "{\"x\": {\"a\" 1}}", "t.json:1:12: invalid JSON near '1}}'" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		advisor_error err;
		int rc;
		cJSON *t = parse_both(bad[i].text, &rc, &err);
		cr_assert_null(t);
		cr_assert_eq(rc, ADVISOR_EDATA, "%s", bad[i].text);
		cr_assert_str_eq(err.message, bad[i].message, "%s", bad[i].text);
	}
}

/* An error after kept values is placed in the text as written, not in
 * the shorter text that was parsed. */
Test(json_raw, an_error_after_kept_values_names_its_place_in_the_file)
{
	const char *text = "{\"x\": [0, 0, 0, 0, 0, 0],\n \"keep\": {\"a\": [1, 2, 3]}, \"y\": nope}";
	advisor_error err, plain_err;
	cJSON *t = NULL;
	int rc;

	t = parse_both(text, &rc, &err);
	cr_assert_null(t);
	cr_assert_eq(adv_json_parse(&t, text, strlen(text), "t.json", 0, &plain_err),
		ADVISOR_EDATA);
	cr_assert_str_eq(err.message, plain_err.message);
	cr_assert_str_eq(err.message, "t.json:2:33: invalid JSON near 'nope}'");
}

/* The rule sees keys decoded, as cJSON does: "\u0078" is "x". */
Test(json_raw, the_rule_sees_escaped_keys_decoded)
{
	const char *text = "{\"\\u0078\": [1, 2], \"\\u007a_this_one_whose_name_is_much_longer_than_sixty_four_bytes_long\": [3]}";
	advisor_error err;
	int rc;
	cJSON *t = parse_both(text, &rc, &err);

	cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
	cr_assert(cJSON_IsRaw(cJSON_GetObjectItem(t, "x")));
	/* Long and escaped: seen as an unknown key, a tree as the rule says. */
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(t,
		"z_this_one_whose_name_is_much_longer_than_sixty_four_bytes_long")));
	cJSON_Delete(t);
}

/* \u needs four hex digits (cJSON alone read "\uzzzz" as a NUL, cutting
 * the string). */
Test(json_raw, a_u_escape_without_four_hex_digits_is_refused)
{
	advisor_error err;
	cJSON *t = NULL;
	cr_assert_eq(adv_json_parse(&t, "{\"a\": \"b\\uzzzzc\"}", 16, "t.json", 0, &err),
		ADVISOR_EDATA);
	cr_assert_str_eq(err.message,
		"t.json:1:9: \\u without four hex digits; expected \\uXXXX");
}

/* Kept values' strings and numbers, read back. */
Test(json_raw, a_kept_values_strings_and_numbers_read_back)
{
	const char *t = "[\"a\\u00e9\\ud83d\\ude00\\n\\\"\", -1.5e2]";
	size_t len = strlen(t), at = 1, end;
	char out[32];

	cr_assert_eq(adv_json_text_string_len(t, len, at), 9);
	cr_assert_eq(adv_json_text_string(t, len, &at, out), 9);
	cr_assert_eq(memcmp(out, "a\xc3\xa9\xf0\x9f\x98\x80\n\"", 9), 0);
	cr_assert_eq(t[at], ',');
	cr_assert_eq(adv_json_text_number(t, len, at + 2, &end), -150.0);
	cr_assert_eq(t[end], ']');
}

/* An NDJSON line: lifted members and kept values together. */
Test(json_raw, lifting_keeps_values_as_text_too)
{
	adv_json_lift lift = { .key = "connections", .raw = &rule_x };
	const char *text = "{\"id\": \"a\", \"x\": [0, 0], \"connections\": [\"b\", \"c\"], \"name\": \"A\", \"y\": 1}";
	advisor_error err;
	cJSON *t = NULL;

	cr_assert_eq(adv_json_parse_lifting(&t, text, strlen(text), "t.ndjson", 2,
		&lift, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(lift.lifted, 1);
	cr_assert_eq(lift.count, 2);
	cr_assert_str_eq(cJSON_GetObjectItem(t, "x")->valuestring, "[0, 0]");
	cr_assert_str_eq(cJSON_GetObjectItem(t, "name")->valuestring, "A");
	cr_assert_eq(cJSON_GetObjectItem(t, "y")->valuedouble, 1);
	adv_json_lift_delete(&lift, t);

	const char *bad = "{\"id\": \"a\", \"x\": [1, 1e999], \"connections\": [\"b\"], \"y\": 1}";
	cr_assert_eq(adv_json_parse_lifting(&t, bad, strlen(bad), "t.ndjson", 2,
		&lift, &err), ADVISOR_EDATA);
	cr_assert_str_eq(err.message,
		"t.ndjson:2: x[1]: number out of range; expected a finite number");
	adv_json_lift_free(&lift);
}

/* Members whose key starts with "u" move to their object's rest. */
static int keep_u(const void *ctx, int depth, const adv_json_key *p)
{
	const adv_json_key *k = &p[depth - 1];
	(void)ctx;
	return k->len >= 1 && k->s[0] == 'u' ? ADV_JSON_KEEP_REST : 0;
}

static const adv_json_raw rule_u = { keep_u, NULL };

Test(json_raw, members_moved_out_are_the_objects_rest_and_the_rest_a_tree)
{
	static const struct {
		const char *text, *tree, *rest, *inner_rest;
	} cases[] = {
		{ "{\"a\": 1, \"u1\": [0, 0], \"b\": 2}", "{\"a\":1,\"b\":2}", "{\"u1\": [0, 0]}", NULL },
		{ "{\"u1\": 1, \"a\": 1}", "{\"a\":1}", "{\"u1\": 1}", NULL },
		{ "{\"a\": 1, \"u1\": \"x\"}", "{\"a\":1}", "{\"u1\": \"x\"}", NULL },
		{ "{ \"u1\" : true }", "{}", "{\"u1\" : true}", NULL },
		{ "{\"u1\": 1, \"u2\": {\"k\": null}, \"a\": 2, \"u3\": -0.5}",
		  "{\"a\":2}", "{\"u1\": 1, \"u2\": {\"k\": null},\"u3\": -0.5}", NULL },
		{ "{\"a\": {\"u9\": 9, \"b\": [1]}, \"u1\": 1}", "{\"a\":{\"b\":[1]}}",
		  "{\"u1\": 1}", "{\"u9\": 9}" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		advisor_error err;
		cJSON *t = NULL;
		cr_assert_eq(adv_json_parse_raw(&t, cases[i].text, strlen(cases[i].text),
			"t.json", 0, &rule_u, &err), ADVISOR_OK, "%s: %s",
			cases[i].text, err.message);
		char *printed = cJSON_PrintUnformatted(t);
		cr_assert_str_eq(printed, cases[i].tree, "%s", cases[i].text);
		cJSON_free(printed);
		cr_assert_str_eq(adv_json_rest(t), cases[i].rest, "%s", cases[i].text);
		if (cases[i].inner_rest)
			cr_assert_str_eq(adv_json_rest(cJSON_GetObjectItem(t, "a")),
				cases[i].inner_rest);
		/* Read back by key: the members in the tree, the rest in its
		 * text. */
		cr_assert(adv_json_extra_has(t, "u1"));
		cr_assert_eq(adv_json_extra_has(t, "a"),
			cJSON_GetObjectItem(t, "a") != NULL);
		cr_assert_not(adv_json_extra_has(t, "u7"));
		cJSON_Delete(t);
	}
}

/* Moved out, members are checked all the same, and the document's
 * errors elsewhere keep their place; cutting never makes invalid text
 * valid. */
Test(json_raw, moved_members_are_checked_and_errors_keep_their_place)
{
	static const struct {
		const char *text, *message;
	} bad[] = {
		{ "{\"a\": 1, \"u1\": 1, \"u1\": 2}",
		  "t.json: (top): key \"u1\" appears twice; expected each key once" },
		{ "{\"p\": {\"u1\": [1e999]}}",
		  "t.json: p.u1[0]: number out of range; expected a finite number" },
		{ "{\"u1\": 1,}", NULL },
		{ "{\"u1\": 1 \"a\": 2}", NULL },
		{ "{\"a\": 1 \"u1\": 2}", NULL },
		{ "{\"u1\": [1,,2]}", NULL },
		{ "{\"u1\": 1, \"a\": tru}", NULL },
		{ "{\"u1\": 1,, \"a\": 2}", NULL },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		advisor_error err, plain_err;
		cJSON *t = NULL;
		size_t len = strlen(bad[i].text);
		cr_assert_eq(adv_json_parse_raw(&t, bad[i].text, len, "t.json", 0,
			&rule_u, &err), ADVISOR_EDATA, "%s", bad[i].text);
		cr_assert_null(t);
		if (bad[i].message) {
			cr_assert_str_eq(err.message, bad[i].message, "%s", bad[i].text);
		} else {
			/* Syntax: the plain parse says where, and so does this one,
			 * to the line. */
			cr_assert_eq(adv_json_parse(&t, bad[i].text, len, "t.json", 0,
				&plain_err), ADVISOR_EDATA);
			cr_assert_eq(strncmp(err.message, "t.json:1:", 9), 0, "%s: %s",
				bad[i].text, err.message);
		}
	}
}

/* An NDJSON line: lifted members and moved ones together. */
Test(json_raw, lifting_moves_members_too)
{
	adv_json_lift lift = { .key = "connections", .raw = &rule_u };
	const char *text = "{\"id\": \"a\", \"u1\": [0, 0], \"connections\": [\"b\"], \"name\": \"A\", \"u2\": \"x\", \"y\": 1}";
	advisor_error err;
	cJSON *t = NULL;

	cr_assert_eq(adv_json_parse_lifting(&t, text, strlen(text), "t.ndjson", 2,
		&lift, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(lift.lifted, 1);
	cr_assert_str_eq(adv_json_rest(t), "{\"u1\": [0, 0],\"u2\": \"x\"}");
	cr_assert_str_eq(cJSON_GetObjectItem(t, "id")->valuestring, "a");
	cr_assert_str_eq(cJSON_GetObjectItem(t, "name")->valuestring, "A");
	cr_assert_null(cJSON_GetObjectItem(t, "u1"));
	adv_json_lift_delete(&lift, t);
	adv_json_lift_free(&lift);
}

/* A closer before its opener takes the depth below 0, and the opener
 * after it back to 0: no place to keep (found by fuzz_network_json:
 * an index of -1). */
Test(json_raw, brackets_closed_before_they_open_are_refused_without_a_place)
{
	static const char *const bad[] = { "}{\"u1\": 1}", "]]{\"a\": {\"u\": 2}}",
		"{\"a\": 1}}{\"u\": [1]}", "}]{[{" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		advisor_error err;
		cJSON *t = NULL;
		cr_assert_eq(adv_json_parse_raw(&t, bad[i], strlen(bad[i]), "t.json", 0,
			&rule_u, &err), ADVISOR_EDATA, "%s", bad[i]);
		cr_assert_null(t);
	}
}
