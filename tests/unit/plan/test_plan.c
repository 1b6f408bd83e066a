/*
 * test_plan.c - advisor_plan_new() and advisor_limits_new(): each limit
 * of the week's plan, built to be broken (the weekly allowance, the
 * month's notes and their priorities, the re-invite block, invitations
 * to withdraw), and the candidates from each source.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advisor.h"

#define AS_OF "2026-12-02"

/* People who make each kind of candidate. */
#define KNOWN(id) "{\"id\":\"" id "\",\"name\":\"Kim " id "\",\"events\":[{\"type\":" \
	"\"met\",\"date\":\"2019-05\",\"context\":\"PyCon\",\"tone\":\"cordial\"}]}"
#define INTRODUCED(id) "{\"id\":\"" id "\",\"name\":\"Ivy " id "\",\"events\":[{" \
	"\"type\":\"introduced\",\"date\":\"2026-11-20\",\"by\":\"ida\"}]}"
#define LEADER(id) "{\"id\":\"" id "\",\"name\":\"Leo " id "\",\"industry\":" \
	"\"Software\",\"influencer\":true}"
#define STRANGER(id) "{\"id\":\"" id "\",\"name\":\"Xavier " id "\"}"
#define IDA "{\"id\":\"ida\",\"name\":\"Ida Intro\",\"connected\":true}"

/* A network: me (with me_fields), `week` invitations sent on 2026-11-28,
 * `noted` with a message on 2026-12-01, and the people given. */
static advisor_network *network(const char *me_fields, int week, int noted,
	const char *people)
{
	size_t cap = 4096 + strlen(people) + (size_t)(week + noted) * 200;
	char *text = malloc(cap);
	size_t n = 0;
	advisor_network *net = NULL;
	advisor_error err;

	cr_assert_not_null(text);
	n += (size_t)snprintf(text + n, cap - n, "{\"format\":\"advisor-network/1\","
		"\"me\":{\"id\":\"me\",\"name\":\"Me\",\"industry\":\"Software\"%s},"
		"\"people\":[%s", me_fields, people);
	for (int i = 0; i < week; i++)
		n += (size_t)snprintf(text + n, cap - n, ",{\"id\":\"sent%d\",\"name\":"
			"\"Sent %d\",\"events\":[{\"type\":\"invitation\",\"date\":"
			"\"2026-11-28\",\"direction\":\"out\"}]}", i, i);
	for (int i = 0; i < noted; i++)
		n += (size_t)snprintf(text + n, cap - n, ",{\"id\":\"noted%d\",\"name\":"
			"\"Noted %d\",\"connected\":true,\"events\":[{\"type\":\"invitation\","
			"\"date\":\"2026-12-01\",\"direction\":\"out\",\"message\":\"Hi!\"}]}",
			i, i);
	n += (size_t)snprintf(text + n, cap - n, "]}");
	cr_assert_eq(advisor_network_load_buffer(&net, text, n, "plan.json", NULL,
		&err), ADVISOR_OK, "%s", err.message);
	free(text);
	return net;
}

static advisor_engine *engine(void)
{
	advisor_engine *e = NULL;
	advisor_error err;

	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s",
		err.message);
	return e;
}

static advisor_plan *plan_of(advisor_engine *e, advisor_network *net,
	const char *const *people, size_t n, int learn)
{
	static const char *const intents[] = { "learn" };
	advisor_plan_options opts = ADVISOR_PLAN_OPTIONS_INIT;
	advisor_plan *plan = NULL;
	advisor_error err;

	opts.as_of = AS_OF;
	if (learn) {
		opts.intents = intents;
		opts.intent_count = 1;
	}
	cr_assert_eq(advisor_plan_new(&plan, e, net, people, n, &opts, &err),
		ADVISOR_OK, "%s", err.message);
	return plan;
}

Test(plan, ninety_eight_sent_this_week_leave_two_invitations)
{
	advisor_network *net = network("", 98, 0, IDA "," KNOWN("k1") "," KNOWN("k2")
		"," KNOWN("k3") "," INTRODUCED("i1"));
	advisor_engine *e = engine();
	advisor_plan *plan = plan_of(e, net, NULL, 0, 0);
	const advisor_limits *l = advisor_plan_limits(plan);

	cr_assert_eq(l->invitations_a_week, 100);
	cr_assert_eq(l->sent_this_week, 98);
	cr_assert_eq(l->invitations_left, 2);
	cr_assert_str_eq(l->week_frees_on, "2026-12-05");
	cr_assert_eq(advisor_plan_invitation_count(plan), 2);
	cr_assert_eq(advisor_plan_later_count(plan), 2);
	cr_assert_null(advisor_plan_invitation(plan, 2));
	cr_assert_not_null(advisor_plan_later(plan, 1));
	cr_assert_null(advisor_plan_later(plan, 2));
	/* The 98 waiting for an answer are candidates too, and invited. */
	cr_assert_eq(advisor_plan_verdict_count(plan, ADVISOR_INVITED), 98);
	cr_assert_eq(advisor_plan_candidate_count(plan), 102);
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, a_full_week_proposes_nobody)
{
	advisor_network *net = network("", 100, 0, KNOWN("k1"));
	advisor_engine *e = engine();
	advisor_plan *plan = plan_of(e, net, NULL, 0, 0);

	cr_assert_eq(advisor_plan_limits(plan)->invitations_left, 0);
	cr_assert_eq(advisor_plan_invitation_count(plan), 0);
	cr_assert_eq(advisor_plan_later_count(plan), 1);
	cr_assert_not_null(advisor_plan_later(plan, 0)->held_note);
	cr_assert_null(advisor_plan_later(plan, 0)->note);
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, five_notes_this_month_leave_none)
{
	advisor_network *net = network("", 0, 5, KNOWN("k1") "," KNOWN("k2"));
	advisor_engine *e = engine();
	advisor_plan *plan = plan_of(e, net, NULL, 0, 0);
	const advisor_limits *l = advisor_plan_limits(plan);

	cr_assert_eq(l->notes_a_month, 5);
	cr_assert_eq(l->notes_this_month, 5);
	cr_assert_eq(l->notes_left, 0);
	cr_assert_str_eq(l->notes_reset_on, "2027-01-01");
	cr_assert_eq(advisor_plan_invitation_count(plan), 2);
	for (size_t i = 0; i < 2; i++) {
		const advisor_plan_item *it = advisor_plan_invitation(plan, i);
		cr_assert_eq(it->verdict, ADVISOR_CONNECT_WITH_NOTE);
		cr_assert_null(it->note, "%s has a note", it->person);
		cr_assert_not_null(it->held_note);
	}
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, the_last_notes_go_to_introductions_then_acquaintances)
{
	/* Three notes used of five: two left for an introduction, two past
	 * acquaintances and a leader to learn from. */
	advisor_network *net = network("", 0, 3, IDA "," LEADER("l1") "," KNOWN("k1")
		"," INTRODUCED("i1") "," KNOWN("k2"));
	advisor_engine *e = engine();
	advisor_plan *plan = plan_of(e, net, NULL, 0, 1);
	size_t noted = 0;

	cr_assert_eq(advisor_plan_limits(plan)->notes_left, 2);
	cr_assert_eq(advisor_plan_invitation_count(plan), 4);
	for (size_t i = 0; i < 4; i++) {
		const advisor_plan_item *it = advisor_plan_invitation(plan, i);
		cr_assert_not_null(it->note ? it->note : it->held_note, "%s",
			it->person);
		if (!it->note)
			continue;
		noted++;
		/* The introduction, and the first-ranked acquaintance. */
		cr_assert(strcmp(it->person, "i1") == 0 || strcmp(it->person, "k1") == 0,
			"%s got a note", it->person);
	}
	cr_assert_eq(noted, 2);
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, premium_has_no_monthly_limit_on_notes)
{
	advisor_network *net = network(",\"account\":\"premium\"", 0, 9,
		KNOWN("k1") "," KNOWN("k2"));
	advisor_engine *e = engine();
	advisor_plan *plan = plan_of(e, net, NULL, 0, 0);

	cr_assert_eq(advisor_plan_limits(plan)->notes_a_month, -1);
	cr_assert_eq(advisor_plan_limits(plan)->notes_left, -1);
	cr_assert_eq(advisor_plan_limits(plan)->notes_this_month, 9);
	cr_assert_not_null(advisor_plan_invitation(plan, 0)->note);
	cr_assert_not_null(advisor_plan_invitation(plan, 1)->note);
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, nobody_inside_the_reinvite_block_or_already_invited)
{
	advisor_network *net = network("", 0, 0,
		"{\"id\":\"rita\",\"name\":\"Rita\",\"events\":[{\"type\":\"met\","
		"\"date\":\"2019-05\",\"context\":\"PyCon\",\"tone\":\"cordial\"},"
		"{\"type\":\"invitation\",\"date\":\"2026-11-27\",\"direction\":\"out\","
		"\"status\":\"withdrawn\",\"recorded\":\"withdrew\",\"invited_on\":"
		"\"2026-06-01\"}]},"
		"{\"id\":\"paul\",\"name\":\"Paul\",\"events\":[{\"type\":\"met\","
		"\"date\":\"2019-05\",\"context\":\"PyCon\",\"tone\":\"cordial\"},"
		"{\"type\":\"invitation\",\"date\":\"2026-11-01\",\"direction\":\"out\"}]},"
		KNOWN("k1"));
	advisor_engine *e = engine();
	advisor_plan *plan = plan_of(e, net, NULL, 0, 0);

	cr_assert_eq(advisor_plan_invitation_count(plan), 1);
	cr_assert_str_eq(advisor_plan_invitation(plan, 0)->person, "k1");
	cr_assert_eq(advisor_plan_verdict_count(plan, ADVISOR_WAIT), 1);
	cr_assert_eq(advisor_plan_verdict_count(plan, ADVISOR_INVITED), 1);
	/* The withdrawal is not an invitation sent this week. */
	cr_assert_eq(advisor_plan_limits(plan)->sent_this_week, 0);
	cr_assert_eq(advisor_plan_withdrawal_count(plan), 0);
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, pending_invitations_old_enough_are_to_withdraw)
{
	advisor_network *net = network("", 0, 0,
		"{\"id\":\"olga\",\"name\":\"Olga\",\"events\":[{\"type\":\"invitation\","
		"\"date\":\"2026-06-01\",\"direction\":\"out\"}]},"
		"{\"id\":\"nina\",\"name\":\"Nina\",\"events\":[{\"type\":\"invitation\","
		"\"date\":\"2026-10-01\",\"direction\":\"out\"}]}," KNOWN("k1"));
	advisor_engine *e = engine();
	/* Only k1 is a candidate: the withdrawals are everyone's. */
	const char *const people[] = { "k1" };
	advisor_plan *plan = plan_of(e, net, people, 1, 0);

	cr_assert_eq(advisor_plan_candidate_count(plan), 1);
	cr_assert_eq(advisor_plan_withdrawal_count(plan), 1);
	const advisor_withdrawal *w = advisor_plan_withdrawal(plan, 0);
	cr_assert_str_eq(w->person, "olga");
	cr_assert_str_eq(w->invited_on, "2026-06-01");
	cr_assert_eq(w->days, 184);
	cr_assert_str_eq(w->expires_on, "2026-11-28");
	cr_assert_not_null(w->detail);
	cr_assert_null(advisor_plan_withdrawal(plan, 1));
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, candidates_given_are_the_only_ones_and_must_exist)
{
	advisor_network *net = network("", 0, 0, IDA "," KNOWN("k1") "," KNOWN("k2")
		"," STRANGER("x1"));
	advisor_engine *e = engine();
	const char *const people[] = { "k2", "x1", "k2", "ida" };
	advisor_plan *plan = plan_of(e, net, people, 4, 0);
	advisor_error err;

	cr_assert_eq(advisor_plan_candidate_count(plan), 3);
	cr_assert_eq(advisor_plan_invitation_count(plan), 1);
	cr_assert_str_eq(advisor_plan_invitation(plan, 0)->person, "k2");
	cr_assert_eq(advisor_plan_verdict_count(plan, ADVISOR_DONT_CONNECT), 1);
	cr_assert_eq(advisor_plan_verdict_count(plan, ADVISOR_ALREADY_CONNECTED), 1);
	advisor_plan_free(plan);

	const char *const unknown[] = { "k1", "nobody" };
	plan = (advisor_plan *)1;
	cr_assert_eq(advisor_plan_new(&plan, e, net, unknown, 2, NULL, &err),
		ADVISOR_ENOTFOUND);
	cr_assert_null(plan);
	cr_assert(strstr(err.message, "people[1]") && strstr(err.message, "nobody"),
		"%s", err.message);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, prospects_added_by_hand_are_candidates_and_marked)
{
	advisor_network *net = network("", 0, 0,
		"{\"id\":\"noa\",\"name\":\"Noa Levi\",\"added\":true,\"events\":[{"
		"\"type\":\"met\",\"date\":\"2019-05\",\"context\":\"PyCon\",\"tone\":"
		"\"cordial\"}]}," KNOWN("k1"));
	advisor_engine *e = engine();
	advisor_plan *plan = plan_of(e, net, NULL, 0, 0);

	cr_assert_eq(advisor_plan_invitation_count(plan), 2);
	for (size_t i = 0; i < 2; i++) {
		const advisor_plan_item *it = advisor_plan_invitation(plan, i);
		cr_assert_eq(it->added, strcmp(it->person, "noa") == 0, "%s", it->person);
	}
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, json_has_the_limits_and_the_lists)
{
	advisor_network *net = network("", 1, 0, KNOWN("k1"));
	advisor_engine *e = engine();
	advisor_plan *plan = plan_of(e, net, NULL, 0, 0);
	char *json = NULL;
	advisor_error err;

	cr_assert_eq(advisor_plan_to_json(&json, plan, &err), ADVISOR_OK);
	cr_assert(strncmp(json, "{\"as_of\":\"2026-12-02\",\"limits\":{"
		"\"invitations_a_week\":100,\"sent_this_week\":1,\"invitations_left\":99,"
		"\"week_frees_on\":\"2026-12-05\",\"notes_a_month\":5,"
		"\"notes_this_month\":0,\"notes_left\":5,\"notes_reset_on\":"
		"\"2027-01-01\"},\"invitations\":[{\"person\":\"k1\",", 230) == 0, "%s", json);
	cr_assert(strstr(json, "\"later\":[],\"withdraw\":[],\"candidates\":2,"
		"\"verdicts\":{\"connect_with_note\":1,\"invited\":1}}"), "%s", json);
	advisor_string_free(json);
	cr_assert_eq(advisor_plan_to_json(&json, NULL, &err), ADVISOR_EINVAL);
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, bad_arguments_are_refused)
{
	advisor_network *net = network("", 0, 0, KNOWN("k1"));
	advisor_engine *e = engine();
	advisor_plan *plan = NULL;
	advisor_plan_options opts = ADVISOR_PLAN_OPTIONS_INIT;
	advisor_limits *l = NULL;
	advisor_error err;

	cr_assert_eq(advisor_plan_new(NULL, e, net, NULL, 0, NULL, &err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_plan_new(&plan, NULL, net, NULL, 0, NULL, &err),
		ADVISOR_EINVAL);
	opts.as_of = "2026-13-01";
	cr_assert_eq(advisor_plan_new(&plan, e, net, NULL, 0, &opts, &err),
		ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "2026-13-01"), "%s", err.message);
	opts.as_of = NULL;
	opts.version = 9;
	cr_assert_eq(advisor_plan_new(&plan, e, net, NULL, 0, &opts, &err),
		ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "advisor_plan_options"), "%s", err.message);
	const char *const me[] = { "me" };
	cr_assert_eq(advisor_plan_new(&plan, e, net, me, 1, NULL, &err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_limits_new(&l, e, net, "yesterday", &err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_limits_new(&l, e, net, AS_OF, &err), ADVISOR_OK);
	cr_assert_eq(l->invitations_left, 100);
	advisor_limits_free(l);
	advisor_limits_free(NULL);
	advisor_plan_free(NULL);
	cr_assert_eq(advisor_plan_invitation_count(NULL), 0);
	cr_assert_null(advisor_plan_limits(NULL));
	advisor_engine_free(e);
	advisor_network_free(net);
}

/* An engine with a layer made of one file, name, holding text. */
static advisor_engine *engine_layered(char dir[64], const char *name,
	const char *text, advisor_error *err, int *rc)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	const char *layers[1] = { dir };
	advisor_engine *e = NULL;
	char path[128];

	strcpy(dir, "/tmp/advisor-plan-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	*rc = advisor_engine_new(&e, &o, err);
	unlink(path);
	rmdir(dir);
	return e;
}

Test(plan, a_layer_sets_the_allowances_in_settings_json)
{
	advisor_network *net = network("", 1, 0, KNOWN("k1") "," KNOWN("k2")
		"," KNOWN("k3"));
	char dir[64];
	advisor_error err;
	int rc;
	advisor_engine *e = engine_layered(dir, "settings.json",
		"{ \"invitations_a_week\": 3, \"notes_a_month\": 1 }", &err, &rc);
	cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
	advisor_plan *plan = plan_of(e, net, NULL, 0, 0);
	const advisor_limits *l = advisor_plan_limits(plan);

	cr_assert_eq(l->invitations_a_week, 3);
	cr_assert_eq(l->invitations_left, 2);
	cr_assert_eq(l->notes_left, 1);
	cr_assert_eq(advisor_plan_invitation_count(plan), 2);
	cr_assert_eq(advisor_plan_later_count(plan), 1);
	cr_assert_not_null(advisor_plan_invitation(plan, 0)->note);
	cr_assert_null(advisor_plan_invitation(plan, 1)->note);
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, a_layer_ranks_otherwise_but_cannot_break_the_limits)
{
	/* Its rank puts k3 first, and its note() wants a note for everyone;
	 * 98 sent this week (2 with a note) leave two invitations and, of
	 * the layer's 3 notes, one. */
	advisor_network *net = network("", 96, 2, KNOWN("k1") "," KNOWN("k2")
		"," KNOWN("k3"));
	char dir[64];
	advisor_error err;
	int rc;
	advisor_engine *e = engine_layered(dir, "zz_plan.lua",
		"advisor.plan { limits = function(me) return { invitations_a_week = 100,"
		" notes_a_month = 3 } end,\n"
		"  rank = function(c) return c.id == 'k3' and 10 or 1 end,\n"
		"  note = function(c) return 1 end }\n", &err, &rc);
	cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
	advisor_plan *plan = plan_of(e, net, NULL, 0, 0);

	cr_assert_eq(advisor_plan_limits(plan)->notes_left, 1);
	cr_assert_eq(advisor_plan_invitation_count(plan), 2);
	cr_assert_str_eq(advisor_plan_invitation(plan, 0)->person, "k3");
	cr_assert_eq(advisor_plan_invitation(plan, 0)->rank, 10);
	cr_assert_not_null(advisor_plan_invitation(plan, 0)->note);
	cr_assert_null(advisor_plan_invitation(plan, 1)->note);
	cr_assert_not_null(advisor_plan_invitation(plan, 1)->held_note);
	cr_assert_eq(advisor_plan_later_count(plan), 1);
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, a_rank_or_limits_of_the_wrong_kind_is_a_policy_error)
{
	advisor_network *net = network("", 0, 0, KNOWN("k1"));
	char dir[64];
	advisor_error err;
	advisor_plan *plan = NULL;
	int rc;
	advisor_engine *e = engine_layered(dir, "zz_plan.lua",
		"advisor.plan { limits = function(me) return { invitations_a_week = 100 }"
		" end,\n  rank = function(c) return 'first' end,\n"
		"  note = function(c) return nil end }\n", &err, &rc);
	cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_plan_new(&plan, e, net, NULL, 0, NULL, &err),
		ADVISOR_EPOLICY);
	cr_assert(strstr(err.message, "the plan's rank (") &&
		strstr(err.message, "zz_plan.lua:1)") && strstr(err.message,
		"returned string for k1; expected a number"), "%s", err.message);
	advisor_engine_free(e);

	e = engine_layered(dir, "zz_plan.lua",
		"advisor.plan { limits = function(me) return { invitations_a_week = -1 }"
		" end,\n  rank = function(c) return 1 end,\n"
		"  note = function(c) return nil end }\n", &err, &rc);
	cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
	advisor_limits *l = NULL;
	cr_assert_eq(advisor_limits_new(&l, e, net, AS_OF, &err), ADVISOR_EPOLICY);
	cr_assert(strstr(err.message, "invitations_a_week is -1; expected a whole "
		"number from 0"), "%s", err.message);
	cr_assert_null(l);
	advisor_engine_free(e);

	e = engine_layered(dir, "zz_plan.lua",
		"advisor.plan { limits = 1, rank = 2 }\n", &err, &rc);
	cr_assert_eq(rc, ADVISOR_EPOLICY);
	cr_assert(strstr(err.message, "advisor.plan: limits is number; expected a "
		"function"), "%s", err.message);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, nobody_to_invite_is_an_empty_plan)
{
	advisor_network *net = network("", 0, 0, STRANGER("x1"));
	advisor_engine *e = engine();
	const char *const none[] = { NULL };
	advisor_plan *plan = plan_of(e, net, none, 0, 0);

	cr_assert_eq(advisor_plan_candidate_count(plan), 0);
	cr_assert_eq(advisor_plan_invitation_count(plan), 0);
	cr_assert_eq(advisor_plan_later_count(plan), 0);
	advisor_plan_free(plan);
	plan = plan_of(e, net, NULL, 0, 0);
	cr_assert_eq(advisor_plan_candidate_count(plan), 1);
	cr_assert_eq(advisor_plan_verdict_count(plan, ADVISOR_DONT_CONNECT), 1);
	cr_assert_null(advisor_plan_invitation(plan, 0));
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(plan, someone_whose_invitation_waits_for_you_is_not_proposed)
{
	advisor_network *net = network("", 0, 0,
		"{\"id\":\"ivan\",\"name\":\"Ivan\",\"events\":[{\"type\":\"met\","
		"\"date\":\"2019-05\",\"context\":\"PyCon\",\"tone\":\"cordial\"},"
		"{\"type\":\"invitation\",\"date\":\"2026-11-30\",\"direction\":\"in\"}]},"
		KNOWN("k1"));
	advisor_engine *e = engine();
	const char *const people[] = { "ivan", "k1" };
	advisor_plan *plan = plan_of(e, net, people, 2, 0);

	cr_assert_eq(advisor_plan_candidate_count(plan), 2);
	cr_assert_eq(advisor_plan_invitation_count(plan), 1);
	cr_assert_str_eq(advisor_plan_invitation(plan, 0)->person, "k1");
	advisor_plan_free(plan);
	plan = plan_of(e, net, NULL, 0, 0);
	cr_assert_eq(advisor_plan_candidate_count(plan), 1);
	cr_assert_str_eq(advisor_plan_invitation(plan, 0)->person, "k1");
	advisor_plan_free(plan);
	advisor_engine_free(e);
	advisor_network_free(net);
}
