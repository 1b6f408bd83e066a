/*
 * find.c - people by what a person types: an id, a whole name, the starts
 * of its words, or a piece of it; case and accents never matter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network/network.h"
#include "util/error.h"
#include "util/fold.h"

/* Does every word of q start a different word of s?  Both are folded;
 * words are claimed greedily, longest query words first would be finer,
 * but names have few words and the greedy claim in order is what people
 * type ("mei chen", "chen mei"). */
static int words_match(const char *q, const char *s)
{
	const char *sw[32];
	size_t sl[32], ns = 0;
	unsigned used = 0;

	for (const char *p = s; *p && ns < 32;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		sw[ns] = p;
		sl[ns++] = len;
		p += len + (e != NULL);
	}
	for (const char *p = q; *p;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		size_t k;
		for (k = 0; k < ns; k++)
			if (!(used & (1u << k)) && sl[k] >= len &&
			    memcmp(sw[k], p, len) == 0)
				break;
		if (k == ns)
			return 0;
		used |= 1u << k;
		p += len + (e != NULL);
	}
	return 1;
}

/* How well the folded query q matches a person; -1 for not at all, -2
 * when out of memory. */
static int match_kind(const adv_person *p, const char *text, const char *q)
{
	if (strcmp(p->id, text) == 0)
		return ADVISOR_MATCH_ID;
	if (!*q)
		return -1;
	int best = -1;
	const char *fields[2] = { p->name, p->id };
	for (int f = 0; f < 2; f++) {
		if (!fields[f])
			continue;
		char *buf = adv_fold(fields[f], NULL);
		if (!buf)
			return -2;
		int k = -1;
		if (strcmp(buf, q) == 0)
			k = ADVISOR_MATCH_NAME;
		else if (words_match(q, buf))
			k = ADVISOR_MATCH_WORDS;
		else if (strstr(buf, q))
			k = ADVISOR_MATCH_PART;
		free(buf);
		if (k >= 0 && (best < 0 || k < best))
			best = k;
	}
	return best;
}

static int by_kind_then_name(const void *a, const void *b)
{
	const advisor_match *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->id, y->id);
}

int advisor_network_find(advisor_match **out, size_t *count,
	const advisor_network *net, const char *text, advisor_error *err)
{
	if (out)
		*out = NULL;
	if (count)
		*count = 0;
	if (!out || !count || !net || !text)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_find: out, count, network and text are required");
	if (!*text)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_find: the text to look for is empty");
	adv_error_clear(err);

	char *q = adv_fold(text, NULL);
	advisor_match *m = NULL;
	size_t n = 0, cap = 0;
	if (!q)
		goto nomem;
	for (size_t i = 0; i < net->people_count; i++) {
		const adv_person *p = &net->people[i];
		int k = match_kind(p, text, q);
		if (k == -2)
			goto nomem;
		if (k < 0)
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			advisor_match *g = realloc(m, ncap * sizeof(*m));
			if (!g)
				goto nomem;
			m = g;
			cap = ncap;
		}
		m[n].id = p->id;
		m[n].name = p->name ? p->name : p->id;
		m[n].company = p->company;
		m[n].headline = p->headline;
		m[n].kind = (advisor_match_kind)k;
		n++;
	}
	free(q);
	if (n > 1)
		qsort(m, n, sizeof(*m), by_kind_then_name);
	*out = m;
	*count = n;
	return ADVISOR_OK;
nomem:
	free(q);
	free(m);
	return adv_error_set(err, ADVISOR_ENOMEM, "out of memory looking for '%s'",
		text);
}

void advisor_matches_free(advisor_match *matches)
{
	free(matches);
}

size_t advisor_matches_best(const advisor_match *matches, size_t count)
{
	size_t n = 0;
	while (n < count && matches[n].kind == matches[0].kind)
		n++;
	return n;
}

int advisor_network_resolve(const char **out, const advisor_network *net,
	const char *text, advisor_error *err)
{
	advisor_match *m;
	size_t n;
	int rc;

	if (out)
		*out = NULL;
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_resolve: out is required");
	if ((rc = advisor_network_find(&m, &n, net, text, err)) < 0)
		return rc;
	if (n == 0) {
		advisor_matches_free(m);
		return adv_error_set(err, ADVISOR_ENOTFOUND,
			"no one in %s is called '%s' (by id or name)",
			net->source ? net->source : "the network", text);
	}
	size_t best = advisor_matches_best(m, n);
	if (best == 1) {
		*out = m[0].id;
		advisor_matches_free(m);
		return ADVISOR_OK;
	}
	char list[ADVISOR_ERROR_MESSAGE_MAX];
	size_t used = 0;
	for (size_t i = 0; i < best && used < sizeof(list); i++) {
		int w = snprintf(list + used, sizeof(list) - used, "%s%s (%s%s%s)",
			i ? ", " : "", m[i].id, m[i].name,
			m[i].company ? ", " : "", m[i].company ? m[i].company : "");
		if (w < 0)
			break;
		used += (size_t)w;
	}
	rc = adv_error_set(err, ADVISOR_EAMBIGUOUS, "'%s' could be %zu people: %s",
		text, best, list);
	advisor_matches_free(m);
	return rc;
}
