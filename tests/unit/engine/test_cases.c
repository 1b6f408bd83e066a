/*
 * test_cases.c - policy case files read and checked by the library:
 * every expectation, the network in its three forms, each request read
 * once as advisor_request_parse() reads it, and text that is not a case
 * file told for what it is.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

static advisor_cases *read_ok(const char *text)
{
	advisor_cases *cs = NULL;
	advisor_error err;
	cr_assert_eq(advisor_cases_read(&cs, text, strlen(text), "mine.cases.json",
		&err), ADVISOR_OK, "%s", err.message);
	cr_assert_not_null(cs);
	return cs;
}

/* The text is refused: ADVISOR_EDATA, the message containing `what`, and
 * the location as data. */
static void refused(const char *text, const char *what, const char *path,
	const char *field)
{
	advisor_cases *cs = (advisor_cases *)1;
	advisor_error err;
	cr_assert_eq(advisor_cases_read(&cs, text, strlen(text), "mine.cases.json",
		&err), ADVISOR_EDATA, "%s", text);
	cr_expect_null(cs);
	cr_expect(strstr(err.message, what) != NULL, "%s: got \"%s\", expected \"%s\"",
		text, err.message, what);
	cr_expect(strncmp(err.message, "mine.cases.json", 15) == 0, "%s", err.message);
	cr_expect_str_eq(err.path, path, "%s", err.message);
	cr_expect_str_eq(err.field, field, "%s", err.message);
}

Test(cases, every_expectation_is_read)
{
	advisor_cases *cs = read_ok(
		"{ \"format\": \"advisor-cases/1\", \"cases\": [\n"
		"  { \"name\": \"all of it\", \"note_limit\": 120,\n"
		"    \"request\": { \"person\": \"priya-natarajan\", \"direction\": \"incoming\",\n"
		"                 \"intent\": [\"learn\", \"reconnect\"], \"as_of\": \"2026-11-27\" },\n"
		"    \"expect\": { \"verdict\": \"connect_with_note\", \"first_rule\": \"known\",\n"
		"                \"rules\": [\"known\", \"mutuals\"], \"not_rules\": [\"stranger\"],\n"
		"                \"note_contains\": [\"PyCon\"], \"note\": \"Hi Priya!\",\n"
		"                \"no_note\": false, \"error\": \"nope\",\n"
		"                \"what_if\": [\"if they invited you\"],\n"
		"                \"why\": { \"learn\": \"not a leader\", \"romance\": \"date\" } } },\n"
		"  { \"name\": \"nothing expected\", \"request\": { \"person\": \"x\" } },\n"
		"  { \"name\": \"no note\", \"request\": { \"person\": \"x\" }, \"expect\": { \"no_note\": true } }\n"
		"] }");
	cr_assert_eq(advisor_cases_count(cs), 3);
	const advisor_case *c = advisor_cases_get(cs, 0);
	cr_assert_not_null(c);
	cr_expect_str_eq(c->name, "all of it");
	cr_expect_eq(c->note_limit, 120);
	cr_assert_not_null(c->request);
	cr_expect_null(c->request_error);
	cr_expect_eq(c->request->version, ADVISOR_REQUEST_VERSION);
	cr_expect_str_eq(c->request->person, "priya-natarajan");
	cr_expect_eq(c->request->direction, ADVISOR_INCOMING);
	cr_assert_eq(c->request->intent_count, 2);
	cr_expect_str_eq(c->request->intents[1], "reconnect");
	cr_expect_str_eq(c->request->as_of, "2026-11-27");
	cr_expect_eq(c->verdict, ADVISOR_CONNECT_WITH_NOTE);
	cr_expect_str_eq(c->first_rule, "known");
	cr_assert_eq(advisor_strings_count(c->rules), 2);
	cr_expect_str_eq(advisor_strings_get(c->rules, 0), "known");
	cr_expect_str_eq(advisor_strings_get(c->rules, 1), "mutuals");
	cr_expect_null(advisor_strings_get(c->rules, 2), "past the end is NULL");
	cr_assert_eq(advisor_strings_count(c->not_rules), 1);
	cr_expect_str_eq(advisor_strings_get(c->not_rules, 0), "stranger");
	cr_assert_eq(advisor_strings_count(c->note_contains), 1);
	cr_expect_str_eq(advisor_strings_get(c->note_contains, 0), "PyCon");
	cr_expect_str_eq(c->note, "Hi Priya!");
	cr_expect_eq(c->no_note, 0);
	cr_expect_str_eq(c->error, "nope");
	cr_assert_eq(advisor_strings_count(c->what_if), 1);
	cr_expect_str_eq(advisor_strings_get(c->what_if, 0), "if they invited you");
	cr_assert_eq(advisor_strings_count(c->why_rules), 2);
	cr_assert_eq(advisor_strings_count(c->whys), 2);
	cr_expect_str_eq(advisor_strings_get(c->why_rules, 0), "learn");
	cr_expect_str_eq(advisor_strings_get(c->whys, 0), "not a leader");
	cr_expect_str_eq(advisor_strings_get(c->why_rules, 1), "romance");
	cr_expect_str_eq(advisor_strings_get(c->whys, 1), "date");

	c = advisor_cases_get(cs, 1);
	cr_expect_eq(c->note_limit, 0);
	cr_expect_eq(c->verdict, ADVISOR_VERDICT_INVALID);
	cr_expect_null(c->first_rule);
	cr_expect_null(c->note);
	cr_expect_null(c->error);
	cr_expect_eq(c->no_note, -1);
	/* Lists not given are empty, never NULL. */
	const advisor_strings *lists[] = { c->rules, c->not_rules,
		c->note_contains, c->what_if, c->why_rules, c->whys };
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		cr_expect_not_null(lists[l], "list %zu is NULL", l);
		cr_expect_eq(advisor_strings_count(lists[l]), 0);
	}
	cr_expect_eq(c->request->direction, ADVISOR_DIRECTION_AUTO);
	cr_expect_eq(advisor_cases_get(cs, 2)->no_note, 1);
	cr_expect_null(advisor_cases_get(cs, 3));
	advisor_cases_free(cs);
	cr_expect_eq(advisor_cases_count(NULL), 0);
	cr_expect_null(advisor_cases_get(NULL, 0));
	advisor_cases_free(NULL);
}

/* A request the reader refuses fails its case, with the message and the
 * location advisor_request_parse() gives; the file is still read. */
Test(cases, a_bad_request_is_its_case_error)
{
	advisor_cases *cs = read_ok(
		"{ \"cases\": [ { \"name\": \"bad intent\",\n"
		"  \"request\": { \"person\": \"x\", \"intent\": [\"learn\", 2] },\n"
		"  \"expect\": { \"error\": \"intent[1]\" } } ] }");
	const advisor_case *c = advisor_cases_get(cs, 0);
	const char *same = "{ \"person\": \"x\", \"intent\": [\"learn\", 2] }";
	advisor_parsed_request *p = NULL;
	advisor_error err;

	cr_expect_null(c->request);
	cr_assert_not_null(c->request_error);
	cr_assert_eq(advisor_request_parse(&p, same, strlen(same), &err), ADVISOR_EINVAL);
	cr_expect_eq(c->request_error->code, ADVISOR_EINVAL);
	cr_expect_str_eq(c->request_error->message, err.message);
	cr_expect_str_eq(c->request_error->path, "intent[1]");
	cr_expect_str_eq(c->request_error->field, "intent");
	cr_expect_str_eq(c->error, "intent[1]");
	advisor_cases_free(cs);
}

Test(cases, a_malformed_file_is_refused_with_its_json_path)
{
	refused("{ \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" }, \"expect\": { \"verdit\": \"connect\" } } ] }",
		"mine.cases.json: cases[0].expect.verdit: unknown field; expected verdict,",
		"cases[0].expect.verdit", "verdit");
	refused("{ \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" }, \"expect\": { \"rules\": \"known\" } } ] }",
		"cases[0].expect.rules: expected a list of strings", "cases[0].expect.rules", "rules");
	refused("{ \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" }, \"expect\": { \"verdict\": \"maybe\" } } ] }",
		"cases[0].expect.verdict: expected connect, connect_with_note, wait, dont_connect, already_connected or invited",
		"cases[0].expect.verdict", "verdict");
	refused("{ \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" }, \"expect\": { \"why\": [\"known\"] } } ] }",
		"cases[0].expect.why: expected an object of rule names", "cases[0].expect.why", "why");
	refused("{ \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" }, \"expect\": { \"why\": { \"known\": 3 } } } ] }",
		"cases[0].expect.why.known: expected a string", "cases[0].expect.why.known", "known");
	refused("{ \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" }, \"expect\": { \"note\": 5 } } ] }",
		"cases[0].expect.note: expected a string", "cases[0].expect.note", "note");
	refused("{ \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" }, \"expect\": { \"no_note\": \"yes\" } } ] }",
		"cases[0].expect.no_note: expected true or false", "cases[0].expect.no_note", "no_note");
	refused("{ \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" }, \"expect\": { \"note\": \"Hi!\", \"no_note\": true } } ] }",
		"cases[0].expect.no_note: true, but expect.note gives the note", "cases[0].expect.no_note", "no_note");
	refused("{ \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" } }, { \"name\": \"y\", \"note_limit\": 19, \"request\": { \"person\": \"a\" } } ] }",
		"cases[1].note_limit: expected a whole number of characters from 20 to 10000",
		"cases[1].note_limit", "note_limit");
	refused("{ \"cases\": [ { \"name\": \"y\", \"note_limit\": 200.5, \"request\": { \"person\": \"a\" } } ] }",
		"cases[0].note_limit: expected a whole number", "cases[0].note_limit", "note_limit");
	refused("{ \"cases\": [ { \"name\": \"y\", \"note_limit\": \"200\", \"request\": { \"person\": \"a\" } } ] }",
		"cases[0].note_limit: expected a whole number", "cases[0].note_limit", "note_limit");
	refused("{ \"cases\": [ { \"name\": \"x\", \"requests\": { \"person\": \"a\" } } ] }",
		"cases[0].requests: unknown field; expected name, note_limit, request or expect",
		"cases[0].requests", "requests");
	refused("{ \"cases\": [ { \"request\": { \"person\": \"a\" } } ] }",
		"cases[0].name: missing", "cases[0].name", "name");
	refused("{ \"cases\": [ { \"name\": \"x\", \"request\": [\"a\"] } ] }",
		"cases[0].request: expected a request object", "cases[0].request", "request");
	refused("{ \"cases\": [ 3 ] }", "cases[0]: expected an object", "cases[0]", "cases");
	refused("{ \"cases\": [] }", "cases: expected a non-empty list of cases", "cases", "cases");
	refused("{ \"network\": \"n.json\" }", "cases: missing; expected a non-empty list", "cases", "cases");
	refused("{ \"network\": 3, \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" } } ] }",
		"network: expected a network file's path", "network", "network");
	refused("{ \"netwrok\": \"n.json\", \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"a\" } } ] }",
		"netwrok: unknown field; expected format, network or cases", "netwrok", "netwrok");
	refused("{ \"format\": \"advisor-cases/2\", \"cases\": [] }",
		"format: expected \"advisor-cases/1\"", "format", "format");
}

/* Text that is not a case file is told for what it is. */
Test(cases, the_wrong_kind_of_file_says_what_it_is)
{
	refused("{ \"format\": \"advisor-network/1\", \"me\": { \"id\": \"me\", \"name\": \"Me\" }, \"people\": [] }",
		"mine.cases.json: format: \"advisor-network/1\" is a network file, not a case file; expected \"advisor-cases/1\"",
		"format", "format");
	refused("{\"person\": \"priya-natarajan\", \"intent\": [\"learn\"]}",
		"mine.cases.json: not a case file but a request; expected an object { format, network, cases }",
		"", "");
	refused("[1, 2]", "mine.cases.json: not a case file: expected an object { format, network, cases }",
		"", "");

	advisor_cases *cs = NULL;
	advisor_error err;
	const char *lines = "{\"person\": \"priya-natarajan\"}\n{\"person\": \"lucas-moreau\"}\n";
	cr_assert_eq(advisor_cases_read(&cs, lines, strlen(lines), "reqs.json", &err),
		ADVISOR_EDATA);
	cr_expect_str_eq(err.message, "reqs.json:2: not a case file: line 1 is a "
		"whole JSON object and more follows, as in requests one a line; "
		"expected one object { format, network, cases }");
	cr_expect_eq(err.line, 2);
	/* A case file broken on line 2 is not taken for request lines. */
	const char *broken = "{ \"cases\": [\n  { \"name\": 1 ";
	cr_assert_eq(advisor_cases_read(&cs, broken, strlen(broken), "b.json", &err),
		ADVISOR_EDATA);
	cr_expect(strstr(err.message, "not a case file") == NULL, "%s", err.message);
	cr_expect(strncmp(err.message, "b.json:2:", 9) == 0, "%s", err.message);
}

Test(cases, the_network_is_a_relative_path_inline_or_none)
{
	advisor_cases *cs = NULL;
	advisor_network *net = NULL;
	advisor_error err;
	char name[4096];
	const char *rel = "{ \"network\": \"../../docs/examples/network.json\", "
		"\"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"priya-natarajan\" } } ] }";

	/* Relative to the folder of the file the text stands for. */
	snprintf(name, sizeof(name), "%s", source_path("tests/policy/mine.cases.json"));
	cr_assert_eq(advisor_cases_read(&cs, rel, strlen(rel), name, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_eq(advisor_cases_network(&net, cs, NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_not_null(net);
	cr_expect_not_null(advisor_network_person_name(net, "priya-natarajan"));
	advisor_network_free(net);
	advisor_cases_free(cs);

	/* The same text read from elsewhere names a file that is not there. */
	cr_assert_eq(advisor_cases_read(&cs, rel, strlen(rel), "/nowhere/mine.cases.json",
		&err), ADVISOR_OK, "%s", err.message);
	cr_expect_lt(advisor_cases_network(&net, cs, NULL, &err), 0);
	cr_expect_null(net);
	cr_expect(strstr(err.message, "/nowhere/../../docs/examples/network.json") != NULL,
		"%s", err.message);
	advisor_cases_free(cs);

	/* Inline, its errors named FILE: network. */
	cs = read_ok("{ \"network\": { \"format\": \"advisor-network/1\", "
		"\"me\": { \"id\": \"me\", \"name\": \"Alex Kim\" }, "
		"\"people\": [ { \"id\": \"sam\", \"name\": \"Sam Park\" } ] }, "
		"\"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"sam\" } } ] }");
	cr_assert_eq(advisor_cases_network(&net, cs, NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_str_eq(advisor_network_person_name(net, "sam"), "Sam Park");
	advisor_network_free(net);
	advisor_cases_free(cs);
	cs = read_ok("{ \"network\": { \"format\": \"advisor-network/1\", "
		"\"me\": { \"id\": \"me\", \"name\": \"Alex Kim\" }, "
		"\"people\": [ { \"id\": \"sam\", \"name\": \"Sam Park\", \"seniority\": \"boss\" } ] }, "
		"\"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"sam\" } } ] }");
	cr_expect_eq(advisor_cases_network(&net, cs, NULL, &err), ADVISOR_EDATA);
	cr_expect_null(net);
	cr_expect(strncmp(err.message, "mine.cases.json: network: ", 26) == 0, "%s", err.message);
	cr_expect(strstr(err.path, "seniority") != NULL, "%s", err.path);
	advisor_load_options bad = ADVISOR_LOAD_OPTIONS_INIT;
	bad.version = 99;
	cr_expect_eq(advisor_cases_network(&net, cs, &bad, &err), ADVISOR_EINVAL);
	advisor_cases_free(cs);

	/* None: the caller gives one. */
	cs = read_ok("{ \"cases\": [ { \"name\": \"x\", \"request\": { \"person\": \"sam\" } } ] }");
	net = (advisor_network *)1;
	cr_expect_eq(advisor_cases_network(&net, cs, NULL, &err), ADVISOR_OK);
	cr_expect_null(net);
	cr_expect_eq(advisor_cases_network(&net, NULL, NULL, &err), ADVISOR_EINVAL);
	advisor_cases_free(cs);
}

Test(cases, files_are_loaded_and_checked)
{
	advisor_cases *cs = NULL;
	advisor_error err;
	static const char *const shipped[] = { "tests/policy/default.cases.json",
		"tests/policy/notes.cases.json", "docs/examples/policy/guide.cases.json" };

	for (size_t i = 0; i < sizeof(shipped) / sizeof(*shipped); i++) {
		cr_assert_eq(advisor_cases_load(&cs, source_path(shipped[i]), &err),
			ADVISOR_OK, "%s", err.message);
		cr_expect_gt(advisor_cases_count(cs), 0);
		advisor_network *net = NULL;
		cr_expect_eq(advisor_cases_network(&net, cs, NULL, &err), ADVISOR_OK,
			"%s", err.message);
		cr_expect_not_null(net);
		advisor_network_free(net);
		advisor_cases_free(cs);
	}
	cr_expect_eq(advisor_cases_load(&cs, "/nonexistent/x.cases.json", &err), ADVISOR_EIO);
	cr_expect_null(cs);
	cr_expect(strstr(err.message, "/nonexistent/x.cases.json") != NULL, "%s", err.message);
	cr_expect_eq(advisor_cases_load(NULL, "x", &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_cases_load(&cs, NULL, &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_cases_read(&cs, NULL, 0, "x", &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_cases_read(&cs, "{}", 2, NULL, &err), ADVISOR_EINVAL);
}
