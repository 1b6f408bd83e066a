/*
 * test_suggest.c - the facts a policy suggests recording (advisor.suggest,
 * read by core/engine/engine.c): the shipped lib/suggest.lua on a network
 * like an export's, a layer's hook read as the result's suggestions, and
 * what the engine refuses of one.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static const char NET[] =
	"{ \"format\": \"advisor-network/1\","
	"  \"me\": { \"id\": \"me\", \"name\": \"Daniel Okoye\","
	"    \"positions\": [ { \"org\": \"Fernhill Analytics\", \"from\": \"2022-03\" },"
	"      { \"org\": \"Brightwave Media\", \"from\": \"2018-06\", \"to\": \"2022-02\" } ] },"
	"  \"people\": ["
	"    { \"id\": \"priya\", \"name\": \"Priya Raman\", \"connected\": true,"
	"      \"company\": \"Fernhill Analytics\" },"
	"    { \"id\": \"tomas\", \"name\": \"Tomás Herrera\", \"events\": ["
	"      { \"type\": \"invitation\", \"date\": \"2026-11-25\", \"direction\": \"in\","
	"        \"message\": \"Priya Raman suggested I reach out.\" } ] },"
	"    { \"id\": \"noor\", \"name\": \"Noor Haddad\", \"events\": ["
	"      { \"type\": \"invitation\", \"date\": \"2026-11-21\", \"direction\": \"in\","
	"        \"message\": \"Great chatting with you at the Berlin Product Meetup last Thursday!\" } ] },"
	"    { \"id\": \"sarah\", \"name\": \"Sarah O'Brien\", \"connected\": true,"
	"      \"company\": \"brightwave media \" },"
	"    { \"id\": \"carlos\", \"name\": \"Carlos Mendes\", \"connected\": true,"
	"      \"company\": \"Brightwave Media\", \"events\": ["
	"      { \"type\": \"worked_together\", \"org\": \"Brightwave Media\", \"from\": \"2019\","
	"        \"to\": \"2021\", \"ending\": \"good\" } ] },"
	"    { \"id\": \"hiro\", \"name\": \"Hiro Tanaka\", \"events\": ["
	"      { \"type\": \"invitation\", \"date\": \"2026-11-09\", \"direction\": \"in\" } ] }"
	"  ] }";

static advisor_network *net;
static char dir[256];

static void setup(void)
{
	advisor_error err;
	cr_assert_eq(load_text(&net, NET, &err), ADVISOR_OK, "%s", err.message);
	snprintf(dir, sizeof(dir), "%s/advisor-suggest-XXXXXX",
		getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char path[400];
	snprintf(path, sizeof(path), "%s/hook.lua", dir);
	unlink(path);
	rmdir(dir);
	advisor_network_free(net);
}

TestSuite(suggest, .init = setup, .fini = teardown);

/* An engine with the shipped policy, and a layer of hook.lua if given. */
static advisor_engine *engine_with(const char *hook)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	const char *layers[1] = { dir };
	advisor_engine *e = NULL;
	advisor_error err;

	if (hook) {
		char path[400];
		snprintf(path, sizeof(path), "%s/hook.lua", dir);
		FILE *f = fopen(path, "w");
		cr_assert_not_null(f);
		fputs(hook, f);
		fclose(f);
		o.policy_layers = layers;
		o.policy_layer_count = 1;
	}
	cr_assert_eq(advisor_engine_new(&e, &o, &err), ADVISOR_OK, "%s", err.message);
	return e;
}

static int advise(advisor_result **r, advisor_engine *e, const char *person,
	advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	req.person = person;
	req.as_of = "2026-12-02";
	return advisor_advise(r, e, net, &req, err);
}

/* The suggestions as "type field=value ...: why" lines, joined by " | ". */
static char *shown(advisor_engine *e, const char *person)
{
	advisor_result *r = NULL;
	advisor_error err;
	static char buf[2048];

	cr_assert_eq(advise(&r, e, person, &err), ADVISOR_OK, "%s", err.message);
	buf[0] = '\0';
	for (size_t i = 0; i < advisor_result_suggestion_count(r); i++) {
		const advisor_suggestion *s = advisor_result_suggestion(r, i);
		if (i)
			strcat(buf, " | ");
		strcat(buf, advisor_fact_type(s->fact));
		for (size_t k = 0; k < advisor_fact_field_count(s->fact); k++) {
			strcat(buf, " ");
			strcat(buf, advisor_fact_field_name(s->fact, k));
			strcat(buf, "=");
			strcat(buf, advisor_fact_field_value(s->fact, k));
		}
		strcat(buf, ": ");
		strcat(buf, s->why);
	}
	cr_expect_null(advisor_result_suggestion(r, advisor_result_suggestion_count(r)));
	advisor_result_free(r);
	return buf;
}

Test(suggest, the_shipped_policy_offers_what_an_invitation_says)
{
	advisor_engine *e = engine_with(NULL);
	cr_expect_str_eq(shown(e, "tomas"), "introduced by=priya date=2026-11-25: "
		"Priya Raman introduced you: their invitation says so");
	cr_expect_str_eq(shown(e, "noor"), "met context=the Berlin Product Meetup "
		"date=2026-11: you met at the Berlin Product Meetup: their invitation says so");
	cr_expect_str_eq(shown(e, "hiro"), "");
	advisor_engine_free(e);
}

Test(suggest, the_shipped_policy_asks_about_colleagues_connected_or_not)
{
	advisor_engine *e = engine_with(NULL);
	cr_expect_str_eq(shown(e, "sarah"), "worked_together org=Brightwave Media "
		"from=2018-06 to=2022-02 ending=good: did you work together at "
		"Brightwave Media? They work there, and you did (2018\xE2\x80\x93" "2022)");
	cr_expect_str_eq(shown(e, "priya"), "worked_together org=Fernhill Analytics "
		"from=2022-03: do you work together at Fernhill Analytics? You both work there");
	/* Recorded already: nothing to suggest. */
	cr_expect_str_eq(shown(e, "carlos"), "");
	advisor_engine_free(e);
}

Test(suggest, a_layers_hook_is_read_fields_in_a_commands_order_people_as_ids)
{
	advisor_engine *e = engine_with(
		"advisor.suggest(function(person, request)\n"
		"  if person.id ~= 'hiro' then return nil end\n"
		"  return { { why = request.verdict, fact = { type = 'introduced',\n"
		"      note = 'n', date = '2026-01', by = advisor.person('priya'), zeta = 'z' } },\n"
		"    { why = 'second', fact = { type = 'met' } } }\n"
		"end)\n");
	cr_expect_str_eq(shown(e, "hiro"), "introduced by=priya date=2026-01 note=n "
		"zeta=z: dont_connect | met: second");
	cr_expect_str_eq(shown(e, "noor"), "");
	advisor_engine_free(e);
}

Test(suggest, the_json_result_carries_them_before_the_direction)
{
	advisor_engine *e = engine_with(NULL);
	advisor_result *r = NULL;
	advisor_error err;
	char *json = NULL;

	cr_assert_eq(advise(&r, e, "tomas", &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_result_to_json(&json, r, &err), ADVISOR_OK);
	cr_expect_not_null(strstr(json, ",\"suggestions\":[{\"fact\":{\"type\":"
		"\"introduced\",\"by\":\"priya\",\"date\":\"2026-11-25\"},\"why\":"
		"\"Priya Raman introduced you: their invitation says so\"}],"
		"\"direction\":\"incoming\""), "%s", json);
	advisor_string_free(json);
	advisor_result_free(r);
	cr_expect_eq(advisor_result_suggestion_count(NULL), 0);
	cr_expect_null(advisor_result_suggestion(NULL, 0));
	advisor_engine_free(e);
}

static void expect_refused(const char *ret, const char *words)
{
	char hook[1024];
	advisor_result *r = NULL;
	advisor_error err;

	snprintf(hook, sizeof(hook),
		"advisor.suggest(function(person, request)\n  return %s\nend)\n", ret);
	advisor_engine *e = engine_with(hook);
	cr_expect_eq(advise(&r, e, "hiro", &err), ADVISOR_EPOLICY, "%s", ret);
	cr_expect_null(r);
	cr_expect_not_null(strstr(err.message, words), "%s: %s", ret, err.message);
	cr_expect_not_null(strstr(err.message, "hook.lua:1"), "%s", err.message);
	/* The engine still answers. */
	cr_expect_eq(advise(&r, e, "noor", &err), ADVISOR_EPOLICY);
	advisor_engine_free(e);
}

Test(suggest, what_the_engine_refuses_of_a_hook)
{
	expect_refused("'text'", "returned string; expected nil or a list");
	expect_refused("{ 'text' }", "suggestion 1 is string");
	expect_refused("{ { fact = { type = 'met' } } }", "its why must be a string");
	expect_refused("{ { why = 'w' } }", "fact must be a table");
	expect_refused("{ { why = 'w', fact = { date = '2026' } } }", "needs its type");
	expect_refused("{ { why = 'w', fact = { type = 'Met!' } } }", "fact.type must be an event type");
	expect_refused("{ { why = 'w', fact = { type = 'met', [1] = 'x' } } }", "keys must be field names");
	expect_refused("{ { why = 'w', fact = { type = 'met', date = 2026 } } }",
		"fact.date must be a string or a person, got number");
	expect_refused("{ { why = 'w\\xff', fact = { type = 'met' } } }", "not valid UTF-8");
	expect_refused("(function() local t = {} for i = 1, 17 do t[i] = "
		"{ why = 'w', fact = { type = 'met' } } end return t end)()",
		"at most 16 suggestions");
}
