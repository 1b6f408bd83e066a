/*
 * groups.c - the group conversations of messages.csv: their participants
 * gathered, then linked pair by pair (groups.h says why and how far).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/groups.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void adv_li_groups_init(adv_li_groups *g, size_t limit)
{
	memset(g, 0, sizeof(*g));
	g->limit = limit;
}

void adv_li_groups_free(adv_li_groups *g)
{
	for (size_t i = 0; i < g->count; i++) {
		for (size_t k = 0; k < g->items[i].count; k++)
			free(g->items[i].urls[k]);
		free(g->items[i].urls);
		free(g->items[i].id);
	}
	free(g->items);
	free(g->slot);
	memset(g, 0, sizeof(*g));
}

/* The index table sized for twice the conversations, rebuilt. */
static int regrow(adv_li_groups *g)
{
	size_t size = 64;
	while (size < (g->count + 1) * 2)
		size *= 2;
	size_t *slot = calloc(size, sizeof(*slot));
	if (!slot)
		return -1;
	free(g->slot);
	g->slot = slot;
	g->mask = size - 1;
	for (size_t i = 0; i < g->count; i++) {
		size_t s = (size_t)hash(g->items[i].id) & g->mask;
		while (g->slot[s])
			s = (s + 1) & g->mask;
		g->slot[s] = i + 1;
	}
	return 0;
}

/* The conversation `id`, made if new; NULL out of memory. */
static adv_li_group *group_for(adv_li_groups *g, const char *id)
{
	/* A conversation's messages are mostly next to each other. */
	if (g->last && strcmp(g->items[g->last - 1].id, id) == 0)
		return &g->items[g->last - 1];
	if ((g->count + 1) * 2 > g->mask + 1 && regrow(g) < 0)
		return NULL;
	size_t s = (size_t)hash(id) & g->mask;
	for (; g->slot[s]; s = (s + 1) & g->mask)
		if (strcmp(g->items[g->slot[s] - 1].id, id) == 0) {
			g->last = g->slot[s];
			return &g->items[g->slot[s] - 1];
		}
	if (g->count == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 32;
		adv_li_group *items = realloc(g->items, cap * sizeof(*items));
		if (!items)
			return NULL;
		g->items = items;
		g->cap = cap;
	}
	adv_li_group *c = &g->items[g->count];
	memset(c, 0, sizeof(*c));
	if (!(c->id = strdup(id)))
		return NULL;
	g->slot[s] = ++g->count;
	g->last = g->count;
	return c;
}

int adv_li_groups_add(adv_li_groups *g, const char *id, const char *url_key)
{
	if (!id || !*id || !url_key || !*url_key)
		return 0;
	adv_li_group *c = group_for(g, id);
	if (!c)
		return -1;
	/* One more than the limit is enough to know it is over (and three
	 * to know a conversation is a group when the limit is below 2). */
	if (c->count > (g->limit < 2 ? 2 : g->limit))
		return 0;
	for (size_t k = 0; k < c->count; k++)
		if (strcmp(c->urls[k], url_key) == 0)
			return 0;
	char **urls = realloc(c->urls, (c->count + 1) * sizeof(*urls));
	if (!urls)
		return -1;
	c->urls = urls;
	if (!(urls[c->count] = strdup(url_key)))
		return -1;
	c->count++;
	return 0;
}

/* Is `id` in obj's "connections"? */
static int lists(const cJSON *obj, const char *id)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(obj, "connections"))
		if (cJSON_IsString(e) && strcmp(e->valuestring, id) == 0)
			return 1;
	return 0;
}

/* a and b linked, unless they already are.  1 linked, 0 already, -1 out
 * of memory. */
static int link_pair(cJSON *a, cJSON *b)
{
	const cJSON *ida = cJSON_GetObjectItemCaseSensitive(a, "id");
	const cJSON *idb = cJSON_GetObjectItemCaseSensitive(b, "id");
	if (!cJSON_IsString(ida) || !cJSON_IsString(idb) ||
	    lists(a, idb->valuestring) || lists(b, ida->valuestring))
		return 0;
	cJSON *list = cJSON_GetObjectItemCaseSensitive(a, "connections");
	if (!list && !(list = cJSON_AddArrayToObject(a, "connections")))
		return -1;
	cJSON *s = cJSON_CreateString(idb->valuestring);
	if (!s || !cJSON_AddItemToArray(list, s)) {
		cJSON_Delete(s);
		return -1;
	}
	return 1;
}

int adv_li_groups_link(const adv_li_groups *g, adv_li_people *t,
	cJSON *people, adv_li_group_stats *st)
{
	cJSON **objs = calloc(t->count ? t->count : 1, sizeof(*objs));
	cJSON **who = NULL;
	size_t n = 0, most = 1;
	int rc = -1;
	cJSON *e;

	memset(st, 0, sizeof(*st));
	for (size_t i = 0; i < g->count; i++)
		if (g->items[i].count > most)
			most = g->items[i].count;
	who = calloc(most, sizeof(*who));
	if (!objs || !who)
		goto done;
	cJSON_ArrayForEach(e, people)
		if (n < t->count)
			objs[n++] = e;
	for (size_t i = 0; i < g->count; i++) {
		const adv_li_group *c = &g->items[i];
		size_t k = 0;
		if (c->count < 2)
			continue; /* you and one other: no group */
		if (c->count > g->limit) {
			st->skipped++;
			continue;
		}
		for (size_t u = 0; u < c->count; u++) {
			adv_li_person *p = adv_li_find(t, c->urls[u], NULL);
			size_t at = p ? (size_t)(p - t->items) : n;
			if (at < n)
				who[k++] = objs[at];
		}
		if (k < 2)
			continue; /* others the export has no person for */
		st->linked++;
		for (size_t a = 0; a < k; a++)
			for (size_t b = a + 1; b < k; b++) {
				int r = link_pair(who[a], who[b]);
				if (r < 0)
					goto done;
				st->links += (size_t)r;
			}
	}
	rc = 0;
done:
	free(objs);
	free(who);
	return rc;
}
