/*
 * test_fact.c - facts a result or explanation proposes: their type and
 * fields in the order given, read as advisor.h's list rule says.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "engine/fact.h"

Test(fact, fields_read_in_order_and_copied)
{
	char value[] = "Berlin Product Meetup";
	advisor_fact *f = adv_fact_new("met");
	cr_assert(f);
	cr_assert_eq(adv_fact_add(f, "tone", "cordial"), 0);
	cr_assert_eq(adv_fact_add(f, "context", value), 0);
	for (int i = 0; i < 10; i++) /* past the first growth */
		cr_assert_eq(adv_fact_add(f, "note", "x"), 0);
	value[0] = 'X';

	cr_expect_str_eq(advisor_fact_type(f), "met");
	cr_expect_eq(advisor_fact_field_count(f), 12);
	cr_expect_str_eq(advisor_fact_field_name(f, 0), "tone");
	cr_expect_str_eq(advisor_fact_field_value(f, 0), "cordial");
	cr_expect_str_eq(advisor_fact_field_name(f, 1), "context");
	cr_expect_str_eq(advisor_fact_field_value(f, 1), "Berlin Product Meetup");
	cr_expect_null(advisor_fact_field_name(f, 12));
	cr_expect_null(advisor_fact_field_value(f, 12));
	adv_fact_free(f);
}

Test(fact, null_reads_nothing)
{
	cr_expect_null(advisor_fact_type(NULL));
	cr_expect_eq(advisor_fact_field_count(NULL), 0);
	cr_expect_null(advisor_fact_field_name(NULL, 0));
	cr_expect_null(advisor_fact_field_value(NULL, 0));
	adv_fact_free(NULL);
}
