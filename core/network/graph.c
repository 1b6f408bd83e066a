/*
 * graph.c - CSR construction and the link primitives.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "network/graph.h"

#if defined(__x86_64__) && defined(__GNUC__)
#define ADV_X86_64 1
#include <immintrin.h>
#else
#define ADV_X86_64 0
#endif

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
	adv_graph_unseal(g);
	free(g->off);
	free(g->adj);
	memset(g, 0, sizeof(*g));
}

void adv_graph_unseal(adv_graph *g)
{
	free(g->hub_bits);
	free(g->aa_weight);
	g->hub_bits = NULL;
	g->aa_weight = NULL;
	g->max_degree = 0;
	g->isect = ADV_ISECT_BASELINE;
}

/* The kernel for rows of similar length, for the CPU this runs on.  Asked
 * once per graph, so the answer lives in the graph, not in a global. */
static int best_isect(void)
{
#if ADV_X86_64
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		return ADV_ISECT_AVX2;
#endif
	return ADV_ISECT_BASELINE;
}

int adv_graph_seal(adv_graph *g, uint32_t v)
{
	uint32_t maxd = 0;
	adv_graph_unseal(g);
	for (uint32_t u = 0; u < g->n; u++)
		if (adv_graph_degree(g, u) > maxd)
			maxd = adv_graph_degree(g, u);
	uint64_t *bits = calloc(((size_t)g->n + 63) / 64 + 1, sizeof(uint64_t));
	double *w = malloc(((size_t)maxd + 1) * sizeof(double));
	if (!bits || !w) {
		free(bits);
		free(w);
		return -1;
	}
	if (v < g->n)
		for (uint32_t i = g->off[v]; i < g->off[v + 1]; i++)
			bits[g->adj[i] >> 6] |= 1ULL << (g->adj[i] & 63);
	/* The same expression the unsealed path evaluates per neighbour, so
	 * sealed and unsealed sums agree to the last bit. */
	for (uint32_t d = 0; d <= maxd; d++)
		w[d] = d > 1 ? 1.0 / log((double)d) : 0.0;
	g->hub_bits = bits;
	g->hub = v;
	g->aa_weight = w;
	g->max_degree = maxd;
	g->isect = best_isect();
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

/*
 * Common neighbours.  Every measure is the intersection of two sorted rows
 * followed by something per common neighbour; the intersection is done by
 * one of several kernels, each writing the common neighbours in ascending
 * order to a buffer, a chunk at a time, and the measure consumes the chunk.
 * So each measure has no call per neighbour, and every kernel is one
 * function whatever the measure (common neighbours are rare, under one a
 * pair in a large sparse network, so the buffer costs next to nothing).
 *
 * A kernel takes a cursor over the two rows and stops when they are
 * intersected (x == xe) or when fewer than ISECT_ROOM slots of `cap` are
 * left; the caller then calls it again with the same cursor.
 */
#define ISECT_ROOM 8 /* the most one step of any kernel writes */

typedef struct isect {
	const uint32_t *x, *xe; /* the shorter row, or the hub's partner's row */
	const uint32_t *y, *ye;
	const uint64_t *bits;   /* the hub's bitset (isect_hub) */
	const uint32_t *lo;     /* the start of adj: block reads stay above */
} isect;

/* x's row against the hub's bitset: O(len x), whatever the hub's degree. */
static size_t isect_hub(isect *s, uint32_t *out, size_t cap)
{
	const uint32_t *x = s->x, *xe = s->xe;
	const uint64_t *bits = s->bits;
	size_t n = 0;
	for (; x < xe; x++)
		if (bits[*x >> 6] & (1ULL << (*x & 63))) {
			out[n++] = *x;
			if (n > cap - ISECT_ROOM) {
				x++;
				break;
			}
		}
	s->x = x;
	return n;
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

/* Each of the short row x searched for in the long row y. */
static size_t isect_gallop(isect *s, uint32_t *out, size_t cap)
{
	const uint32_t *x = s->x, *xe = s->xe, *y = s->y, *ye = s->ye;
	size_t n = 0;
	for (; x < xe && y < ye; x++) {
		y = gallop(y, ye, *x);
		if (y < ye && *y == *x) {
			out[n++] = *x;
			y++;
			if (n > cap - ISECT_ROOM) {
				x++;
				break;
			}
		}
	}
	if (y >= ye)
		x = xe;
	s->x = x;
	s->y = y;
	return n;
}

/* A merge one element at a time: the portable kernel, and the tail of the
 * block kernels. */
static size_t isect_scalar(isect *s, uint32_t *out, size_t cap)
{
	const uint32_t *x = s->x, *xe = s->xe, *y = s->y, *ye = s->ye;
	size_t n = 0;
	while (x < xe && y < ye) {
		uint32_t u = *x, v = *y;
		if (u == v) {
			out[n++] = u;
			if (n > cap - ISECT_ROOM) {
				x++;
				y++;
				break;
			}
		}
		x += u <= v;
		y += v <= u;
	}
	if (y >= ye)
		x = xe;
	s->x = x;
	s->y = y;
	return n;
}

/* Append the elements of block p whose bits are set in mask, in order. */
static inline size_t emit(uint32_t *out, const uint32_t *p, unsigned mask)
{
	size_t n = 0;
	for (; mask; mask &= mask - 1)
		out[n++] = p[__builtin_ctz(mask)];
	return n;
}

/* k if a <= b, else 0: arithmetic rather than a comparison, which the
 * compiler would turn into a branch, mispredicted half the time when which
 * row advances is a coin toss.  (a - b - 1 is negative exactly when
 * a <= b; with 32-bit a and b it cannot overflow 64 bits.) */
static inline size_t if_le(uint32_t a, uint32_t b, size_t k)
{
	return k & ((size_t)0 - (size_t)(((uint64_t)a - (uint64_t)b - 1) >> 63));
}

#if ADV_X86_64
/*
 * Block merges: a block of 4 (SSE2) or 8 (AVX2) from each row, every
 * element of x's block compared with every element of y's (the y block
 * rotated through all positions), the matches read off a mask; then
 * whichever block ends lower is done with, both when they end equal.
 * Each element of y meets each block of x that overlaps it, so every
 * common element is found once, in ascending order.
 *
 * Once a row has less than a block left, its block is its last B
 * elements, read back into whatever precedes it in adj (the previous
 * rows): lanes before the cursor are masked off in x's block, and in y's
 * block replaced by y's last lane, which repeats an element and so
 * matches nothing new.  So the tail is the same straight-line code, not a
 * scalar merge whose steps would be mispredicted.  Only a block that would
 * start before adj itself (the first rows of all) goes to the scalar merge.
 */

/* Which lanes of x equal some lane of y. */
static inline unsigned match4(__m128i vx, __m128i vy)
{
	__m128i eq = _mm_or_si128(
		_mm_or_si128(_mm_cmpeq_epi32(vx, vy),
			_mm_cmpeq_epi32(vx, _mm_shuffle_epi32(vy, 0x39))),
		_mm_or_si128(_mm_cmpeq_epi32(vx, _mm_shuffle_epi32(vy, 0x4e)),
			_mm_cmpeq_epi32(vx, _mm_shuffle_epi32(vy, 0x93))));
	return (unsigned)_mm_movemask_ps(_mm_castsi128_ps(eq));
}

static size_t isect_sse2(isect *s, uint32_t *out, size_t cap)
{
	const uint32_t *x = s->x, *xe = s->xe, *y = s->y, *ye = s->ye;
	size_t n = 0;
	while (xe - x >= 4 && ye - y >= 4) {
		unsigned mask = match4(_mm_loadu_si128((const __m128i *)x),
			_mm_loadu_si128((const __m128i *)y));
		const uint32_t *bx = x;
		uint32_t xl = x[3], yl = y[3];
		x += if_le(xl, yl, 4);
		y += if_le(yl, xl, 4);
		if (mask) {
			n += emit(out + n, bx, mask);
			if (n > cap - ISECT_ROOM)
				goto done;
		}
	}
	/* The last blocks, read back (see above). */
	const __m128i lane = _mm_set_epi32(3, 2, 1, 0);
	while (x < xe && y < ye) {
		const uint32_t *bx = xe - x >= 4 ? x : xe - 4;
		const uint32_t *by = ye - y >= 4 ? y : ye - 4;
		if (bx < s->lo || by < s->lo) {
			s->x = x;
			s->y = y;
			return n + isect_scalar(s, out + n, cap - n);
		}
		int sx = (int)(x - bx), sy = (int)(y - by);
		__m128i vy = _mm_loadu_si128((const __m128i *)by);
		__m128i keep = _mm_cmpgt_epi32(lane, _mm_set1_epi32(sy - 1));
		vy = _mm_or_si128(_mm_and_si128(keep, vy),
			_mm_andnot_si128(keep, _mm_shuffle_epi32(vy, 0xff)));
		unsigned mask = match4(_mm_loadu_si128((const __m128i *)bx), vy) &
			(0xfu << sx);
		uint32_t xl = bx[3], yl = by[3];
		x += if_le(xl, yl, (size_t)(4 - sx));
		y += if_le(yl, xl, (size_t)(4 - sy));
		if (mask) {
			n += emit(out + n, bx, mask);
			if (n > cap - ISECT_ROOM)
				break;
		}
	}
done:
	s->x = y < ye ? x : xe;
	s->y = y;
	return n;
}

/* Which lanes of x equal some lane of y: both halves of y, each rotated
 * through its four positions. */
__attribute__((target("avx2")))
static inline unsigned match8(__m256i vx, __m256i vy)
{
	__m256i vs = _mm256_permute2x128_si256(vy, vy, 0x01);
	__m256i e0 = _mm256_or_si256(
		_mm256_or_si256(_mm256_cmpeq_epi32(vx, vy),
			_mm256_cmpeq_epi32(vx, _mm256_shuffle_epi32(vy, 0x39))),
		_mm256_or_si256(_mm256_cmpeq_epi32(vx, _mm256_shuffle_epi32(vy, 0x4e)),
			_mm256_cmpeq_epi32(vx, _mm256_shuffle_epi32(vy, 0x93))));
	__m256i e1 = _mm256_or_si256(
		_mm256_or_si256(_mm256_cmpeq_epi32(vx, vs),
			_mm256_cmpeq_epi32(vx, _mm256_shuffle_epi32(vs, 0x39))),
		_mm256_or_si256(_mm256_cmpeq_epi32(vx, _mm256_shuffle_epi32(vs, 0x4e)),
			_mm256_cmpeq_epi32(vx, _mm256_shuffle_epi32(vs, 0x93))));
	return (unsigned)_mm256_movemask_ps(
		_mm256_castsi256_ps(_mm256_or_si256(e0, e1)));
}

/* The same with blocks of 8. */
__attribute__((target("avx2")))
static size_t isect_avx2(isect *s, uint32_t *out, size_t cap)
{
	const uint32_t *x = s->x, *xe = s->xe, *y = s->y, *ye = s->ye;
	size_t n = 0;
	while (xe - x >= 8 && ye - y >= 8) {
		unsigned mask = match8(_mm256_loadu_si256((const __m256i *)x),
			_mm256_loadu_si256((const __m256i *)y));
		const uint32_t *bx = x;
		uint32_t xl = x[7], yl = y[7];
		x += if_le(xl, yl, 8);
		y += if_le(yl, xl, 8);
		if (mask) {
			n += emit(out + n, bx, mask);
			if (n > cap - ISECT_ROOM)
				goto done;
		}
	}
	/* The last blocks, read back (see above). */
	const __m256i lane = _mm256_set_epi32(7, 6, 5, 4, 3, 2, 1, 0);
	while (x < xe && y < ye) {
		const uint32_t *bx = xe - x >= 8 ? x : xe - 8;
		const uint32_t *by = ye - y >= 8 ? y : ye - 8;
		if (bx < s->lo || by < s->lo) {
			s->x = x;
			s->y = y;
			return n + isect_scalar(s, out + n, cap - n);
		}
		int sx = (int)(x - bx), sy = (int)(y - by);
		__m256i keep = _mm256_cmpgt_epi32(lane, _mm256_set1_epi32(sy - 1));
		__m256i vy = _mm256_blendv_epi8(_mm256_set1_epi32((int)by[7]),
			_mm256_loadu_si256((const __m256i *)by), keep);
		unsigned mask = match8(_mm256_loadu_si256((const __m256i *)bx), vy) &
			(0xffu << sx);
		uint32_t xl = bx[7], yl = by[7];
		x += if_le(xl, yl, (size_t)(8 - sx));
		y += if_le(yl, xl, (size_t)(8 - sy));
		if (mask) {
			n += emit(out + n, bx, mask);
			if (n > cap - ISECT_ROOM)
				break;
		}
	}
done:
	s->x = y < ye ? x : xe;
	s->y = y;
	return n;
}
#endif

/* Above this ratio of lengths, searching beats merging (block merges
 * are cheap enough that a search for each element of the short row only
 * pays off beyond about 32 times; measured on the 100k network). */
#define GALLOP_RATIO 32

enum { K_HUB, K_GALLOP, K_MERGE };

/* Ask for the cache lines of a row (its first 2 KiB) at once: the merges
 * read a row's lines one after another, each miss waiting for the
 * comparisons before it, where prefetches make the misses overlap.  On
 * the 100k network this took a third off the time of a pair. */
static inline void prefetch_row(const uint32_t *p, const uint32_t *e)
{
	const char *c = (const char *)p, *ce = (const char *)e;
	if (ce - c > 32 * 64)
		ce = c + 32 * 64;
	for (; c < ce; c += 64)
		__builtin_prefetch(c);
	if (p < e)
		__builtin_prefetch((const char *)e - 1);
}

/* Point the cursor at a's and b's rows and say which kernel intersects
 * them: the hub (you) against anyone tests the other row against your
 * bitset; a row GALLOP_RATIO times longer than the other is searched for
 * each of the short row; otherwise the rows are merged. */
static int isect_begin(const adv_graph *g, uint32_t a, uint32_t b, isect *s)
{
	const uint32_t *x = g->adj + g->off[a], *xe = g->adj + g->off[a + 1];
	const uint32_t *y = g->adj + g->off[b], *ye = g->adj + g->off[b + 1];
	s->bits = g->hub_bits;
	s->lo = g->adj;
	if (g->hub_bits && a != b && (a == g->hub || b == g->hub)) {
		if (a == g->hub) {
			x = y;
			xe = ye;
		}
		s->x = x;
		s->xe = xe;
		s->y = s->ye = NULL;
		return K_HUB;
	}
	if (xe - x > ye - y) {
		const uint32_t *t = x, *te = xe;
		x = y, xe = ye, y = t, ye = te;
	}
	s->x = x;
	s->xe = xe;
	s->y = y;
	s->ye = ye;
	prefetch_row(x, xe);
	if ((size_t)(ye - y) > GALLOP_RATIO * (size_t)(xe - x))
		return K_GALLOP; /* which reads little of the long row */
	prefetch_row(y, ye);
	return K_MERGE;
}

/* The next chunk of common neighbours (see above). */
static size_t isect_next(const adv_graph *g, int kind, isect *s,
	uint32_t *out, size_t cap)
{
	if (kind == K_HUB)
		return isect_hub(s, out, cap);
	if (kind == K_GALLOP)
		return isect_gallop(s, out, cap);
	switch (g->isect) {
#if ADV_X86_64
	case ADV_ISECT_BASELINE:
		return isect_sse2(s, out, cap);
	case ADV_ISECT_AVX2:
		return isect_avx2(s, out, cap);
#endif
	default:
		return isect_scalar(s, out, cap);
	}
}

#define ISECT_CHUNK 64

size_t adv_graph_mutual_count(const adv_graph *g, uint32_t a, uint32_t b)
{
	uint32_t buf[ISECT_CHUNK];
	isect s;
	size_t n = 0;
	int kind = isect_begin(g, a, b, &s);
	while (s.x < s.xe)
		n += isect_next(g, kind, &s, buf, ISECT_CHUNK);
	return n;
}

size_t adv_graph_mutuals(const adv_graph *g, uint32_t a, uint32_t b,
	uint32_t *out)
{
	isect s;
	size_t n = 0;
	int kind = isect_begin(g, a, b, &s);
	while (s.x < s.xe)
		n += isect_next(g, kind, &s, out + n, SIZE_MAX);
	return n;
}

double adv_graph_jaccard(const adv_graph *g, uint32_t a, uint32_t b)
{
	size_t common = adv_graph_mutual_count(g, a, b);
	size_t uni = (size_t)adv_graph_degree(g, a) + adv_graph_degree(g, b) - common;
	return uni ? (double)common / (double)uni : 0.0;
}

/* 1 / ln(degree of z), from the table once sealed.  A common neighbour of
 * two distinct people has degree >= 2; only a == b can reach degree 1,
 * where ln 1 = 0 would divide by zero: such a neighbour weighs 0. */
static inline double aa_weight(const adv_graph *g, uint32_t z)
{
	uint32_t d = adv_graph_degree(g, z);
	if (g->aa_weight)
		return g->aa_weight[d];
	return d > 1 ? 1.0 / log((double)d) : 0.0;
}

double adv_graph_adamic_adar(const adv_graph *g, uint32_t a, uint32_t b)
{
	uint32_t buf[ISECT_CHUNK];
	isect s;
	double sum = 0.0;
	int kind = isect_begin(g, a, b, &s);
	while (s.x < s.xe) {
		size_t k = isect_next(g, kind, &s, buf, ISECT_CHUNK);
		for (size_t i = 0; i < k; i++)
			sum += aa_weight(g, buf[i]);
	}
	return sum;
}

double adv_graph_resource_allocation(const adv_graph *g, uint32_t a,
	uint32_t b)
{
	uint32_t buf[ISECT_CHUNK];
	isect s;
	double sum = 0.0;
	int kind = isect_begin(g, a, b, &s);
	while (s.x < s.xe) {
		size_t k = isect_next(g, kind, &s, buf, ISECT_CHUNK);
		for (size_t i = 0; i < k; i++)
			sum += 1.0 / (double)adv_graph_degree(g, buf[i]);
	}
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
