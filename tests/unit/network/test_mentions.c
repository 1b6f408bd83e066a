/*
 * test_mentions.c - the people a text names (core/network/mentions.c).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "network/mentions.h"

static const char NET[] =
	"{ \"format\": \"advisor-network/1\","
	"  \"me\": { \"id\": \"me\", \"name\": \"Daniel Okoye\" },"
	"  \"people\": ["
	"    { \"id\": \"priya\", \"name\": \"Priya Raman\" },"
	"    { \"id\": \"priyanka\", \"name\": \"Priyanka  Bose\" },"
	"    { \"id\": \"erik\", \"name\": \"Erik Lindqvist, PhD\" },"
	"    { \"id\": \"maria\", \"name\": \"María José García\" },"
	"    { \"id\": \"sarah\", \"name\": \"Sarah O'Brien\" },"
	"    { \"id\": \"tom1\", \"name\": \"Tom Fischer\" },"
	"    { \"id\": \"tom2\", \"name\": \"Tom Fischer\" },"
	"    { \"id\": \"anna\", \"name\": \"Anna Maria\" },"
	"    { \"id\": \"anna2\", \"name\": \"Anna Maria Schmidt\" },"
	"    { \"id\": \"cher\", \"name\": \"Cher\" }"
	"  ] }";

static advisor_network *net;

static void setup(void)
{
	advisor_error err;
	cr_assert_eq(load_text(&net, NET, &err), ADVISOR_OK, "%s", err.message);
}

static void teardown(void)
{
	advisor_network_free(net);
}

/* The ids text names, joined by spaces. */
static char *named(const char *text)
{
	const adv_person **list;
	size_t n;
	static char buf[512];

	cr_assert_eq(adv_mentions(net, text, &list, &n), 0);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, adv_str(net, list[i]->id));
	}
	free(list);
	return buf;
}

TestSuite(mentions, .init = setup, .fini = teardown);

Test(mentions, a_whole_name_folded_names_the_person)
{
	cr_expect_str_eq(named("Hi Daniel, Priya Raman suggested I reach out."), "priya");
	cr_expect_str_eq(named("PRIYA RAMAN!"), "priya");
	cr_expect_str_eq(named("ask priya-raman"), "priya");
	cr_expect_str_eq(named("Priyanka Bose and Sarah OBrien"), "priyanka sarah");
	cr_expect_str_eq(named("Sarah O’Brien"), "sarah");
}

Test(mentions, in_the_order_first_named_each_once)
{
	cr_expect_str_eq(named("Sarah O'Brien, then Priya Raman, then Sarah O'Brien"),
		"sarah priya");
}

Test(mentions, the_first_name_and_another_of_a_longer_name)
{
	cr_expect_str_eq(named("Erik Lindqvist said hi"), "erik");
	cr_expect_str_eq(named("Dr Erik Lindqvist PhD"), "erik");
	cr_expect_str_eq(named("María García"), "maria");
	cr_expect_str_eq(named("Maria Jose Garcia"), "maria");
}

Test(mentions, whole_words_only)
{
	cr_expect_str_eq(named("Priya Ramanathan"), "");
	cr_expect_str_eq(named("Supriya Raman"), "");
}

Test(mentions, a_first_name_alone_or_a_one_word_name_names_no_one)
{
	cr_expect_str_eq(named("Priya suggested I reach out"), "");
	cr_expect_str_eq(named("Erik"), "");
	cr_expect_str_eq(named("Cher told me"), "");
	cr_expect_str_eq(named(""), "");
	cr_expect_str_eq(named("Raman Priya"), "");
}

Test(mentions, the_same_words_naming_two_people_name_neither)
{
	cr_expect_str_eq(named("Tom Fischer sent me"), "");
	cr_expect_str_eq(named("Tom Fischer sent me, and Priya Raman"), "priya");
}

Test(mentions, a_longer_name_wins_over_one_inside_it)
{
	cr_expect_str_eq(named("Anna Maria Schmidt"), "anna2");
	cr_expect_str_eq(named("Anna Maria"), "anna");
	/* "Anna Schmidt" is the first name and another of Anna Maria
	 * Schmidt's only. */
	cr_expect_str_eq(named("Anna Schmidt"), "anna2");
}

Test(mentions, you_are_named_too)
{
	cr_expect_str_eq(named("Daniel Okoye"), "me");
}
