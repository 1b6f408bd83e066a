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
	for (size_t i = 0; i < p->length; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, p->ids[i]);
	}
	return buf;
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
	advisor_path *p;
	size_t n;

	cr_assert_eq(load_text(&net, diamond, &err), 0, "%s", err.message);
	cr_assert_eq(advisor_network_paths(&p, &n, net, "t", NULL, &err), 0,
		"%s", err.message);
	cr_assert_eq(n, 4, "got %zu chains", n);
	/* The introducer's chain, longer than the others, comes first. */
	cr_assert_str_eq(chain(&p[0]), "me b y x t");
	cr_assert_str_eq(p[0].introducer, "x");
	/* Then every shortest chain, each once. */
	cr_assert_str_eq(chain(&p[1]), "me a c t");
	cr_assert_str_eq(chain(&p[2]), "me b c t");
	cr_assert_str_eq(chain(&p[3]), "me b d t");
	for (size_t i = 1; i < n; i++)
		cr_assert_null(p[i].introducer);
	advisor_paths_free(p);

	/* At most max_paths, the introducer's chain kept. */
	advisor_path_options o = ADVISOR_PATH_OPTIONS_INIT;
	o.max_paths = 2;
	cr_assert_eq(advisor_network_paths(&p, &n, net, "t", &o, &err), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(chain(&p[0]), "me b y x t");
	cr_assert_str_eq(chain(&p[1]), "me a c t");
	advisor_paths_free(p);

	/* Too far for max_length: nothing, and no error. */
	o = (advisor_path_options)ADVISOR_PATH_OPTIONS_INIT;
	o.max_length = 2;
	cr_assert_eq(advisor_network_paths(&p, &n, net, "t", &o, &err), 0);
	cr_assert_eq(n, 0);
	cr_assert_null(p);

	/* Unreachable, unknown, yourself, bad options. */
	cr_assert_eq(advisor_network_paths(&p, &n, net, "lone", NULL, &err), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(advisor_network_paths(&p, &n, net, "ghost", NULL, &err),
		ADVISOR_ENOTFOUND);
	cr_assert(strstr(err.message, "\"ghost\""), "%s", err.message);
	cr_assert_eq(advisor_network_paths(&p, &n, net, "me", NULL, &err),
		ADVISOR_EINVAL);
	o.max_length = 0;
	cr_assert_eq(advisor_network_paths(&p, &n, net, "t", &o, &err),
		ADVISOR_EINVAL);
	cr_assert_eq(advisor_network_paths(NULL, &n, net, "t", NULL, &err),
		ADVISOR_EINVAL);

	/* A direct connection is one step. */
	cr_assert_eq(advisor_network_paths(&p, &n, net, "a", NULL, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(chain(&p[0]), "me a");
	advisor_paths_free(p);
	advisor_network_free(net);
}

Test(paths, mutuals_and_me)
{
	advisor_network *net;
	advisor_error err;
	const char **ids;
	size_t n;

	cr_assert_eq(load_text(&net, diamond, &err), 0, "%s", err.message);
	cr_assert_str_eq(advisor_network_me(net), "me");
	cr_assert_eq(advisor_network_mutuals(&ids, &n, net, "me", "c", &err), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(ids[0], "a");
	cr_assert_str_eq(ids[1], "b");
	advisor_ids_free(ids);
	cr_assert_eq(advisor_network_mutuals(&ids, &n, net, "me", "lone", &err), 0);
	cr_assert_eq(n, 0);
	advisor_ids_free(ids);
	cr_assert_eq(advisor_network_mutuals(&ids, &n, net, "me", "nope", &err),
		ADVISOR_ENOTFOUND);
	advisor_network_free(net);
}

Test(paths, the_example_network)
{
	advisor_network *net;
	advisor_error err;
	advisor_path *p;
	size_t n;

	cr_assert_eq(advisor_network_load(&net,
		source_path("docs/examples/network.json"), NULL, &err), 0);
	cr_assert_eq(advisor_network_paths(&p, &n, net, "amara-nwosu", NULL,
		&err), 0);
	cr_assert_eq(n, 1, "the introducer's chain is also the shortest: once");
	cr_assert_str_eq(chain(&p[0]), "me zoe-muller amara-nwosu");
	cr_assert_str_eq(p[0].introducer, "zoe-muller");
	advisor_paths_free(p);
	advisor_network_free(net);
}
