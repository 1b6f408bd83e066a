/*
 * bench_primitives - the graph primitives against Python networkx.
 *
 *   bench_primitives --network FILE [--pairs K] [--seed S] [--shared PCT]
 *                    [--pairs-out FILE] [--min-time SEC] [--python PY]
 *                    [--no-python]
 *
 * Loads the network, draws K pairs of declared people (deterministic from
 * the seed): PCT% (default 80) that share at least one neighbour (u, a
 * neighbour z of u, a neighbour v of z), the rest drawn until they share
 * none.  Writes the pairs ("u<TAB>v" a line) to a file, then times, each
 * as the fastest pass over all pairs among passes repeated for at least
 * --min-time seconds (default 0.5):
 *   adv_graph_mutual_count, adv_graph_mutuals, adv_graph_adamic_adar
 * (and the same with both ids looked up first, as a caller with ids does),
 * then (me, person) pairs as the default policy asks for them, with a
 * what-if in bench code (a bitset of me's links instead of a merge).
 * Then, if a Python with networkx is found (--python, $ADVISOR_PYTHON,
 * /usr/bin/python3, python3), runs networkx_primitives.py on the same
 * network file and pairs, checks that the values agree (mutual counts
 * exactly, the sum of Adamic-Adar to 1e-9 relative), and prints the
 * speed-ups.  Target (issue): >= 100x networkx on a 100k-person network.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advisor.h"
#include "bench_common.h"
#include "network/graph.h"
#include "network/network.h"

#ifndef BENCH_SCRIPT
#define BENCH_SCRIPT "networkx_primitives.py"
#endif

typedef struct pair {
	uint32_t u, v;
} pair;

static volatile double sink_d;
static volatile size_t sink_z;

static void usage(void)
{
	fprintf(stderr,
		"usage: bench_primitives --network FILE [--pairs K] [--seed S] [--shared PCT]\n"
		"                        [--pairs-out FILE] [--min-time SEC] [--python PY]\n"
		"                        [--no-python]\n");
}

/* Declared people with at least one link. */
static uint32_t *linked_people(const advisor_network *net, size_t *count)
{
	uint32_t *v = malloc((net->people_count ? net->people_count : 1) * sizeof(*v));
	size_t n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < net->people_count; i++) {
		uint32_t node = net->people[i].node;
		if (adv_graph_degree(&net->graph, node) > 0)
			v[n++] = node;
	}
	*count = n;
	return v;
}

static int is_person(const advisor_network *net, uint32_t node)
{
	return net->node_person[node] >= 0;
}

static pair *draw_pairs(const advisor_network *net, size_t k, unsigned pct,
	uint64_t seed, size_t *shared_out)
{
	const adv_graph *g = &net->graph;
	size_t np;
	uint32_t *people = linked_people(net, &np);
	pair *pairs = malloc((k ? k : 1) * sizeof(*pairs));
	bench_rng r;
	size_t shared_target = k * pct / 100, shared = 0;

	if (!people || !pairs || np < 2)
		return NULL;
	bench_rng_seed(&r, seed);
	for (size_t i = 0; i < k; i++) {
		uint32_t u, v;
		int tries = 0;
		if (i < shared_target) {
			for (;;) {
				u = people[bench_rng_below(&r, np)];
				uint32_t du = adv_graph_degree(g, u);
				uint32_t z = g->adj[g->off[u] + bench_rng_below(&r, du)];
				uint32_t dz = adv_graph_degree(g, z);
				v = g->adj[g->off[z] + bench_rng_below(&r, dz)];
				if (v != u && is_person(net, v))
					break;
				if (++tries > 1000) {
					fprintf(stderr, "bench_primitives: cannot draw pairs with mutual connections\n");
					return NULL;
				}
			}
			shared++;
		} else {
			for (;;) {
				u = people[bench_rng_below(&r, np)];
				v = people[bench_rng_below(&r, np)];
				if (u != v && adv_graph_mutual_count(g, u, v) == 0)
					break;
				if (++tries > 1000) {
					/* A dense graph: take a pair that shares some. */
					break;
				}
			}
		}
		pairs[i].u = u;
		pairs[i].v = v;
	}
	free(people);
	*shared_out = shared;
	return pairs;
}

enum { P_COUNT, P_LIST, P_AA, P_COUNT_ID, P_AA_ID };

/* One pass over the pairs with primitive `which`. */
static void pass(const advisor_network *net, const pair *pairs, size_t k,
	int which, uint32_t *buf, size_t *count_sum, double *aa_sum)
{
	const adv_graph *g = &net->graph;
	size_t cs = 0;
	double as = 0;
	for (size_t i = 0; i < k; i++) {
		uint32_t u = pairs[i].u, v = pairs[i].v;
		switch (which) {
		case P_COUNT:
			cs += adv_graph_mutual_count(g, u, v);
			break;
		case P_LIST:
			cs += adv_graph_mutuals(g, u, v, buf);
			break;
		case P_AA:
			as += adv_graph_adamic_adar(g, u, v);
			break;
		case P_COUNT_ID:
			cs += adv_graph_mutual_count(g,
				adv_network_find(net, adv_node_id(net, u)),
				adv_network_find(net, adv_node_id(net, v)));
			break;
		case P_AA_ID:
			as += adv_graph_adamic_adar(g,
				adv_network_find(net, adv_node_id(net, u)),
				adv_network_find(net, adv_node_id(net, v)));
			break;
		}
	}
	*count_sum = cs;
	*aa_sum = as;
}

/*
 * What-if, in bench code only (not the library): the default policy asks
 * for mutuals(me, person) and adamic_adar(me, person) on every request, and
 * me is the hub of the network (every connected person links to me: 5,000
 * links at 100k people, 50,000 at 1M).  Merging me's long row with a
 * person's short one costs O(deg me); probing a bitset of me's neighbours
 * with the person's row costs O(deg person).  Common neighbours come out in
 * the same ascending order, so the Adamic-Adar sums are bit-identical.
 */
typedef struct me_bits {
	uint64_t *bits;
} me_bits;

static me_bits me_bits_make(const adv_graph *g, uint32_t me)
{
	me_bits b = { calloc((size_t)g->n / 64 + 1, sizeof(uint64_t)) };
	if (b.bits)
		for (uint32_t i = g->off[me]; i < g->off[me + 1]; i++)
			b.bits[g->adj[i] >> 6] |= 1ULL << (g->adj[i] & 63);
	return b;
}

/* Count and Adamic-Adar of (me, p) in one pass over p's row. */
static size_t me_bits_pair(const adv_graph *g, const me_bits *b, uint32_t p,
	double *aa)
{
	size_t n = 0;
	double sum = 0;
	for (uint32_t i = g->off[p]; i < g->off[p + 1]; i++) {
		uint32_t z = g->adj[i];
		if (b->bits[z >> 6] >> (z & 63) & 1) {
			uint32_t d = adv_graph_degree(g, z);
			if (d > 1)
				sum += 1.0 / log((double)d);
			n++;
		}
	}
	*aa = sum;
	return n;
}

static double time_me_bits(const advisor_network *net, const me_bits *b,
	const pair *pairs, size_t k, double min_time, size_t *count_sum,
	double *aa_sum)
{
	long reps = 0;
	double start = bench_now(), best = -1;
	do {
		double t0 = bench_now(), as = 0, a;
		size_t cs = 0;
		for (size_t i = 0; i < k; i++) {
			cs += me_bits_pair(&net->graph, b, pairs[i].v, &a);
			as += a;
		}
		double t = bench_now() - t0;
		*count_sum = cs;
		*aa_sum = as;
		if (reps++ > 0 && (best < 0 || t < best)) /* the first warms up */
			best = t;
	} while (bench_now() - start < min_time || reps < 4);
	sink_d += *aa_sum;
	return best / (double)k;
}

/* Seconds per pair: the fastest of whole passes repeated for at least
 * min_time (the fastest, like Python's best of R: a busy machine only ever
 * slows a pass down). */
static double time_primitive(const advisor_network *net, const pair *pairs,
	size_t k, int which, uint32_t *buf, double min_time, size_t *count_sum,
	double *aa_sum, long *reps_out)
{
	long reps = 0;
	double start, best = -1;
	pass(net, pairs, k, which, buf, count_sum, aa_sum); /* warm-up */
	start = bench_now();
	do {
		double t0 = bench_now();
		pass(net, pairs, k, which, buf, count_sum, aa_sum);
		double t = bench_now() - t0;
		if (best < 0 || t < best)
			best = t;
		reps++;
	} while (bench_now() - start < min_time || reps < 3);
	sink_z += *count_sum;
	sink_d += *aa_sum;
	*reps_out = reps;
	return best / (double)k;
}

static int python_ok(const char *py)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "'%s' -c 'import networkx' >/dev/null 2>&1", py);
	return system(cmd) == 0;
}

int main(int argc, char **argv)
{
	const char *net_path = NULL, *pairs_path = NULL, *python = NULL;
	size_t k = 20000;
	unsigned pct = 80;
	uint64_t seed = 42;
	double min_time = 0.5;
	int no_python = 0;
	char default_pairs[4096];
	advisor_network *net = NULL;
	advisor_error err;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage();
			return 0;
		}
		if (strcmp(a, "--no-python") == 0) {
			no_python = 1;
			continue;
		}
		if (!v) {
			usage();
			return 2;
		}
		if (strcmp(a, "--network") == 0)
			net_path = v;
		else if (strcmp(a, "--pairs") == 0)
			k = strtoull(v, NULL, 10);
		else if (strcmp(a, "--seed") == 0)
			seed = strtoull(v, NULL, 10);
		else if (strcmp(a, "--shared") == 0)
			pct = (unsigned)atoi(v);
		else if (strcmp(a, "--pairs-out") == 0)
			pairs_path = v;
		else if (strcmp(a, "--min-time") == 0)
			min_time = atof(v);
		else if (strcmp(a, "--python") == 0)
			python = v;
		else {
			usage();
			return 2;
		}
		i++;
	}
	if (!net_path || k == 0 || pct > 100) {
		usage();
		return 2;
	}
	if (!pairs_path) {
		snprintf(default_pairs, sizeof(default_pairs), "%s.pairs.tsv", net_path);
		pairs_path = default_pairs;
	}

	double t0 = bench_now();
	if (advisor_network_load(&net, net_path, NULL, &err) < 0) {
		fprintf(stderr, "bench_primitives: %s\n", err.message);
		return 1;
	}
	const adv_graph *g = &net->graph;
	uint32_t maxdeg = 0;
	for (uint32_t v = 0; v < g->n; v++)
		if (adv_graph_degree(g, v) > maxdeg)
			maxdeg = adv_graph_degree(g, v);
	printf("network %s: %zu people, %u nodes, %u links, max degree %u (loaded in %.2f s)\n",
		net_path, advisor_network_person_count(net), g->n, g->off[g->n] / 2, maxdeg,
		bench_now() - t0);

	size_t shared;
	pair *pairs = draw_pairs(net, k, pct, seed, &shared);
	if (!pairs)
		return 1;
	FILE *f = fopen(pairs_path, "w");
	if (!f) {
		perror(pairs_path);
		return 1;
	}
	double deg_sum = 0;
	for (size_t i = 0; i < k; i++) {
		fprintf(f, "%s\t%s\n", adv_node_id(net, pairs[i].u), adv_node_id(net, pairs[i].v));
		deg_sum += adv_graph_degree(g, pairs[i].u) + adv_graph_degree(g, pairs[i].v);
	}
	if (fclose(f) != 0) {
		perror(pairs_path);
		return 1;
	}
	printf("pairs %s: %zu (%zu drawn through a common neighbour, seed %llu), "
		"mean degree of an endpoint %.1f\n", pairs_path, k, shared,
		(unsigned long long)seed, deg_sum / (2.0 * (double)k));

	uint32_t *buf = malloc(((size_t)maxdeg + 1) * sizeof(*buf));
	if (!buf)
		return 1;
	size_t cnt, cnt_list, cnt_id;
	double aa, aa_id, dummy;
	long reps;
	double c_count = time_primitive(net, pairs, k, P_COUNT, buf, min_time, &cnt, &dummy, &reps);
	printf("C times: the fastest of repeated passes over all pairs\n");
	printf("C adv_graph_mutual_count:   %9.1f ns/pair  (%ld passes; mutual sum %zu)\n",
		c_count * 1e9, reps, cnt);
	double c_list = time_primitive(net, pairs, k, P_LIST, buf, min_time, &cnt_list, &dummy, &reps);
	printf("C adv_graph_mutuals (list): %9.1f ns/pair  (%ld passes; mutual sum %zu)\n",
		c_list * 1e9, reps, cnt_list);
	double c_aa = time_primitive(net, pairs, k, P_AA, buf, min_time, &cnt, &aa, &reps);
	printf("C adv_graph_adamic_adar:    %9.1f ns/pair  (%ld passes; sum %.17g)\n",
		c_aa * 1e9, reps, aa);
	double c_count_id = time_primitive(net, pairs, k, P_COUNT_ID, buf, min_time, &cnt_id, &dummy, &reps);
	double c_aa_id = time_primitive(net, pairs, k, P_AA_ID, buf, min_time, &cnt, &aa_id, &reps);
	printf("C with both ids looked up:  %9.1f ns/pair mutual_count, %.1f ns/pair adamic_adar\n",
		c_count_id * 1e9, c_aa_id * 1e9);
	/* The policy's own use: mutuals(me, person) and adamic_adar(me,
	 * person) on every request. */
	pair *mine = malloc(k * sizeof(*mine));
	if (!mine)
		return 1;
	for (size_t i = 0; i < k; i++) {
		mine[i].u = net->me.node;
		mine[i].v = pairs[i].u;
	}
	size_t m_cnt, mb_cnt;
	double m_aa, mb_aa;
	double m_list = time_primitive(net, mine, k, P_LIST, buf, min_time, &m_cnt, &dummy, &reps);
	double m_aa_t = time_primitive(net, mine, k, P_AA, buf, min_time, &cnt, &m_aa, &reps);
	me_bits mb = me_bits_make(g, net->me.node);
	if (!mb.bits)
		return 1;
	double mb_t = time_me_bits(net, &mb, mine, k, min_time, &mb_cnt, &mb_aa);
	free(mb.bits);
	printf("pairs (me, person) as the policy asks, me of degree %u:\n"
		"  library: mutuals %.1f ns + adamic_adar %.1f ns = %.1f ns/person\n"
		"  what-if, a bitset of me's links (bench code, not the library): %.1f ns/person for both "
		"(%.0fx less; same values: %s)\n",
		adv_graph_degree(g, net->me.node), m_list * 1e9, m_aa_t * 1e9,
		(m_list + m_aa_t) * 1e9, mb_t * 1e9, (m_list + m_aa_t) / mb_t,
		mb_cnt == m_cnt && fabs(mb_aa - m_aa) <= 1e-9 * fabs(m_aa) ? "yes" : "NO");
	free(mine);
	fflush(stdout);

	if (no_python) {
		printf("networkx: skipped (--no-python)\n");
		return 0;
	}
	const char *candidates[] = { python, getenv("ADVISOR_PYTHON"),
		"/usr/bin/python3", "python3" };
	const char *py = NULL;
	for (size_t i = 0; i < sizeof(candidates) / sizeof(*candidates) && !py; i++)
		if (candidates[i] && *candidates[i] && python_ok(candidates[i]))
			py = candidates[i];
	if (!py) {
		printf("networkx: not available (no python3 that can import networkx; "
			"apt-get install python3-networkx)\n");
		return 0;
	}
	char cmd[8192];
	snprintf(cmd, sizeof(cmd), "'%s' '%s' '%s' '%s'", py, BENCH_SCRIPT, net_path,
		pairs_path);
	printf("running: %s\n", cmd);
	fflush(stdout);
	FILE *p = popen(cmd, "r");
	if (!p) {
		perror("popen");
		return 1;
	}
	char linebuf[512];
	double py_cn = -1, py_aa = -1, py_aa_sum = NAN, py_build = -1;
	long long py_mutual = -1, py_links = -1;
	char nx_version[64] = "?";
	while (fgets(linebuf, sizeof(linebuf), p)) {
		char key[128], val[256];
		if (sscanf(linebuf, "%127s %255s", key, val) != 2)
			continue;
		if (strcmp(key, "common_neighbors_us_per_pair") == 0)
			py_cn = atof(val) * 1e-6;
		else if (strcmp(key, "adamic_adar_us_per_pair") == 0)
			py_aa = atof(val) * 1e-6;
		else if (strcmp(key, "adamic_adar_sum") == 0)
			py_aa_sum = strtod(val, NULL);
		else if (strcmp(key, "mutual_sum") == 0)
			py_mutual = atoll(val);
		else if (strcmp(key, "links") == 0)
			py_links = atoll(val);
		else if (strcmp(key, "build_seconds") == 0)
			py_build = atof(val);
		else if (strcmp(key, "networkx_version") == 0)
			snprintf(nx_version, sizeof(nx_version), "%.63s", val);
	}
	int status = pclose(p);
	if (status != 0 || py_cn < 0 || py_aa < 0) {
		fprintf(stderr, "bench_primitives: the networkx script failed (status %d)\n", status);
		return 1;
	}
	printf("networkx %s: graph built in %.1f s, %lld links (C: %u)\n", nx_version,
		py_build, py_links, g->off[g->n] / 2);
	printf("networkx common_neighbors:  %9.1f ns/pair  (mutual sum %lld)\n",
		py_cn * 1e9, py_mutual);
	printf("networkx adamic_adar_index: %9.1f ns/pair  (sum %.17g)\n",
		py_aa * 1e9, py_aa_sum);
	double rel = fabs(py_aa_sum - aa) / (fabs(aa) > 0 ? fabs(aa) : 1);
	int values_ok = py_mutual == (long long)cnt_list && py_links == (long long)(g->off[g->n] / 2)
		&& rel <= 1e-9;
	printf("values agree: %s (mutual sums %zu vs %lld; Adamic-Adar relative difference %.2g)\n",
		values_ok ? "yes" : "NO", cnt_list, py_mutual, rel);
	printf("speed-up mutual connections: %.0fx (list vs len(list(common_neighbors))), "
		"%.0fx (count)\n", py_cn / c_list, py_cn / c_count);
	printf("speed-up Adamic-Adar:        %.0fx  (with id lookups: %.0fx)\n",
		py_aa / c_aa, py_aa / c_aa_id);

	printf("target >= 100x: mutuals %s, Adamic-Adar %s\n",
		py_cn / c_list >= 100 ? "met" : "MISSED",
		py_aa / c_aa >= 100 ? "met" : "MISSED");
	free(buf);
	free(pairs);
	advisor_network_free(net);
	(void)cnt_id;
	return values_ok ? 0 : 1;
}
