/*
 * test_lint.c - the lint of a loaded policy: a threshold no combination of
 * rules reaches (max_score counted, and held to), and an intent no
 * function of the policy reads (however it is read: in the check, through
 * an alias, in a module's helper).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static char dir[256];

static void setup(void)
{
	const char *t = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/advisor-lint-XXXXXX", t && *t ? t : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(lint, .init = setup, .fini = teardown);

/* A file of the layer (a relative path; lib/ is made). */
static void put(const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/lib", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

typedef struct seen {
	char text[8192];
	int count;
} seen;

static void collect(void *payload, const char *message)
{
	seen *s = payload;
	s->count++;
	strncat(s->text, message, sizeof(s->text) - strlen(s->text) - 2);
	strcat(s->text, "\n");
}

/* The engine of the shipped policy, with the layer when `layered`. */
static advisor_engine *engine(int layered, seen *s)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	const char *layers[] = { dir };
	advisor_engine *e = NULL;
	advisor_error err;
	memset(s, 0, sizeof(*s));
	o.policy_layers = layers;
	o.policy_layer_count = layered ? 1 : 0;
	o.warning = collect;
	o.warning_payload = s;
	cr_assert_eq(advisor_engine_new(&e, &o, &err), 0, "%s", err.message);
	return e;
}

Test(lint, the_shipped_policy_lints_clean)
{
	seen s;
	advisor_engine_free(engine(0, &s));
	cr_expect_eq(s.count, 0, "%s", s.text);
}

/* What every rule together adds at its most, as the warning says it. */
static double reach_of(const seen *s)
{
	static const char says[] = "score rule together adds (";
	const char *p = strstr(s->text, says);
	double reach = -1;
	cr_assert_not_null(p, "no threshold warning: %s", s->text);
	cr_assert_eq(sscanf(p + sizeof(says) - 1, "%lf", &reach), 1);
	return reach;
}

/* The shipped rules at their most: each rule's score, or max_score for
 * those whose check gives it (mutuals, stranger, job_pending), read back
 * from the engine. */
static double shipped_reach(void)
{
	seen s;
	advisor_engine *e = engine(0, &s);
	double reach = 0;
	for (size_t i = 0; i < advisor_engine_rule_count(e); i++) {
		const advisor_rule_info *r = advisor_engine_rule(e, i);
		if (strcmp(r->name, "mutuals") == 0)
			reach += 1;
		else if (strcmp(r->name, "job_pending") == 0)
			reach += 3;
		else if (r->score > 0)
			reach += r->score;
	}
	advisor_engine_free(e);
	return reach;
}

Test(lint, a_threshold_above_every_rule_at_its_most_is_said)
{
	seen s;
	put("settings.json", "{ \"threshold\": 100 }");
	advisor_engine_free(engine(1, &s));
	cr_expect(strstr(s.text, "policy: threshold 100 is above what every "
		"score rule together adds ("), "%s", s.text);
	cr_expect(strstr(s.text, "): no request can get connect"), "%s", s.text);
	cr_expect_float_eq(reach_of(&s), shipped_reach(), 1e-9, "%s", s.text);
	cr_expect_eq(s.count, 1, "%s", s.text);
}

Test(lint, a_threshold_the_rules_reach_together_is_not_said)
{
	seen s;
	char text[100];
	snprintf(text, sizeof(text), "{ \"threshold\": %g }", shipped_reach());
	put("settings.json", text);
	advisor_engine_free(engine(1, &s));
	cr_expect_eq(s.count, 0, "%s", s.text);
}

Test(lint, a_rule_whose_check_scores_and_says_no_most_makes_nothing_sure)
{
	seen s;
	put("settings.json", "{ \"threshold\": 100 }");
	put("boost.lua", "advisor.rule { name = 'boost', description = 'b',\n"
		"  check = function() return { detail = 'x', score = 200 } end }\n");
	advisor_engine_free(engine(1, &s));
	cr_expect_null(strstr(s.text, "threshold"), "%s", s.text);
	/* With its most declared, it is counted. */
	put("boost.lua", "advisor.rule { name = 'boost', description = 'b',\n"
		"  max_score = 50,\n"
		"  check = function() return { detail = 'x', score = 50 } end }\n");
	advisor_engine_free(engine(1, &s));
	cr_expect_float_eq(reach_of(&s), shipped_reach() + 50, 1e-9, "%s",
		s.text);
}

Test(lint, max_score_must_be_a_number_not_below_zero)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	const char *layers[] = { dir };
	const char *bad[] = { "-1", "'high'", "0/0" };
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[300];
		advisor_engine *e = NULL;
		advisor_error err;
		snprintf(text, sizeof(text), "advisor.rule { name = 'x', "
			"description = 'x', max_score = %s,\n"
			"  check = function() return nil end }\n", bad[i]);
		put("x.lua", text);
		cr_expect_eq(advisor_engine_new(&e, &o, &err), ADVISOR_EPOLICY, "%s",
			bad[i]);
		cr_expect(strstr(err.message, "x.lua:1: advisor.rule 'x': "
			"'max_score' must be a number, 0 or more"), "%s", err.message);
		advisor_engine_free(e);
	}
}

Test(lint, a_check_returning_more_than_its_max_score_fails_the_request)
{
	static const char net_text[] = "{\"format\": \"advisor-network/1\", "
		"\"me\": {\"id\": \"me\", \"name\": \"Me\"}, \"people\": ["
		"{\"id\": \"ana\", \"name\": \"Ana\"}]}";
	advisor_network *net = NULL;
	advisor_result *res = NULL;
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_error err;
	seen s;
	put("over.lua", "advisor.rule { name = 'over', description = 'o',\n"
		"  max_score = 1,\n"
		"  check = function() return { detail = 'x', score = 1.5 } end }\n");
	advisor_engine *e = engine(1, &s);
	cr_assert_eq(load_text(&net, net_text, &err), 0, "%s", err.message);
	req.person = "ana";
	req.as_of = "2026-12-01";
	cr_expect_eq(advisor_advise(&res, e, net, &req, &err), ADVISOR_EPOLICY);
	cr_expect_null(res);
	cr_expect(strstr(err.message, "returned score 1.5, above its max_score 1"),
		"%s", err.message);
	advisor_network_free(net);
	advisor_engine_free(e);
}

Test(lint, an_intent_no_function_reads_is_said_once_with_its_place)
{
	seen s;
	put("alumni.lua", "-- reads nothing of its intents\n"
		"advisor.rule {\n"
		"  name = 'alumni', description = 'you studied together', score = 2,\n"
		"  intents = { 'alumni', 'learn' },\n"
		"  check = function(person) return person.school and 'same school' end,\n"
		"}\n"
		"advisor.rule {\n"
		"  name = 'alumni_too', description = 'again', score = 1,\n"
		"  intents = { 'alumni' },\n"
		"  check = function() return nil end,\n"
		"}\n");
	advisor_engine_free(engine(1, &s));
	char want[600];
	snprintf(want, sizeof(want), "%s/alumni.lua:2: intent 'alumni' of rule "
		"'alumni' is read by no function of the policy "
		"(request.intents.alumni): a request with it is accepted and "
		"changes nothing", dir);
	cr_expect(strstr(s.text, want), "%s", s.text);
	/* learn is read by the shipped learn; alumni is said once. */
	cr_expect_eq(s.count, 1, "%s", s.text);
}

Test(lint, an_intent_read_through_an_alias_or_a_helper_is_read)
{
	seen s;
	put("lib/wants.lua", "local M = {}\n"
		"function M.mentor(request) return request.intents.mentor end\n"
		"return M\n");
	put("mentor.lua", "local wants = require('lib.wants')\n"
		"advisor.rule { name = 'mentor', description = 'm', score = 1,\n"
		"  intents = { 'mentor', 'alias' },\n"
		"  check = function(person, request)\n"
		"    local i = request.intents\n"
		"    if wants.mentor(request) or i['alias'] then return 'yes' end\n"
		"  end }\n");
	advisor_engine_free(engine(1, &s));
	cr_expect_eq(s.count, 0, "%s", s.text);
}
