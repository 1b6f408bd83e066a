/*
 * test_groups.c - group conversations: participants gathered (distinct,
 * capped, you left out) and, through advisor_import_linkedin(), every pair
 * of a small group's people linked, a broadcast counted and skipped.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "helpers.h"
#include "import/groups.h"

Test(groups, participants_are_distinct_and_capped_one_past_the_limit)
{
	adv_li_groups g;
	adv_li_groups_init(&g, 3);
	const char *urls[] = { "linkedin.com/in/a", "linkedin.com/in/b",
		"linkedin.com/in/a", "linkedin.com/in/c", "linkedin.com/in/d",
		"linkedin.com/in/e", "linkedin.com/in/f" };
	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++)
		cr_assert_eq(adv_li_groups_add(&g, "2-big", urls[i]), 0);
	cr_assert_eq(adv_li_groups_add(&g, "2-small", "linkedin.com/in/a"), 0);
	/* Nothing to note: no conversation, or no one. */
	cr_assert_eq(adv_li_groups_add(&g, "", "linkedin.com/in/a"), 0);
	cr_assert_eq(adv_li_groups_add(&g, "2-small", ""), 0);
	cr_assert_eq(adv_li_groups_add(&g, "2-small", NULL), 0);
	cr_assert_eq(g.count, 2);
	cr_assert_str_eq(g.items[0].id, "2-big");
	/* a, b, c, d: the fourth shows it is over the limit of 3. */
	cr_assert_eq(g.items[0].count, 4);
	cr_assert_str_eq(g.items[0].urls[3], "linkedin.com/in/d");
	cr_assert_eq(g.items[1].count, 1);
	adv_li_groups_free(&g);
}

Test(groups, many_conversations_interleaved_are_each_found_again)
{
	adv_li_groups g;
	char id[32], url[64];
	adv_li_groups_init(&g, 20);
	for (int round = 0; round < 3; round++)
		for (int i = 0; i < 500; i++) {
			snprintf(id, sizeof(id), "2-conv-%d", i);
			snprintf(url, sizeof(url), "linkedin.com/in/p%d-%d", i, round);
			cr_assert_eq(adv_li_groups_add(&g, id, url), 0);
		}
	cr_assert_eq(g.count, 500);
	for (size_t i = 0; i < g.count; i++)
		cr_assert_eq(g.items[i].count, 3, "%s", g.items[i].id);
	adv_li_groups_free(&g);
}

/* ------------------------------------------------------------------------
 * Through the import
 * ------------------------------------------------------------------------ */

#define HEADER "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL," \
	"TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS," \
	"IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
#define IN "https://www.linkedin.com/in/"

static const char connections[] =
	"Notes:\n"
	"\"When exporting your connection data, you may notice that some of the "
	"email addresses are missing.\"\n"
	"\n"
	"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
	"Ana,Silva," IN "ana-silva,,Orbit,Engineer,01 Mar 2024\n"
	"Ben,Okafor," IN "ben-okafor,,Orbit,Designer,02 Mar 2024\n"
	"Cleo,Park," IN "cleo-park,,Lumen,PM,03 Mar 2024\n"
	"Dev,Rao," IN "dev-rao,,Lumen,Engineer,04 Mar 2024\n"
	"Eve,Moss," IN "eve-moss,,Lumen,Engineer,05 Mar 2024\n";

static const char profile[] =
	"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,"
	"Industry,Zip Code,Geo Location,Twitter Handles,Websites,"
	"Instant Messengers\n"
	"Alex,Kim,,,,Engineer,,Software,,Berlin,,,\n";

/* Alex's mail: a dinner of Ana, Ben and Cleo; a thread of all five; one
 * to one with Dev; and a group whose third member, Zed, is no connection
 * and never wrote (known only as a recipient). */
static const char messages[] = HEADER
	"2-dinner,Dinner,Ana Silva," IN "ana-silva,\"Alex Kim, Ben Okafor, Cleo "
	"Park\",\"" IN "alex-kim," IN "ben-okafor," IN "cleo-park\",2026-09-18 "
	"19:22:04 UTC,,Same place?,INBOX,,No,No\n"
	"2-dinner,Dinner,Alex Kim," IN "alex-kim,\"Ana Silva, Ben Okafor, Cleo "
	"Park\",\"" IN "ana-silva," IN "ben-okafor," IN "cleo-park\",2026-09-18 "
	"20:00:00 UTC,,Yes,INBOX,,No,No\n"
	"2-all,All hands,Alex Kim," IN "alex-kim,\"Ana Silva, Ben Okafor, Cleo "
	"Park, Dev Rao, Eve Moss\",\"" IN "ana-silva," IN "ben-okafor," IN
	"cleo-park," IN "dev-rao," IN "eve-moss\",2026-09-20 08:00:00 UTC,,"
	"Hello all,INBOX,,No,No\n"
	"2-dev,,Dev Rao," IN "dev-rao,Alex Kim," IN "alex-kim,2026-09-21 "
	"08:00:00 UTC,,Hi,INBOX,,No,No\n"
	"2-dev,,Alex Kim," IN "alex-kim,Dev Rao," IN "dev-rao,2026-09-21 "
	"09:00:00 UTC,,Hi back,INBOX,,No,No\n"
	"2-zed,Zed's,Eve Moss," IN "eve-moss,\"Alex Kim, Zed Q\",\"" IN
	"alex-kim," IN "zed-q\",2026-09-22 08:00:00 UTC,,Meet Zed,INBOX,,No,No\n"
	"2-zed,Zed's,Dev Rao," IN "dev-rao,\"Alex Kim, Eve Moss, Zed Q\",\"" IN
	"alex-kim," IN "eve-moss," IN "zed-q\",2026-09-22 09:00:00 UTC,,Hi Zed,"
	"INBOX,,No,No\n";

static const char *make_export(const char *tag)
{
	static char dir[4096];
	char path[4200];
	const char *files[] = { "Connections.csv", connections, "Profile.csv",
		profile, "messages.csv", messages, NULL };
	snprintf(dir, sizeof(dir), "%s/advisor-groups-%ld-%s",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), tag);
	mkdir(dir, 0700);
	for (size_t i = 0; files[i]; i += 2) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		FILE *f = fopen(path, "wb");
		cr_assert_not_null(f);
		fputs(files[i + 1], f);
		fclose(f);
	}
	return dir;
}

static cJSON *import(const char *tag, const advisor_import_options *o,
	advisor_import_summary **s)
{
	char *out = NULL;
	advisor_error err;
	int rc = advisor_import_linkedin(&out, make_export(tag), o, s, &err);
	cr_assert_eq(rc, 0, "%s", err.message);
	cJSON *doc = cJSON_Parse(out);
	advisor_string_free(out);
	cr_assert_not_null(doc);
	return doc;
}

static cJSON *person(cJSON *doc, const char *id)
{
	cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(doc, "people"))
		if (strcmp(cJSON_GetObjectItem(p, "id")->valuestring, id) == 0)
			return p;
	cr_assert_fail("no person %s", id);
	return NULL;
}

static int lists(cJSON *doc, const char *a, const char *b)
{
	cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(person(doc, a), "connections"))
		if (strcmp(e->valuestring, b) == 0)
			return 1;
	return 0;
}

/* a and b linked exactly once: in one list, not both. */
static int linked(cJSON *doc, const char *a, const char *b)
{
	int n = lists(doc, a, b) + lists(doc, b, a);
	cr_assert_leq(n, 1, "%s and %s listed twice", a, b);
	return n;
}

Test(groups, the_people_of_each_small_group_are_linked_pair_by_pair)
{
	advisor_import_summary *s = NULL;
	cJSON *doc = import("default", NULL, &s);
	const char *all[] = { "ana-silva", "ben-okafor", "cleo-park", "dev-rao",
		"eve-moss" };

	/* The all-hands thread (five others, under the default 20) links
	 * everyone with everyone: the dinner's links are not made twice. */
	for (size_t a = 0; a < 5; a++)
		for (size_t b = a + 1; b < 5; b++)
			cr_expect_eq(linked(doc, all[a], all[b]), 1, "%s %s", all[a],
				all[b]);
	/* Zed, never a sender nor a connection, is no one in the export. */
	cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(doc, "people"))
		cr_expect_str_neq(cJSON_GetObjectItem(p, "id")->valuestring, "zed-q");
	cr_expect_eq(s->groups_linked, 3); /* dinner, all hands, Zed's */
	cr_expect_eq(s->groups_skipped, 0);
	cr_expect_eq(s->group_links, 10);
	advisor_import_summary_free(s);
	cJSON_Delete(doc);
}

Test(groups, a_conversation_over_the_limit_is_counted_and_not_linked)
{
	advisor_import_options o = ADVISOR_IMPORT_OPTIONS_INIT;
	advisor_import_summary *s = NULL;
	o.group_limit = 3;
	cJSON *doc = import("limit3", &o, &s);

	cr_expect_eq(linked(doc, "ana-silva", "ben-okafor"), 1);
	cr_expect_eq(linked(doc, "ben-okafor", "cleo-park"), 1);
	cr_expect_eq(linked(doc, "ana-silva", "cleo-park"), 1);
	cr_expect_eq(linked(doc, "dev-rao", "eve-moss"), 1); /* Zed's */
	/* Only the all-hands thread would have linked these. */
	cr_expect_eq(linked(doc, "ana-silva", "dev-rao"), 0);
	cr_expect_eq(linked(doc, "cleo-park", "eve-moss"), 0);
	cr_expect_eq(s->groups_linked, 2);
	cr_expect_eq(s->groups_skipped, 1);
	cr_expect_eq(s->group_links, 4);
	advisor_import_summary_free(s);
	cJSON_Delete(doc);
}

Test(groups, a_limit_of_zero_links_no_one_and_counts_every_group)
{
	advisor_import_options o = ADVISOR_IMPORT_OPTIONS_INIT;
	advisor_import_summary *s = NULL;
	o.group_limit = 0;
	cJSON *doc = import("limit0", &o, &s);

	cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(doc, "people"))
		cr_expect_null(cJSON_GetObjectItem(p, "connections"), "%s",
			cJSON_GetObjectItem(p, "id")->valuestring);
	/* The one-to-one conversation with Dev is no group. */
	cr_expect_eq(s->groups_skipped, 3);
	cr_expect_eq(s->groups_linked, 0);
	cr_expect_eq(s->group_links, 0);
	advisor_import_summary_free(s);
	cJSON_Delete(doc);
}

Test(groups, a_version_1_options_struct_gets_the_default_limit)
{
	advisor_import_options o = ADVISOR_IMPORT_OPTIONS_INIT;
	advisor_import_summary *s = NULL;
	o.version = 1;
	o.group_limit = 0; /* not a version 1 member: not read */
	cJSON *doc = import("v1", &o, &s);
	cr_expect_eq(linked(doc, "ana-silva", "eve-moss"), 1);
	cr_expect_eq(s->groups_linked, 3);
	advisor_import_summary_free(s);
	cJSON_Delete(doc);
}

Test(groups, the_imported_links_load_and_the_graph_sees_them)
{
	char *out = NULL;
	advisor_network *net = NULL;
	advisor_strings *mutuals = NULL;
	advisor_error err;
	cr_assert_eq(advisor_import_linkedin(&out, make_export("load"), NULL,
		NULL, &err), 0, "%s", err.message);
	cr_assert_eq(advisor_network_load_buffer(&net, out, strlen(out),
		"network.json", NULL, &err), 0, "%s", err.message);
	/* You and Ana share everyone else of the all-hands thread. */
	cr_assert_eq(advisor_network_mutuals(&mutuals, net, "me", "ana-silva",
		&err), 0, "%s", err.message);
	cr_expect_eq(advisor_strings_count(mutuals), 4);
	advisor_strings_free(mutuals);
	advisor_network_free(net);
	advisor_string_free(out);
}
