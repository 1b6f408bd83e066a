/*
 * test_find.c - folding names (core/util/fold.c) and finding people by what a
 * person types (advisor_network_find, advisor_network_resolve).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "util/fold.h"

static void expect_fold(const char *in, const char *want)
{
	size_t n = 0;
	char *out = adv_fold(in, &n);
	cr_assert_not_null(out);
	cr_assert_str_eq(out, want, "fold(\"%s\") is \"%s\", expected \"%s\"", in,
		out, want);
	cr_assert_eq(n, strlen(want));
	free(out);
}

Test(fold, case_accents_and_separators)
{
	expect_fold("Zoë Müller", "zoe muller");
	expect_fold("JOSÉ ÁLVAREZ", "jose alvarez");
	expect_fold("  Mei-Lin   Chen ", "mei lin chen");
	expect_fold("O'Brien", "obrien");
	expect_fold("O\xe2\x80\x99" "Brien", "obrien");   /* U+2019 */
	expect_fold("Straße", "strasse");
	expect_fold("Łukasz Żółć", "lukasz zolc");
	expect_fold("Søren Kierkegård", "soren kierkegard");
	expect_fold("Œuvre Æsir Þór", "oeuvre aesir thor");
	expect_fold("Zoe\xcc\x88", "zoe");                   /* e + combining diaeresis */
	expect_fold("Wisła Software House", "wisla software house");
	expect_fold("", "");
	expect_fold("--", "");
}

Test(fold, marks_of_every_script_and_compatibility_forms)
{
	expect_fold("Thảo Nguyễn", "thao nguyen");          /* Vietnamese */
	expect_fold("Trần Đức Anh", "tran duc anh");
	expect_fold("Ελένη Παπαδοπούλου", "ελενη παπαδοπουλου");
	/* Marks go even where a script counts the letter as its own: й folds
	 * to и, as ё to е; both sides of a lookup fold alike. */
	expect_fold("Дмитрий Волков", "дмитрии волков");
	expect_fold("İpek Yılmaz", "ipek yilmaz");          /* Turkish dotted and dotless i */
	expect_fold("Ｒｙｏ　Ｓａｔｏ", "ryo sato");          /* full width, ideographic space */
	expect_fold("ﬁnn", "finn");                         /* a ligature */
	expect_fold("Dvořák", "dvorak");
	expect_fold("Şahin Çelik", "sahin celik");
	expect_fold("François-Xavier D’Arcy", "francois xavier darcy");
	expect_fold("Siobhán Ní Bhriain", "siobhan ni bhriain");
}

Test(fold, other_scripts_and_bad_bytes_are_kept)
{
	expect_fold("田中 ゆき", "田中 ゆき");
	expect_fold("김민준", "\xe1\x84\x80\xe1\x85\xb5\xe1\x86\xb7\xe1\x84\x86\xe1\x85\xb5\xe1\x86\xab\xe1\x84\x8c\xe1\x85\xae\xe1\x86\xab"); /* Hangul, as its letters */
	expect_fold("a\xff" "b", "a\xff" "b");
	expect_fold("\xc3", "\xc3");  /* a truncated sequence */
}

static advisor_network *net;

static void load_example(void)
{
	advisor_error err;
	cr_assert_eq(advisor_network_load(&net,
		source_path("docs/examples/network.json"), NULL, &err), 0, "%s",
		err.message);
}

static void unload(void)
{
	advisor_network_free(net);
}

/* The ids text finds, space-separated, in order; and the best count. */
static void expect_find(const char *text, const char *ids, size_t best)
{
	advisor_match *m;
	size_t n;
	advisor_error err;
	char got[1024] = "";

	cr_assert_eq(advisor_network_find(&m, &n, net, text, &err), 0, "%s",
		err.message);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(got, " ");
		strcat(got, m[i].id);
	}
	cr_assert_str_eq(got, ids, "find \"%s\": got \"%s\", expected \"%s\"",
		text, got, ids);
	cr_assert_eq(advisor_matches_best(m, n), best, "find \"%s\": best %zu",
		text, advisor_matches_best(m, n));
	advisor_matches_free(m);
}

TestSuite(find, .init = load_example, .fini = unload);

Test(find, by_id_name_words_and_part)
{
	expect_find("priya-natarajan", "priya-natarajan", 1);
	expect_find("priya", "priya-natarajan", 1);
	expect_find("PRIYA NATARAJAN", "priya-natarajan", 1);
	expect_find("Zoe Muller", "zoe-muller", 1);
	expect_find("zoë", "zoe-muller", 1);
	expect_find("chen mei", "mei-lin-chen", 1);
	expect_find("mei-lin", "mei-lin-chen", 1);
	expect_find("tomas herr", "tomas-herrera", 1);
	expect_find("atara", "priya-natarajan", 1); /* inside a word */
	expect_find("nobody at all", "", 0);
}

Test(find, ambiguous_names_list_every_candidate)
{
	expect_find("da", "dana-whitfield daniel-osei david-cohen", 3);
	/* A word start beats a piece of a word: "dan" starts Dana and
	 * Daniel's first names only. */
	expect_find("dan", "dana-whitfield daniel-osei", 2);
}

Test(find, the_exact_id_wins_over_names)
{
	/* You are not among the people you look for. */
	expect_find("Alex Kim", "", 0);
	expect_find("me", "mei-lin-chen", 1);
	advisor_match *m;
	size_t n;
	cr_assert_eq(advisor_network_find(&m, &n, net, "david-cohen", NULL), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(m[0].kind, ADVISOR_MATCH_ID);
	cr_assert_str_eq(m[0].name, "David Cohen");
	cr_assert_str_eq(m[0].company, "Tessellate");
	advisor_matches_free(m);
}

Test(find, resolve)
{
	const char *id;
	advisor_error err;

	cr_assert_eq(advisor_network_resolve(&id, net, "José", &err), 0);
	cr_assert_str_eq(id, "jose-alvarez");
	cr_assert_eq(advisor_network_resolve(&id, net, "da", &err),
		ADVISOR_EAMBIGUOUS);
	cr_assert_null(id);
	cr_assert(strstr(err.message, "daniel-osei (Daniel Osei, Kestrel Analytics)"),
		"%s", err.message);
	cr_assert_eq(advisor_network_resolve(&id, net, "qqq", &err),
		ADVISOR_ENOTFOUND);
	cr_assert(strstr(err.message, "'qqq'"), "%s", err.message);
	cr_assert_eq(advisor_network_resolve(&id, net, "", &err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_network_resolve(NULL, net, "x", &err), ADVISOR_EINVAL);
	cr_assert_str_eq(advisor_error_code_name(ADVISOR_EAMBIGUOUS), "ambiguous name");
}
