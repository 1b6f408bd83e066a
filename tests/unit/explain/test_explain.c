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
