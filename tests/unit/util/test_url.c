/*
 * test_url.c - a profile URL as a key (core/util/url.h), which the import
 * and the search share.
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "util/url.h"

static void expect_key(const char *url, const char *want)
{
	int oom = 0;
	char *k = adv_url_key(url, &oom);
	cr_assert_eq(oom, 0);
	if (!want) {
		cr_assert_null(k, "\"%s\" gave the key \"%s\"", url, k);
		return;
	}
	cr_assert_not_null(k, "\"%s\" gave no key", url);
	cr_assert_str_eq(k, want, "the key of \"%s\"", url);
	free(k);
}

Test(url_key, scheme_www_query_fragment_and_trailing_slashes_go)
{
	expect_key("https://www.linkedin.com/in/ana-silva-42/", "linkedin.com/in/ana-silva-42");
	expect_key("HTTP://WWW.LinkedIn.com/in/Ana-Silva-42//", "linkedin.com/in/ana-silva-42");
	expect_key("  linkedin.com/in/ana-silva-42?trk=x#top", "linkedin.com/in/ana-silva-42");
	expect_key("linkedin.com/in/ana-silva-42/ ", "linkedin.com/in/ana-silva-42");
}

Test(url_key, urls_match_percent_encoded_or_raw_with_or_without_slash)
{
	expect_key("https://www.linkedin.com/in/zo%C3%AB-smith", "linkedin.com/in/zoë-smith");
	expect_key("https://www.linkedin.com/in/zoë-smith/", "linkedin.com/in/zoë-smith");
	expect_key("www.linkedin.com/in/Zo%c3%ab-Smith?trk=x", "linkedin.com/in/zoë-smith");
	/* A decoded capital is lower-cased too. */
	expect_key("linkedin.com/in/%41na", "linkedin.com/in/ana");
}

Test(url_key, escapes_of_control_characters_or_bad_utf8_are_kept_as_written)
{
	expect_key("https://www.linkedin.com/in/ann%00-lee", "linkedin.com/in/ann%00-lee");
	expect_key("https://www.linkedin.com/in/ann%00-smith", "linkedin.com/in/ann%00-smith");
	expect_key("https://www.linkedin.com/in/bo%ff%C3%BC", "linkedin.com/in/bo%ff%c3%bc");
	/* A lone '%' or a short escape is text. */
	expect_key("linkedin.com/in/100%", "linkedin.com/in/100%");
	expect_key("linkedin.com/in/a%4", "linkedin.com/in/a%4");
}

Test(url_key, blank_text_or_nothing_but_a_scheme_has_no_key)
{
	expect_key("", NULL);
	expect_key("   ", NULL);
	expect_key("https://", NULL);
	expect_key("https://www.///", NULL);
}
