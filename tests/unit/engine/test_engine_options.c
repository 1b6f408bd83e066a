/*
 * test_engine_options.c - advisor_engine_options and advisor_request: the version
 * rule and their init functions.
 */
#include <criterion/criterion.h>

#include "helpers.h"
#include "versions.h"

Test(engine_options, version_rule)
{
	version_case cases[] = VERSION_CASES(ADVISOR_ENGINE_OPTIONS_VERSION);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
		advisor_engine *e = NULL;
		advisor_error err;
		o.version = cases[i].version;
		int rc = advisor_engine_new(&e, &o, &err);
		expect_version_answer("advisor_engine_options",
			ADVISOR_ENGINE_OPTIONS_VERSION, cases[i], rc, &err);
		cr_expect_eq(e != NULL, cases[i].accepted);
		advisor_engine_free(e);
	}
}

Test(engine_options, reload_applies_the_same_rule)
{
	advisor_engine *e = NULL;
	advisor_error err;
	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s", err.message);
	version_case cases[] = VERSION_CASES(ADVISOR_ENGINE_OPTIONS_VERSION);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
		o.version = cases[i].version;
		int rc = advisor_engine_reload(e, &o, &err);
		expect_version_answer("advisor_engine_options",
			ADVISOR_ENGINE_OPTIONS_VERSION, cases[i], rc, &err);
	}
	advisor_engine_free(e);
}

Test(request, version_rule)
{
	advisor_network *net = NULL;
	advisor_engine *e = NULL;
	advisor_error err;
	cr_assert_eq(advisor_network_load(&net,
		source_path("docs/examples/network.json"), NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s", err.message);
	version_case cases[] = VERSION_CASES(ADVISOR_REQUEST_VERSION);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		advisor_request req = ADVISOR_REQUEST_INIT;
		advisor_result *r = NULL;
		req.version = cases[i].version;
		req.person = "priya-natarajan";
		req.as_of = "2026-03-01";
		int rc = advisor_advise(&r, e, net, &req, &err);
		expect_version_answer("advisor_request", ADVISOR_REQUEST_VERSION,
			cases[i], rc, &err);
		cr_expect_eq(r != NULL, cases[i].accepted);
		advisor_result_free(r);
	}
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(engine_options, init_equals_macro)
{
	advisor_engine_options m = ADVISOR_ENGINE_OPTIONS_INIT, f;
	memset(&f, 0xA5, sizeof(f));
	advisor_engine_options_init(&f);
	cr_expect_eq(f.version, m.version);
	cr_expect_eq(f.policy_layers, m.policy_layers);
	cr_expect_eq(f.policy_layer_count, m.policy_layer_count);
	cr_expect_eq(f.note_limit, m.note_limit);
	cr_expect_eq(f.memory_limit, m.memory_limit);
	cr_expect_eq(f.instruction_limit, m.instruction_limit);
	cr_expect_eq(f.user_policy, m.user_policy);
	cr_expect_eq(f.warning, m.warning);
	cr_expect_eq(f.warning_payload, m.warning_payload);
	cr_expect_eq(f.time_limit_ms, m.time_limit_ms);
	advisor_engine_options_init(NULL);
}

Test(request, init_equals_macro)
{
	advisor_request m = ADVISOR_REQUEST_INIT, f;
	memset(&f, 0xA5, sizeof(f));
	advisor_request_init(&f);
	cr_expect_eq(f.version, m.version);
	cr_expect_eq(f.person, m.person);
	cr_expect_eq(f.direction, m.direction);
	cr_expect_eq(f.intents, m.intents);
	cr_expect_eq(f.intent_count, m.intent_count);
	cr_expect_eq(f.as_of, m.as_of);
	advisor_request_init(NULL);
}
