/*
 * test_import_options.c - advisor_import_options: the version rule (for the import
 * and for the merge) and its init function.
 */
#include <criterion/criterion.h>

#include "helpers.h"
#include "versions.h"

Test(import_options, version_rule_import)
{
	version_case cases[] = VERSION_CASES(ADVISOR_IMPORT_OPTIONS_VERSION);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		advisor_import_options o = ADVISOR_IMPORT_OPTIONS_INIT;
		char *out = NULL;
		advisor_error err;
		o.version = cases[i].version;
		int rc = advisor_import_linkedin(&out,
			source_path("tests/fixtures/linkedin-export"), &o, NULL, &err);
		expect_version_answer("advisor_import_options",
			ADVISOR_IMPORT_OPTIONS_VERSION, cases[i], rc, &err);
		cr_expect_eq(out != NULL, cases[i].accepted);
		advisor_string_free(out);
	}
}

Test(import_options, version_rule_merge)
{
	static const char net[] = "{\"format\": \"advisor-network/1\", "
		"\"me\": {\"id\": \"me\", \"name\": \"Me\"}, \"people\": []}";
	version_case cases[] = VERSION_CASES(ADVISOR_IMPORT_OPTIONS_VERSION);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		advisor_import_options o = ADVISOR_IMPORT_OPTIONS_INIT;
		char *out = NULL;
		advisor_error err;
		o.version = cases[i].version;
		int rc = advisor_network_merge(&out, net, strlen(net), net,
			strlen(net), "annotations.json", &o, NULL, &err);
		expect_version_answer("advisor_import_options",
			ADVISOR_IMPORT_OPTIONS_VERSION, cases[i], rc, &err);
		cr_expect_eq(out != NULL, cases[i].accepted);
		advisor_string_free(out);
	}
}

Test(import_options, init_equals_macro)
{
	advisor_import_options m = ADVISOR_IMPORT_OPTIONS_INIT, f;
	memset(&f, 0xA5, sizeof(f));
	advisor_import_options_init(&f);
	cr_expect_eq(f.version, m.version);
	cr_expect_eq(f.annotations, m.annotations);
	cr_expect_eq(f.warning, m.warning);
	cr_expect_eq(f.warning_payload, m.warning_payload);
	cr_expect_eq(f.progress, m.progress);
	cr_expect_eq(f.progress_payload, m.progress_payload);
	cr_expect_eq(f.max_bytes, m.max_bytes);
	cr_expect_eq(f.group_limit, m.group_limit);
	cr_expect_eq(m.group_limit, ADVISOR_DEFAULT_GROUP_LIMIT);
	advisor_import_options_init(NULL);
}
