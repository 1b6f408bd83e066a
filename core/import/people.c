/*
 * people.c - matching people across an export's files, and their ids
 * (the rules are in people.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/people.h"

char *adv_li_clean_name(const char *s)
{
	size_t len = strlen(s);
	char *out = malloc(len + 1), *o = out;

	if (!out)
		return NULL;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
			continue;
		}
		*o++ = *s;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

/* A name for matching: ASCII case folded. */
static uint64_t hash(const char *s, int fold)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (fold && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 1099511628211ULL;
	}
	return h;
}

void adv_li_people_init(adv_li_people *t)
{
	memset(t, 0, sizeof(*t));
}

void adv_li_people_free(adv_li_people *t)
{
	for (size_t i = 0; i < t->count; i++) {
		free(t->items[i].url);
		free(t->items[i].name);
		cJSON_Delete(t->items[i].obj);
	}
	free(t->items);
	free(t->by_url);
	free(t->by_name);
	memset(t, 0, sizeof(*t));
}

static void put_url(adv_li_people *t, size_t i)
{
	size_t s = (size_t)hash(t->items[i].url, 0) & t->mask;
	while (t->by_url[s])
		s = (s + 1) & t->mask;
	t->by_url[s] = i + 1;
}

static void put_name(adv_li_people *t, size_t i)
{
	const char *name = t->items[i].name;
	size_t s = (size_t)hash(name, 1) & t->mask;
	for (; t->by_name[s]; s = (s + 1) & t->mask) {
		adv_li_person *first = &t->items[t->by_name[s] - 1];
		if (strcasecmp(first->name, name) == 0) {
			first->name_shared = 1;
			return;
		}
	}
	t->by_name[s] = i + 1;
}

static int grow_tables(adv_li_people *t)
{
	size_t size = t->mask ? (t->mask + 1) * 2 : 64;
	size_t *u = calloc(size, sizeof(size_t)), *n = calloc(size, sizeof(size_t));
	if (!u || !n) {
		free(u);
		free(n);
		return -1;
	}
	free(t->by_url);
	free(t->by_name);
	t->by_url = u;
	t->by_name = n;
	t->mask = size - 1;
	for (size_t i = 0; i < t->count; i++) {
		t->items[i].name_shared = 0;
		if (t->items[i].url)
			put_url(t, i);
	}
	for (size_t i = 0; i < t->count; i++)
		put_name(t, i);
	return 0;
}

adv_li_person *adv_li_find(adv_li_people *t, const char *url,
	const char *name)
{
	if (!t->mask)
		return NULL;
	if (url) {
		size_t s = (size_t)hash(url, 0) & t->mask;
		for (; t->by_url[s]; s = (s + 1) & t->mask)
			if (strcmp(t->items[t->by_url[s] - 1].url, url) == 0)
				return &t->items[t->by_url[s] - 1];
		return NULL;
	}
	if (!name || !*name)
		return NULL;
	size_t s = (size_t)hash(name, 1) & t->mask;
	for (; t->by_name[s]; s = (s + 1) & t->mask) {
		adv_li_person *p = &t->items[t->by_name[s] - 1];
		if (strcasecmp(p->name, name) == 0)
			return p->name_shared ? NULL : p;
	}
	return NULL;
}

adv_li_person *adv_li_add(adv_li_people *t, const char *url,
	const char *name)
{
	adv_li_person *p;

	if (t->count == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		adv_li_person *items = realloc(t->items, cap * sizeof(*items));
		if (!items)
			return NULL;
		t->items = items;
		t->cap = cap;
	}
	p = &t->items[t->count];
	memset(p, 0, sizeof(*p));
	p->order = t->count;
	if ((url && !(p->url = strdup(url))) || !(p->name = strdup(name)) ||
	    !(p->obj = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(p->obj, "name", name)) {
		free(p->url);
		free(p->name);
		cJSON_Delete(p->obj);
		return NULL;
	}
	t->count++;
	if (!t->mask || t->count * 2 > t->mask + 1) {
		if (grow_tables(t) < 0) {
			t->count--;
			free(p->url);
			free(p->name);
			cJSON_Delete(p->obj);
			return NULL;
		}
	} else {
		if (p->url)
			put_url(t, t->count - 1);
		put_name(t, t->count - 1);
	}
	return p;
}

/* ------------------------------------------------------------------------
 * Ids
 * ------------------------------------------------------------------------ */

char *adv_li_slug(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	if (!out)
		return NULL;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			*o++ = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			 c == '_' || c >= 0x80)
			*o++ = (char)c;
		else if (o > out && o[-1] != '-')
			*o++ = '-';
	}
	while (o > out && o[-1] == '-')
		o--;
	*o = '\0';
	return out;
}

/* The part of a URL key that names the person: after "/in/", else the
 * last path part. */
static const char *url_slug(const char *url)
{
	const char *in = strstr(url, "/in/");
	if (in)
		return in + 4;
	const char *slash = strrchr(url, '/');
	return slash ? slash + 1 : url;
}

typedef struct ranked {
	char *base;
	size_t index;
	const adv_li_person *person;
} ranked;

static int by_rank(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	int c = strcmp(x->base, y->base);
	if (c)
		return c;
	const adv_li_person *p = x->person, *q = y->person;
	if (!p->url != !q->url)
		return p->url ? -1 : 1;
	if (!p->since[0] != !q->since[0])
		return p->since[0] ? -1 : 1;
	if ((c = strcmp(p->since, q->since)))
		return c;
	return p->order < q->order ? -1 : p->order > q->order;
}

/* A set of ids, for the suffixes. */
typedef struct idset {
	char **slot;
	size_t mask;
} idset;

static int idset_add(idset *s, const char *id, char *owned)
{
	size_t i = (size_t)hash(id, 0) & s->mask;
	for (; s->slot[i]; i = (i + 1) & s->mask)
		if (strcmp(s->slot[i], id) == 0)
			return 0;
	s->slot[i] = owned;
	return 1;
}

static int idset_has(const idset *s, const char *id)
{
	size_t i = (size_t)hash(id, 0) & s->mask;
	for (; s->slot[i]; i = (i + 1) & s->mask)
		if (strcmp(s->slot[i], id) == 0)
			return 1;
	return 0;
}

int adv_li_assign_ids(adv_li_people *t, cJSON *people)
{
	ranked *r = calloc(t->count ? t->count : 1, sizeof(*r));
	char **ids = calloc(t->count ? t->count : 1, sizeof(char *));
	idset used = { NULL, 0 };
	size_t size = 64;
	int rc = -1;

	while (size < (t->count + 1) * 2)
		size *= 2;
	used.slot = calloc(size, sizeof(char *));
	used.mask = size - 1;
	if (!r || !ids || !used.slot)
		goto done;
	idset_add(&used, "me", (char *)"me"); /* the network's me */
	for (size_t i = 0; i < t->count; i++) {
		const adv_li_person *p = &t->items[i];
		r[i].index = i;
		r[i].person = p;
		r[i].base = adv_li_slug(p->url ? url_slug(p->url) : p->name);
		if (!r[i].base)
			goto done;
		if (!r[i].base[0]) {
			free(r[i].base);
			if (!(r[i].base = strdup("person")))
				goto done;
		}
	}
	qsort(r, t->count, sizeof(*r), by_rank);
	/* First, each base id's first-ranked person; then the rest, suffixed. */
	for (size_t i = 0; i < t->count; i++) {
		if (i > 0 && strcmp(r[i].base, r[i - 1].base) == 0)
			continue;
		if (idset_has(&used, r[i].base))
			continue;
		if (!(ids[r[i].index] = strdup(r[i].base)))
			goto done;
		idset_add(&used, ids[r[i].index], ids[r[i].index]);
	}
	for (size_t i = 0; i < t->count; i++) {
		if (ids[r[i].index])
			continue;
		size_t len = strlen(r[i].base) + 24;
		char *id = malloc(len);
		if (!id)
			goto done;
		for (unsigned n = 2;; n++) {
			snprintf(id, len, "%s-%u", r[i].base, n);
			if (!idset_has(&used, id))
				break;
		}
		ids[r[i].index] = id;
		idset_add(&used, id, id);
	}
	/* Each person rebuilt with its id first, for people reading the
	 * file, and moved into the array. */
	for (size_t i = 0; i < t->count; i++) {
		adv_li_person *p = &t->items[i];
		cJSON *obj = cJSON_CreateObject(), *field;
		if (!obj || !cJSON_AddStringToObject(obj, "id", ids[i]) ||
		    !cJSON_AddItemToArray(people, obj)) {
			cJSON_Delete(obj);
			goto done;
		}
		while ((field = p->obj->child)) {
			cJSON_DetachItemViaPointer(p->obj, field);
			cJSON_AddItemToArray(obj, field); /* keeps its key */
		}
	}
	rc = 0;
done:
	if (r)
		for (size_t i = 0; i < t->count; i++)
			free(r[i].base);
	free(r);
	if (ids)
		for (size_t i = 0; i < t->count; i++)
			free(ids[i]);
	free(ids);
	free(used.slot);
	return rc;
}
