/*
 * test_load_options.c - advisor_load_options: the version rule and its init
 * function.
 */
#include <criterion/criterion.h>

#include "helpers.h"
#include "versions.h"

Test(load_options, version_rule)
{
	version_case cases[] = VERSION_CASES(ADVISOR_LOAD_OPTIONS_VERSION);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		advisor_load_options o = ADVISOR_LOAD_OPTIONS_INIT;
		advisor_network *net = NULL;
		advisor_error err;
		o.version = cases[i].version;
		int rc = advisor_network_load(&net,
			source_path("docs/examples/network.json"), &o, &err);
		expect_version_answer("advisor_load_options",
			ADVISOR_LOAD_OPTIONS_VERSION, cases[i], rc, &err);
		cr_expect_eq(net != NULL, cases[i].accepted);
		advisor_network_free(net);
	}
}

Test(load_options, init_equals_macro)
{
	advisor_load_options m = ADVISOR_LOAD_OPTIONS_INIT, f;
	memset(&f, 0xA5, sizeof(f));
	advisor_load_options_init(&f);
	cr_expect_eq(f.version, m.version);
	cr_expect_eq(f.warning, m.warning);
	cr_expect_eq(f.warning_payload, m.warning_payload);
	cr_expect_eq(f.format, m.format);
	cr_expect_eq(f.max_bytes, m.max_bytes);
	cr_expect_eq(f.max_line_bytes, m.max_line_bytes);
	cr_expect_eq(f.cache_dir, m.cache_dir);
	advisor_load_options_init(NULL);
}
