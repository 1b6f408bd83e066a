/*
 * test_reload.c - reloading an engine's policy while it serves, and the
 * engine's last error.
 *
 * A layer folder under a fresh mkdtemp directory holds one rule file that
 * the tests rewrite between reloads: good, then broken, then fixed.  The
 * network is docs/examples/network.json, judged on 2026-11-27.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

#define AS_OF "2026-11-27"

static char dir[512], file[600];
static advisor_network *net;
static advisor_engine *engine;

static void write_rule(const char *text)
{
	FILE *f = fopen(file, "w");
	cr_assert_not_null(f, "%s", file);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	advisor_error err;
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/advisor-reload-XXXXXX",
		tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(dir), "mkdtemp %s", dir);
	snprintf(file, sizeof(file), "%s/bonus.lua", dir);
	cr_assert_eq(advisor_network_load(&net,
		source_path("docs/examples/network.json"), NULL, &err), ADVISOR_OK,
		"%s", err.message);
}

static void teardown(void)
{
	advisor_engine_free(engine);
	engine = NULL;
	advisor_network_free(net);
	net = NULL;
	unlink(file);
	rmdir(dir);
}

TestSuite(reload, .init = setup, .fini = teardown);

static void make_engine(void)
{
	const char *layers[] = { dir };
	advisor_engine_options opts = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_error err;

	opts.policy_layers = layers;
	opts.policy_layer_count = 1;
	cr_assert_eq(advisor_engine_new(&engine, &opts, &err), ADVISOR_OK,
		"%s", err.message);
}

/* The score of a rule in the advice on `id`, or -1 if it did not fire. */
static double rule_score(const char *id, const char *rule)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_result *r;
	advisor_error err;
	double score = -1;

	req.person = id;
	req.as_of = AS_OF;
	cr_assert_eq(advisor_advise(&r, engine, net, &req, &err), ADVISOR_OK,
		"%s: %s", id, err.message);
	for (size_t i = 0; i < advisor_result_reason_count(r); i++)
		if (strcmp(advisor_result_reason(r, i)->rule, rule) == 0)
			score = advisor_result_reason(r, i)->score;
	advisor_result_free(r);
	return score;
}

#define BONUS(n) \
	"advisor.rule { name = 'bonus', description = 'a bonus', score = " #n ",\n" \
	"  check = function(person) return 'bonus' end }\n"

Test(reload, good_then_broken_then_fixed)
{
	advisor_error err;

	write_rule(BONUS(1));
	make_engine();
	cr_assert_float_eq(rule_score("olivia-grant", "bonus"), 1.0, 1e-9);

	/* Broken: a syntax error.  The error names the file and line; the
	 * old policy keeps answering as before. */
	write_rule("advisor.rule { name = 'bonus',\n  score = = 2 }\n");
	cr_assert_eq(advisor_engine_reload(engine, NULL, &err), ADVISOR_EPOLICY);
	cr_assert_eq(err.code, ADVISOR_EPOLICY);
	cr_expect(strstr(err.message, "bonus.lua:2") != NULL, "%s", err.message);
	cr_expect(strstr(err.message, "old policy is kept") != NULL, "%s",
		err.message);
	cr_assert_float_eq(rule_score("olivia-grant", "bonus"), 1.0, 1e-9);

	/* Broken another way: it loads as Lua but the rule is invalid. */
	write_rule("advisor.rule { name = 'bonus', score = 2,\n"
		"  check = function() end }\n");
	cr_assert_eq(advisor_engine_reload(engine, NULL, &err), ADVISOR_EPOLICY);
	cr_expect(strstr(err.message, "description") != NULL, "%s", err.message);
	cr_assert_float_eq(rule_score("olivia-grant", "bonus"), 1.0, 1e-9);

	/* Fixed: the new score is served. */
	write_rule(BONUS(2));
	cr_assert_eq(advisor_engine_reload(engine, NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_float_eq(rule_score("olivia-grant", "bonus"), 2.0, 1e-9);
	char name[600];
	snprintf(name, sizeof(name), "default+%s", strrchr(dir, '/') + 1);
	cr_expect_str_eq(advisor_engine_policy_name(engine), name);
}

Test(reload, new_options_take_effect_and_bad_ones_change_nothing)
{
	advisor_engine_options none = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_engine_options future = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_error err;

	write_rule(BONUS(1));
	make_engine();

	future.version = 99;
	cr_assert_eq(advisor_engine_reload(engine, &future, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "version 99") != NULL, "%s", err.message);
	cr_assert_float_eq(rule_score("olivia-grant", "bonus"), 1.0, 1e-9);

	/* Without the layer: the shipped policy alone. */
	cr_assert_eq(advisor_engine_reload(engine, &none, &err), ADVISOR_OK,
		"%s", err.message);
	cr_expect_str_eq(advisor_engine_policy_name(engine), "default");
	cr_expect_eq(rule_score("olivia-grant", "bonus"), -1);
	cr_expect_eq(advisor_engine_reload(NULL, NULL, NULL), ADVISOR_EINVAL);
}

Test(reload, a_result_outlives_the_policy_that_made_it)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_result *r;
	advisor_error err;

	write_rule(BONUS(1));
	make_engine();
	req.person = "olivia-grant";
	req.as_of = AS_OF;
	cr_assert_eq(advisor_advise(&r, engine, net, &req, &err), ADVISOR_OK,
		"%s", err.message);
	write_rule(BONUS(2));
	cr_assert_eq(advisor_engine_reload(engine, NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_gt(advisor_result_reason_count(r), 0);
	int found = 0;
	for (size_t i = 0; i < advisor_result_reason_count(r); i++)
		found |= strcmp(advisor_result_reason(r, i)->rule, "bonus") == 0 &&
			advisor_result_reason(r, i)->score == 1.0;
	cr_expect(found);
	cr_expect(strstr(advisor_result_policy(r), "default+") == advisor_result_policy(r), "%s", advisor_result_policy(r));
	advisor_result_free(r);
}

Test(reload, calls_on_an_engine_take_a_null_err_and_a_shared_err_is_cleared)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_result *r = NULL;
	advisor_error err;
	char *json = NULL;

	write_rule(BONUS(1));
	make_engine();

	/* No advisor_error: the code alone, and the engine stays usable. */
	req.person = "nobody-at-all";
	req.as_of = AS_OF;
	cr_assert_eq(advisor_advise(&r, engine, net, &req, NULL), ADVISOR_ENOTFOUND);
	cr_expect_null(r);
	const char *bad = "{\"person\": 7}";
	cr_assert_eq(advisor_advise_json(&json, engine, net, bad, strlen(bad), NULL),
		ADVISOR_EINVAL);
	cr_expect_null(json);
	write_rule("advisor.rule { name = 'bonus',\n  score = = 2 }\n");
	cr_assert_eq(advisor_engine_reload(engine, NULL, NULL), ADVISOR_EPOLICY);
	cr_assert_float_eq(rule_score("olivia-grant", "bonus"), 1.0, 1e-9);

	/* One err through a chain: a failure fills it, the next success
	 * clears it, so it never holds an earlier call's failure. */
	cr_assert_eq(advisor_advise(&r, engine, net, &req, &err), ADVISOR_ENOTFOUND);
	cr_expect(strstr(err.message, "nobody-at-all") != NULL, "%s", err.message);
	req.person = "olivia-grant";
	cr_assert_eq(advisor_advise(&r, engine, net, &req, &err), ADVISOR_OK);
	cr_expect_eq(err.code, ADVISOR_OK);
	cr_expect_str_eq(err.message, "");
	advisor_result_free(r);
}
