/*
 * mentions.c - which people of the network a text names.
 *
 * The text is folded once and cut into words; each person's name is folded
 * and looked for at every word of the text that is its first name, whole
 * or as the first name and one other.  What the words name is decided
 * after every person was tried, so that the same words naming two people
 * name neither.
 */
#include <stdlib.h>
#include <string.h>

#include "network/mentions.h"
#include "util/fold.h"

/* The words a name is looked for by: more than this many are not read. */
#define NAME_WORDS 16

typedef struct word {
	const char *at;
	size_t len;
} word;

/* The words of folded text s (one space between words), at most max of
 * them, into w; how many. */
static size_t split(const char *s, word *w, size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		const char *e = strchr(s, ' ');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		w[n].at = s;
		w[n++].len = len;
		s += len + (e != NULL);
	}
	return n;
}

static int same(const word *a, const word *b)
{
	return a->len == b->len && memcmp(a->at, b->at, a->len) == 0;
}

/* Words [start, start + n) of the text name p: p's whole name, or not. */
typedef struct hit {
	size_t start, n;
	const adv_person *p;
	int whole;
} hit;

typedef struct hits {
	hit *items;
	size_t count, cap;
} hits;

static int add_hit(hits *h, size_t start, size_t n, const adv_person *p,
	int whole)
{
	if (h->count == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 16;
		hit *g = realloc(h->items, cap * sizeof(*g));
		if (!g)
			return -1;
		h->items = g;
		h->cap = cap;
	}
	h->items[h->count++] = (hit){ start, n, p, whole };
	return 0;
}

/* Where p's name (folded, its words in nw[0..nn)) stands in the text's
 * words tw[0..tn). */
static int find_name(hits *h, const word *tw, size_t tn, const word *nw,
	size_t nn, const adv_person *p)
{
	for (size_t i = 0; i + 1 < tn; i++) {
		if (!same(&tw[i], &nw[0]))
			continue;
		size_t k = 1;
		while (k < nn && i + k < tn && same(&tw[i + k], &nw[k]))
			k++;
		if (k == nn && add_hit(h, i, nn, p, 1) < 0)
			return -1;
		/* The first name and one other; for a name of two words that
		 * is the whole name, found above. */
		for (size_t j = 1; nn > 2 && j < nn; j++)
			if (same(&tw[i + 1], &nw[j]) && add_hit(h, i, 2, p, 0) < 0)
				return -1;
	}
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const hit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return 0;
}

/* The first of the hits (sorted by start) that starts at or after word
 * start. */
static size_t first_at(const hits *h, size_t start)
{
	size_t lo = 0, hi = h->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->items[mid].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Does another person's longer name cover hit i (hits sorted by start)?
 * One that does starts at most NAME_WORDS words before it. */
static int covered(const hits *h, size_t i)
{
	const hit *x = &h->items[i];
	size_t from = x->start > NAME_WORDS ? x->start - NAME_WORDS : 0;

	for (size_t j = first_at(h, from); j < h->count; j++) {
		const hit *y = &h->items[j];
		if (y->start > x->start)
			break;
		if (y->p != x->p && y->n > x->n &&
		    y->start + y->n >= x->start + x->n)
			return 1;
	}
	return 0;
}

/* Do the words of hit i name someone else too, or are they someone
 * else's whole name and not p's? */
static int ambiguous(const hits *h, size_t i)
{
	const hit *x = &h->items[i];

	for (size_t j = first_at(h, x->start); j < h->count; j++) {
		const hit *y = &h->items[j];
		if (y->start > x->start)
			break;
		if (y->n == x->n && y->p != x->p && y->whole >= x->whole &&
		    !covered(h, j))
			return 1;
	}
	return 0;
}

int adv_mentions(const advisor_network *net, const char *text,
	const adv_person ***out, size_t *count)
{
	char *folded = adv_fold(text, NULL);
	word *tw = NULL;
	hits h = { 0 };
	const adv_person **list = NULL;
	size_t tn = 0, n = 0;
	int rc = -1;

	*out = NULL;
	*count = 0;
	if (!folded)
		return -1;
	size_t words = 1;
	for (const char *s = folded; *s; s++)
		words += *s == ' ';
	if (!(tw = malloc(words * sizeof(*tw))))
		goto done;
	tn = split(folded, tw, words);
	for (size_t i = 0; i <= net->people_count && tn >= 2; i++) {
		const adv_person *p = i < net->people_count ? &net->people[i]
			: &net->me;
		const char *name = adv_str(net, p->name);
		word nw[NAME_WORDS];
		if (!name)
			continue;
		char *f = adv_fold(name, NULL);
		if (!f)
			goto done;
		size_t nn = split(f, nw, NAME_WORDS);
		int failed = nn >= 2 && find_name(&h, tw, tn, nw, nn, p) < 0;
		free(f);
		if (failed)
			goto done;
	}
	if (h.count > 1)
		qsort(h.items, h.count, sizeof(*h.items), by_start);
	for (size_t i = 0; i < h.count; i++) {
		const adv_person *p = h.items[i].p;
		if (covered(&h, i) || ambiguous(&h, i))
			continue;
		size_t k = 0;
		while (k < n && list[k] != p)
			k++;
		if (k < n)
			continue;
		if (!list && !(list = malloc(h.count * sizeof(*list))))
			goto done;
		list[n++] = p;
	}
	*out = list;
	*count = n;
	list = NULL;
	rc = 0;
done:
	free(list);
	free(h.items);
	free(tw);
	free(folded);
	return rc;
}
