/*
 * find.c - people by what a person types: an id, a profile URL, a whole
 * name, a first name, the starts of its words, a piece of it, or where
 * they work; case and accents never matter, though a name as written
 * beats one that only folds to the text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network/network.h"
#include "util/error.h"
#include "util/fold.h"
#include "util/url.h"

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

/* The key of a LinkedIn profile URL (adv_url_key), or NULL for text that
 * names none; *nomem is set when out of memory. */
static char *profile_key(const char *s, int *nomem)
{
	return strstr(s, "linkedin.com/") ? adv_url_key(s, nomem) : NULL;
}

/* Is p's profile URL the one whose key is key?  -1 when out of memory. */
static int has_url(const adv_person *p, const char *key)
{
	const cJSON *u = p->extra
		? cJSON_GetObjectItemCaseSensitive(p->extra, "profile_url") : NULL;
	int nomem = 0;
	char *k = cJSON_IsString(u) ? profile_key(u->valuestring, &nomem) : NULL;
	int same = k && strcmp(k, key) == 0;

	free(k);
	return nomem ? -1 : same;
}

const adv_person *adv_network_person_by_url(const advisor_network *net,
	const char *url, int *nomem)
{
	char *key = profile_key(url, nomem);
	const adv_person *found = NULL;
	int same;

	if (!key)
		return NULL;
	for (size_t i = 0; i <= net->people_count && !found; i++) {
		const adv_person *p = i < net->people_count ? &net->people[i]
			: &net->me;
		if ((same = has_url(p, key)) < 0)
			*nomem = 1;
		if (same > 0)
			found = p;
	}
	free(key);
	return *nomem ? NULL : found;
}

/* What the query is, folded the ways the kinds compare it. */
typedef struct query {
	const char *text;
	char *folded;   /* adv_fold */
	char *cased;    /* adv_fold_case */
	char *url;      /* profile_key, or NULL */
	int one_word;
	uint32_t alias; /* the node text is an alias of, or ADV_NO_NODE */
} query;

static int fold_equal(const char *s, const char *want, int cased)
{
	char *f = cased ? adv_fold_case(s, NULL) : adv_fold(s, NULL);
	int eq = f && strcmp(f, want) == 0;
	int failed = !f;
	free(f);
	return failed ? -1 : eq;
}

/* Does every word of q start a word of the person's company, title or
 * headline ("fjord" for Fjord Systems, "data eng" for Data Engineer)?
 * -1 when out of memory. */
static int about_has(const advisor_network *net, const adv_person *p,
	const char *q)
{
	const char *fields[3] = { adv_str(net, p->company), adv_str(net, p->title),
		adv_str(net, p->headline) };
	for (int f = 0; f < 3; f++) {
		if (!fields[f])
			continue;
		char *buf = adv_fold(fields[f], NULL);
		if (!buf)
			return -1;
		int found = words_match(q, buf);
		free(buf);
		if (found)
			return 1;
	}
	return 0;
}

/* How well the query matches a person; -1 for not at all, -2 when out of
 * memory. */
static int match_kind(const advisor_network *net, const adv_person *p,
	const query *qy)
{
	const char *q = qy->folded;
	const char *id = adv_str(net, p->id), *name = adv_str(net, p->name);

	if (strcmp(id, qy->text) == 0 || p->node == qy->alias)
		return ADVISOR_MATCH_ID;
	if (!*q)
		return -1;
	if (qy->url) {
		int same = has_url(p, qy->url);
		if (same < 0)
			return -2;
		if (same)
			return ADVISOR_MATCH_URL;
	}
	if (name && qy->cased) {
		int eq = fold_equal(name, qy->cased, 1);
		if (eq < 0)
			return -2;
		if (eq)
			return ADVISOR_MATCH_EXACT;
	}
	int best = -1;
	const char *fields[2] = { name, id };
	for (int f = 0; f < 2; f++) {
		if (!fields[f])
			continue;
		char *buf = adv_fold(fields[f], NULL);
		if (!buf)
			return -2;
		size_t first = strcspn(buf, " ");
		int k = -1;
		if (strcmp(buf, q) == 0)
			k = ADVISOR_MATCH_NAME;
		else if (f == 0 && qy->one_word && first == strlen(q) &&
			 memcmp(buf, q, first) == 0)
			k = ADVISOR_MATCH_FIRST_NAME;
		else if (words_match(q, buf))
			k = ADVISOR_MATCH_WORDS;
		else if (strstr(buf, q))
			k = ADVISOR_MATCH_PART;
		free(buf);
		if (k >= 0 && (best < 0 || k < best))
			best = k;
	}
	if (best >= 0)
		return best;
	int about = about_has(net, p, q);
	return about < 0 ? -2 : about ? ADVISOR_MATCH_ABOUT : -1;
}

static int by_kind_then_name(const void *a, const void *b)
{
	const advisor_match *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->id, y->id);
}

struct advisor_matches {
	size_t count;
	advisor_match *items;
};

int advisor_network_find(advisor_matches **out, const advisor_network *net,
	const char *text, advisor_error *err)
{
	if (out)
		*out = NULL;
	if (!out || !net || !text)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_find: out, network and text are required");
	if (!*text)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_find: the text to look for is empty");
	adv_error_clear(err);

	int url_nomem = 0;
	query qy = { text, adv_fold(text, NULL), adv_fold_case(text, NULL),
		profile_key(text, &url_nomem), 0, ADV_NO_NODE };
	advisor_matches *list = calloc(1, sizeof(*list));
	advisor_match *m = NULL;
	size_t n = 0, cap = 0;
	if (!list || !qy.folded || !qy.cased || url_nomem)
		goto nomem;
	qy.one_word = !strchr(qy.folded, ' ');
	/* Another id of someone (an import's, for a person you added) is
	 * theirs as exactly as their own. */
	if (net->alias_count && adv_network_person(net, text) &&
	    strcmp(adv_node_id(net, adv_network_find(net, text)), text) != 0)
		qy.alias = adv_network_find(net, text);
	for (size_t i = 0; i < net->people_count; i++) {
		const adv_person *p = &net->people[i];
		int k = match_kind(net, p, &qy);
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
		m[n].id = adv_str(net, p->id);
		m[n].name = p->name.at ? adv_str(net, p->name) : m[n].id;
		m[n].company = adv_str(net, p->company);
		m[n].headline = adv_str(net, p->headline);
		m[n].kind = (advisor_match_kind)k;
		n++;
	}
	free(qy.folded);
	free(qy.cased);
	free(qy.url);
	if (n > 1)
		qsort(m, n, sizeof(*m), by_kind_then_name);
	list->items = m;
	list->count = n;
	*out = list;
	return ADVISOR_OK;
nomem:
	free(qy.folded);
	free(qy.cased);
	free(qy.url);
	free(m);
	free(list);
	return adv_error_set(err, ADVISOR_ENOMEM, "out of memory looking for '%s'",
		text);
}

size_t advisor_matches_count(const advisor_matches *matches)
{
	return matches ? matches->count : 0;
}

const advisor_match *advisor_matches_get(const advisor_matches *matches,
	size_t i)
{
	return matches && i < matches->count ? &matches->items[i] : NULL;
}

size_t advisor_matches_best(const advisor_matches *matches)
{
	size_t n = 0, count = advisor_matches_count(matches);
	while (n < count && matches->items[n].kind == matches->items[0].kind)
		n++;
	return n;
}

void advisor_matches_free(advisor_matches *matches)
{
	if (!matches)
		return;
	free(matches->items);
	free(matches);
}

/* Is text you: your id, "me", or your name? */
static int is_me(const advisor_network *net, const char *text)
{
	const char *id = adv_str(net, net->me.id), *name = adv_str(net, net->me.name);
	if ((id && strcmp(id, text) == 0) || strcmp(text, "me") == 0)
		return 1;
	if (!name)
		return 0;
	char *a = adv_fold(text, NULL), *b = adv_fold(name, NULL);
	int same = a && b && *a && strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

int advisor_network_resolve(const char **out, const advisor_network *net,
	const char *text, advisor_error *err)
{
	advisor_matches *list;
	int rc;

	if (out)
		*out = NULL;
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_resolve: out is required");
	if ((rc = advisor_network_find(&list, net, text, err)) < 0)
		return rc;
	const advisor_match *m = list->items;
	size_t n = list->count;
	/* An exact id is the id; else "me" and your own name mean you. */
	if (!(n && m[0].kind == ADVISOR_MATCH_ID) && is_me(net, text)) {
		advisor_matches_free(list);
		*out = adv_str(net, net->me.id);
		return ADVISOR_OK;
	}
	if (n == 0 || m[0].kind == ADVISOR_MATCH_ABOUT) {
		rc = adv_error_set(err, ADVISOR_ENOTFOUND,
			"no one in %s is called '%s' (by id, name or profile URL)%s",
			net->source ? net->source : "the network", text,
			n ? "; some work there or have it in their title: advisor find lists them" : "");
		advisor_matches_free(list);
		return rc;
	}
	size_t best = advisor_matches_best(list);
	if (best == 1) {
		*out = m[0].id;
		advisor_matches_free(list);
		return ADVISOR_OK;
	}
	char names[ADVISOR_ERROR_MESSAGE_MAX];
	size_t used = 0;
	for (size_t i = 0; i < best && used < sizeof(names); i++) {
		int w = snprintf(names + used, sizeof(names) - used, "%s%s (%s%s%s)",
			i ? ", " : "", m[i].id, m[i].name,
			m[i].company ? " at " : "", m[i].company ? m[i].company : "");
		if (w < 0)
			break;
		used += (size_t)w;
	}
	rc = adv_error_set(err, ADVISOR_EAMBIGUOUS,
		"'%s' could be %zu people: %s; give the id of the one you mean",
		text, best, names);
	advisor_matches_free(list);
	return rc;
}
