/*
 * test_outcomes.c - advisor_outcomes_new(): each invitation's state and
 * days, its features from the decision log or re-judged, the groups'
 * counts, and the Wilson interval against known values.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advisor.h"
#include "helpers.h"
#include "plan/outcomes.h"

/* ana accepted (4 days), ben pending, cleo ended (last seen), dan
 * withdrawn (recorded), eve invited you (no outcome), fay invited after
 * the day counted on, gil sent twice (the first one superseded). */
static const char network[] =
	"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	"\"people\":["
	"{\"id\":\"ana\",\"name\":\"Ana\",\"connected\":true,"
	"\"connected_on\":\"2026-10-05\",\"events\":["
	"{\"type\":\"met\",\"date\":\"2019-05\",\"context\":\"PyCon\","
	"\"tone\":\"cordial\"},"
	"{\"type\":\"invitation\",\"date\":\"2026-10-01\",\"direction\":\"out\","
	"\"message\":\"Hi Ana\",\"status\":\"accepted\"}]},"
	"{\"id\":\"ben\",\"name\":\"Ben\",\"events\":["
	"{\"type\":\"invitation\",\"date\":\"2026-10-10\",\"direction\":\"out\"}]},"
	"{\"id\":\"cleo\",\"name\":\"Cleo\",\"events\":["
	"{\"type\":\"invitation\",\"date\":\"2026-09-01\",\"direction\":\"out\","
	"\"status\":\"ended\",\"last_seen\":\"2026-11-01\"}]},"
	"{\"id\":\"dan\",\"name\":\"Dan\",\"events\":["
	"{\"type\":\"invitation\",\"date\":\"2026-09-15\",\"direction\":\"out\","
	"\"recorded\":\"sent\",\"with_note\":true},"
	"{\"type\":\"invitation\",\"date\":\"2026-10-20\",\"direction\":\"out\","
	"\"status\":\"withdrawn\",\"recorded\":\"withdrew\","
	"\"invited_on\":\"2026-09-15\"}]},"
	"{\"id\":\"eve\",\"name\":\"Eve\",\"events\":["
	"{\"type\":\"invitation\",\"date\":\"2026-10-02\",\"direction\":\"in\"}]},"
	"{\"id\":\"fay\",\"name\":\"Fay\",\"events\":["
	"{\"type\":\"invitation\",\"date\":\"2026-12-10\",\"direction\":\"out\"}]},"
	"{\"id\":\"gil\",\"name\":\"Gil\",\"connected\":true,\"events\":["
	"{\"type\":\"invitation\",\"date\":\"2026-08-01\",\"direction\":\"out\"},"
	"{\"type\":\"invitation\",\"date\":\"2026-08-20\",\"direction\":\"out\"}]}"
	"]}";

static advisor_network *net;
static advisor_engine *engine;

static void setup(void)
{
	advisor_error err;
	cr_assert_eq(load_text(&net, network, &err), ADVISOR_OK, "%s",
		err.message);
	cr_assert_eq(advisor_engine_new(&engine, NULL, &err), ADVISOR_OK, "%s",
		err.message);
}

static void teardown(void)
{
	advisor_engine_free(engine);
	advisor_network_free(net);
}

static const advisor_outcome *find(const advisor_outcomes *o,
	const char *person, const char *sent)
{
	for (size_t i = 0; i < advisor_outcomes_count(o); i++) {
		const advisor_outcome *x = advisor_outcomes_get(o, i);
		if (strcmp(x->person, person) == 0 && strcmp(x->sent, sent) == 0)
			return x;
	}
	cr_assert_fail("no outcome for %s sent %s", person, sent);
	return NULL;
}

static const advisor_outcome_group *group(const advisor_outcomes *o,
	advisor_outcome_group_kind kind, const char *name)
{
	for (size_t i = 0; i < advisor_outcomes_group_count(o); i++) {
		const advisor_outcome_group *g = advisor_outcomes_group(o, i);
		if (g->kind == kind && strcmp(g->name, name) == 0)
			return g;
	}
	return NULL;
}

static int warnings;
static void count_warning(void *payload, const char *message)
{
	(void)payload;
	cr_assert(strstr(message, "line 3: not a JSON object") != NULL ||
		strstr(message, "line 8: scores is not a number for each rule") !=
		NULL, "%s", message);
	warnings++;
}

Test(outcomes, each_invitation_sent_has_its_state_and_days,
	.init = setup, .fini = teardown)
{
	advisor_outcomes *o = NULL;
	advisor_outcomes_options opts = ADVISOR_OUTCOMES_OPTIONS_INIT;
	advisor_error err;

	opts.as_of = "2026-12-01";
	cr_assert_eq(advisor_outcomes_new(&o, engine, net, &opts, &err),
		ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_outcomes_count(o), 6);
	/* By the day sent. */
	cr_assert_str_eq(advisor_outcomes_get(o, 0)->person, "gil");
	cr_assert_str_eq(advisor_outcomes_get(o, 5)->person, "ben");
	cr_assert_null(advisor_outcomes_get(o, 6));

	const advisor_outcome *ana = find(o, "ana", "2026-10-01");
	cr_assert_eq(ana->state, ADVISOR_OUTCOME_ACCEPTED);
	cr_assert_eq(ana->days, 4);
	cr_assert(ana->with_note);
	cr_assert_null(ana->ended_on);
	/* Re-judged as of that day, not as a connection. */
	cr_assert_eq(ana->basis, ADVISOR_OUTCOME_REJUDGED);
	cr_assert_eq(ana->verdict, ADVISOR_CONNECT_WITH_NOTE);
	cr_assert_null(ana->logged);
	cr_assert_geq(advisor_outcome_rule_count(ana), 1);
	cr_assert_str_eq(advisor_outcome_rule(ana, 0)->rule, "known");
	cr_assert_gt(advisor_outcome_rule(ana, 0)->score, 0.0);
	cr_assert_null(advisor_outcome_rule(ana, 99));

	const advisor_outcome *ben = find(o, "ben", "2026-10-10");
	cr_assert_eq(ben->state, ADVISOR_OUTCOME_PENDING);
	cr_assert_eq(ben->days, 52);
	cr_assert_not(ben->with_note);
	/* Not judged "invited": its own invitation is set aside. */
	cr_assert_neq(ben->verdict, ADVISOR_INVITED);

	const advisor_outcome *cleo = find(o, "cleo", "2026-09-01");
	cr_assert_eq(cleo->state, ADVISOR_OUTCOME_ENDED);
	cr_assert_not(cleo->withdrawn);
	cr_assert_str_eq(cleo->ended_on, "2026-11-01");
	cr_assert_eq(cleo->days, 61);

	const advisor_outcome *dan = find(o, "dan", "2026-09-15");
	cr_assert_eq(dan->state, ADVISOR_OUTCOME_ENDED);
	cr_assert(dan->withdrawn);
	cr_assert(dan->with_note);
	cr_assert_str_eq(dan->ended_on, "2026-10-20");
	cr_assert_eq(dan->days, 35);

	const advisor_outcome *gil1 = find(o, "gil", "2026-08-01");
	cr_assert_eq(gil1->state, ADVISOR_OUTCOME_ENDED);
	cr_assert_eq(gil1->days, -1);
	const advisor_outcome *gil2 = find(o, "gil", "2026-08-20");
	cr_assert_eq(gil2->state, ADVISOR_OUTCOME_ACCEPTED);
	cr_assert_eq(gil2->days, -1);

	const advisor_outcome_group *all = advisor_outcomes_group(o, 0);
	cr_assert_eq(all->kind, ADVISOR_GROUP_ALL);
	cr_assert_eq(all->sent, 6);
	cr_assert_eq(all->accepted, 2);
	cr_assert_eq(all->pending, 1);
	cr_assert_eq(all->ended, 3);
	cr_assert_float_eq(all->rate, 0.4, 1e-12);
	double lo, hi;
	adv_wilson(&lo, &hi, 2, 5, ADV_Z95);
	cr_assert_float_eq(all->low, lo, 1e-12);
	cr_assert_float_eq(all->high, hi, 1e-12);
	cr_assert_eq(all->days_known, 1);
	cr_assert_float_eq(all->median_days, 4.0, 1e-12);

	const advisor_outcome_group *note = group(o, ADVISOR_GROUP_NOTE, "note");
	cr_assert_not_null(note);
	cr_assert_eq(note->sent, 2);
	cr_assert_eq(note->accepted, 1);
	cr_assert_eq(note->ended, 1);
	const advisor_outcome_group *none = group(o, ADVISOR_GROUP_NOTE,
		"no_note");
	cr_assert_eq(none->sent, 4);
	cr_assert_eq(none->pending, 1);
	const advisor_outcome_group *known = group(o, ADVISOR_GROUP_RULE,
		"known");
	cr_assert_not_null(known);
	cr_assert_eq(known->sent, 1);
	cr_assert_eq(known->accepted, 1);
	cr_assert_not_null(group(o, ADVISOR_GROUP_VERDICT, "connect_with_note"));
	/* A verdict nothing had is no group. */
	cr_assert_null(group(o, ADVISOR_GROUP_VERDICT, "invited"));

	char *json = NULL;
	cr_assert_eq(advisor_outcomes_to_json(&json, o, &err), ADVISOR_OK);
	cr_assert(strncmp(json, "{\"as_of\":\"2026-12-01\",\"groups\":[{\"kind\":"
		"\"all\",\"name\":\"all\",\"sent\":6,\"accepted\":2,\"pending\":1,"
		"\"ended\":3,\"rate\":0.4,", 113) == 0, "%s", json);
	cr_assert(strstr(json, "{\"person\":\"dan\",\"sent\":\"2026-09-15\","
		"\"with_note\":true,\"state\":\"ended\",\"days\":35,\"withdrawn\":"
		"true,\"ended_on\":\"2026-10-20\",") != NULL, "%s", json);
	advisor_string_free(json);
	advisor_outcomes_free(o);
}

Test(outcomes, the_decision_log_gives_the_features_when_it_has_them,
	.init = setup, .fini = teardown)
{
	static const char log[] =
		"{\"logged\":\"2026-10-09\",\"as_of\":\"2026-10-09\",\"person\":"
		"\"ben\",\"direction\":\"outgoing\",\"verdict\":\"connect\","
		"\"rules\":[\"mutuals\"],\"note\":false,\"policy\":\"default\"}\n"
		"\n"
		"not json at all\n"
		"{\"logged\":\"2026-10-11\",\"as_of\":\"2026-10-11\",\"person\":"
		"\"ben\",\"direction\":\"outgoing\",\"verdict\":\"dont_connect\","
		"\"rules\":[\"stranger\"],\"note\":false,\"policy\":\"default\"}\n"
		"{\"logged\":\"2026-09-30\",\"as_of\":\"2026-09-30\",\"person\":"
		"\"ana\",\"direction\":\"incoming\",\"verdict\":\"dont_connect\","
		"\"rules\":[],\"note\":false,\"policy\":\"default\"}\n"
		"{\"logged\":\"2026-08-25\",\"person\":\"gil\",\"direction\":"
		"\"outgoing\",\"verdict\":\"invited\",\"rules\":[\"invited\"]}\n"
		"{\"logged\":\"2026-08-30\",\"person\":\"cleo\",\"direction\":"
		"\"outgoing\",\"verdict\":\"connect\",\"rules\":[\"known\","
		"\"mutuals\"],\"scores\":[1.25,0.5]}\n"
		"{\"logged\":\"2026-08-31\",\"person\":\"cleo\",\"direction\":"
		"\"outgoing\",\"verdict\":\"connect\",\"rules\":[\"known\"],"
		"\"scores\":[1,2]}\n";
	const char *path = write_temp("decisions.ndjson", log, strlen(log));
	advisor_outcomes *o = NULL;
	advisor_outcomes_options opts = ADVISOR_OUTCOMES_OPTIONS_INIT;
	advisor_error err;

	opts.as_of = "2026-12-01";
	opts.decision_log = path;
	opts.warning = count_warning;
	warnings = 0;
	cr_assert_eq(advisor_outcomes_new(&o, engine, net, &opts, &err),
		ADVISOR_OK, "%s", err.message);
	cr_assert_eq(warnings, 2);
	/* The line before the day sent, not the one after. */
	const advisor_outcome *ben = find(o, "ben", "2026-10-10");
	cr_assert_eq(ben->basis, ADVISOR_OUTCOME_LOGGED);
	cr_assert_str_eq(ben->logged, "2026-10-09");
	cr_assert_eq(ben->verdict, ADVISOR_CONNECT);
	cr_assert_eq(advisor_outcome_rule_count(ben), 1);
	const advisor_reason *r = advisor_outcome_rule(ben, 0);
	cr_assert_str_eq(r->rule, "mutuals");
	cr_assert_null(r->detail);
	/* Scored as the engine scores the rule now. */
	for (size_t i = 0; i < advisor_engine_rule_count(engine); i++)
		if (strcmp(advisor_engine_rule(engine, i)->name, "mutuals") == 0)
			cr_assert_float_eq(r->score,
				advisor_engine_rule(engine, i)->score, 1e-12);
	/* The scores as logged, when the line has them. */
	const advisor_outcome *cleo = find(o, "cleo", "2026-09-01");
	cr_assert_eq(cleo->basis, ADVISOR_OUTCOME_LOGGED);
	cr_assert_str_eq(cleo->logged, "2026-08-30");
	cr_assert_eq(advisor_outcome_rule_count(cleo), 2);
	cr_assert_float_eq(advisor_outcome_rule(cleo, 0)->score, 1.25, 1e-12);
	cr_assert_float_eq(advisor_outcome_rule(cleo, 1)->score, 0.5, 1e-12);
	cr_assert_float_eq(cleo->score, 1.75, 1e-12);
	/* Incoming advice and advice once invited are no features. */
	cr_assert_eq(find(o, "ana", "2026-10-01")->basis,
		ADVISOR_OUTCOME_REJUDGED);
	cr_assert_eq(find(o, "gil", "2026-08-20")->basis,
		ADVISOR_OUTCOME_REJUDGED);
	advisor_outcomes_free(o);

	/* A log that is not there is an empty one. */
	opts.decision_log = "/nonexistent-advisor/decisions.ndjson";
	cr_assert_eq(advisor_outcomes_new(&o, engine, net, &opts, &err),
		ADVISOR_OK, "%s", err.message);
	cr_assert_eq(find(o, "ben", "2026-10-10")->basis,
		ADVISOR_OUTCOME_REJUDGED);
	advisor_outcomes_free(o);
}

Test(outcomes, counted_as_of_a_day_before_a_withdrawal_it_waits,
	.init = setup, .fini = teardown)
{
	advisor_outcomes *o = NULL;
	advisor_outcomes_options opts = ADVISOR_OUTCOMES_OPTIONS_INIT;
	advisor_error err;

	opts.as_of = "2026-10-05";
	cr_assert_eq(advisor_outcomes_new(&o, engine, net, &opts, &err),
		ADVISOR_OK, "%s", err.message);
	/* ben (10 October) not sent yet; dan withdrawn only on 20 October. */
	cr_assert_eq(advisor_outcomes_count(o), 5);
	const advisor_outcome *dan = find(o, "dan", "2026-09-15");
	cr_assert_eq(dan->state, ADVISOR_OUTCOME_PENDING);
	cr_assert_eq(dan->days, 20);
	cr_assert_not(dan->withdrawn);
	advisor_outcomes_free(o);
}

Test(outcomes, bad_arguments_are_refused_with_a_message,
	.init = setup, .fini = teardown)
{
	advisor_outcomes *o = (advisor_outcomes *)1;
	advisor_outcomes_options opts = ADVISOR_OUTCOMES_OPTIONS_INIT;
	advisor_error err;

	cr_assert_eq(advisor_outcomes_new(&o, NULL, net, NULL, &err),
		ADVISOR_EINVAL);
	cr_assert_null(o);
	opts.as_of = "2026-13-01";
	cr_assert_eq(advisor_outcomes_new(&o, engine, net, &opts, &err),
		ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "as_of") != NULL, "%s", err.message);
	opts.as_of = NULL;
	opts.version = 9;
	cr_assert_eq(advisor_outcomes_new(&o, engine, net, &opts, &err),
		ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "advisor_outcomes_options") != NULL,
		"%s", err.message);
	opts.version = ADVISOR_OUTCOMES_OPTIONS_VERSION;
	opts.decision_log = "/";
	cr_assert_eq(advisor_outcomes_new(&o, engine, net, &opts, &err),
		ADVISOR_EIO);
	cr_assert_eq(advisor_outcomes_count(NULL), 0);
	cr_assert_null(advisor_outcomes_get(NULL, 0));
	cr_assert_eq(advisor_outcomes_group_count(NULL), 0);
	cr_assert_null(advisor_outcomes_group(NULL, 0));
	cr_assert_eq(advisor_outcome_rule_count(NULL), 0);
	cr_assert_null(advisor_outcome_rule(NULL, 0));
	cr_assert_str_eq(advisor_outcome_state_name((advisor_outcome_state)9),
		"unknown");
	cr_assert_str_eq(advisor_outcome_basis_name(ADVISOR_OUTCOME_LOGGED),
		"logged");
	char *json = (char *)1;
	cr_assert_eq(advisor_outcomes_to_json(&json, NULL, &err), ADVISOR_EINVAL);
	cr_assert_null(json);
	advisor_outcomes_free(NULL);
}

Test(outcomes, a_network_with_no_invitation_sent_has_the_group_all_only,
	.init = setup, .fini = teardown)
{
	advisor_network *empty = NULL;
	advisor_outcomes *o = NULL;
	advisor_error err;

	cr_assert_eq(load_text(&empty, "{\"format\":\"advisor-network/1\","
		"\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[]}", &err),
		ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_outcomes_new(&o, engine, empty, NULL, &err),
		ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_outcomes_count(o), 0);
	cr_assert_eq(advisor_outcomes_group_count(o), 1);
	const advisor_outcome_group *all = advisor_outcomes_group(o, 0);
	cr_assert_eq(all->sent, 0);
	cr_assert_float_eq(all->low, 0.0, 0);
	cr_assert_float_eq(all->high, 1.0, 0);
	advisor_outcomes_free(o);
	advisor_network_free(empty);
}

/* Known values of the 95% Wilson score interval: 81 of 263, one of
 * Newcombe's (1998) examples, gives 0.2553 to 0.3662; 0 of 10 gives 0 to
 * 0.2775. */
Test(wilson, matches_known_values)
{
	double lo, hi;
	adv_wilson(&lo, &hi, 0, 10, ADV_Z95);
	cr_assert_float_eq(lo, 0.0, 0);
	cr_assert_float_eq(hi, 0.27753, 1e-5);
	adv_wilson(&lo, &hi, 5, 10, ADV_Z95);
	cr_assert_float_eq(lo, 0.23659, 1e-5);
	cr_assert_float_eq(hi, 0.76341, 1e-5);
	adv_wilson(&lo, &hi, 10, 10, ADV_Z95);
	cr_assert_float_eq(lo, 0.72247, 1e-5);
	cr_assert_float_eq(hi, 1.0, 0);
	adv_wilson(&lo, &hi, 81, 263, ADV_Z95);
	cr_assert_float_eq(lo, 0.25529, 1e-5);
	cr_assert_float_eq(hi, 0.36621, 1e-5);
	adv_wilson(&lo, &hi, 0, 0, ADV_Z95);
	cr_assert_float_eq(lo, 0.0, 0);
	cr_assert_float_eq(hi, 1.0, 0);
	/* More successes than trials count as all of them. */
	adv_wilson(&lo, &hi, 12, 10, ADV_Z95);
	cr_assert_float_eq(hi, 1.0, 0);
	cr_assert_float_eq(lo, 0.72247, 1e-5);
}
