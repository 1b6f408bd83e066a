/*
 * graph.c - CSR construction and the link primitives.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"

int adv_links_add(adv_links *l, uint32_t a, uint32_t b)
{
	if (a == b)
		return 0; /* a self-link says nothing about who knows whom */
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		void *p = realloc(l->pairs, cap * sizeof(*l->pairs));
		if (!p)
			return -1;
		l->pairs = p;
		l->cap = cap;
	}
	l->pairs[l->count][0] = a;
	l->pairs[l->count][1] = b;
	l->count++;
	return 0;
}

void adv_links_free(adv_links *l)
{
	free(l->pairs);
	memset(l, 0, sizeof(*l));
}

/* Rows are short (a few dozen ids): insertion sort for those, quicksort
 * above; qsort's indirect comparisons were a tenth of a large load. */
static void sort_u32(uint32_t *a, size_t n)
{
	while (n > 24) {
		uint32_t x = a[0], y = a[n / 2], z = a[n - 1];
		uint32_t pivot = x < y ? (y < z ? y : (x < z ? z : x))
				       : (x < z ? x : (y < z ? z : y));
		size_t i = 0, j = n - 1;
		for (;;) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i >= j)
				break;
			uint32_t t = a[i];
			a[i++] = a[j];
			a[j--] = t;
		}
		/* Recurse into the smaller part, loop on the larger. */
		if (j + 1 < n - j - 1) {
			sort_u32(a, j + 1);
			a += j + 1;
			n -= j + 1;
		} else {
			sort_u32(a + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++) {
		uint32_t v = a[i];
		size_t k = i;
		while (k > 0 && a[k - 1] > v) {
			a[k] = a[k - 1];
			k--;
		}
		a[k] = v;
	}
}

int adv_graph_build(adv_graph *g, uint32_t n, adv_links *links)
{
	uint32_t *fill = NULL;
	int rc = -1;

	memset(g, 0, sizeof(*g));
	g->n = n;
	g->off = calloc((size_t)n + 1, sizeof(uint32_t));
	fill = calloc((size_t)n + 1, sizeof(uint32_t));
	if (!g->off || !fill || links->count > UINT32_MAX / 2)
		goto done;

	/* Count both directions, then place each link twice. */
	for (size_t i = 0; i < links->count; i++) {
		g->off[links->pairs[i][0] + 1]++;
		g->off[links->pairs[i][1] + 1]++;
	}
	for (uint32_t v = 0; v < n; v++)
		g->off[v + 1] += g->off[v];
	g->adj = malloc(((size_t)g->off[n] ? g->off[n] : 1) * sizeof(uint32_t));
	if (!g->adj)
		goto done;
	memcpy(fill, g->off, ((size_t)n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < links->count; i++) {
		uint32_t a = links->pairs[i][0], b = links->pairs[i][1];
		g->adj[fill[a]++] = b;
		g->adj[fill[b]++] = a;
	}
	adv_links_free(links);

	/* Sort each row and drop duplicates (a link listed by both ends), then
	 * close the gaps so rows stay contiguous. */
	uint32_t out = 0;
	for (uint32_t v = 0; v < n; v++) {
		uint32_t lo = g->off[v], hi = g->off[v + 1];
		uint32_t start = out;
		sort_u32(g->adj + lo, hi - lo);
		for (uint32_t i = lo; i < hi; i++)
			if (out == start || g->adj[out - 1] != g->adj[i])
				g->adj[out++] = g->adj[i];
		g->off[v] = start;
	}
	g->off[n] = out;
	rc = 0;
done:
	free(fill);
	adv_links_free(links);
	if (rc < 0)
		adv_graph_free(g);
	return rc;
}

void adv_graph_free(adv_graph *g)
{
	free(g->off);
	free(g->adj);
	free(g->hub_bits);
	memset(g, 0, sizeof(*g));
}

int adv_graph_set_hub(adv_graph *g, uint32_t v)
{
	uint64_t *bits = calloc(((size_t)g->n + 63) / 64 + 1, sizeof(uint64_t));
	if (!bits)
		return -1;
	for (uint32_t i = g->off[v]; i < g->off[v + 1]; i++)
		bits[g->adj[i] >> 6] |= 1ULL << (g->adj[i] & 63);
	free(g->hub_bits);
	g->hub_bits = bits;
	g->hub = v;
	return 0;
}

int adv_graph_linked(const adv_graph *g, uint32_t a, uint32_t b)
{
	if (adv_graph_degree(g, a) > adv_graph_degree(g, b)) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	const uint32_t *lo = g->adj + g->off[a], *hi = g->adj + g->off[a + 1];
	while (lo < hi) {
		const uint32_t *mid = lo + (hi - lo) / 2;
		if (*mid == b)
			return 1;
		if (*mid < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The first position in [lo, hi) whose value is >= v, galloping from lo:
 * cheap when the answer is near, logarithmic when it is far.  The binary
 * search that ends it moves by a conditional move, not a branch: with
 * random ids each of its steps would be mispredicted half the time. */
static const uint32_t *gallop(const uint32_t *lo, const uint32_t *hi,
	uint32_t v)
{
	size_t step = 1;
	while (lo + step < hi && lo[step] < v)
		step *= 2;
	const uint32_t *base = lo + step / 2;
	size_t n = (size_t)((lo + step < hi ? lo + step + 1 : hi) - base);
	if (n == 0)
		return base;
	while (n > 1) {
		size_t half = n / 2;
		base = base[half] < v ? base + half : base;
		n -= half;
	}
	return base + (*base < v);
}

/*
 * Every common-neighbour measure is the same walk over two sorted rows; what
 * it does with each common neighbour is a macro argument, so that each
 * measure gets its own loop with no call per neighbour.  The walk is one of
 * three: the hub (you) against anyone tests the other row against your
 * bitset; a row sixteen times longer than the other is searched (galloping)
 * for each of the short row; otherwise a merge whose steps are computed,
 * not branched on, since which row advances is a coin toss.
 */
#define FOR_EACH_MUTUAL(g, a, b, z, VISIT) do { \
	const uint32_t *x_ = (g)->adj + (g)->off[a], *xe_ = (g)->adj + (g)->off[(a) + 1]; \
	const uint32_t *y_ = (g)->adj + (g)->off[b], *ye_ = (g)->adj + (g)->off[(b) + 1]; \
	if ((g)->hub_bits && ((a) == (g)->hub || (b) == (g)->hub) && (a) != (b)) { \
		const uint64_t *bits_ = (g)->hub_bits; \
		const uint32_t *r_ = (a) == (g)->hub ? y_ : x_; \
		const uint32_t *re_ = (a) == (g)->hub ? ye_ : xe_; \
		for (; r_ < re_; r_++) \
			if (bits_[*r_ >> 6] & (1ULL << (*r_ & 63))) { \
				uint32_t z = *r_; \
				VISIT; \
			} \
	} else if ((size_t)(xe_ - x_) > 16 * (size_t)(ye_ - y_) || \
		   (size_t)(ye_ - y_) > 16 * (size_t)(xe_ - x_)) { \
		if (xe_ - x_ > ye_ - y_) { \
			const uint32_t *t_ = x_, *te_ = xe_; \
			x_ = y_, xe_ = ye_, y_ = t_, ye_ = te_; \
		} \
		for (; x_ < xe_ && y_ < ye_; x_++) { \
			y_ = gallop(y_, ye_, *x_); \
			if (y_ < ye_ && *y_ == *x_) { \
				uint32_t z = *x_; \
				VISIT; \
				y_++; \
			} \
		} \
	} else { \
		while (x_ < xe_ && y_ < ye_) { \
			uint32_t u_ = *x_, v_ = *y_; \
			if (u_ == v_) { \
				uint32_t z = u_; \
				VISIT; \
			} \
			x_ += u_ <= v_; \
			y_ += v_ <= u_; \
		} \
	} \
} while (0)

size_t adv_graph_mutual_count(const adv_graph *g, uint32_t a, uint32_t b)
{
	size_t n = 0;
	FOR_EACH_MUTUAL(g, a, b, z, ((void)z, n++));
	return n;
}

size_t adv_graph_mutuals(const adv_graph *g, uint32_t a, uint32_t b,
	uint32_t *out)
{
	size_t n = 0;
	FOR_EACH_MUTUAL(g, a, b, z, out[n++] = z);
	return n;
}

double adv_graph_jaccard(const adv_graph *g, uint32_t a, uint32_t b)
{
	size_t common = adv_graph_mutual_count(g, a, b);
	size_t uni = (size_t)adv_graph_degree(g, a) + adv_graph_degree(g, b) - common;
	return uni ? (double)common / (double)uni : 0.0;
}

/* A common neighbour of two distinct people has degree >= 2; only a == b
 * can reach degree 1, where ln 1 = 0 would divide by zero. */
double adv_graph_adamic_adar(const adv_graph *g, uint32_t a, uint32_t b)
{
	double sum = 0.0;
	FOR_EACH_MUTUAL(g, a, b, z, {
		uint32_t d = adv_graph_degree(g, z);
		if (d > 1)
			sum += 1.0 / log((double)d);
	});
	return sum;
}

double adv_graph_resource_allocation(const adv_graph *g, uint32_t a,
	uint32_t b)
{
	double sum = 0.0;
	FOR_EACH_MUTUAL(g, a, b, z, sum += 1.0 / (double)adv_graph_degree(g, z));
	return sum;
}

void adv_walk_free(adv_walk *w)
{
	for (int s = 0; s < 2; s++) {
		free(w->seen[s]);
		free(w->dist[s]);
		free(w->queue[s]);
	}
	memset(w, 0, sizeof(*w));
}

static int walk_ready(adv_walk *w, uint32_t n)
{
	if (w->n == n && w->seen[0])
		return 0;
	adv_walk_free(w);
	for (int s = 0; s < 2; s++) {
		w->seen[s] = calloc(n ? n : 1, sizeof(uint32_t));
		w->dist[s] = malloc(n ? n : 1);
		w->queue[s] = malloc((n ? n : 1) * sizeof(uint32_t));
		if (!w->seen[s] || !w->dist[s] || !w->queue[s]) {
			adv_walk_free(w);
			return -1;
		}
	}
	w->n = n;
	return 0;
}

int adv_graph_distance(const adv_graph *g, uint32_t a, uint32_t b, int max,
	adv_walk *w)
{
	size_t head[2] = { 0, 0 }, tail[2] = { 1, 1 };
	int level[2] = { 0, 0 };

	if (a == b)
		return 0;
	if (max > 32)
		max = 32;
	if (max < 1)
		return -1;
	if (walk_ready(w, g->n) < 0)
		return -2;
	if (++w->epoch == 0) {
		/* Stamps wrapped: start again from clean arrays. */
		for (int s = 0; s < 2; s++)
			memset(w->seen[s], 0, (size_t)g->n * sizeof(uint32_t));
		w->epoch = 1;
	}
	const uint32_t ep = w->epoch;
	uint32_t start[2] = { a, b };
	for (int s = 0; s < 2; s++) {
		w->seen[s][start[s]] = ep;
		w->dist[s][start[s]] = 0;
		w->queue[s][0] = start[s];
	}

	/* Expand one whole level of the smaller frontier at a time; the first
	 * level that touches the other side holds the shortest meeting point. */
	while (level[0] + level[1] < max) {
		int s = (tail[0] - head[0]) <= (tail[1] - head[1]) ? 0 : 1;
		int o = 1 - s;
		int best = -1;
		size_t end = tail[s];

		if (head[s] == end)
			return -1; /* this side is exhausted: no path */
		for (; head[s] < end; head[s]++) {
			uint32_t u = w->queue[s][head[s]];
			for (uint32_t i = g->off[u]; i < g->off[u + 1]; i++) {
				uint32_t v = g->adj[i];
				if (w->seen[s][v] == ep)
					continue;
				w->seen[s][v] = ep;
				w->dist[s][v] = (uint8_t)(level[s] + 1);
				w->queue[s][tail[s]++] = v;
				if (w->seen[o][v] == ep) {
					int d = level[s] + 1 + w->dist[o][v];
					if (best < 0 || d < best)
						best = d;
				}
			}
		}
		level[s]++;
		if (best >= 0)
			return best <= max ? best : -1;
	}
	return -1;
}
