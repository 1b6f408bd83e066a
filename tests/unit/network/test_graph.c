/*
 * test_graph.c - the CSR graph and its link primitives (core/network/graph.h), on
 * small graphs whose values are worked out by hand in the comments, and the
 * graph a loaded network builds.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "network/graph.h"
#include "network/network.h"

static void link_all(adv_links *l, const uint32_t (*pairs)[2], size_t n)
{
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(adv_links_add(l, pairs[i][0], pairs[i][1]), 0);
}

static void build(adv_graph *g, uint32_t n, const uint32_t (*pairs)[2],
	size_t count)
{
	adv_links l = { 0 };
	link_all(&l, pairs, count);
	cr_assert_eq(adv_graph_build(g, n, &l), 0);
	cr_assert_null(l.pairs, "adv_graph_build frees the links");
	cr_assert_eq(l.count, 0);
}

/* Row v is exactly the given neighbours. */
static void expect_row(const adv_graph *g, uint32_t v, const uint32_t *want,
	uint32_t n)
{
	cr_assert_eq(adv_graph_degree(g, v), n, "degree of %u is %u, expected %u",
		v, adv_graph_degree(g, v), n);
	for (uint32_t i = 0; i < n; i++)
		cr_assert_eq(g->adj[g->off[v] + i], want[i],
			"row %u [%u] is %u, expected %u", v, i, g->adj[g->off[v] + i],
			want[i]);
}

/*
 * The graph most tests use (9 nodes):
 *
 *        5 - 0 - 2 - 1 - 6          0: {2, 3, 5}   degree 3
 *             \     /               1: {2, 3, 6}   degree 3
 *              - 3 -                2: {0, 1}      degree 2
 *                |                  3: {0, 1, 4}   degree 3
 *                4                  4: {3}  5: {0}  6: {1}
 *                                   7, 8: isolated
 *
 * Given scrambled, with duplicates and both directions of some links.
 */
static const uint32_t sample_links[][2] = {
	{ 4, 3 }, { 1, 6 }, { 2, 0 }, { 3, 1 }, { 0, 5 }, { 1, 2 }, { 0, 3 },
	{ 0, 2 }, { 1, 3 }, { 3, 0 }, { 2, 1 }, { 2, 0 },
};

static adv_graph sample(void)
{
	adv_graph g;
	build(&g, 9, sample_links, sizeof(sample_links) / sizeof(*sample_links));
	return g;
}

Test(graph, merges_duplicate_and_reversed_links_and_sorts_rows)
{
	adv_graph g = sample();
	cr_assert_eq(g.n, 9);
	expect_row(&g, 0, (uint32_t[]){ 2, 3, 5 }, 3);
	expect_row(&g, 1, (uint32_t[]){ 2, 3, 6 }, 3);
	expect_row(&g, 2, (uint32_t[]){ 0, 1 }, 2);
	expect_row(&g, 3, (uint32_t[]){ 0, 1, 4 }, 3);
	expect_row(&g, 4, (uint32_t[]){ 3 }, 1);
	expect_row(&g, 5, (uint32_t[]){ 0 }, 1);
	expect_row(&g, 6, (uint32_t[]){ 1 }, 1);
	expect_row(&g, 7, NULL, 0);
	expect_row(&g, 8, NULL, 0);
	/* 7 distinct links, stored once in each direction, rows contiguous. */
	cr_assert_eq(g.off[0], 0);
	cr_assert_eq(g.off[9], 14);
	adv_graph_free(&g);
	cr_assert_null(g.off);
	cr_assert_null(g.adj);
}

Test(graph, builds_a_graph_without_links)
{
	adv_links l = { 0 };
	adv_graph g;
	cr_assert_eq(adv_graph_build(&g, 3, &l), 0);
	for (uint32_t v = 0; v < 3; v++)
		cr_assert_eq(adv_graph_degree(&g, v), 0);
	cr_assert_not(adv_graph_linked(&g, 0, 1));
	cr_assert_eq(adv_graph_jaccard(&g, 0, 1), 0.0);
	adv_graph_free(&g);

	cr_assert_eq(adv_graph_build(&g, 0, &l), 0, "an empty graph builds");
	adv_graph_free(&g);
}

Test(graph, drops_a_self_link)
{
	/* graph.h promises rows "without duplicates or self-links". */
	static const uint32_t links[][2] = { { 0, 1 }, { 1, 1 }, { 2, 2 } };
	adv_graph g;
	build(&g, 3, links, 3);
	/* Read everything before asserting, so a failure leaks nothing. */
	uint32_t d0 = adv_graph_degree(&g, 0), d1 = adv_graph_degree(&g, 1),
		d2 = adv_graph_degree(&g, 2);
	int self1 = adv_graph_linked(&g, 1, 1), self2 = adv_graph_linked(&g, 2, 2);
	adv_graph_free(&g);
	cr_assert_eq(d0, 1);
	cr_assert_eq(d1, 1, "row 1 should be {0}, not {0, 1}");
	cr_assert_eq(d2, 0, "row 2 should be empty, not {2}");
	cr_assert_not(self1);
	cr_assert_not(self2);
}

Test(graph, keeps_a_row_with_many_duplicates_contiguous)
{
	/* 0-1 given 50 times in both directions, 0-2 once: the rows shrink and
	 * the next row starts right after. */
	adv_links l = { 0 };
	for (int i = 0; i < 50; i++) {
		cr_assert_eq(adv_links_add(&l, 0, 1), 0);
		cr_assert_eq(adv_links_add(&l, 1, 0), 0);
	}
	cr_assert_eq(adv_links_add(&l, 2, 0), 0);
	adv_graph g;
	cr_assert_eq(adv_graph_build(&g, 3, &l), 0);
	expect_row(&g, 0, (uint32_t[]){ 1, 2 }, 2);
	expect_row(&g, 1, (uint32_t[]){ 0 }, 1);
	expect_row(&g, 2, (uint32_t[]){ 0 }, 1);
	cr_assert_eq(g.off[3], 4);
	adv_graph_free(&g);
}

Test(graph, tells_whether_two_nodes_are_linked)
{
	adv_graph g = sample();
	cr_assert(adv_graph_linked(&g, 0, 2));
	cr_assert(adv_graph_linked(&g, 2, 0), "links are undirected");
	cr_assert(adv_graph_linked(&g, 3, 4));
	cr_assert(adv_graph_linked(&g, 4, 3));
	cr_assert(adv_graph_linked(&g, 0, 5));
	cr_assert_not(adv_graph_linked(&g, 0, 1));
	cr_assert_not(adv_graph_linked(&g, 0, 4));
	cr_assert_not(adv_graph_linked(&g, 5, 6));
	cr_assert_not(adv_graph_linked(&g, 7, 8));
	cr_assert_not(adv_graph_linked(&g, 0, 7));
	cr_assert_not(adv_graph_linked(&g, 0, 0), "no self-links");
	adv_graph_free(&g);
}

Test(graph, counts_and_lists_mutual_connections)
{
	adv_graph g = sample();
	uint32_t out[3];

	/* N(0) = {2,3,5}, N(1) = {2,3,6}: common {2,3}. */
	cr_assert_eq(adv_graph_mutual_count(&g, 0, 1), 2);
	cr_assert_eq(adv_graph_mutuals(&g, 0, 1, out), 2);
	cr_assert_eq(out[0], 2);
	cr_assert_eq(out[1], 3);
	cr_assert_eq(adv_graph_mutual_count(&g, 1, 0), 2, "symmetric");

	/* N(2) = {0,1}, N(3) = {0,1,4}: common {0,1}. */
	cr_assert_eq(adv_graph_mutuals(&g, 3, 2, out), 2);
	cr_assert_eq(out[0], 0);
	cr_assert_eq(out[1], 1);

	/* N(0) = {2,3,5}, N(4) = {3}: common {3}. */
	cr_assert_eq(adv_graph_mutuals(&g, 0, 4, out), 1);
	cr_assert_eq(out[0], 3);

	/* Disjoint: N(5) = {0}, N(6) = {1}; and isolated people. */
	cr_assert_eq(adv_graph_mutual_count(&g, 5, 6), 0);
	cr_assert_eq(adv_graph_mutuals(&g, 5, 6, out), 0);
	cr_assert_eq(adv_graph_mutual_count(&g, 7, 8), 0);
	cr_assert_eq(adv_graph_mutual_count(&g, 0, 7), 0);
	/* Linked but no common neighbour: N(3) = {0,1,4}, N(4) = {3}. */
	cr_assert_eq(adv_graph_mutual_count(&g, 3, 4), 0);
	adv_graph_free(&g);
}

Test(graph, computes_jaccard)
{
	adv_graph g = sample();
	/* |{2,3}| / |{2,3,5,6}| = 2/4 */
	cr_assert_float_eq(adv_graph_jaccard(&g, 0, 1), 0.5, 1e-12);
	cr_assert_float_eq(adv_graph_jaccard(&g, 1, 0), 0.5, 1e-12);
	/* |{0,1}| / |{0,1,4}| = 2/3 */
	cr_assert_float_eq(adv_graph_jaccard(&g, 2, 3), 2.0 / 3.0, 1e-12);
	/* |{3}| / |{2,3,5}| = 1/3 */
	cr_assert_float_eq(adv_graph_jaccard(&g, 0, 4), 1.0 / 3.0, 1e-12);
	/* disjoint: 0 / |{0,1}| */
	cr_assert_eq(adv_graph_jaccard(&g, 5, 6), 0.0);
	/* both isolated: 0, not 0/0 */
	cr_assert_eq(adv_graph_jaccard(&g, 7, 8), 0.0);
	/* one isolated: 0 / |{2,3,5}| */
	cr_assert_eq(adv_graph_jaccard(&g, 0, 7), 0.0);
	/* a node with itself: N & N = N | N */
	cr_assert_float_eq(adv_graph_jaccard(&g, 3, 3), 1.0, 1e-12);
	adv_graph_free(&g);
}

Test(graph, computes_adamic_adar)
{
	adv_graph g = sample();
	/* Common neighbours of 0 and 1: 2 (degree 2) and 3 (degree 3). */
	double want = 1.0 / log(2.0) + 1.0 / log(3.0);   /* 2.3529... */
	cr_assert_float_eq(adv_graph_adamic_adar(&g, 0, 1), want, 1e-12);
	cr_assert_float_eq(adv_graph_adamic_adar(&g, 1, 0), want, 1e-12);
	cr_assert_float_eq(adv_graph_adamic_adar(&g, 0, 1), 2.352934267515801,
		1e-9);
	/* Common neighbours of 2 and 3: 0 and 1, both degree 3. */
	cr_assert_float_eq(adv_graph_adamic_adar(&g, 2, 3), 2.0 / log(3.0),
		1e-12);
	cr_assert_eq(adv_graph_adamic_adar(&g, 5, 6), 0.0);
	cr_assert_eq(adv_graph_adamic_adar(&g, 7, 8), 0.0);
	/* A node with itself: N(4) = {3}, and 3 has degree 3: 1/ln 3. */
	cr_assert_float_eq(adv_graph_adamic_adar(&g, 4, 4), 1.0 / log(3.0), 1e-12);
	adv_graph_free(&g);
}

Test(graph, adamic_adar_skips_a_degree_one_neighbour_instead_of_dividing_by_zero)
{
	/* 0 - 1: node 0's only neighbour 1 has degree 1, reachable only as the
	 * "common" neighbour of 0 with itself.  ln 1 = 0 must not be used. */
	static const uint32_t links[][2] = { { 0, 1 } };
	adv_graph g;
	build(&g, 2, links, 1);
	double aa = adv_graph_adamic_adar(&g, 0, 0);
	cr_assert(isfinite(aa));
	cr_assert_eq(aa, 0.0);
	adv_graph_free(&g);
}

Test(graph, computes_resource_allocation)
{
	adv_graph g = sample();
	/* 1/deg(2) + 1/deg(3) = 1/2 + 1/3 */
	cr_assert_float_eq(adv_graph_resource_allocation(&g, 0, 1),
		1.0 / 2.0 + 1.0 / 3.0, 1e-12);
	cr_assert_float_eq(adv_graph_resource_allocation(&g, 1, 0), 5.0 / 6.0,
		1e-12);
	/* 1/deg(0) + 1/deg(1) = 1/3 + 1/3 */
	cr_assert_float_eq(adv_graph_resource_allocation(&g, 2, 3), 2.0 / 3.0,
		1e-12);
	cr_assert_eq(adv_graph_resource_allocation(&g, 5, 6), 0.0);
	cr_assert_eq(adv_graph_resource_allocation(&g, 7, 8), 0.0);
	adv_graph_free(&g);
}

/* ------------------------------------------------------------------------
 * Distance
 * ------------------------------------------------------------------------ */

/*
 *   0 - 1 - 2 - 3 - 4        a path of length 4
 *       |
 *       5                    a branch
 *   6 - 7                    another component
 *   8                        alone
 */
static const uint32_t path_links[][2] = {
	{ 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 }, { 1, 5 }, { 6, 7 },
};

static adv_graph path_graph(void)
{
	adv_graph g;
	build(&g, 9, path_links, sizeof(path_links) / sizeof(*path_links));
	return g;
}

Test(graph, measures_degrees_of_separation)
{
	adv_graph g = path_graph();
	adv_walk w = { 0 };

	cr_assert_eq(adv_graph_distance(&g, 0, 0, 3, &w), 0, "same node");
	cr_assert_eq(adv_graph_distance(&g, 8, 8, 3, &w), 0, "same isolated node");
	cr_assert_eq(adv_graph_distance(&g, 0, 1, 3, &w), 1, "neighbours");
	cr_assert_eq(adv_graph_distance(&g, 1, 0, 3, &w), 1);
	cr_assert_eq(adv_graph_distance(&g, 0, 2, 3, &w), 2);
	cr_assert_eq(adv_graph_distance(&g, 5, 2, 3, &w), 2, "through the branch");
	cr_assert_eq(adv_graph_distance(&g, 0, 4, 4, &w), 4, "path of length 4");
	cr_assert_eq(adv_graph_distance(&g, 4, 0, 6, &w), 4);
	cr_assert_eq(adv_graph_distance(&g, 5, 4, 4, &w), 4);
	cr_assert_eq(adv_graph_distance(&g, 0, 4, 3, &w), -1, "beyond max 3");
	cr_assert_eq(adv_graph_distance(&g, 0, 3, 3, &w), 3, "exactly max");
	cr_assert_eq(adv_graph_distance(&g, 0, 1, 0, &w), -1, "max 0");
	cr_assert_eq(adv_graph_distance(&g, 0, 6, 32, &w), -1, "other component");
	cr_assert_eq(adv_graph_distance(&g, 7, 2, 32, &w), -1);
	cr_assert_eq(adv_graph_distance(&g, 0, 8, 32, &w), -1, "isolated");
	cr_assert_eq(adv_graph_distance(&g, 8, 0, 32, &w), -1);
	cr_assert_eq(adv_graph_distance(&g, 6, 7, 1, &w), 1);
	adv_walk_free(&w);
	adv_walk_free(&w); /* freeing twice is harmless: the walk was zeroed */
	adv_graph_free(&g);
}

Test(graph, finds_the_shortest_of_several_paths)
{
	/*
	 * A ring 0-1-2-3-4-5-0 with a chord 1-4:
	 *   d(0,3) = 3 round the ring, but 0-1-4-3 is also 3; d(0,4) = 2 via 5
	 *   or 1; d(2,5) = 3 (2-1-0-5 or 2-1-4-5 or 2-3-4-5).
	 */
	static const uint32_t links[][2] = {
		{ 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 }, { 4, 5 }, { 5, 0 }, { 1, 4 },
	};
	adv_graph g;
	adv_walk w = { 0 };
	build(&g, 6, links, 7);
	cr_assert_eq(adv_graph_distance(&g, 0, 3, 32, &w), 3);
	cr_assert_eq(adv_graph_distance(&g, 0, 4, 32, &w), 2);
	cr_assert_eq(adv_graph_distance(&g, 2, 4, 32, &w), 2);
	cr_assert_eq(adv_graph_distance(&g, 2, 5, 32, &w), 3);
	cr_assert_eq(adv_graph_distance(&g, 2, 5, 2, &w), -1);
	adv_walk_free(&w);
	adv_graph_free(&g);
}

Test(graph, caps_the_distance_at_32)
{
	/* A path 0 - 1 - ... - 39. */
	adv_links l = { 0 };
	for (uint32_t v = 0; v < 39; v++)
		cr_assert_eq(adv_links_add(&l, v, v + 1), 0);
	adv_graph g;
	adv_walk w = { 0 };
	cr_assert_eq(adv_graph_build(&g, 40, &l), 0);
	cr_assert_eq(adv_graph_distance(&g, 0, 32, 1000, &w), 32);
	cr_assert_eq(adv_graph_distance(&g, 0, 33, 1000, &w), -1,
		"max is at most 32");
	cr_assert_eq(adv_graph_distance(&g, 39, 7, 32, &w), 32);
	cr_assert_eq(adv_graph_distance(&g, 39, 6, 32, &w), -1);
	adv_walk_free(&w);
	adv_graph_free(&g);
}

/* Plain one-sided breadth-first search, as a reference. */
static int reference_distance(const adv_graph *g, uint32_t a, uint32_t b)
{
	int *dist = malloc(g->n * sizeof(int));
	uint32_t *queue = malloc(g->n * sizeof(uint32_t));
	size_t head = 0, tail = 0;
	int found = -1;

	cr_assert(dist && queue);
	for (uint32_t v = 0; v < g->n; v++)
		dist[v] = -1;
	dist[a] = 0;
	queue[tail++] = a;
	while (head < tail) {
		uint32_t u = queue[head++];
		if (u == b) {
			found = dist[u];
			break;
		}
		for (uint32_t i = g->off[u]; i < g->off[u + 1]; i++)
			if (dist[g->adj[i]] < 0) {
				dist[g->adj[i]] = dist[u] + 1;
				queue[tail++] = g->adj[i];
			}
	}
	free(dist);
	free(queue);
	return found;
}

/* A sparse pseudo-random graph: several components, varied degrees. */
static adv_graph random_graph(uint32_t n, size_t links, uint32_t seed)
{
	adv_links l = { 0 };
	uint32_t x = seed;
	for (size_t i = 0; i < links; i++) {
		x = x * 1664525u + 1013904223u;
		uint32_t a = (x >> 8) % n;
		x = x * 1664525u + 1013904223u;
		uint32_t b = (x >> 8) % n;
		if (a != b)
			cr_assert_eq(adv_links_add(&l, a, b), 0);
	}
	adv_graph g;
	cr_assert_eq(adv_graph_build(&g, n, &l), 0);
	return g;
}

Test(graph, agrees_with_a_plain_search_over_many_calls_on_one_walk)
{
	/* 60 nodes, 70 links: a few components and paths longer than 3.
	 * 60 * 60 * 3 calls reuse one walk, so its epoch stamps are what keep
	 * one call's marks out of the next. */
	adv_graph g = random_graph(60, 70, 12345);
	adv_walk w = { 0 };
	static const int maxes[] = { 1, 3, 32 };
	int longest = 0, unreachable = 0;

	for (uint32_t a = 0; a < g.n; a++)
		for (uint32_t b = 0; b < g.n; b++) {
			int ref = reference_distance(&g, a, b);
			if (ref > longest)
				longest = ref;
			unreachable += ref < 0;
			for (size_t k = 0; k < 3; k++) {
				int want = ref >= 0 && ref <= maxes[k] ? ref : -1;
				int got = adv_graph_distance(&g, a, b, maxes[k], &w);
				cr_assert_eq(got, want, "d(%u,%u) max %d: got %d, expected %d",
					a, b, maxes[k], got, want);
			}
		}
	cr_assert_gt(longest, 3, "the graph should have long paths");
	cr_assert_gt(unreachable, 0, "the graph should have several components");
	cr_assert_geq(w.epoch, 60u * 59u, "each call with a != b takes an epoch");
	adv_walk_free(&w);
	adv_graph_free(&g);
}

Test(graph, survives_the_epoch_counter_wrapping)
{
	adv_graph g = path_graph();
	adv_walk w = { 0 };

	/* Epoch 1 leaves stamps of 1 along the path. */
	cr_assert_eq(adv_graph_distance(&g, 0, 4, 32, &w), 4);
	cr_assert_eq(w.epoch, 1);
	/* Jump to the end of the counter: the next call uses UINT32_MAX, the
	 * one after wraps and must clear the stale stamps (1s) first. */
	w.epoch = UINT32_MAX - 1;
	cr_assert_eq(adv_graph_distance(&g, 0, 3, 32, &w), 3);
	cr_assert_eq(w.epoch, UINT32_MAX);
	cr_assert_eq(adv_graph_distance(&g, 0, 4, 32, &w), 4);
	cr_assert_eq(w.epoch, 1);
	cr_assert_eq(adv_graph_distance(&g, 0, 6, 32, &w), -1);
	cr_assert_eq(adv_graph_distance(&g, 4, 5, 32, &w), 4); /* 4-3-2-1-5 */
	cr_assert_eq(adv_graph_distance(&g, 6, 7, 32, &w), 1);
	adv_walk_free(&w);
	adv_graph_free(&g);
}

Test(graph, reuses_a_walk_across_graphs_of_different_sizes)
{
	adv_graph small = path_graph();
	adv_graph big = random_graph(200, 300, 7);
	adv_walk w = { 0 };

	for (int round = 0; round < 5; round++) {
		cr_assert_eq(adv_graph_distance(&small, 0, 4, 32, &w), 4);
		cr_assert_eq(w.n, small.n);
		for (uint32_t b = 0; b < big.n; b += 17) {
			int want = reference_distance(&big, 3, b);
			cr_assert_eq(adv_graph_distance(&big, 3, b, 32, &w),
				want >= 0 && want <= 32 ? want : -1);
		}
		cr_assert_eq(w.n, big.n);
	}
	adv_walk_free(&w);
	adv_graph_free(&small);
	adv_graph_free(&big);
}

/* ------------------------------------------------------------------------
 * The intersection kernels, against a plain reference
 * ------------------------------------------------------------------------ */

/*
 * 400 nodes whose rows have every length that matters to the kernels:
 * empty, shorter than a block of 4 or 8, a block exactly, one over, long
 * enough that a short row is searched in it (more than 32 times longer)
 * rather than merged.  Node v links to lengths[v % 20] others, drawn from
 * the first 100 nodes, so rows overlap a lot (some pairs share more than
 * a chunk of 64 common neighbours).  Node 0 links to 3 nodes only and the
 * first 100 draw their links from 1 up, so row 0, the first in adj, stays
 * short: a block read back from its end would start before adj.
 */
static adv_graph kernel_graph(void)
{
	static const uint32_t lengths[] = {
		3, 0, 1, 2, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 0, 64, 90, 3, 12, 6,
	};
	const uint32_t n = 400;
	adv_links l = { 0 };
	uint64_t s = 99;
	for (uint32_t v = 0; v < n; v++)
		for (uint32_t k = 0; k < lengths[v % 20]; k++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			uint32_t u = 1 + (uint32_t)((s >> 33) % 99);
			cr_assert_eq(adv_links_add(&l, v, u), 0);
		}
	adv_graph g;
	cr_assert_eq(adv_graph_build(&g, n, &l), 0);
	return g;
}

/* Every measure of every pair (both orders) against a walk of one row
 * looking each element up in the other, in ascending order like the
 * kernels, so the sums must agree to the last bit. */
static void check_all_pairs(const adv_graph *g, const char *what)
{
	unsigned char *in_a = calloc(g->n, 1);
	uint32_t *list = malloc((g->n + 1) * sizeof(uint32_t));
	cr_assert(in_a && list);
	for (uint32_t a = 0; a < g->n; a += (a < 100 ? 1 : 3)) {
		for (uint32_t i = g->off[a]; i < g->off[a + 1]; i++)
			in_a[g->adj[i]] = 1;
		for (uint32_t b = 0; b < g->n; b += (b < 100 ? 1 : 3)) {
			size_t want = 0;
			double aa = 0, ra = 0;
			for (uint32_t i = g->off[b]; i < g->off[b + 1]; i++) {
				uint32_t z = g->adj[i], d = adv_graph_degree(g, z);
				if (!in_a[z])
					continue;
				want++;
				aa += d > 1 ? 1.0 / log((double)d) : 0.0;
				ra += 1.0 / (double)d;
			}
			for (int rev = 0; rev < 2; rev++) {
				uint32_t p = rev ? b : a, q = rev ? a : b;
				cr_assert_eq(adv_graph_mutual_count(g, p, q), want,
					"%s: count(%u, %u) (degrees %u, %u)", what, p, q,
					adv_graph_degree(g, p), adv_graph_degree(g, q));
				cr_assert_eq(adv_graph_mutuals(g, p, q, list), want,
					"%s: mutuals(%u, %u)", what, p, q);
				for (size_t k = 0; k < want; k++) {
					cr_assert(in_a[list[k]], "%s: %u is not a neighbour of %u",
						what, list[k], a);
					cr_assert(k == 0 || list[k - 1] < list[k],
						"%s: mutuals(%u, %u) ascending", what, p, q);
				}
				cr_assert(adv_graph_adamic_adar(g, p, q) == aa,
					"%s: adamic_adar(%u, %u) = %.17g, expected %.17g", what,
					p, q, adv_graph_adamic_adar(g, p, q), aa);
				cr_assert(adv_graph_resource_allocation(g, p, q) == ra,
					"%s: resource_allocation(%u, %u)", what, p, q);
			}
		}
		for (uint32_t i = g->off[a]; i < g->off[a + 1]; i++)
			in_a[g->adj[i]] = 0;
	}
	free(in_a);
	free(list);
}

Test(graph, every_kernel_agrees_with_a_plain_intersection)
{
	adv_graph g = kernel_graph();
	cr_assert_eq(adv_graph_degree(&g, 0), 3);
	check_all_pairs(&g, "unsealed");

	/* Sealed with a hub of degree 90+ (node 16): its pairs go through the
	 * bitset, the rest through each kernel in turn. */
	cr_assert_eq(adv_graph_seal(&g, 16), 0);
	cr_assert_not_null(g.aa_weight);
	cr_assert_geq(g.max_degree, 90);
	int best = g.isect;
#if defined(__x86_64__) && defined(__GNUC__)
	__builtin_cpu_init();
	cr_assert_eq(best == ADV_ISECT_AVX2, __builtin_cpu_supports("avx2") != 0,
		"seal picks AVX2 exactly when the CPU has it");
#else
	cr_assert_eq(best, ADV_ISECT_BASELINE);
#endif
	check_all_pairs(&g, "sealed, best kernel");
	g.isect = ADV_ISECT_BASELINE;
	check_all_pairs(&g, "sealed, baseline kernel");
	g.isect = ADV_ISECT_SCALAR;
	check_all_pairs(&g, "sealed, scalar kernel");

	/* Sealed again elsewhere, then unsealed: back to the plain graph. */
	cr_assert_eq(adv_graph_seal(&g, 0), 0);
	cr_assert_eq(g.isect, best);
	adv_graph_unseal(&g);
	cr_assert_null(g.aa_weight);
	cr_assert_null(g.hub_bits);
	check_all_pairs(&g, "unsealed again");
	adv_graph_free(&g);
}

Test(graph, finds_more_common_neighbours_than_one_chunk)
{
	/* 0 and 1 share 300 neighbours (2..301), 1 also knows 302..401: the
	 * kernels hand them over 64 at a time. */
	adv_links l = { 0 };
	for (uint32_t v = 2; v < 302; v++) {
		cr_assert_eq(adv_links_add(&l, 0, v), 0);
		cr_assert_eq(adv_links_add(&l, 1, v), 0);
	}
	for (uint32_t v = 302; v < 402; v++)
		cr_assert_eq(adv_links_add(&l, 1, v), 0);
	adv_graph g;
	cr_assert_eq(adv_graph_build(&g, 402, &l), 0);
	cr_assert_eq(adv_graph_seal(&g, 401), 0);
	static const int kernels[] = { ADV_ISECT_BASELINE, ADV_ISECT_SCALAR, -1 };
	int best = g.isect;
	for (size_t k = 0; k < 3; k++) {
		g.isect = kernels[k] < 0 ? best : kernels[k];
		cr_assert_eq(adv_graph_mutual_count(&g, 0, 1), 300);
		cr_assert_eq(adv_graph_mutual_count(&g, 1, 0), 300);
		/* Each shared neighbour has degree 2: 300 / ln 2, 300 / 2. */
		cr_assert_float_eq(adv_graph_adamic_adar(&g, 0, 1), 300 / log(2.0), 1e-9);
		cr_assert_float_eq(adv_graph_resource_allocation(&g, 1, 0), 150.0, 1e-9);
	}
	adv_graph_free(&g);
}

/* ------------------------------------------------------------------------
 * The graph of a loaded network
 * ------------------------------------------------------------------------ */

static const char network_json[] =
	"{\"format\":\"advisor-network/1\","
	" \"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	" \"people\":["
	"  {\"id\":\"a\",\"name\":\"A\",\"connected\":true},"
	"  {\"id\":\"b\",\"name\":\"B\",\"connected\":true,"
	"   \"connections\":[\"me\",\"a\"]},"
	"  {\"id\":\"c\",\"name\":\"C\",\"connections\":[\"a\",\"sam\",\"a\"]},"
	"  {\"id\":\"d\",\"name\":\"D\",\"connections\":[\"sam\"]}"
	" ]}";

Test(graph, links_a_loaded_network)
{
	advisor_network *net = NULL;
	advisor_error err = { 0 };
	cr_assert_eq(load_text(&net, network_json, &err), ADVISOR_OK, "%s",
		err.message);
	const adv_graph *g = &net->graph;

	uint32_t me = adv_network_find(net, "me"), a = adv_network_find(net, "a"),
		b = adv_network_find(net, "b"), c = adv_network_find(net, "c"),
		d = adv_network_find(net, "d"), sam = adv_network_find(net, "sam");
	cr_assert_eq(me, 0, "me is the first node");
	cr_assert_neq(a, ADV_NO_NODE);
	cr_assert_neq(sam, ADV_NO_NODE, "a bare id in connections is a node");
	cr_assert_eq(adv_network_find(net, "nobody"), ADV_NO_NODE);
	cr_assert_eq(net->node_count, 6);
	cr_assert_eq(g->n, 6);
	cr_assert_eq(advisor_network_person_count(net), 4, "bare nodes are not people");

	/* sam is a node but not a person. */
	cr_assert_null(adv_network_person(net, "sam"));
	cr_assert_null(adv_network_node_person(net, sam));
	cr_assert_null(advisor_network_person_name(net, "sam"));
	cr_assert_eq(net->node_person[sam], ADV_NODE_BARE);
	cr_assert_eq(adv_network_node_person(net, me), &net->me);
	cr_assert_eq(adv_network_node_person(net, a), adv_network_person(net, "a"));
	cr_assert_eq(adv_network_person(net, "c")->node, c);

	/* connected: true links a and b to me; b's "me" is that same link. */
	cr_assert(adv_graph_linked(g, me, a));
	cr_assert(adv_graph_linked(g, me, b));
	cr_assert_not(adv_graph_linked(g, me, c));
	cr_assert_eq(adv_graph_degree(g, me), 2, "me: a, b (not b twice)");
	cr_assert_eq(adv_graph_degree(g, b), 2, "b: me, a");
	/* a: me (connected), b (b's list), c (c's list, twice) */
	cr_assert_eq(adv_graph_degree(g, a), 3);
	cr_assert_eq(adv_graph_degree(g, c), 2, "c: a, sam");
	cr_assert_eq(adv_graph_degree(g, sam), 2, "sam: c, d");
	cr_assert_eq(adv_graph_degree(g, d), 1);
	cr_assert(adv_graph_linked(g, sam, c));
	cr_assert(adv_graph_linked(g, d, sam));

	/* me and c share a; c and d share sam (a bare node counts). */
	uint32_t out[2];
	cr_assert_eq(adv_graph_mutuals(g, me, c, out), 1);
	cr_assert_eq(out[0], a);
	cr_assert_eq(adv_graph_mutuals(g, c, d, out), 1);
	cr_assert_eq(out[0], sam);
	/* me and a share b (me-b, a-b). */
	cr_assert_eq(adv_graph_mutual_count(g, me, a), 1);

	adv_walk w = { 0 };
	cr_assert_eq(adv_graph_distance(g, me, d, 32, &w), 4, "me-a-c-sam-d");
	cr_assert_eq(adv_graph_distance(g, me, sam, 32, &w), 3);
	cr_assert_eq(adv_graph_distance(g, me, d, 3, &w), -1);
	adv_walk_free(&w);
	advisor_network_free(net);
}

Test(graph, links_me_to_people_me_lists_who_are_marked_connected)
{
	advisor_network *net = NULL;
	advisor_error err = { 0 };
	cr_assert_eq(load_text(&net,
		"{\"format\":\"advisor-network/1\","
		" \"me\":{\"id\":\"me\",\"name\":\"Me\",\"connections\":[\"a\"]},"
		" \"people\":[{\"id\":\"a\",\"name\":\"A\",\"connected\":true,"
		"   \"connections\":[\"me\"]}]}", &err), ADVISOR_OK, "%s", err.message);
	/* Three statements of one link: me's list, a's list, connected. */
	cr_assert_eq(adv_graph_degree(&net->graph, 0), 1);
	cr_assert_eq(adv_graph_degree(&net->graph, adv_network_find(net, "a")), 1);
	advisor_network_free(net);
}

/* A hub linked to most nodes and people with a few links each: the common
 * neighbours of the hub and a person are found by looking the short row up
 * in the long one.  Checked against a brute-force count on every pair. */
Test(graph, mutuals_of_a_hub_and_a_person_match_a_brute_force_count)
{
	const uint32_t n = 3000;
	adv_links links = { 0 };
	uint64_t s = 12345;
	for (uint32_t v = 1; v < n; v++)
		if (v % 5 != 0)
			adv_links_add(&links, 0, v); /* the hub */
	for (uint32_t i = 0; i < 6000; i++) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		uint32_t a = 1 + (uint32_t)((s >> 33) % (n - 1));
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		uint32_t b = 1 + (uint32_t)((s >> 33) % (n - 1));
		adv_links_add(&links, a, b);
	}
	adv_graph g;
	cr_assert_eq(adv_graph_build(&g, n, &links), 0);
	unsigned char *in_hub = calloc(n, 1);
	for (uint32_t i = g.off[0]; i < g.off[1]; i++)
		in_hub[g.adj[i]] = 1;
	/* Twice: by galloping lookups, then with the hub's bitset. */
	for (int pass = 0; pass < 2; pass++) {
	if (pass == 1)
		cr_assert_eq(adv_graph_seal(&g, 0), 0);
	for (uint32_t v = 1; v < n; v++) {
		size_t want = 0;
		double aa = 0, ra = 0;
		for (uint32_t i = g.off[v]; i < g.off[v + 1]; i++) {
			uint32_t z = g.adj[i];
			if (in_hub[z]) {
				want++;
				aa += 1.0 / log((double)adv_graph_degree(&g, z));
				ra += 1.0 / adv_graph_degree(&g, z);
			}
		}
		cr_assert_eq(adv_graph_mutual_count(&g, 0, v), want, "node %u", v);
		cr_assert_eq(adv_graph_mutual_count(&g, v, 0), want, "node %u, reversed", v);
		cr_assert_float_eq(adv_graph_adamic_adar(&g, 0, v), aa, 1e-9);
		cr_assert_float_eq(adv_graph_resource_allocation(&g, v, 0), ra, 1e-9);
		uint32_t list[3000];
		cr_assert_eq(adv_graph_mutuals(&g, 0, v, list), want);
		for (size_t k = 1; k < want; k++)
			cr_assert_lt(list[k - 1], list[k], "ascending");
	}
	}
	free(in_hub);
	adv_graph_free(&g);
}
