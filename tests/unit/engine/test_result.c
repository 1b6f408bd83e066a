/*
 * test_result.c - results written as JSON: numbers in their shortest form,
 * strings escaped, and the same text a JSON library would write.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/result.h"
#include "json/buf.h"

static char *number(double x)
{
	adv_buf b = { 0 };
	adv_buf_json_number(&b, x);
	cr_assert(!b.failed);
	return b.data;
}

/* cJSON checks its shortest form with a tolerance, so 0.1 + 0.2 comes out
 * as 0.3; ours must read back exactly, and agree wherever cJSON's does. */
Test(result, numbers_are_shortest_and_read_back_exactly)
{
	const double values[] = { 0, 1, -1, 3, 3.57, 0.31, 0.57, 6.3, 3.31,
		-1.5, 100, 1e15, 1e20, 123456789.125, 1.0 / 3, 2.0 / 3, 0.1 + 0.2,
		1e-7, 5e-324, 9007199254740993.0, -0.25, 0.001, 1234.5678 };
	for (size_t i = 0; i < sizeof(values) / sizeof(*values); i++) {
		cJSON *n = cJSON_CreateNumber(values[i]);
		char *want = cJSON_PrintUnformatted(n);
		char *got = number(values[i]);
		cr_expect_eq(strtod(got, NULL), values[i], "%s", got);
		if (strtod(want, NULL) == values[i])
			cr_expect_str_eq(got, want, "%.17g", values[i]);
		free(got);
		cJSON_free(want);
		cJSON_Delete(n);
	}
}

Test(result, numbers_that_are_not_finite_are_null)
{
	char *s = number(INFINITY);
	cr_assert_str_eq(s, "null");
	free(s);
}

Test(result, strings_are_escaped_and_utf8_passes_through)
{
	adv_buf b = { 0 };
	adv_buf_json_string(&b, "Zo\xC3\xAB \"quoted\" back\\slash\nnew\ttab\x01");
	cr_assert_str_eq(b.data,
		"\"Zo\xC3\xAB \\\"quoted\\\" back\\\\slash\\nnew\\ttab\\u0001\"");
	free(b.data);
}

/* Plain runs are found eight bytes at a time: a character to escape must
 * be caught at every offset, and the text read back must be the same. */
Test(result, a_character_to_escape_is_found_at_every_offset)
{
	const char special[] = { '"', '\\', '\n', '\x1f' };
	for (size_t k = 0; k < sizeof(special); k++)
		for (size_t at = 0; at < 24; at++) {
			char text[32];
			adv_buf b = { 0 };
			memset(text, 'a' + (int)(at % 26), 24);
			text[24] = '\0';
			text[at] = special[k];
			adv_buf_json_string(&b, text);
			cr_assert(!b.failed);
			cJSON *back = cJSON_Parse(b.data);
			cr_assert(cJSON_IsString(back), "%s", b.data);
			cr_expect_str_eq(back->valuestring, text);
			cJSON_Delete(back);
			free(b.data);
		}
}

Test(result, a_whole_result_parses_back_with_every_field)
{
	advisor_reason reasons[2] = {
		{ "romance", 0, "LinkedIn is not \"a dating site\"", 1 },
		{ "known", 3, "you met at PyCon", 0 },
	};
	advisor_result r = { "p\xC3\xABr", ADVISOR_DONT_CONNECT, 3.25, reasons, 2,
		NULL, "default", 0, NULL, 0, ADVISOR_OUTGOING, "", 0, .below = 0 };
	char *json = NULL;
	advisor_error err;
	cr_assert_eq(advisor_result_to_json(&json, &r, &err), ADVISOR_OK);
	cJSON *root = cJSON_Parse(json);
	cr_assert_not_null(root, "%s", json);
	cr_assert_str_eq(cJSON_GetObjectItem(root, "person")->valuestring, "p\xC3\xABr");
	cr_assert_str_eq(cJSON_GetObjectItem(root, "verdict")->valuestring, "dont_connect");
	cr_assert_float_eq(cJSON_GetObjectItem(root, "score")->valuedouble, 3.25, 1e-12);
	cJSON *rs = cJSON_GetObjectItem(root, "reasons");
	cr_assert_eq(cJSON_GetArraySize(rs), 2);
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(rs, 0), "veto")));
	cr_assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(rs, 1), "veto"));
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(rs, 0), "detail")->valuestring,
		"LinkedIn is not \"a dating site\"");
	cr_assert_null(cJSON_GetObjectItem(root, "note"), "no note key when there is none");
	cr_assert_null(cJSON_GetObjectItem(root, "no_note_fits"), "no no_note_fits when 0");
	cr_assert_str_eq(cJSON_GetObjectItem(root, "policy")->valuestring, "default");
	cJSON_Delete(root);
	advisor_string_free(json);
}

Test(result, no_note_fits_is_in_the_json_and_its_accessor)
{
	advisor_reason reasons[1] = { { "known", 3, "you met at PyCon", 0 } };
	advisor_result r = { "ana", ADVISOR_CONNECT, 3, reasons, 1, NULL,
		"default", 40, NULL, 0, ADVISOR_OUTGOING, "", 0, .below = 0 };
	char *json = NULL;
	advisor_error err;

	cr_expect_eq(advisor_result_no_note_fits(&r), 40);
	cr_expect_eq(advisor_result_no_note_fits(NULL), 0);
	cr_assert_eq(advisor_result_to_json(&json, &r, &err), ADVISOR_OK);
	cr_expect(strstr(json, ",\"no_note_fits\":40,\"direction\":\"outgoing\",\"policy\":") != NULL, "%s", json);
	cr_expect_null(strstr(json, "\"note\":"), "%s", json);
	advisor_string_free(json);
}

Test(result, drafts_are_in_the_json_and_their_accessors)
{
	advisor_reason reasons[1] = { { "known", 3, "you met at PyCon", 0 } };
	char *drafts[2] = { "Hi Ana! We met at PyCon.", "Hi Ana! Let's connect." };
	advisor_result r = { "ana", ADVISOR_CONNECT_WITH_NOTE, 3, reasons, 1,
		"Hi Ana! We met at PyCon.", "default", 0, drafts, 2, ADVISOR_OUTGOING, "", 0, .below = 0 };
	char *json = NULL;
	advisor_error err;

	cr_expect_eq(advisor_result_draft_count(&r), 2);
	cr_expect_str_eq(advisor_result_draft(&r, 0), "Hi Ana! We met at PyCon.");
	cr_expect_str_eq(advisor_result_draft(&r, 1), "Hi Ana! Let's connect.");
	cr_expect_null(advisor_result_draft(&r, 2));
	cr_expect_eq(advisor_result_draft_count(NULL), 0);
	cr_expect_null(advisor_result_draft(NULL, 0));
	cr_assert_eq(advisor_result_to_json(&json, &r, &err), ADVISOR_OK);
	cr_expect(strstr(json, ",\"note\":\"Hi Ana! We met at PyCon.\",\"drafts\":"
		"[\"Hi Ana! We met at PyCon.\",\"Hi Ana! Let's connect.\"],\"direction\":")
		!= NULL, "%s", json);
	advisor_string_free(json);
	r.draft_count = 0;
	cr_assert_eq(advisor_result_to_json(&json, &r, &err), ADVISOR_OK);
	cr_expect_null(strstr(json, "\"drafts\""), "%s", json);
	advisor_string_free(json);
}

Test(result, accessors_read_the_result_and_tolerate_null)
{
	advisor_reason reasons[2] = {
		{ "known", 3, "you met at PyCon", 0 },
		{ "mutuals", 0.5, "2 mutual connections", 0 },
	};
	advisor_result r = { "ana", ADVISOR_CONNECT_WITH_NOTE, 3.5, reasons, 2,
		"Hi Ana", "default", 0, NULL, 0, ADVISOR_OUTGOING, "", 0, .below = 0 };

	cr_expect_str_eq(advisor_result_person(&r), "ana");
	cr_expect_eq(advisor_result_verdict(&r), ADVISOR_CONNECT_WITH_NOTE);
	cr_expect_float_eq(advisor_result_score(&r), 3.5, 1e-12);
	cr_expect_str_eq(advisor_result_note(&r), "Hi Ana");
	cr_expect_str_eq(advisor_result_policy(&r), "default");
	cr_expect_eq(advisor_result_reason_count(&r), 2);
	cr_expect_eq(advisor_result_reason(&r, 0), &reasons[0]);
	cr_expect_eq(advisor_result_reason(&r, 1), &reasons[1]);
	cr_expect_null(advisor_result_reason(&r, 2), "past the end is NULL");
	cr_expect_null(advisor_result_reason(&r, (size_t)-1));

	/* A caller who ignored an error code reads "nothing", not a verdict. */
	cr_expect_null(advisor_result_person(NULL));
	cr_expect_eq(advisor_result_verdict(NULL), ADVISOR_VERDICT_INVALID);
	cr_expect_str_eq(advisor_verdict_name(ADVISOR_VERDICT_INVALID), "unknown");
	cr_expect_eq(advisor_result_score(NULL), 0);
	cr_expect_null(advisor_result_note(NULL));
	cr_expect_null(advisor_result_policy(NULL));
	cr_expect_eq(advisor_result_reason_count(NULL), 0);
	cr_expect_null(advisor_result_reason(NULL, 0));
	advisor_result_free(NULL);
}

Test(result, invited_is_a_verdict_with_its_day_direction_and_withdraw)
{
	advisor_reason reasons[1] = { { "invited", 0,
		"you already invited them on 2026-10-30; wait for their answer", 1 } };
	advisor_result r = { "lena", ADVISOR_INVITED, 0, reasons, 1, NULL,
		"default", 0, NULL, 0, ADVISOR_OUTGOING, "2026-10-30", 0, .below = 0 };
	char *json = NULL;
	advisor_error err;

	cr_expect_str_eq(advisor_verdict_name(ADVISOR_INVITED), "invited");
	cr_expect_eq(advisor_result_verdict(&r), ADVISOR_INVITED);
	cr_expect_eq(advisor_result_direction(&r), ADVISOR_OUTGOING);
	cr_expect_str_eq(advisor_result_invited_on(&r), "2026-10-30");
	cr_expect_eq(advisor_result_withdraw(&r), 0);
	cr_assert_eq(advisor_result_to_json(&json, &r, &err), ADVISOR_OK);
	cr_expect(strstr(json, "\"verdict\":\"invited\"") != NULL, "%s", json);
	cr_expect(strstr(json, ",\"direction\":\"outgoing\",\"invited_on\":\"2026-10-30\","
		"\"policy\":") != NULL, "%s", json);
	advisor_string_free(json);

	r.withdraw = 1;
	cr_expect_eq(advisor_result_withdraw(&r), 1);
	cr_assert_eq(advisor_result_to_json(&json, &r, &err), ADVISOR_OK);
	cr_expect(strstr(json, "\"invited_on\":\"2026-10-30\",\"withdraw\":true,")
		!= NULL, "%s", json);
	advisor_string_free(json);

	/* Theirs, waiting: incoming, with its day; none: no invited_on. */
	r.verdict = ADVISOR_CONNECT;
	r.withdraw = 0;
	r.direction = ADVISOR_INCOMING;
	cr_assert_eq(advisor_result_to_json(&json, &r, &err), ADVISOR_OK);
	cr_expect(strstr(json, "\"direction\":\"incoming\",\"invited_on\":") != NULL,
		"%s", json);
	advisor_string_free(json);
	r.invited_on[0] = '\0';
	cr_expect_null(advisor_result_invited_on(&r));
	cr_assert_eq(advisor_result_to_json(&json, &r, &err), ADVISOR_OK);
	cr_expect_null(strstr(json, "invited_on"), "%s", json);
	advisor_string_free(json);

	cr_expect_eq(advisor_result_direction(NULL), ADVISOR_OUTGOING);
	cr_expect_null(advisor_result_invited_on(NULL));
	cr_expect_eq(advisor_result_withdraw(NULL), 0);
}

Test(result, below_the_threshold_the_json_has_the_threshold_and_what_is_missing)
{
	advisor_reason reasons[1] = { { "stranger", 0, "no relationship", 0 } };
	advisor_missing missing[2] = {
		{ "known", 3, "you met at FOSDEM, but it was \"awkward\"" },
		{ "mutuals", 0, "you share no connection with them" },
	};
	advisor_result r = { .person = "hiro", .verdict = ADVISOR_DONT_CONNECT,
		.score = 0.5, .reasons = reasons, .reason_count = 1,
		.policy = "default", .below = 1, .threshold = 3,
		.missing = missing, .missing_count = 2 };
	char *json = NULL;
	advisor_error err;

	cr_expect(advisor_result_below_threshold(&r));
	cr_expect_eq(advisor_result_threshold(&r), 3);
	cr_expect_eq(advisor_result_missing_count(&r), 2);
	cr_expect_str_eq(advisor_result_missing(&r, 0)->rule, "known");
	cr_expect_null(advisor_result_missing(&r, 2));
	cr_expect_not(advisor_result_below_threshold(NULL));
	cr_expect_eq(advisor_result_missing_count(NULL), 0);
	cr_expect_null(advisor_result_missing(NULL, 0));
	cr_assert_eq(advisor_result_to_json(&json, &r, &err), ADVISOR_OK);
	cJSON *root = cJSON_Parse(json);
	cr_assert_not_null(root, "%s", json);
	cr_expect_eq(cJSON_GetObjectItem(root, "threshold")->valuedouble, 3);
	cJSON *m = cJSON_GetObjectItem(root, "missing");
	cr_assert_eq(cJSON_GetArraySize(m), 2, "%s", json);
	cr_expect_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(m, 0), "why_not")->valuestring,
		"you met at FOSDEM, but it was \"awkward\"");
	cr_expect_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(m, 0), "score")->valuedouble, 3);
	cJSON_Delete(root);
	advisor_string_free(json);

	/* Any other result: neither member. */
	r.below = 0;
	r.missing_count = 0;
	cr_assert_eq(advisor_result_to_json(&json, &r, &err), ADVISOR_OK);
	cr_expect_null(strstr(json, "threshold"), "%s", json);
	cr_expect_null(strstr(json, "missing"), "%s", json);
	advisor_string_free(json);
}
