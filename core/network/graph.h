/*
 * graph.h - who knows whom, as compressed sparse rows, and the link
 * primitives the policy calls.
 *
 * Node v's neighbours are adj[off[v] .. off[v+1]), sorted ascending and
 * without duplicates or self-links, so that mutual connections are a merge
 * of two sorted arrays and a graph walk reads memory in order.
 */
#ifndef ADV_GRAPH_H
#define ADV_GRAPH_H

#include <stddef.h>
#include <stdint.h>

typedef struct adv_graph {
	uint32_t n;      /* nodes */
	uint32_t *off;   /* n + 1 offsets into adj */
	uint32_t *adj;   /* 2 * links entries */
	/* One node nearly every question involves (you): its neighbours as a
	 * bitset, so that "whom do you and this person both know" walks only
	 * the person's row.  NULL until adv_graph_set_hub(). */
	uint32_t hub;
	uint64_t *hub_bits;
	/* aa_weight[d] = 1 / ln(d) for every degree d up to the largest (0
	 * below 2), so that Adamic-Adar reads a weight per common neighbour
	 * instead of taking a logarithm.  NULL until adv_graph_seal(), and
	 * computed on the fly without it (the same values, bit for bit). */
	double *aa_weight;
	uint32_t max_degree;
	/* How rows of similar length are intersected (ADV_ISECT_*), chosen by
	 * adv_graph_seal() for the CPU it runs on; 0 (a zeroed graph) is the
	 * best kernel that needs no runtime check. */
	int isect;
} adv_graph;

enum {
	ADV_ISECT_BASELINE = 0, /* SSE2 blocks on x86-64, else ADV_ISECT_SCALAR */
	ADV_ISECT_SCALAR,       /* one element at a time, portable C */
	ADV_ISECT_AVX2,         /* AVX2 blocks (x86-64 with AVX2 only) */
};

/* An undirected link list being collected before the graph is built. */
typedef struct adv_links {
	uint32_t (*pairs)[2];
	size_t count, cap;
} adv_links;

int adv_links_add(adv_links *l, uint32_t a, uint32_t b);
void adv_links_free(adv_links *l);

/* Build the CSR for n nodes from the links (which it frees).  0 or -1 (out
 * of memory). */
int adv_graph_build(adv_graph *g, uint32_t n, adv_links *links);
void adv_graph_free(adv_graph *g);

/* Make the built graph ready for the primitives: v becomes the hub (see
 * above), the Adamic-Adar weights are tabulated and the intersection kernel
 * is chosen for this CPU.  Only reads the rows, so a graph whose rows live
 * elsewhere (a snapshot) is sealed the same way.  0, or -1 out of memory
 * (the graph then works the same, only slower). */
int adv_graph_seal(adv_graph *g, uint32_t v);

/* Free what adv_graph_seal() made, not the rows (adv_graph_free() frees
 * both). */
void adv_graph_unseal(adv_graph *g);

static inline uint32_t adv_graph_degree(const adv_graph *g, uint32_t v)
{
	return g->off[v + 1] - g->off[v];
}

/* Non-zero if a and b are linked (binary search in the smaller list). */
int adv_graph_linked(const adv_graph *g, uint32_t a, uint32_t b);

/* Number of common neighbours of a and b. */
size_t adv_graph_mutual_count(const adv_graph *g, uint32_t a, uint32_t b);

/* The common neighbours, ascending, written to out (which must hold the
 * smaller of the two degrees); returns how many. */
size_t adv_graph_mutuals(const adv_graph *g, uint32_t a, uint32_t b,
	uint32_t *out);

/* |N(a) & N(b)| / |N(a) | N(b)|; 0 when both have no neighbours. */
double adv_graph_jaccard(const adv_graph *g, uint32_t a, uint32_t b);

/* Sum over common neighbours z of 1 / ln(degree(z)) (Adamic & Adar 2003). */
double adv_graph_adamic_adar(const adv_graph *g, uint32_t a, uint32_t b);

/* Sum over common neighbours z of 1 / degree(z) (Zhou, Lu & Zhang 2009). */
double adv_graph_resource_allocation(const adv_graph *g, uint32_t a,
	uint32_t b);

/* Scratch space for walks, owned by whoever walks (one per engine), so the
 * graph itself stays read-only and shareable between threads. */
typedef struct adv_walk {
	uint32_t n;
	uint32_t epoch;
	uint32_t *seen[2];   /* epoch stamp per node, one array per side */
	uint8_t *dist[2];    /* distance from each side's start */
	uint32_t *queue[2];  /* frontiers */
} adv_walk;

void adv_walk_free(adv_walk *w);

/* Degrees of separation between a and b (0 if a == b), found by a
 * bidirectional breadth-first search that gives up beyond max (at most 32).
 * Returns the distance, -1 if farther than max or unreachable, -2 if out of
 * memory. */
int adv_graph_distance(const adv_graph *g, uint32_t a, uint32_t b, int max,
	adv_walk *w);

#endif
