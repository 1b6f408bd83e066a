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
	advisor_matches *m;
	advisor_error err;
	char got[1024] = "";

	cr_assert_eq(advisor_network_find(&m, net, text, &err), 0, "%s",
		err.message);
	for (size_t i = 0; i < advisor_matches_count(m); i++) {
		if (i)
			strcat(got, " ");
		strcat(got, advisor_matches_get(m, i)->id);
	}
	cr_assert_str_eq(got, ids, "find \"%s\": got \"%s\", expected \"%s\"",
		text, got, ids);
	cr_assert_eq(advisor_matches_best(m), best, "find \"%s\": best %zu",
		text, advisor_matches_best(m));
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
	expect_find("da", "dana-whitfield daniel-osei david-cohen ingrid-solberg", 3);
	/* A word start beats a piece of a word: "dan" starts Dana and
	 * Daniel's first names only. */
	expect_find("dan", "dana-whitfield daniel-osei", 2);
}

Test(find, the_exact_id_wins_over_names)
{
	/* You are not among the people you look for. */
	expect_find("Alex Kim", "", 0);
	expect_find("me", "mei-lin-chen robert-castellanos", 1);
	advisor_matches *m;
	cr_assert_eq(advisor_network_find(&m, net, "david-cohen", NULL), 0);
	cr_assert_eq(advisor_matches_count(m), 1);
	const advisor_match *first = advisor_matches_get(m, 0);
	cr_assert_eq(first->kind, ADVISOR_MATCH_ID);
	cr_assert_str_eq(first->name, "David Cohen");
	cr_assert_str_eq(first->company, "Tessellate");
	advisor_matches_free(m);
}

Test(find, the_list_ends_and_null_is_empty)
{
	advisor_matches *m;
	cr_assert_eq(advisor_network_find(&m, net, "dan", NULL), 0);
	cr_assert_eq(advisor_matches_count(m), 2);
	cr_expect_not_null(advisor_matches_get(m, 1));
	cr_expect_null(advisor_matches_get(m, 2), "past the end is NULL");
	cr_expect_null(advisor_matches_get(m, SIZE_MAX));
	advisor_matches_free(m);

	/* No match is an empty list, not NULL and not an error. */
	cr_assert_eq(advisor_network_find(&m, net, "nobody at all", NULL), 0);
	cr_assert_not_null(m);
	cr_expect_eq(advisor_matches_count(m), 0);
	cr_expect_null(advisor_matches_get(m, 0));
	cr_expect_eq(advisor_matches_best(m), 0);
	advisor_matches_free(m);

	cr_expect_eq(advisor_matches_count(NULL), 0);
	cr_expect_null(advisor_matches_get(NULL, 0));
	cr_expect_eq(advisor_matches_best(NULL), 0);
	advisor_matches_free(NULL);
}

Test(find, a_failed_search_hands_out_nothing)
{
	advisor_matches *m = (advisor_matches *)&m;
	advisor_error err;
	cr_expect_eq(advisor_network_find(&m, net, "", &err), ADVISOR_EINVAL);
	cr_expect_null(m, "out is NULL after a failure");
	cr_expect(strstr(err.message, "empty") != NULL, "%s", err.message);
	m = (advisor_matches *)&m;
	cr_expect_eq(advisor_network_find(&m, NULL, "dan", &err), ADVISOR_EINVAL);
	cr_expect_null(m);
	cr_expect_eq(advisor_network_find(NULL, net, "dan", &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "advisor_network_find") != NULL, "%s",
		err.message);
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
	cr_assert(strstr(err.message, "daniel-osei (Daniel Osei at Kestrel Analytics)"),
		"%s", err.message);
	cr_assert(strstr(err.message, "give the id of the one you mean"), "%s", err.message);
	cr_assert_eq(advisor_network_resolve(&id, net, "qqq", &err),
		ADVISOR_ENOTFOUND);
	cr_assert(strstr(err.message, "'qqq'"), "%s", err.message);
	cr_assert_eq(advisor_network_resolve(&id, net, "", &err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_network_resolve(NULL, net, "x", &err), ADVISOR_EINVAL);
	cr_assert_str_eq(advisor_error_code_name(ADVISOR_EAMBIGUOUS), "ambiguous name");
}

/* Names from many scripts, near twins, a first name that starts a longer
 * one, a profile URL, a company: each resolution rule. */
static const char TWINS[] =
	"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Alex Kim\"},"
	"\"people\":["
	"{\"id\":\"jose-1\",\"name\":\"José Álvarez\",\"company\":\"Smith, Jones & Partners\"},"
	"{\"id\":\"jose-2\",\"name\":\"Jose Alvarez\",\"company\":\"Nimbus\"},"
	"{\"id\":\"priya-n\",\"name\":\"Priya Natarajan, CFA\",\"company\":\"Orbit\"},"
	"{\"id\":\"priyanka-b\",\"name\":\"Priyanka Bose\"},"
	"{\"id\":\"thao\",\"name\":\"Thảo Nguyễn\",\"title\":\"Data Engineer\"},"
	"{\"id\":\"dmitri\",\"name\":\"Дмитрий Волков\"},"
	"{\"id\":\"yuki\",\"name\":\"田中 ゆき\",\"company\":\"Fjord Systems\"},"
	"{\"id\":\"ana\",\"name\":\"Ana Silva\",\"profile_url\":\"https://www.linkedin.com/in/ana-silva-42/\"},"
	"{\"id\":\"zoe-b\",\"name\":\"Zoë Brandt\",\"profile_url\":\"https://www.linkedin.com/in/zo%C3%AB-brandt\"}"
	"]}";

static advisor_network *twins;

static void load_twins(void)
{
	advisor_error err;
	cr_assert_eq(advisor_network_load_buffer(&twins, TWINS, strlen(TWINS),
		"twins.json", NULL, &err), 0, "%s", err.message);
}

static void unload_twins(void)
{
	advisor_network_free(twins);
}

static void expect_resolve(const char *text, int code, const char *want)
{
	const char *id = NULL;
	advisor_error err;
	int rc = advisor_network_resolve(&id, twins, text, &err);
	cr_assert_eq(rc, code, "resolve \"%s\": %d (%s), expected %d", text, rc,
		rc ? err.message : id, code);
	if (code == ADVISOR_OK)
		cr_assert_str_eq(id, want, "resolve \"%s\": %s, expected %s", text, id, want);
	else if (want)
		cr_assert(strstr(err.message, want), "resolve \"%s\": %s", text, err.message);
}

TestSuite(resolve, .init = load_twins, .fini = unload_twins);

Test(resolve, a_name_as_written_beats_one_that_folds_to_it)
{
	expect_resolve("José Álvarez", ADVISOR_OK, "jose-1");
	expect_resolve("josé álvarez", ADVISOR_OK, "jose-1");
	expect_resolve("Jose Alvarez", ADVISOR_OK, "jose-2");
	/* Neither as written: both fold to it, and the message says how to pick. */
	expect_resolve("JOSE ALVAREZ", ADVISOR_OK, "jose-2");
	expect_resolve("jose", ADVISOR_EAMBIGUOUS, "jose-1 (José Álvarez at Smith, Jones & Partners)");
	expect_resolve("jose", ADVISOR_EAMBIGUOUS, "jose-2 (Jose Alvarez at Nimbus)");
}

Test(resolve, an_exact_first_name_beats_longer_names_that_start_with_it)
{
	expect_resolve("priya", ADVISOR_OK, "priya-n");
	expect_resolve("Priya", ADVISOR_OK, "priya-n");
	expect_resolve("priyanka", ADVISOR_OK, "priyanka-b");
	expect_resolve("pri", ADVISOR_EAMBIGUOUS, "priya-n");
}

Test(resolve, names_of_every_script_fold)
{
	expect_resolve("nguyen", ADVISOR_OK, "thao");
	expect_resolve("thao nguyen", ADVISOR_OK, "thao");
	expect_resolve("Thảo", ADVISOR_OK, "thao");
	expect_resolve("дмитрий", ADVISOR_OK, "dmitri");
	expect_resolve("田中", ADVISOR_OK, "yuki");
}

Test(resolve, a_profile_url_names_its_person)
{
	expect_resolve("https://www.linkedin.com/in/ana-silva-42", ADVISOR_OK, "ana");
	expect_resolve("linkedin.com/in/ANA-SILVA-42/?trk=x", ADVISOR_OK, "ana");
	expect_resolve("https://www.linkedin.com/in/someone-else", ADVISOR_ENOTFOUND, NULL);
}

Test(resolve, a_profile_url_matches_with_its_escapes_decoded_or_not)
{
	expect_resolve("https://www.linkedin.com/in/zoë-brandt/", ADVISOR_OK, "zoe-b");
	expect_resolve("http://linkedin.com/in/ZO%c3%ab-BRANDT", ADVISOR_OK, "zoe-b");
	expect_resolve("https://www.linkedin.com/in/zo%C3%AB-brandt", ADVISOR_OK, "zoe-b");
}

Test(resolve, me_and_your_own_name_are_you)
{
	expect_resolve("me", ADVISOR_OK, "me");
	expect_resolve("Alex Kim", ADVISOR_OK, "me");
	expect_resolve("alex kim", ADVISOR_OK, "me");
}

Test(resolve, where_someone_works_is_found_but_never_picked)
{
	advisor_matches *m;
	cr_assert_eq(advisor_network_find(&m, twins, "fjord", NULL), 0);
	cr_assert_eq(advisor_matches_count(m), 1);
	cr_assert_str_eq(advisor_matches_get(m, 0)->id, "yuki");
	cr_assert_eq(advisor_matches_get(m, 0)->kind, ADVISOR_MATCH_ABOUT);
	advisor_matches_free(m);
	cr_assert_eq(advisor_network_find(&m, twins, "data eng", NULL), 0);
	cr_assert_eq(advisor_matches_count(m), 1);
	cr_assert_str_eq(advisor_matches_get(m, 0)->id, "thao");
	advisor_matches_free(m);
	expect_resolve("fjord", ADVISOR_ENOTFOUND, "advisor find lists them");
}
