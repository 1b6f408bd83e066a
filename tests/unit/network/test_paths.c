/*
 * test_paths.c - how you are connected (advisor_network_paths,
 * advisor_network_mutuals), on small networks drawn in the comments.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "helpers.h"

/* Join a path's ids with spaces. */
static const char *chain(const advisor_path *p)
{
	static char buf[512];
	buf[0] = '\0';
	for (size_t i = 0; i < advisor_strings_count(p->ids); i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, advisor_strings_get(p->ids, i));
	}
	return buf;
}

/* Chain i of the list, joined. */
static const char *chain_at(const advisor_paths *list, size_t i)
{
	const advisor_path *p = advisor_paths_get(list, i);
	cr_assert_not_null(p, "no chain %zu of %zu", i, advisor_paths_count(list));
	return chain(p);
}

/*
 *   me - a - c - t        a, b: your connections
 *   me - b - c            x introduced you to t, and is reached only
 *   me - b - d - t        through b and y: me - b - y - x - t
 *             y - x - t
 *   b - y
 */
static const char diamond[] =
	"{\"format\": \"advisor-network/1\", \"me\": {\"id\": \"me\", \"name\": \"Me\"},"
	" \"people\": ["
	"  {\"id\": \"a\", \"name\": \"A\", \"connected\": true, \"connections\": [\"c\"]},"
	"  {\"id\": \"b\", \"name\": \"B\", \"connected\": true, \"connections\": [\"c\", \"d\", \"y\"]},"
	"  {\"id\": \"c\", \"name\": \"C\", \"connections\": [\"t\"]},"
	"  {\"id\": \"d\", \"name\": \"D\", \"connections\": [\"t\"]},"
	"  {\"id\": \"x\", \"name\": \"X\", \"connections\": [\"y\", \"t\"]},"
	"  {\"id\": \"t\", \"name\": \"T\", \"events\": [{\"type\": \"introduced\","
	"     \"by\": \"x\", \"date\": \"2026-01-05\"}]},"
	"  {\"id\": \"lone\", \"name\": \"Lone\"}"
	"]}";

Test(paths, shortest_chains_with_the_introducer_first)
{
	advisor_network *net;
	advisor_error err;
	advisor_paths *p;

	cr_assert_eq(load_text(&net, diamond, &err), 0, "%s", err.message);
	cr_assert_eq(advisor_network_paths(&p, net, "t", NULL, &err), 0,
		"%s", err.message);
	size_t n = advisor_paths_count(p);
	cr_assert_eq(n, 4, "got %zu chains", n);
	/* The introducer's chain, longer than the others, comes first. */
	cr_assert_str_eq(chain_at(p, 0), "me b y x t");
	cr_assert_str_eq(advisor_paths_get(p, 0)->introducer, "x");
	/* Then every shortest chain, each once. */
	cr_assert_str_eq(chain_at(p, 1), "me a c t");
	cr_assert_str_eq(chain_at(p, 2), "me b c t");
	cr_assert_str_eq(chain_at(p, 3), "me b d t");
	for (size_t i = 1; i < n; i++)
		cr_assert_null(advisor_paths_get(p, i)->introducer);
	advisor_paths_free(p);

	/* At most max_paths, the introducer's chain kept. */
	advisor_path_options o = ADVISOR_PATH_OPTIONS_INIT;
	o.max_paths = 2;
	cr_assert_eq(advisor_network_paths(&p, net, "t", &o, &err), 0);
	cr_assert_eq(advisor_paths_count(p), 2);
	cr_assert_str_eq(chain_at(p, 0), "me b y x t");
	cr_assert_str_eq(chain_at(p, 1), "me a c t");
	advisor_paths_free(p);

	/* Too far for max_length: an empty list, and no error. */
	o = (advisor_path_options)ADVISOR_PATH_OPTIONS_INIT;
	o.max_length = 2;
	cr_assert_eq(advisor_network_paths(&p, net, "t", &o, &err), 0);
	cr_assert_not_null(p);
	cr_assert_eq(advisor_paths_count(p), 0);
	cr_assert_null(advisor_paths_get(p, 0));
	advisor_paths_free(p);

	/* Unreachable, unknown, yourself, bad options: nothing handed out
	 * on failure. */
	cr_assert_eq(advisor_network_paths(&p, net, "lone", NULL, &err), 0);
	cr_assert_eq(advisor_paths_count(p), 0);
	advisor_paths_free(p);
	p = (advisor_paths *)&p;
	cr_assert_eq(advisor_network_paths(&p, net, "ghost", NULL, &err),
		ADVISOR_ENOTFOUND);
	cr_assert_null(p);
	cr_assert(strstr(err.message, "\"ghost\""), "%s", err.message);
	cr_assert_eq(advisor_network_paths(&p, net, "me", NULL, &err),
		ADVISOR_EINVAL);
	o.max_length = 0;
	cr_assert_eq(advisor_network_paths(&p, net, "t", &o, &err),
		ADVISOR_EINVAL);
	cr_assert_eq(advisor_network_paths(NULL, net, "t", NULL, &err),
		ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "advisor_network_paths"), "%s",
		err.message);

	/* A direct connection is one step. */
	cr_assert_eq(advisor_network_paths(&p, net, "a", NULL, &err), 0);
	cr_assert_eq(advisor_paths_count(p), 1);
	cr_assert_str_eq(chain_at(p, 0), "me a");
	advisor_paths_free(p);
	advisor_network_free(net);
}

Test(paths, lists_end_and_null_is_empty)
{
	advisor_network *net;
	advisor_error err;
	advisor_paths *p;

	cr_assert_eq(load_text(&net, diamond, &err), 0, "%s", err.message);
	cr_assert_eq(advisor_network_paths(&p, net, "t", NULL, &err), 0);
	cr_assert_null(advisor_paths_get(p, 4), "past the end is NULL");
	cr_assert_null(advisor_paths_get(p, SIZE_MAX));
	/* A chain's ids: yours first, theirs last, NULL past the end. */
	const advisor_strings *ids = advisor_paths_get(p, 1)->ids;
	cr_assert_eq(advisor_strings_count(ids), 4);
	cr_assert_str_eq(advisor_strings_get(ids, 0), "me");
	cr_assert_str_eq(advisor_strings_get(ids, 3), "t");
	cr_assert_null(advisor_strings_get(ids, 4));
	/* The ids are the network's: they outlive the list. */
	const char *last = advisor_strings_get(ids, 3);
	advisor_paths_free(p);
	cr_assert_str_eq(last, "t");

	cr_assert_eq(advisor_paths_count(NULL), 0);
	cr_assert_null(advisor_paths_get(NULL, 0));
	advisor_paths_free(NULL);
	cr_assert_eq(advisor_strings_count(NULL), 0);
	cr_assert_null(advisor_strings_get(NULL, 0));
	advisor_strings_free(NULL);
	advisor_network_free(net);
}

Test(paths, mutuals_and_me)
{
	advisor_network *net;
	advisor_error err;
	advisor_strings *ids;

	cr_assert_eq(load_text(&net, diamond, &err), 0, "%s", err.message);
	cr_assert_str_eq(advisor_network_me(net), "me");
	cr_assert_eq(advisor_network_mutuals(&ids, net, "me", "c", &err), 0);
	cr_assert_eq(advisor_strings_count(ids), 2);
	cr_assert_str_eq(advisor_strings_get(ids, 0), "a");
	cr_assert_str_eq(advisor_strings_get(ids, 1), "b");
	cr_assert_null(advisor_strings_get(ids, 2), "past the end is NULL");
	advisor_strings_free(ids);
	/* None is an empty list, not an error. */
	cr_assert_eq(advisor_network_mutuals(&ids, net, "me", "lone", &err), 0);
	cr_assert_not_null(ids);
	cr_assert_eq(advisor_strings_count(ids), 0);
	cr_assert_null(advisor_strings_get(ids, 0));
	advisor_strings_free(ids);
	ids = (advisor_strings *)&ids;
	cr_assert_eq(advisor_network_mutuals(&ids, net, "me", "nope", &err),
		ADVISOR_ENOTFOUND);
	cr_assert_null(ids, "nothing handed out on failure");
	cr_assert(strstr(err.message, "\"nope\""), "%s", err.message);
	cr_assert_eq(advisor_network_mutuals(&ids, net, NULL, "c", &err),
		ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "advisor_network_mutuals"), "%s",
		err.message);
	advisor_network_free(net);
}

Test(paths, the_example_network)
{
	advisor_network *net;
	advisor_error err;
	advisor_paths *p;

	cr_assert_eq(advisor_network_load(&net,
		source_path("docs/examples/network.json"), NULL, &err), 0);
	cr_assert_eq(advisor_network_paths(&p, net, "amara-nwosu", NULL,
		&err), 0);
	cr_assert_eq(advisor_paths_count(p), 1,
		"the introducer's chain is also the shortest: once");
	cr_assert_str_eq(chain_at(p, 0), "me zoe-muller amara-nwosu");
	cr_assert_str_eq(advisor_paths_get(p, 0)->introducer, "zoe-muller");
	advisor_paths_free(p);
	advisor_network_free(net);
}
