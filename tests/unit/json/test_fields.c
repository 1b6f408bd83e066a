/*
 * test_fields.c - advisor_fields: typed values by name, checked as they
 * are set, and the JSON object the other layers copy.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json/fields.h"

/* The fields as compact JSON text (the caller frees it). */
static char *as_json(const advisor_fields *f)
{
	char *s = cJSON_PrintUnformatted(adv_fields_object(f));
	cr_assert_not_null(s);
	return s;
}

Test(fields, each_type_is_kept_as_its_json_type_in_the_order_set)
{
	advisor_fields *f = NULL;
	advisor_error err;
	cr_assert_eq(advisor_fields_new(&f, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_fields_set_string(f, "tone", "cordial", &err),
		ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_fields_set_number(f, "rating", 4.5, &err), ADVISOR_OK);
	cr_assert_eq(advisor_fields_set_bool(f, "followed_up", 7, &err), ADVISOR_OK);
	cr_assert_eq(advisor_fields_set_bool(f, "secret", 0, &err), ADVISOR_OK);
	cr_assert_eq(advisor_fields_set_string(f, "place", "Zürich", &err),
		ADVISOR_OK);
	char *s = as_json(f);
	cr_expect_str_eq(s, "{\"tone\":\"cordial\",\"rating\":4.5,"
		"\"followed_up\":true,\"secret\":false,\"place\":\"Zürich\"}");
	free(s);
	advisor_fields_free(f);
}

Test(fields, a_name_set_twice_keeps_the_last_value_in_its_first_place)
{
	advisor_fields *f = NULL;
	cr_assert_eq(advisor_fields_new(&f, NULL), ADVISOR_OK);
	cr_assert_eq(advisor_fields_set_string(f, "date", "2019-05-03", NULL), 0);
	cr_assert_eq(advisor_fields_set_string(f, "tone", "warm", NULL), 0);
	cr_assert_eq(advisor_fields_set_string(f, "date", "2020-01-02", NULL), 0);
	cr_assert_eq(advisor_fields_set_number(f, "tone", 3, NULL), 0);
	char *s = as_json(f);
	cr_expect_str_eq(s, "{\"date\":\"2020-01-02\",\"tone\":3}");
	free(s);
	advisor_fields_free(f);
}

Test(fields, a_string_that_is_not_utf8_is_refused_naming_the_field)
{
	advisor_fields *f = NULL;
	advisor_error err;
	cr_assert_eq(advisor_fields_new(&f, NULL), ADVISOR_OK);
	cr_assert_eq(advisor_fields_set_string(f, "tone", "ok", NULL), 0);
	cr_expect_eq(advisor_fields_set_string(f, "tone", "ab\xff", &err),
		ADVISOR_EINVAL);
	cr_expect_eq(err.code, ADVISOR_EINVAL);
	cr_expect_str_eq(err.message, "advisor_fields_set_string: field \"tone\": "
		"the value is not valid UTF-8 (at byte 2)");
	cr_expect_str_eq(err.field, "tone");
	/* An overlong encoding and a lone surrogate are not UTF-8 either. */
	cr_expect_eq(advisor_fields_set_string(f, "x", "\xc0\xaf", &err),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_fields_set_string(f, "x", "\xed\xa0\x80", &err),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_fields_set_string(f, "x", NULL, &err), ADVISOR_EINVAL);
	cr_expect_str_eq(err.message,
		"advisor_fields_set_string: field \"x\": the value is NULL");
	/* A refused value leaves the earlier one. */
	char *s = as_json(f);
	cr_expect_str_eq(s, "{\"tone\":\"ok\"}");
	free(s);
	advisor_fields_free(f);
}

Test(fields, names_must_be_non_empty_utf8)
{
	advisor_fields *f = NULL;
	advisor_error err;
	cr_assert_eq(advisor_fields_new(&f, NULL), ADVISOR_OK);
	cr_expect_eq(advisor_fields_set_bool(f, "", 1, &err), ADVISOR_EINVAL);
	cr_expect_str_eq(err.message, "advisor_fields_set_bool: the field name is "
		"empty; expected a non-empty string");
	cr_expect_eq(advisor_fields_set_number(f, NULL, 1, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "NULL") != NULL, "%s", err.message);
	cr_expect_eq(advisor_fields_set_string(f, "t\xe9", "x", &err),
		ADVISOR_EINVAL);
	cr_expect_str_eq(err.message, "advisor_fields_set_string: the field name "
		"is not valid UTF-8 (at byte 1)");
	char *s = as_json(f);
	cr_expect_str_eq(s, "{}");
	free(s);
	advisor_fields_free(f);
}

Test(fields, numbers_json_cannot_hold_are_refused)
{
	advisor_fields *f = NULL;
	advisor_error err;
	cr_assert_eq(advisor_fields_new(&f, NULL), ADVISOR_OK);
	cr_expect_eq(advisor_fields_set_number(f, "n", NAN, &err), ADVISOR_EINVAL);
	cr_expect_str_eq(err.field, "n");
	cr_expect_eq(advisor_fields_set_number(f, "n", INFINITY, &err),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_fields_set_number(f, "n", -INFINITY, NULL),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_fields_set_number(f, "n", -0.25, &err), ADVISOR_OK);
	cr_expect_eq(err.code, ADVISOR_OK);
	cr_expect_str_eq(err.message, "");
	advisor_fields_free(f);
}

Test(fields, null_arguments_are_errors_and_free_of_null_is_nothing)
{
	advisor_error err;
	cr_expect_eq(advisor_fields_new(NULL, &err), ADVISOR_EINVAL);
	cr_expect_str_eq(err.message, "advisor_fields_new: out is NULL");
	cr_expect_eq(advisor_fields_set_string(NULL, "a", "b", &err),
		ADVISOR_EINVAL);
	cr_expect_str_eq(err.message, "advisor_fields_set_string: fields is NULL");
	cr_expect_eq(advisor_fields_set_number(NULL, "a", 1, NULL), ADVISOR_EINVAL);
	cr_expect_eq(advisor_fields_set_bool(NULL, "a", 1, NULL), ADVISOR_EINVAL);
	cr_expect_null(adv_fields_object(NULL));
	advisor_fields_free(NULL);
}
