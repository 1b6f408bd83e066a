/*
 * test_tuning.c - advisor_tuning_new() over outcomes re-judged from a
 * network made for it: known people (a cordial meeting: rule known) and
 * strangers, each invited once and accepted, ended or pending.  The score
 * proposed against the answer solved here, the direction it moves, the
 * agreement before and after, the verdicts that change, the minimum, the
 * JSON, and the settings.json merged over one already there.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advisor.h"
#include "helpers.h"

static advisor_engine *engine;

static void setup(void)
{
	advisor_error err;
	cr_assert_eq(advisor_engine_new(&engine, NULL, &err), ADVISOR_OK, "%s",
		err.message);
}

static void teardown(void)
{
	advisor_engine_free(engine);
}

/* A network: `known` people met at PyCon (known fires), `known_yes` of
 * them accepted, the rest ended; `strangers`, `strangers_yes` accepted;
 * `pending` more known people still waiting. */
static advisor_network *make_network(int known, int known_yes, int strangers,
	int strangers_yes, int pending)
{
	size_t cap = 1u << 16, len = 0;
	char *text = malloc(cap);
	advisor_network *net = NULL;
	advisor_error err;
	int n = 0;

	cr_assert_not_null(text);
	len += (size_t)snprintf(text + len, cap - len, "{\"format\":\"advisor-network/1\","
		"\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[");
	for (int kind = 0; kind < 3; kind++) {
		int count = kind == 0 ? known : kind == 1 ? strangers : pending;
		int yes = kind == 0 ? known_yes : kind == 1 ? strangers_yes : 0;
		for (int i = 0; i < count; i++, n++) {
			const char *state = kind == 2 ? "" : i < yes ?
				",\"status\":\"accepted\"" :
				",\"status\":\"ended\",\"last_seen\":\"2026-11-01\"";
			len += (size_t)snprintf(text + len, cap - len,
				"%s{\"id\":\"p%03d\",\"name\":\"P %03d\"%s,\"events\":[%s"
				"{\"type\":\"invitation\",\"date\":\"2026-10-%02d\","
				"\"direction\":\"out\"%s}]}",
				n ? "," : "", n, n,
				kind != 2 && i < yes ? ",\"connected\":true,\"connected_on\":\"2026-10-28\"" : "",
				kind == 1 ? "" : "{\"type\":\"met\",\"date\":\"2019-05\","
				"\"context\":\"PyCon\",\"tone\":\"cordial\"},",
				1 + n % 27, state);
			cr_assert_lt(len, cap - 1);
		}
	}
	len += (size_t)snprintf(text + len, cap - len, "]}");
	cr_assert_eq(load_text(&net, text, &err), ADVISOR_OK, "%s", err.message);
	free(text);
	return net;
}

static advisor_tuning *tune(advisor_network *net, size_t min, double penalty)
{
	advisor_outcomes *o = NULL;
	advisor_outcomes_options oo = ADVISOR_OUTCOMES_OPTIONS_INIT;
	advisor_tuning_options to = ADVISOR_TUNING_OPTIONS_INIT;
	advisor_tuning *t = NULL;
	advisor_error err;

	oo.as_of = "2026-12-01";
	cr_assert_eq(advisor_outcomes_new(&o, engine, net, &oo, &err), ADVISOR_OK,
		"%s", err.message);
	to.min_outcomes = min;
	to.penalty = penalty;
	cr_assert_eq(advisor_tuning_new(&t, engine, o, &to, &err), ADVISOR_OK,
		"%s", err.message);
	advisor_outcomes_free(o);
	return t;
}

static const advisor_tuned_rule *rule(const advisor_tuning *t, const char *name)
{
	for (size_t i = 0; i < advisor_tuning_rule_count(t); i++)
		if (strcmp(advisor_tuning_rule(t, i)->name, name) == 0)
			return advisor_tuning_rule(t, i);
	return NULL;
}

/* The known answer: n outcomes at one rule, a accepted, prior at 3 with
 * strength lambda, scale 1: u = w - 3 solves n sigmoid(u) - a + lambda u = 0. */
static double solve(int n, int a, double lambda)
{
	double lo = -20, hi = 20;
	for (int i = 0; i < 200; i++) {
		double u = (lo + hi) / 2;
		if (n / (1 + exp(-u)) - a + lambda * u > 0)
			hi = u;
		else
			lo = u;
	}
	return 3 + (lo + hi) / 2;
}

Test(tuning, a_rule_accepted_more_often_than_even_odds_scores_more,
	.init = setup, .fini = teardown)
{
	advisor_network *net = make_network(10, 8, 10, 1, 3);
	advisor_tuning *t = tune(net, 20, 0);

	cr_assert(advisor_tuning_fitted(t));
	cr_expect_eq(advisor_tuning_resolved(t), 20);
	cr_expect_eq(advisor_tuning_needed(t), 20);
	cr_expect_eq(advisor_tuning_threshold(t), 3);
	const advisor_tuned_rule *known = rule(t, "known");
	cr_assert_not_null(known);
	cr_expect(known->tuned);
	cr_expect_eq(known->current, 3);
	cr_expect_eq(known->fired, 10);
	cr_expect_eq(known->accepted, 8);
	double want = round(solve(10, 8, 1) * 100) / 100;
	cr_expect_float_eq(known->proposed, want, 1e-9, "%g, expected %g",
		known->proposed, want);
	cr_expect_gt(known->proposed, 3);
	/* The strangers carry no tuned rule; stranger is the check's. */
	const advisor_tuned_rule *stranger = rule(t, "stranger");
	cr_assert_not_null(stranger);
	cr_expect_not(stranger->tuned);
	cr_expect_eq(stranger->fired, 10);
	cr_expect_eq(stranger->accepted, 1);
	cr_expect_eq(stranger->proposed, stranger->current);
	/* Rules nothing fired keep their score; vetoes are not listed. */
	cr_expect_eq(rule(t, "learn")->proposed, 3);
	cr_expect_eq(rule(t, "learn")->fired, 0);
	cr_expect_null(rule(t, "invited"));
	cr_expect_null(rule(t, "bad_ending"));
	/* Known connects and 8 of 10 accepted, strangers do not and 9 of
	 * 10 ended: 17 right, before and after; nothing flips. */
	cr_expect_eq(advisor_tuning_agreement_before(t), 17);
	cr_expect_eq(advisor_tuning_agreement_after(t), 17);
	cr_expect_eq(advisor_tuning_change_count(t), 0);
	cr_expect_null(advisor_tuning_change(t, 0));
	/* A stronger prior moves it less. */
	advisor_tuning *firm = tune(net, 20, 10);
	cr_expect_lt(rule(firm, "known")->proposed, known->proposed);
	cr_expect_gt(rule(firm, "known")->proposed, 3);
	advisor_tuning_free(firm);
	advisor_tuning_free(t);
	advisor_network_free(net);
}

Test(tuning, a_rule_mostly_ignored_scores_less_and_its_verdicts_change,
	.init = setup, .fini = teardown)
{
	advisor_network *net = make_network(10, 1, 10, 1, 2);
	advisor_tuning *t = tune(net, 0, 0.25);

	cr_expect_not(advisor_tuning_fitted(t));
	cr_expect_eq(advisor_tuning_needed(t), 30); /* the policy's setting */
	cr_expect_eq(advisor_tuning_resolved(t), 20);
	advisor_tuning_free(t);

	t = tune(net, 10, 0.25);
	cr_assert(advisor_tuning_fitted(t));
	const advisor_tuned_rule *known = rule(t, "known");
	double want = round(solve(10, 1, 0.25) * 100) / 100;
	cr_expect_float_eq(known->proposed, want, 1e-9, "%g, expected %g",
		known->proposed, want);
	cr_expect_lt(known->proposed, 3);
	/* Before: known's 10 connect (1 right), strangers' 10 do not (9
	 * right).  After, no one connects: 9 + 9. */
	cr_expect_eq(advisor_tuning_agreement_before(t), 10);
	cr_expect_eq(advisor_tuning_agreement_after(t), 18);
	/* All 12 known (the 2 pending too) would no longer get connect. */
	cr_assert_eq(advisor_tuning_change_count(t), 12);
	const advisor_verdict_change *c = advisor_tuning_change(t, 0);
	cr_assert_not_null(c);
	cr_expect_eq(c->score_before, 3);
	cr_expect_float_eq(c->score_after, want, 1e-9);
	cr_expect_eq(c->before, ADVISOR_CONNECT_WITH_NOTE); /* met in 2019: a reminder */
	cr_expect_eq(c->after, ADVISOR_DONT_CONNECT);
	size_t pending = 0;
	for (size_t i = 0; i < advisor_tuning_change_count(t); i++)
		pending += advisor_tuning_change(t, i)->state == ADVISOR_OUTCOME_PENDING;
	cr_expect_eq(pending, 2);
	/* In the order of the day sent. */
	for (size_t i = 1; i < advisor_tuning_change_count(t); i++)
		cr_expect_leq(strcmp(advisor_tuning_change(t, i - 1)->sent,
			advisor_tuning_change(t, i)->sent), 0);
	advisor_tuning_free(t);
	advisor_network_free(net);
}

Test(tuning, too_few_outcomes_fit_nothing_and_write_nothing,
	.init = setup, .fini = teardown)
{
	advisor_network *net = make_network(4, 1, 3, 0, 5);
	advisor_tuning *t = tune(net, 0, 0);
	advisor_error err;
	char *text = NULL;

	cr_expect_not(advisor_tuning_fitted(t));
	cr_expect_eq(advisor_tuning_resolved(t), 7);
	cr_expect_eq(advisor_tuning_needed(t), 30);
	cr_expect_eq(rule(t, "known")->proposed, 3);
	cr_expect_eq(rule(t, "known")->fired, 4);
	cr_expect_eq(advisor_tuning_change_count(t), 0);
	cr_expect_eq(advisor_tuning_agreement_before(t), 4);
	cr_expect_eq(advisor_tuning_agreement_after(t), 4);
	cr_expect_eq(advisor_tuning_settings_json(&text, t, NULL, 0, &err),
		ADVISOR_EINVAL);
	cr_expect_null(text);
	cr_expect(strstr(err.message, "nothing was fitted: 7 resolved outcomes "
		"of the 30 needed"), "%s", err.message);
	cr_assert_eq(advisor_tuning_to_json(&text, t, &err), ADVISOR_OK);
	cr_expect(strncmp(text, "{\"fitted\":false,\"resolved\":7,\"needed\":30,"
		"\"threshold\":3,\"scale\":1,\"penalty\":1,\"agreement\":{\"before\":4,"
		"\"after\":4,\"of\":7},\"rules\":[", 128) == 0, "%s", text);
	advisor_string_free(text);
	advisor_tuning_free(t);
	advisor_network_free(net);
}

Test(tuning, the_settings_json_keeps_what_was_there,
	.init = setup, .fini = teardown)
{
	advisor_network *net = make_network(10, 8, 10, 1, 0);
	advisor_tuning *t = tune(net, 5, 0);
	advisor_error err;
	char *text = NULL;
	const char *mine = "{ \"threshold\": 3.5, \"rules\": { \"known\": "
		"{ \"off\": false, \"score\": 1 }, \"learn\": { \"off\": true } } }";

	cr_assert_eq(advisor_tuning_settings_json(&text, t, NULL, 0, &err),
		ADVISOR_OK, "%s", err.message);
	cJSON_Minify(text);
	char want[128];
	snprintf(want, sizeof(want), "{\"rules\":{\"known\":{\"score\":%g}}}",
		rule(t, "known")->proposed);
	cr_expect_str_eq(text, want);
	advisor_string_free(text);

	cr_assert_eq(advisor_tuning_settings_json(&text, t, mine, strlen(mine),
		&err), ADVISOR_OK, "%s", err.message);
	cJSON_Minify(text);
	snprintf(want, sizeof(want), "{\"threshold\":3.5,\"rules\":{\"known\":"
		"{\"off\":false,\"score\":%g},\"learn\":{\"off\":true}}}",
		rule(t, "known")->proposed);
	cr_expect_str_eq(text, want);
	advisor_string_free(text);

	const char *bad = "{ \"rules\": [] }";
	cr_expect_eq(advisor_tuning_settings_json(&text, t, bad, strlen(bad), &err),
		ADVISOR_EDATA);
	cr_expect_str_eq(err.path, "rules");
	bad = "{ \"rules\": { \"known\": 2 } }";
	cr_expect_eq(advisor_tuning_settings_json(&text, t, bad, strlen(bad), &err),
		ADVISOR_EDATA);
	cr_expect(strstr(err.message, "rules.known: expected an object"), "%s",
		err.message);
	bad = "[1]";
	cr_expect_eq(advisor_tuning_settings_json(&text, t, bad, strlen(bad), &err),
		ADVISOR_EDATA);
	bad = "{ \"rules\": ";
	cr_expect_eq(advisor_tuning_settings_json(&text, t, bad, strlen(bad), &err),
		ADVISOR_EDATA);
	cr_expect_null(text);
	advisor_tuning_free(t);
	advisor_network_free(net);
}

Test(tuning, refuses_bad_arguments, .init = setup, .fini = teardown)
{
	advisor_network *net = make_network(1, 1, 0, 0, 0);
	advisor_outcomes *o = NULL;
	advisor_tuning *t = (advisor_tuning *)1;
	advisor_tuning_options to = ADVISOR_TUNING_OPTIONS_INIT;
	advisor_error err;

	cr_assert_eq(advisor_outcomes_new(&o, engine, net, NULL, &err), ADVISOR_OK);
	cr_expect_eq(advisor_tuning_new(&t, NULL, o, NULL, &err), ADVISOR_EINVAL);
	cr_expect_null(t);
	cr_expect_eq(advisor_tuning_new(NULL, engine, o, NULL, &err), ADVISOR_EINVAL);
	to.version = 9;
	cr_expect_eq(advisor_tuning_new(&t, engine, o, &to, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "advisor_tuning_options: version 9"), "%s",
		err.message);
	advisor_tuning_options_init(&to);
	to.penalty = -1;
	cr_expect_eq(advisor_tuning_new(&t, engine, o, &to, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "penalty: -1"), "%s", err.message);
	advisor_tuning_options_init(NULL);
	cr_expect_eq(advisor_tuning_fitted(NULL), 0);
	cr_expect_eq(advisor_tuning_rule_count(NULL), 0);
	cr_expect_null(advisor_tuning_rule(NULL, 0));
	cr_expect_eq(advisor_tuning_change_count(NULL), 0);
	cr_expect_eq(advisor_tuning_threshold(NULL), 0);
	cr_expect_eq(advisor_tuning_to_json(NULL, NULL, &err), ADVISOR_EINVAL);
	advisor_tuning_free(NULL);
	advisor_outcomes_free(o);
	advisor_network_free(net);
}
