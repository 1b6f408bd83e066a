/*
 * test_request.c - request lines of advisor_advise_json() read the
 * same however they are spelled.
 *
 * A plain request (a flat object of ASCII strings) is scanned in place; any
 * other is read through the strict parser.  Each case here is a request
 * spelled two ways, or a near miss of the plain form: both must give the
 * same answer, byte for byte, or the same error.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include "helpers.h"

static advisor_network *net;
static advisor_engine *engine;

static void setup(void)
{
	advisor_error err;
	cr_assert_eq(advisor_network_load(&net,
		source_path("docs/examples/network.json"), NULL, &err),
		ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_engine_new(&engine, NULL, &err), ADVISOR_OK,
		"%s", err.message);
}

static void teardown(void)
{
	advisor_engine_free(engine);
	advisor_network_free(net);
}

TestSuite(request_json, .init = setup, .fini = teardown);

/* The answer to a request line, or "error <code>: <message>". */
static char *answer(const char *line, size_t len)
{
	advisor_error err;
	char *out = NULL;
	int rc = advisor_advise_json(&out, engine, net, line, len, &err);
	if (rc < 0) {
		cr_assert_null(out);
		char *s = malloc(ADVISOR_ERROR_MESSAGE_MAX + 32);
		cr_assert_not_null(s);
		snprintf(s, ADVISOR_ERROR_MESSAGE_MAX + 32, "error %d: %s", rc, err.message);
		return s;
	}
	cr_assert_not_null(out);
	return out;
}

/* The same line through advisor_request_parse() and advisor_advise(): the
 * answer, or "error <code>: <message>". */
static char *parsed_answer(const char *line, size_t len)
{
	advisor_parsed_request *p = NULL;
	advisor_result *r = NULL;
	advisor_error err;
	char *out = NULL;
	int rc = advisor_request_parse(&p, line, len, &err);

	if (rc == ADVISOR_OK) {
		cr_assert_not_null(p);
		rc = advisor_advise(&r, engine, net, advisor_parsed_request_get(p), &err);
	} else {
		cr_assert_null(p);
	}
	if (rc == ADVISOR_OK)
		rc = advisor_result_to_json(&out, r, &err);
	advisor_result_free(r);
	advisor_parsed_request_free(p);
	if (rc < 0) {
		char *s = malloc(ADVISOR_ERROR_MESSAGE_MAX + 32);
		cr_assert_not_null(s);
		snprintf(s, ADVISOR_ERROR_MESSAGE_MAX + 32, "error %d: %s", rc, err.message);
		return s;
	}
	return out;
}

/* advisor_advise_json() and the parser agree on a line, byte for byte. */
static void parses_alike(const char *line, size_t len)
{
	char *x = answer(line, len), *y = parsed_answer(line, len);
	cr_expect_str_eq(x, y, "advise_json and request_parse differ on %.*s",
		(int)len, line);
	free(x);
	free(y);
}

static void same(const char *a, const char *b)
{
	char *x = answer(a, strlen(a)), *y = answer(b, strlen(b));
	cr_expect_str_eq(x, y, "%s\n  and\n%s", a, b);
	free(x);
	free(y);
	parses_alike(a, strlen(a));
	parses_alike(b, strlen(b));
}

Test(request_json, spellings_of_one_request_answer_alike)
{
	static const char *const pairs[][2] = {
		/* whitespace, field order, one intent as a word or a list */
		{ "{\"person\":\"dana-whitfield\",\"intent\":[\"learn\"],\"as_of\":\"2026-11-27\"}",
		  " \t{ \"as_of\" : \"2026-11-27\" ,\r\n \"intent\" : \"learn\" , \"person\" : \"dana-whitfield\" }\n " },
		/* an escape sends the line to the strict parser */
		{ "{\"person\":\"dana-whitfield\",\"intent\":[\"learn\",\"network\"],\"as_of\":\"2026-11-27\"}",
		  "{\"person\":\"dana\\u002dwhitfield\",\"intent\":[\"learn\", \"net\\u0077ork\"],\"as_of\":\"2026-11-27\"}" },
		/* null intent and as_of, the default direction */
		{ "{\"person\":\"elena-petrova\",\"intent\":null,\"as_of\":\"2026-11-27\",\"direction\":\"outgoing\"}",
		  "{\"person\":\"elena-petrova\",\"intent\":[],\"as_of\":\"2026-11-27\"}" },
		{ "{\"person\":\"elena-petrova\",\"as_of\":null}",
		  "{\"person\":\"elena-petrova\"}" },
		{ "{\"person\":\"hannah-becker\",\"direction\":\"incoming\",\"as_of\":\"2026-11-27\"}",
		  "{\"direction\":\"incom\\u0069ng\",\"person\":\"hannah-becker\",\"as_of\":\"2026-11-27\"}" },
		/* non-ASCII text is read by the strict parser */
		{ "{\"person\":\"zo\xc3\xabm\"}", "{\"person\":\"zo\\u00ebm\"}" },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(*pairs); i++)
		same(pairs[i][0], pairs[i][1]);
}

/* Near misses of the plain form: each must get the strict parser's own
 * error, named as it names it. */
Test(request_json, near_misses_of_the_plain_form_are_errors)
{
	static const struct { const char *line, *fragment; } cases[] = {
		{ "{\"person\":\"dana-whitfield\",}", "request" },
		{ "{\"person\":\"dana-whitfield\",\"intent\":[\"learn\",]}", "request" },
		{ "{\"person\":\"dana-whitfield\",\"intent\":[\"learn\"] ,\"intent\":[]}", "appears twice" },
		{ "{\"person\":\"dana-whitfield\",\"as_of\":nul}", "request" },
		{ "{\"person\":\"dana-whitfield\",\"as_of\":nullx}", "request" },
		{ "{\"person\":\"dana-whitfield\"}}", "request" },
		{ "{\"person\":\"\"}", "empty" },
		{ "{\"person\":\"dana-whitfield\",\"direction\":\"Outgoing\"}", "direction" },
		{ "{'person':'dana-whitfield'}", "request" },
		{ "{}", "person" },
		{ "{\"person\":\"dana-whitfield\",\"intent\":\"fame\"}", "unknown intent" },
		{ "{\"person\":\"dana-whitfield\",\"drafts\":0}", "drafts: expected a whole number from 1 to 3" },
		{ "{\"person\":\"dana-whitfield\",\"drafts\":4}", "drafts: expected a whole number from 1 to 3" },
		{ "{\"person\":\"dana-whitfield\",\"drafts\":2.5}", "drafts" },
		{ "{\"person\":\"dana-whitfield\",\"drafts\":\"2\"}", "drafts" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *a = answer(cases[i].line, strlen(cases[i].line));
		cr_expect(strncmp(a, "error ", 6) == 0, "%s: answered %s", cases[i].line, a);
		cr_expect(strstr(a, cases[i].fragment) != NULL, "%s: %s should mention %s",
			cases[i].line, a, cases[i].fragment);
		free(a);
		parses_alike(cases[i].line, strlen(cases[i].line));
	}
	/* A NUL byte inside the line, and the line cut before its end. */
	static const char nul[] = "{\"person\":\"dana-whitfield\"}\0 ";
	char *a = answer(nul, sizeof(nul) - 1);
	cr_expect(strncmp(a, "error ", 6) == 0, "a NUL in the line: %s", a);
	free(a);
	a = answer(nul, 10);
	cr_expect(strncmp(a, "error ", 6) == 0, "a cut line: %s", a);
	free(a);
	parses_alike(nul, sizeof(nul) - 1);
	parses_alike(nul, 10);
}

Test(request_json, a_long_request_line_is_read_whole)
{
	/* Longer than the scan's buffer on the stack. */
	char line[2048];
	int n = snprintf(line, sizeof(line), "{\"person\":\"dana-whitfield\",%*s\"intent\":[\"learn\"]}",
		1500, "");
	cr_assert(n > 0 && (size_t)n < sizeof(line));
	same(line, "{\"person\":\"dana-whitfield\",\"intent\":\"learn\"}");
}

/* A bad request's error names the field as data, not only in words. */
static void located(const char *line, const char *path, const char *field)
{
	advisor_error err;
	char *out = NULL;

	cr_assert_eq(advisor_advise_json(&out, engine, net, line, strlen(line),
		&err), ADVISOR_EINVAL, "%s", line);
	cr_expect_str_eq(err.path, path, "%s: %s", line, err.message);
	cr_expect_str_eq(err.field, field, "%s: %s", line, err.message);

	/* The parser locates it the same way, with the same message. */
	advisor_parsed_request *p = (advisor_parsed_request *)1;
	advisor_error perr;
	cr_assert_eq(advisor_request_parse(&p, line, strlen(line), &perr),
		ADVISOR_EINVAL, "%s", line);
	cr_expect_null(p);
	cr_expect_str_eq(perr.message, err.message);
	cr_expect_str_eq(perr.path, path, "%s: %s", line, perr.message);
	cr_expect_str_eq(perr.field, field, "%s: %s", line, perr.message);
}

Test(request_json, a_bad_field_is_located)
{
	located("{\"person\": 3}", "person", "person");
	located("{}", "person", "person");
	located("{\"person\": \"x\", \"direction\": \"up\"}", "direction", "direction");
	located("{\"person\": \"x\", \"intent\": [\"learn\", 2]}", "intent[1]", "intent");
	located("{\"person\": \"x\", \"as_of\": 7}", "as_of", "as_of");
	located("{\"person\": \"x\", \"colour\": \"red\"}", "colour", "colour");
	located("{\"person\": \"x\", \"drafts\": 4}", "drafts", "drafts");
}

/* ------------------------------------------------------------------------
 * advisor_request_parse(): a request read once, that owns its strings.
 * ------------------------------------------------------------------------ */

Test(request_json, a_parsed_request_owns_its_strings)
{
	/* Both readers: the plain scan and (with an escape) the strict one. */
	static const char *const lines[] = {
		"{\"person\":\"hannah-becker\",\"direction\":\"incoming\",\"intent\":[\"job\",\"learn\"],\"as_of\":\"2026-11-27\"}",
		"{\"person\":\"hannah\\u002dbecker\",\"direction\":\"incoming\",\"intent\":[\"job\",\"learn\"],\"as_of\":\"2026-11-27\"}",
	};
	for (size_t i = 0; i < 2; i++) {
		char *text = strdup(lines[i]);
		advisor_parsed_request *p = NULL;
		advisor_error err;
		cr_assert_not_null(text);
		cr_assert_eq(advisor_request_parse(&p, text, strlen(text), &err),
			ADVISOR_OK, "%s", err.message);
		memset(text, 'x', strlen(text));
		free(text);
		const advisor_request *req = advisor_parsed_request_get(p);
		cr_assert_not_null(req);
		cr_expect_eq(req->version, ADVISOR_REQUEST_VERSION);
		cr_expect_str_eq(req->person, "hannah-becker");
		cr_expect_eq(req->direction, ADVISOR_INCOMING);
		cr_assert_eq(req->intent_count, 2);
		cr_expect_str_eq(req->intents[0], "job");
		cr_expect_str_eq(req->intents[1], "learn");
		cr_expect_str_eq(req->as_of, "2026-11-27");
		advisor_parsed_request_free(p);
	}
}

Test(request_json, a_parsed_request_has_the_defaults)
{
	advisor_parsed_request *p = NULL;
	const char *line = "{\"person\":\"priya-natarajan\"}";
	cr_assert_eq(advisor_request_parse(&p, line, strlen(line), NULL), ADVISOR_OK);
	const advisor_request *req = advisor_parsed_request_get(p);
	/* Not said: the engine chooses (a pending invitation's). */
	cr_expect_eq(req->direction, ADVISOR_DIRECTION_AUTO);
	cr_expect_eq(req->intent_count, 0);
	cr_expect_null(req->as_of);
	cr_expect_eq(req->drafts, 1);
	advisor_parsed_request_free(p);
}

/* drafts: more than one puts the list in the result, its first the note;
 * one (the default) leaves it out. */
Test(request_json, drafts_are_asked_for_and_answered)
{
	const char *two = "{\"person\":\"priya-natarajan\",\"as_of\":\"2026-11-27\",\"drafts\":2}";
	const char *one = "{\"person\":\"priya-natarajan\",\"as_of\":\"2026-11-27\",\"drafts\":1}";
	const char *none = "{\"person\":\"priya-natarajan\",\"as_of\":\"2026-11-27\"}";
	char *a = answer(two, strlen(two));
	cJSON *root = cJSON_Parse(a);
	cr_assert_not_null(root, "%s", a);
	cJSON *drafts = cJSON_GetObjectItem(root, "drafts");
	cr_assert(cJSON_IsArray(drafts), "%s", a);
	cr_expect_eq(cJSON_GetArraySize(drafts), 2, "%s", a);
	cr_expect_str_eq(cJSON_GetArrayItem(drafts, 0)->valuestring,
		cJSON_GetObjectItem(root, "note")->valuestring);
	cr_expect_str_neq(cJSON_GetArrayItem(drafts, 0)->valuestring,
		cJSON_GetArrayItem(drafts, 1)->valuestring);
	cJSON_Delete(root);
	free(a);
	parses_alike(two, strlen(two));
	same(one, none);
	a = answer(one, strlen(one));
	cr_expect_null(strstr(a, "\"drafts\""), "%s", a);
	free(a);
}

/* 64 intents are read; the 65th is an error, never dropped silently. */
Test(request_json, more_than_64_intents_is_an_error)
{
	char line[2048];
	for (int n = 64; n <= 65; n++) {
		size_t at = (size_t)snprintf(line, sizeof(line), "{\"person\":\"x\",\"intent\":[");
		for (int i = 0; i < n; i++)
			at += (size_t)snprintf(line + at, sizeof(line) - at, "%s\"w%d\"",
				i ? "," : "", i);
		snprintf(line + at, sizeof(line) - at, "]}");
		advisor_parsed_request *p = NULL;
		advisor_error err;
		int rc = advisor_request_parse(&p, line, strlen(line), &err);
		if (n == 64) {
			cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
			cr_expect_eq(advisor_parsed_request_get(p)->intent_count, 64);
			cr_expect_str_eq(advisor_parsed_request_get(p)->intents[63], "w63");
		} else {
			cr_expect_eq(rc, ADVISOR_EINVAL);
			cr_expect(strstr(err.message, "more than 64 intents") != NULL, "%s", err.message);
			cr_expect_null(p);
		}
		advisor_parsed_request_free(p);
	}
}

Test(request_json, a_syntax_error_is_located_by_line_and_column)
{
	advisor_parsed_request *p = NULL;
	advisor_error err;
	const char *line = "{\"person\": \"x\",\n \"intent\": [\"learn\" \"job\"]}";
	cr_assert_eq(advisor_request_parse(&p, line, strlen(line), &err), ADVISOR_EINVAL);
	cr_expect_eq(err.code, ADVISOR_EINVAL);
	cr_expect_eq(err.line, 2, "%s", err.message);
	cr_expect_gt(err.column, 0, "%s", err.message);
}

Test(request_json, parse_arguments_are_checked)
{
	advisor_parsed_request *p = (advisor_parsed_request *)1;
	advisor_error err;
	cr_expect_eq(advisor_request_parse(NULL, "{}", 2, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "out is NULL") != NULL, "%s", err.message);
	cr_expect_eq(advisor_request_parse(&p, NULL, 0, &err), ADVISOR_EINVAL);
	cr_expect_null(p);
	cr_expect_null(advisor_parsed_request_get(NULL));
	advisor_parsed_request_free(NULL);
}
