/*
 * test_rules.c - what the engine says about its rules: where each was
 * declared, which layer set it, what a settings.json changed; the user's
 * folder; load-time warnings; version-1 options.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static char dir[256];
static char paths[4][512];
static int npaths;

static void setup(void)
{
	const char *t = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/advisor-rules-XXXXXX", t && *t ? t : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
	npaths = 0;
}

static void teardown(void)
{
	for (int i = npaths; i-- > 0;)
		unlink(paths[i]);
	rmdir(dir);
}

TestSuite(rules, .init = setup, .fini = teardown);

static void put(const char *name, const char *text)
{
	cr_assert_lt(npaths, 4);
	snprintf(paths[npaths], sizeof(paths[0]), "%s/%s", dir, name);
	FILE *f = fopen(paths[npaths], "wb");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	npaths++;
}

static const advisor_rule_info *find(const advisor_engine *e,
	const char *name)
{
	for (size_t i = 0; i < advisor_engine_rule_count(e); i++)
		if (strcmp(advisor_engine_rule(e, i)->name, name) == 0)
			return advisor_engine_rule(e, i);
	return NULL;
}

Test(rules, shipped_rules_say_where_they_come_from)
{
	advisor_engine *e = NULL;
	const advisor_rule_info *r;
	advisor_error err;

	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_engine_rule_count(e), 11);
	cr_assert((r = find(e, "job_pending")) != NULL);
	cr_expect_str_eq(r->kind, "veto");
	cr_expect_str_eq(r->veto_verdict, "wait");
	cr_expect_str_eq(r->veto_when, "outgoing");
	cr_expect_eq(r->veto_priority, 10);
	cr_expect_str_eq(r->file, "scripts/policy/job_pending.lua");
	cr_expect_eq(r->line, 13);
	cr_expect_str_eq(r->layer, "shipped");
	cr_expect_eq(advisor_strings_count(r->intents), 1);
	cr_expect_str_eq(advisor_strings_get(r->intents, 0), "job");
	cr_expect_null(advisor_strings_get(r->intents, 1));
	cr_expect_null(r->replaced);
	cr_assert((r = find(e, "known")) != NULL);
	cr_expect_str_eq(r->kind, "score");
	cr_expect_eq(r->score, 3);
	cr_expect_null(r->veto_verdict);
	cr_expect_eq(advisor_engine_threshold(e), 3);
	cr_assert((r = find(e, "invited")) != NULL);
	cr_expect_str_eq(r->veto_verdict, "invited");
	cr_expect_str_eq(r->veto_when, "outgoing");
	cr_expect_null(advisor_engine_rule(e, 11), "past the end is NULL");
	cr_expect_null(advisor_engine_rule(e, SIZE_MAX));
	cr_expect_null(advisor_engine_rule(NULL, 0));
	cr_expect_eq(advisor_engine_rule_count(NULL), 0);
	advisor_engine_free(e);
}

Test(rules, user_folder_then_layers_with_settings)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_engine *e = NULL;
	const advisor_rule_info *r;
	advisor_error err;
	const char *layers[1] = { dir };
	char user[300];

	snprintf(user, sizeof(user), "%s/no-such-folder", dir);
	put("a.lua", "advisor.rule { name = 'known', description = 'mine',"
		" score = 5, check = function() return nil end }\n");
	put("settings.json", "{ \"threshold\": 4, \"rules\": { \"learn\": "
		"{ \"off\": true }, \"introduced\": { \"score\": 2 } } }");
	o.user_policy = user; /* missing: skipped */
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	cr_assert_eq(advisor_engine_new(&e, &o, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_eq(advisor_engine_threshold(e), 4);
	cr_assert((r = find(e, "known")) != NULL);
	cr_expect_str_eq(r->layer, dir);
	cr_expect_eq(r->line, 1);
	cr_expect_str_eq(r->replaced, "scripts/policy/known.lua:9 (shipped)");
	cr_assert((r = find(e, "learn")) != NULL);
	cr_expect(r->off);
	cr_expect_str_eq(r->off_by, paths[1]);
	cr_assert((r = find(e, "introduced")) != NULL);
	cr_expect_eq(r->score, 2);
	cr_expect_str_eq(r->score_set_by, paths[1]);
	/* No "user" part in the name: that folder does not exist. */
	cr_expect_null(strstr(advisor_engine_policy_name(e), "+user"));
	advisor_engine_free(e);

	/* The same folder as the user's: named "user" in the policy name. */
	o.user_policy = dir;
	o.policy_layer_count = 0;
	cr_assert_eq(advisor_engine_new(&e, &o, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_str_eq(advisor_engine_policy_name(e), "default+user");
	/* A reload with the engine's own options keeps the folder the user's. */
	cr_assert_eq(advisor_engine_reload(e, NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_str_eq(advisor_engine_policy_name(e), "default+user");
	cr_expect_eq(advisor_engine_threshold(e), 4);
	advisor_engine_free(e);
}

Test(rules, rule_info_belongs_to_the_engine_and_follows_a_reload)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_engine *e = NULL;
	advisor_error err;
	const char *layers[1] = { dir };

	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s", err.message);
	/* The same pointer each time: the engine owns it. */
	cr_expect_eq(advisor_engine_rule(e, 0), advisor_engine_rule(e, 0));
	const advisor_rule_info *known = find(e, "known");
	cr_assert_not_null(known);
	cr_expect_eq(known->score, 3);
	/* A rule without intents has an empty list, never NULL. */
	cr_expect_not_null(known->intents);

	/* After a reload, the rules are the new policy's. */
	put("a.lua", "advisor.rule { name = 'known', description = 'mine',"
		" score = 5, check = function() return nil end }\n");
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	cr_assert_eq(advisor_engine_reload(e, &o, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_not_null(known = find(e, "known"));
	cr_expect_eq(known->score, 5);
	cr_expect_str_eq(known->layer, dir);
	advisor_engine_free(e);
}

static void collect(void *payload, const char *message)
{
	char *buf = payload;
	strncat(buf, message, 4000 - strlen(buf));
	strncat(buf, "\n", 4000 - strlen(buf));
}

Test(rules, lint_warnings_reach_the_callback)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_engine *e = NULL;
	advisor_error err;
	const char *layers[1] = { dir };
	static char warnings[4096];

	warnings[0] = '\0';
	put("a.lua", "advisor.off('romance')\nadvisor.off('romance')\n"
		"advisor.settings { threshold = 0 }\n");
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	o.warning = collect;
	o.warning_payload = warnings;
	cr_assert_eq(advisor_engine_new(&e, &o, &err), ADVISOR_OK, "%s", err.message);
	cr_expect(strstr(warnings, "rule 'romance' is already switched off"), "%s", warnings);
	cr_expect(strstr(warnings, "a.lua:1"), "%s", warnings);
	cr_expect(strstr(warnings, "threshold 0 is not above 0"), "%s", warnings);
	cr_expect(strstr(warnings, "intent 'date' is read only by rule 'romance'"), "%s", warnings);
	advisor_engine_free(e);
}

