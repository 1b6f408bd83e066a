/*
 * test_inline.c - advice on a person given inline (advisor_inline_person):
 * found in the network by profile URL or name, else a transient person
 * the policy judges on the fields given; in C, in JSON requests, in case
 * files, in explanations and over a snapshot.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static const char NETWORK[] =
	"{ \"format\": \"advisor-network/1\",\n"
	"  \"me\": { \"id\": \"me\", \"name\": \"Alex Kim\", \"industry\": \"Software\",\n"
	"          \"profile_url\": \"https://www.linkedin.com/in/alexkim\" },\n"
	"  \"people\": [\n"
	"    { \"id\": \"priya\", \"name\": \"Priya Natarajan\", \"company\": \"Orbit\",\n"
	"      \"profile_url\": \"https://www.linkedin.com/in/priya-n\",\n"
	"      \"connections\": [\"bob\"],\n"
	"      \"events\": [ { \"type\": \"met\", \"date\": \"2019-05-03\",\n"
	"        \"context\": \"PyCon 2019\", \"tone\": \"cordial\" } ] },\n"
	"    { \"id\": \"jose\", \"name\": \"Jos\xC3\xA9 \xC3\x81lvarez\", \"company\": \"Fjord\",\n"
	"      \"events\": [ { \"type\": \"met\", \"date\": \"2025-05-03\",\n"
	"        \"context\": \"a meetup\", \"tone\": \"cordial\" } ] },\n"
	"    { \"id\": \"sam-1\", \"name\": \"Sam Lee\", \"company\": \"Acme\" },\n"
	"    { \"id\": \"sam-2\", \"name\": \"Sam Lee\", \"company\": \"Globex\" },\n"
	"    { \"id\": \"bob\", \"name\": \"Bob Stone\", \"connected\": true,\n"
	"      \"connections\": [\"me\", \"priya\"] }\n"
	"  ] }\n";

#define AS_OF "2026-06-01"

static advisor_network *net;
static advisor_engine *engine;

static void setup(void)
{
	advisor_error err;
	cr_assert_eq(load_text(&net, NETWORK, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_engine_new(&engine, NULL, &err), ADVISOR_OK, "%s",
		err.message);
}

static void teardown(void)
{
	advisor_engine_free(engine);
	engine = NULL;
	advisor_network_free(net);
	net = NULL;
}

TestSuite(inline_person, .init = setup, .fini = teardown);

static int advise_inline(advisor_result **r, const advisor_inline_person *p,
	advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	req.inline_person = p;
	req.as_of = AS_OF;
	return advisor_advise(r, engine, net, &req, err);
}

Test(inline_person, someone_not_in_the_network_is_judged_as_a_transient_stranger)
{
	advisor_inline_person p = ADVISOR_INLINE_PERSON_INIT;
	advisor_result *r = NULL;
	advisor_error err;
	char *json = NULL;

	p.name = "Mei Chen";
	p.headline = "Data Engineer at Nimbus";
	p.company = "Nimbus";
	p.profile_url = "https://www.linkedin.com/in/mei-chen-42/";
	cr_assert_eq(advise_inline(&r, &p, &err), ADVISOR_OK, "%s", err.message);
	cr_expect(advisor_result_transient(r));
	cr_expect_str_eq(advisor_result_person(r), p.profile_url);
	cr_expect_eq(advisor_result_verdict(r), ADVISOR_DONT_CONNECT);
	cr_assert_gt(advisor_result_reason_count(r), 0);
	cr_expect_str_eq(advisor_result_reason(r, 0)->rule, "stranger");
	cr_assert_eq(advisor_result_to_json(&json, r, &err), ADVISOR_OK, "%s", err.message);
	cr_expect(strstr(json, "\"transient\":true") != NULL, "%s", json);
	advisor_string_free(json);
	advisor_result_free(r);

	/* Without a profile URL, the name stands for them. */
	p.profile_url = NULL;
	cr_assert_eq(advise_inline(&r, &p, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_str_eq(advisor_result_person(r), "Mei Chen");
	cr_expect(advisor_result_transient(r));
	advisor_result_free(r);
}

Test(inline_person, a_profile_url_in_the_network_is_that_person)
{
	advisor_inline_person p = ADVISOR_INLINE_PERSON_INIT;
	advisor_result *r = NULL;
	advisor_error err;

	p.name = "P. Natarajan";   /* the URL decides, not the name */
	p.profile_url = "http://linkedin.com/in/priya-n/";
	cr_assert_eq(advise_inline(&r, &p, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_not(advisor_result_transient(r));
	cr_expect_str_eq(advisor_result_person(r), "priya");
	cr_expect_eq(advisor_result_verdict(r), ADVISOR_CONNECT_WITH_NOTE,
		"the meeting at PyCon is theirs: %s",
		advisor_verdict_name(advisor_result_verdict(r)));
	advisor_result_free(r);
}

Test(inline_person, an_exact_name_case_and_accents_aside_is_that_person)
{
	advisor_inline_person p = ADVISOR_INLINE_PERSON_INIT;
	advisor_result *r = NULL;
	advisor_error err;

	p.name = "jose alvarez";
	cr_assert_eq(advise_inline(&r, &p, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_str_eq(advisor_result_person(r), "jose");
	cr_expect_not(advisor_result_transient(r));
	advisor_result_free(r);

	/* Bob is connected already: found, and said so. */
	p.name = "Bob Stone";
	cr_assert_eq(advise_inline(&r, &p, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_eq(advisor_result_verdict(r), ADVISOR_ALREADY_CONNECTED);
	advisor_result_free(r);
}

Test(inline_person, the_same_name_with_another_profile_url_is_someone_else)
{
	advisor_inline_person p = ADVISOR_INLINE_PERSON_INIT;
	advisor_result *r = NULL;
	advisor_error err;

	p.name = "Priya Natarajan";
	p.profile_url = "https://www.linkedin.com/in/another-priya";
	cr_assert_eq(advise_inline(&r, &p, &err), ADVISOR_OK, "%s", err.message);
	cr_expect(advisor_result_transient(r));
	cr_expect_eq(advisor_result_verdict(r), ADVISOR_DONT_CONNECT);
	advisor_result_free(r);
}

Test(inline_person, namesakes_are_told_apart_by_company_or_refused)
{
	advisor_inline_person p = ADVISOR_INLINE_PERSON_INIT;
	advisor_result *r = NULL;
	advisor_error err;

	p.name = "Sam Lee";
	p.company = "globex";
	cr_assert_eq(advise_inline(&r, &p, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_str_eq(advisor_result_person(r), "sam-2");
	advisor_result_free(r);

	p.company = NULL;
	cr_expect_eq(advise_inline(&r, &p, &err), ADVISOR_EAMBIGUOUS);
	cr_expect_null(r);
	cr_expect(strstr(err.message, "sam-1 (at Acme)") &&
		strstr(err.message, "sam-2 (at Globex)") &&
		strstr(err.message, "profile URL"), "%s", err.message);

	p.company = "Initech";
	cr_expect_eq(advise_inline(&r, &p, &err), ADVISOR_EAMBIGUOUS, "%s", err.message);
}

Test(inline_person, bad_inline_people_are_refused_with_what_is_wrong)
{
	advisor_inline_person p = ADVISOR_INLINE_PERSON_INIT;
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_result *r = NULL;
	advisor_error err;

	cr_expect_eq(advise_inline(&r, &p, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "name is required"), "%s", err.message);
	p.name = "";
	cr_expect_eq(advise_inline(&r, &p, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "name is empty"), "%s", err.message);
	p.name = "Mei";
	p.headline = "caf\xC3";
	cr_expect_eq(advise_inline(&r, &p, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "headline is not valid UTF-8"), "%s", err.message);
	p.headline = NULL;
	p.version = 9;
	cr_expect_eq(advise_inline(&r, &p, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "advisor_inline_person: version 9"), "%s", err.message);
	p.version = ADVISOR_INLINE_PERSON_VERSION;

	req.person = "priya";
	req.inline_person = &p;
	cr_expect_eq(advisor_advise(&r, engine, net, &req, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "both given"), "%s", err.message);

	/* A version 2 request has no inline person: person is required. */
	req.person = NULL;
	req.version = 2;
	cr_expect_eq(advisor_advise(&r, engine, net, &req, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "person is required"), "%s", err.message);

	/* Your own profile is you. */
	req.version = ADVISOR_REQUEST_VERSION;
	p.profile_url = "https://linkedin.com/in/alexkim";
	cr_expect_eq(advisor_advise(&r, engine, net, &req, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "is you"), "%s", err.message);
	cr_expect_null(r);
}

Test(inline_person, init_equals_macro)
{
	advisor_inline_person m = ADVISOR_INLINE_PERSON_INIT, f;
	memset(&f, 0xA5, sizeof(f));
	advisor_inline_person_init(&f);
	cr_expect_eq(f.version, m.version);
	cr_expect_null(f.name);
	cr_expect_null(f.profile_url);
	cr_expect_null(f.headline);
	cr_expect_null(f.company);
	cr_expect_null(f.title);
	cr_expect_null(f.location);
	cr_expect_null(f.industry);
	advisor_inline_person_init(NULL);

	advisor_request q;
	advisor_request_init(&q);
	cr_expect_null(q.inline_person);
}

Test(inline_person, a_json_request_gives_the_person_as_an_object)
{
	static const char req[] =
		"{\"person\": {\"name\": \"Mei Chen\", \"headline\": \"Data Engineer\","
		" \"profile_url\": \"https://www.linkedin.com/in/mei\", \"title\": null},"
		" \"as_of\": \"" AS_OF "\"}";
	char *out = NULL;
	advisor_error err;

	cr_assert_eq(advisor_advise_json(&out, engine, net, req, strlen(req), &err),
		ADVISOR_OK, "%s", err.message);
	cr_expect(strstr(out, "\"person\":\"https://www.linkedin.com/in/mei\"") &&
		strstr(out, "\"transient\":true"), "%s", out);
	advisor_string_free(out);

	/* Parsed once, the request owns the person's strings. */
	advisor_parsed_request *p = NULL;
	cr_assert_eq(advisor_request_parse(&p, req, strlen(req), &err), ADVISOR_OK,
		"%s", err.message);
	const advisor_request *r = advisor_parsed_request_get(p);
	cr_assert_not_null(r->inline_person);
	cr_expect_null(r->person);
	cr_expect_str_eq(r->inline_person->name, "Mei Chen");
	cr_expect_str_eq(r->inline_person->headline, "Data Engineer");
	cr_expect_null(r->inline_person->title);
	advisor_parsed_request_free(p);

	static const char found[] =
		"{\"person\": {\"name\": \"Priya Natarajan\"}, \"as_of\": \"" AS_OF "\"}";
	cr_assert_eq(advisor_advise_json(&out, engine, net, found, strlen(found), &err),
		ADVISOR_OK, "%s", err.message);
	cr_expect(strstr(out, "\"person\":\"priya\"") && !strstr(out, "transient"),
		"%s", out);
	advisor_string_free(out);
}

Test(inline_person, a_bad_json_person_is_located)
{
	static const struct { const char *req, *path, *says; } bad[] = {
		{ "{\"person\": {\"headline\": \"CTO\"}}", "person.name", "missing" },
		{ "{\"person\": {\"name\": \"Mei\", \"age\": 3}}", "person.age", "unknown field" },
		{ "{\"person\": {\"name\": \"Mei\", \"company\": 3}}", "person.company", "expected a string" },
		{ "{\"person\": []}", "person", "not a string" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		advisor_parsed_request *p = NULL;
		advisor_error err;
		cr_expect_eq(advisor_request_parse(&p, bad[i].req, strlen(bad[i].req), &err),
			ADVISOR_EINVAL, "%s", bad[i].req);
		cr_expect_str_eq(err.path, bad[i].path, "%s", bad[i].req);
		cr_expect(strstr(err.message, bad[i].says), "%s: %s", bad[i].req, err.message);
		cr_expect_null(p);
	}
}

Test(inline_person, an_explanation_of_a_transient_person_tries_intents_and_direction)
{
	advisor_inline_person p = ADVISOR_INLINE_PERSON_INIT;
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_explanation *x = NULL;
	advisor_error err;

	p.name = "Mei Chen";
	req.inline_person = &p;
	req.as_of = AS_OF;
	cr_assert_eq(advisor_explain(&x, engine, net, &req, &err), ADVISOR_OK, "%s",
		err.message);
	cr_expect(advisor_result_transient(advisor_explanation_result(x)));
	cr_expect_gt(advisor_explanation_rule_count(x), 0);
	for (size_t i = 0; i < advisor_explanation_what_if_count(x); i++)
		cr_expect_str_neq(advisor_explanation_what_if(x, i)->kind, "drop_fact",
			"a transient person has no facts to take away");
	advisor_explanation_free(x);
}

/* What a policy sees of a transient person: the fields given, no graph. */
Test(inline_person, the_policy_sees_the_fields_given_and_no_graph)
{
	char root[] = "/tmp/advisor-inline-XXXXXX", dir[64], file[96];
	advisor_engine *probe = NULL;
	advisor_error err;

	cr_assert_not_null(mkdtemp(root));
	snprintf(dir, sizeof(dir), "%s/mine", root);
	snprintf(file, sizeof(file), "%s/probe.lua", dir);
	cr_assert_eq(mkdir(dir, 0700), 0);
	FILE *f = fopen(file, "w");
	cr_assert_not_null(f);
	fputs("advisor.rule {\n"
	      "  name = 'probe', description = 'what the policy sees',\n"
	      "  check = function(person, request)\n"
	      "    local ids, n = advisor.mutuals(request.me, person)\n"
	      "    return table.concat({ tostring(person.transient), tostring(person.id),\n"
	      "      tostring(person.name), tostring(person.first_name), tostring(person.headline), tostring(person.company),\n"
	      "      tostring(person.title), tostring(person.industry), tostring(person.profile_url),\n"
	      "      person.degree, #ids, n, advisor.mutual_count(person, request.me),\n"
	      "      advisor.jaccard(request.me, person), tostring(advisor.degrees(request.me, person)),\n"
	      "      tostring(person:latest()), tostring(person:last_contact()),\n"
	      "      tostring(person:pending_invitation()), tostring(person.connected) }, '|')\n"
	      "  end }\n", f);
	fclose(f);
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	const char *layers[1] = { dir };
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	cr_assert_eq(advisor_engine_new(&probe, &o, &err), ADVISOR_OK, "%s", err.message);

	advisor_inline_person p = ADVISOR_INLINE_PERSON_INIT;
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_result *r = NULL;
	p.name = "Mei Chen";
	p.headline = "Data Engineer at Nimbus";
	p.company = "Nimbus";
	p.title = "";
	p.industry = "Software";
	p.profile_url = "https://www.linkedin.com/in/mei";
	req.inline_person = &p;
	req.as_of = AS_OF;
	cr_assert_eq(advisor_advise(&r, probe, net, &req, &err), ADVISOR_OK, "%s", err.message);
	const char *detail = NULL;
	for (size_t i = 0; i < advisor_result_reason_count(r); i++)
		if (strcmp(advisor_result_reason(r, i)->rule, "probe") == 0)
			detail = advisor_result_reason(r, i)->detail;
	cr_assert_not_null(detail);
	cr_expect_str_eq(detail, "true|https://www.linkedin.com/in/mei|Mei Chen|Mei|"
		"Data Engineer at Nimbus|Nimbus|nil|Software|https://www.linkedin.com/in/mei|"
		"0|0|0|0|0.0|nil|nil|nil|nil|false");
	advisor_result_free(r);

	/* Someone of the network is no transient person. */
	req.inline_person = NULL;
	req.person = "priya";
	cr_assert_eq(advisor_advise(&r, probe, net, &req, &err), ADVISOR_OK, "%s", err.message);
	for (size_t i = 0; i < advisor_result_reason_count(r); i++)
		if (strcmp(advisor_result_reason(r, i)->rule, "probe") == 0)
			cr_expect(strncmp(advisor_result_reason(r, i)->detail, "false|priya|", 12) == 0,
				"%s", advisor_result_reason(r, i)->detail);
	advisor_result_free(r);
	advisor_engine_free(probe);
	unlink(file);
	rmdir(dir);
	rmdir(root);
}

/* A network opened from its snapshot counts its strings from the
 * snapshot's base: a transient person's, the caller's, read the same. */
Test(inline_person, a_transient_person_reads_the_same_over_a_snapshot)
{
	char root[] = "/tmp/advisor-inline-XXXXXX", path[96], cache[96];
	advisor_load_options o = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *snap = NULL;
	advisor_error err;
	char *first = NULL, *second = NULL;

	cr_assert_not_null(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/network.json", root);
	snprintf(cache, sizeof(cache), "%s/cache", root);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(NETWORK, f);
	fclose(f);
	o.cache_dir = cache;
	static const char req[] =
		"{\"person\": {\"name\": \"Mei Chen\", \"headline\": \"Data Engineer\"},"
		" \"as_of\": \"" AS_OF "\"}";
	for (int round = 0; round < 2; round++) {
		cr_assert_eq(advisor_network_load(&snap, path, &o, &err), ADVISOR_OK,
			"%s", err.message);
		cr_assert_eq(advisor_advise_json(round ? &second : &first, engine, snap,
			req, strlen(req), &err), ADVISOR_OK, "%s", err.message);
		advisor_network_free(snap);
	}
	cr_expect_str_eq(first, second);
	cr_expect(strstr(second, "\"person\":\"Mei Chen\""), "%s", second);
	advisor_string_free(first);
	advisor_string_free(second);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	cr_assert_eq(system(cmd), 0);
}

/* A case file may ask about a person given inline, as a request does. */
Test(inline_person, a_case_file_request_may_give_the_person_inline)
{
	static const char text[] =
		"{ \"format\": \"advisor-cases/1\", \"network\": \"network.json\",\n"
		"  \"cases\": [ { \"name\": \"mei\", \"request\": { \"person\":\n"
		"    { \"name\": \"Mei Chen\" }, \"as_of\": \"" AS_OF "\" },\n"
		"    \"expect\": { \"verdict\": \"dont_connect\" } } ] }\n";
	advisor_cases *cs = NULL;
	advisor_error err;

	cr_assert_eq(advisor_cases_read(&cs, text, strlen(text), "inline.cases.json",
		&err), ADVISOR_OK, "%s", err.message);
	const advisor_case *c = advisor_cases_get(cs, 0);
	cr_assert_not_null(c->request);
	cr_assert_not_null(c->request->inline_person);
	cr_expect_str_eq(c->request->inline_person->name, "Mei Chen");
	advisor_result *r = NULL;
	cr_assert_eq(advisor_advise(&r, engine, net, c->request, &err), ADVISOR_OK,
		"%s", err.message);
	cr_expect_eq(advisor_result_verdict(r), c->verdict);
	advisor_result_free(r);
	advisor_cases_free(cs);
}
