/*
 * test_path_options.c - advisor_path_options: the version rule and its init
 * function.
 */
#include <criterion/criterion.h>

#include "helpers.h"
#include "versions.h"

Test(path_options, version_rule)
{
	advisor_network *net = NULL;
	advisor_error err;
	cr_assert_eq(advisor_network_load(&net,
		source_path("docs/examples/network.json"), NULL, &err), ADVISOR_OK,
		"%s", err.message);
	version_case cases[] = VERSION_CASES(ADVISOR_PATH_OPTIONS_VERSION);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		advisor_path_options o = ADVISOR_PATH_OPTIONS_INIT;
		advisor_paths *paths = NULL;
		o.version = cases[i].version;
		int rc = advisor_network_paths(&paths, net, "priya-natarajan", &o,
			&err);
		expect_version_answer("advisor_path_options",
			ADVISOR_PATH_OPTIONS_VERSION, cases[i], rc, &err);
		if (!cases[i].accepted)
			cr_expect_null(paths);
		advisor_paths_free(paths);
	}
	advisor_network_free(net);
}

Test(path_options, init_equals_macro)
{
	advisor_path_options m = ADVISOR_PATH_OPTIONS_INIT, f;
	memset(&f, 0xA5, sizeof(f));
	advisor_path_options_init(&f);
	cr_expect_eq(f.version, m.version);
	cr_expect_eq(f.max_paths, m.max_paths);
	cr_expect_eq(f.max_length, m.max_length);
	advisor_path_options_init(NULL);
}
