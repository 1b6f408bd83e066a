/*
 * test_explain.c - advisor_explain(): rule outcomes, what-ifs found by
 * re-evaluating one change at a time, the fact overlay leaving no trace on
 * later advice, and the JSON form.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "helpers.h"

static const char net_json[] =
"{ \"format\": \"advisor-network/1\","
"  \"me\": { \"id\": \"me\", \"name\": \"Alex Kim\", \"industry\": \"Software\" },"
"  \"people\": ["
"    { \"id\": \"ana\", \"name\": \"Ana Ruiz\", \"events\": ["
"        { \"type\": \"met\", \"date\": \"2026-09-01\", \"context\": \"RustConf\", \"tone\": \"cordial\" },"
"        { \"type\": \"interview\", \"date\": \"2026-10-01\", \"role\": \"recruiter\", \"status\": \"applied\" },"
"        { \"type\": \"interview\", \"date\": \"2026-11-01\", \"role\": \"hiring_manager\", \"status\": \"scheduled\" } ] },"
"    { \"id\": \"bo\", \"name\": \"Bo Li\", \"connected\": true } ] }";

static const advisor_rule_trace *trace(const advisor_explanation *x,
	const char *rule)
{
	for (size_t i = 0; i < advisor_explanation_rule_count(x); i++)
		if (strcmp(advisor_explanation_rule(x, i)->rule, rule) == 0)
			return advisor_explanation_rule(x, i);
	cr_assert_fail("no trace for rule %s", rule);
	return NULL;
}

static const advisor_what_if *what_if(const advisor_explanation *x,
	const char *change)
{
	for (size_t i = 0; i < advisor_explanation_what_if_count(x); i++)
		if (strcmp(advisor_explanation_what_if(x, i)->change, change) == 0)
			return advisor_explanation_what_if(x, i);
	return NULL;
}

Test(explain, rules_and_what_ifs)
{
	advisor_network *net = NULL;
	advisor_engine *e = NULL;
	advisor_explanation *x = NULL;
	advisor_result *r = NULL;
	advisor_error err;
	advisor_request req = ADVISOR_REQUEST_INIT;

	cr_assert_eq(load_text(&net, net_json, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s", err.message);
	req.person = "ana";
	req.as_of = "2026-11-27";
	cr_assert_eq(advisor_explain(&x, e, net, &req, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_eq(advisor_result_verdict(advisor_explanation_result(x)), ADVISOR_WAIT);
	cr_expect_eq(advisor_explanation_rule_count(x), advisor_engine_rule_count(e));
	cr_expect_eq(trace(x, "job_pending")->outcome, ADVISOR_RULE_DECIDED);
	cr_expect_eq(trace(x, "known")->outcome, ADVISOR_RULE_OVERRULED);
	cr_expect_eq(trace(x, "known")->score, 3);
	cr_expect_eq(trace(x, "romance")->outcome, ADVISOR_RULE_NOT_FIRED);
	/* Adding "learn" does not make it fire for Ana: the rule's own words. */
	cr_expect_str_eq(trace(x, "learn")->why, "did not fire: their industry is not "
		"recorded, so they are not known to lead yours (Software)");
	cr_expect_str_eq(trace(x, "bad_ending")->why,
		"did not fire: nothing between you ended badly");

	/* Both open interviews count as one fact: the hiring decision. */
	const advisor_what_if *w = what_if(x, "once the hiring decision is made");
	cr_assert_not_null(w);
	cr_expect_str_eq(w->kind, "drop_fact");
	cr_expect_eq(w->verdict, ADVISOR_CONNECT);
	cr_expect_str_eq(w->rule, "known");
	w = what_if(x, "if they invited you");
	cr_assert_not_null(w);
	cr_expect_str_eq(w->subject, "incoming");
	/* Without the meeting, still wait: not a what-if. */
	cr_expect_null(what_if(x, "without the meeting at RustConf"));
	/* Past the end, or no explanation at all, reads as nothing. */
	cr_expect_null(advisor_explanation_rule(x, advisor_explanation_rule_count(x)));
	cr_expect_null(advisor_explanation_what_if(x,
		advisor_explanation_what_if_count(x)));
	cr_expect_null(advisor_explanation_result(NULL));
	cr_expect_eq(advisor_explanation_rule_count(NULL), 0);
	cr_expect_null(advisor_explanation_rule(NULL, 0));
	cr_expect_eq(advisor_explanation_what_if_count(NULL), 0);
	cr_expect_null(advisor_explanation_what_if(NULL, 0));

	char *json = NULL;
	cr_assert_eq(advisor_explanation_to_json(&json, x, &err), ADVISOR_OK);
	cr_expect(strstr(json, "\"verdict\":\"wait\""));
	cr_expect(strstr(json, ",\"rules\":[{\"rule\":"));
	cr_expect(strstr(json, "\"what_if\":[{\"change\":"));
	cr_expect_eq(json[strlen(json) - 1], '}');
	advisor_string_free(json);

	/* The overlay is gone: plain advice sees the interviews again. */
	cr_assert_eq(advisor_advise(&r, e, net, &req, &err), ADVISOR_OK);
	cr_expect_eq(advisor_result_verdict(r), ADVISOR_WAIT);
	advisor_result_free(r);
	advisor_explanation_free(x);

	/* Already connected: no rule runs, nothing to change. */
	req.person = "bo";
	cr_assert_eq(advisor_explain(&x, e, net, &req, &err), ADVISOR_OK);
	cr_expect_eq(advisor_explanation_what_if_count(x), 0);
	cr_expect_eq(trace(x, "known")->outcome, ADVISOR_RULE_NOT_RUN);
	advisor_explanation_free(x);

	/* Errors are advisor_advise()'s. */
	req.person = "nobody";
	x = (advisor_explanation *)1;
	cr_expect_eq(advisor_explain(&x, e, net, &req, &err), ADVISOR_ENOTFOUND);
	cr_expect_null(x);
	cr_expect_eq(advisor_explain(NULL, e, net, &req, &err), ADVISOR_EINVAL);
	advisor_explanation_free(NULL);
	cr_expect_str_eq(advisor_rule_outcome_name(ADVISOR_RULE_OUTRANKED), "outranked");

	advisor_engine_free(e);
	advisor_network_free(net);
}

/* cy is a stranger whom seven of my connections know. */
static const char shared_json[] =
"{ \"format\": \"advisor-network/1\","
"  \"me\": { \"id\": \"me\", \"name\": \"Alex Kim\" },"
"  \"people\": ["
"    { \"id\": \"cy\", \"name\": \"Cy Ford\" },"
"    { \"id\": \"p1\", \"name\": \"Pia One\", \"connected\": true, \"connections\": [\"cy\"] },"
"    { \"id\": \"p2\", \"name\": \"Per Two\", \"connected\": true, \"connections\": [\"cy\"] },"
"    { \"id\": \"p3\", \"name\": \"Pam Three\", \"connected\": true, \"connections\": [\"cy\"] },"
"    { \"id\": \"p4\", \"name\": \"Pat Four\", \"connected\": true, \"connections\": [\"cy\"] },"
"    { \"id\": \"p5\", \"name\": \"Pol Five\", \"connected\": true, \"connections\": [\"cy\"] },"
"    { \"id\": \"p6\", \"name\": \"Pen Six\", \"connected\": true, \"connections\": [\"cy\"] },"
"    { \"id\": \"p7\", \"name\": \"Peg Seven\", \"connected\": true, \"connections\": [\"cy\"] } ] }";

Test(explain, facts_the_rules_declare_are_added_one_at_a_time)
{
	advisor_network *net = NULL;
	advisor_engine *e = NULL;
	advisor_explanation *x = NULL;
	advisor_result *r = NULL;
	advisor_error err;
	advisor_request req = ADVISOR_REQUEST_INIT;

	cr_assert_eq(load_text(&net, shared_json, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s", err.message);
	req.person = "cy";
	req.as_of = "2026-12-02";
	cr_assert_eq(advisor_explain(&x, e, net, &req, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_eq(advisor_result_verdict(advisor_explanation_result(x)), ADVISOR_DONT_CONNECT);
	cr_expect(advisor_explanation_complete(x));

	/* A meeting (neutral), as known declares it: connect. */
	const advisor_what_if *w = what_if(x, "if you had met them");
	cr_assert_not_null(w);
	cr_expect_str_eq(w->kind, "add_fact");
	cr_expect_str_eq(w->subject, "met");
	cr_expect_eq(w->verdict, ADVISOR_CONNECT);
	cr_expect_str_eq(w->rule, "known");
	cr_expect_str_eq(advisor_fact_type(w->fact), "met");
	cr_assert_eq(advisor_fact_field_count(w->fact), 1);
	cr_expect_str_eq(advisor_fact_field_name(w->fact, 0), "tone");
	cr_expect_str_eq(advisor_fact_field_value(w->fact, 0), "neutral");
	w = what_if(x, "if you had worked together and it ended well");
	cr_assert_not_null(w);
	cr_expect_str_eq(advisor_fact_field_value(w->fact, 0), "good");

	/* An introduction by each shared connection, the first five in the
	 * network's order, each named. */
	size_t introductions = 0;
	for (size_t i = 0; i < advisor_explanation_what_if_count(x); i++) {
		w = advisor_explanation_what_if(x, i);
		if (strcmp(w->subject, "introduced") != 0)
			continue;
		introductions++;
		cr_expect_eq(w->verdict, ADVISOR_CONNECT_WITH_NOTE);
		cr_expect_str_eq(w->rule, "introduced");
		cr_assert_str_eq(advisor_fact_field_name(w->fact, 0), "by");
		cr_expect_eq(advisor_fact_field_value(w->fact, 0)[1] - '0', (int)introductions);
	}
	cr_expect_eq(introductions, 5);
	cr_expect_not_null(what_if(x, "if Pia One introduced you"));
	cr_expect_not_null(what_if(x, "if Pol Five introduced you"));
	cr_expect_null(what_if(x, "if Pen Six introduced you"));
	/* The other kinds carry no fact. */
	for (size_t i = 0; i < advisor_explanation_what_if_count(x); i++) {
		w = advisor_explanation_what_if(x, i);
		cr_expect_eq(strcmp(w->kind, "add_fact") == 0, w->fact != NULL);
	}

	char *json = NULL, *again = NULL;
	cr_assert_eq(advisor_explanation_to_json(&json, x, &err), ADVISOR_OK);
	cr_expect(strstr(json, "{\"change\":\"if you had met them\",\"kind\":\"add_fact\","
		"\"subject\":\"met\",\"verdict\":\"connect\",\"score\":4,\"rule\":\"known\","
		"\"fact\":{\"type\":\"met\",\"tone\":\"neutral\"}}"), "%s", json);
	cr_expect(strstr(json, "\"fact\":{\"type\":\"introduced\",\"by\":\"p1\"}"), "%s", json);
	advisor_explanation_free(x);

	/* The same explanation every time; and the network is untouched. */
	cr_assert_eq(advisor_explain(&x, e, net, &req, &err), ADVISOR_OK);
	cr_assert_eq(advisor_explanation_to_json(&again, x, &err), ADVISOR_OK);
	cr_expect_str_eq(again, json);
	advisor_string_free(json);
	advisor_string_free(again);
	advisor_explanation_free(x);
	cr_assert_eq(advisor_advise(&r, e, net, &req, &err), ADVISOR_OK);
	cr_expect_eq(advisor_result_verdict(r), ADVISOR_DONT_CONNECT);
	advisor_result_free(r);

	/* Under a veto no fact flips the verdict. */
	const char *date[] = { "date" };
	req.intents = date;
	req.intent_count = 1;
	cr_assert_eq(advisor_explain(&x, e, net, &req, &err), ADVISOR_OK);
	for (size_t i = 0; i < advisor_explanation_what_if_count(x); i++)
		cr_expect_str_neq(advisor_explanation_what_if(x, i)->kind, "add_fact");
	advisor_explanation_free(x);

	advisor_engine_free(e);
	advisor_network_free(net);
}
