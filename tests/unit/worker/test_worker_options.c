/*
 * test_worker_options.c - advisor_worker_options: the version rule and its init
 * function.
 */
#include <criterion/criterion.h>

#include "helpers.h"
#include "versions.h"

Test(worker_options, version_rule)
{
	advisor_network *net = NULL;
	advisor_error err;
	cr_assert_eq(advisor_network_load(&net,
		source_path("docs/examples/network.json"), NULL, &err), ADVISOR_OK,
		"%s", err.message);
	version_case cases[] = VERSION_CASES(ADVISOR_WORKER_OPTIONS_VERSION);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		advisor_worker_options o = ADVISOR_WORKER_OPTIONS_INIT;
		advisor_worker *w = NULL;
		o.version = cases[i].version;
		int rc = advisor_worker_new(&w, net, NULL, &o, &err);
		expect_version_answer("advisor_worker_options",
			ADVISOR_WORKER_OPTIONS_VERSION, cases[i], rc, &err);
		cr_expect_eq(w != NULL, cases[i].accepted);
		advisor_worker_free(w);
	}
	advisor_network_free(net);
}

Test(worker_options, init_equals_macro)
{
	advisor_worker_options m = ADVISOR_WORKER_OPTIONS_INIT, f;
	memset(&f, 0xA5, sizeof(f));
	advisor_worker_options_init(&f);
	cr_expect_eq(f.version, m.version);
	cr_expect_eq(f.address_space_limit, m.address_space_limit);
	cr_expect_eq(f.cpu_seconds, m.cpu_seconds);
	cr_expect_eq(f.time_limit_ms, m.time_limit_ms);
	advisor_worker_options_init(NULL);
}
