/*
 * versions.h - the one version rule, checked the same way for every options
 * and request struct: versions 0, current + 1 and a huge one are
 * ADVISOR_EINVAL with a message naming the struct and the version; the
 * current one is accepted.
 */
#ifndef ADVISOR_TEST_VERSIONS_H
#define ADVISOR_TEST_VERSIONS_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "advisor.h"

/* The versions each struct is tried with, and whether each is accepted. */
#define VERSION_CASES(current) \
	{ { 0u, 0 }, { (current), 1 }, { (current) + 1u, 0 }, { 4000000000u, 0 } }

typedef struct version_case {
	unsigned int version;
	int accepted;
} version_case;

/* Check one call's answer for one version of struct_name. */
static inline void expect_version_answer(const char *struct_name,
	unsigned int current, version_case c, int rc, const advisor_error *err)
{
	if (c.accepted) {
		cr_expect_eq(rc, ADVISOR_OK, "%s version %u: %s", struct_name,
			c.version, err->message);
		return;
	}
	char want[160];
	snprintf(want, sizeof(want), "%s: version %u is not supported (1 to %u)",
		struct_name, c.version, current);
	cr_expect_eq(rc, ADVISOR_EINVAL, "%s version %u: %d", struct_name,
		c.version, rc);
	cr_expect_eq(err->code, ADVISOR_EINVAL);
	cr_expect(strstr(err->message, want) != NULL, "want \"%s\" in \"%s\"",
		want, err->message);
}

#endif
