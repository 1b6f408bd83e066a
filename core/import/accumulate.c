/*
 * accumulate.c - an earlier import's evidence kept in a newer one (the
 * rules are in accumulate.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/accumulate.h"
#include "util/error.h"
#include "util/url.h"

typedef struct keyed {
	char *key;       /* a URL key (malloc) or an id (the person's) */
	cJSON *person;
	int owned;       /* key is malloc'd */
} keyed;

typedef struct index {
	keyed *by_url, *by_id;
	size_t urls, ids;
} index_t;

typedef struct acc {
	const char *last_seen;
	advisor_warning_cb warn;
	void *payload;
	adv_accumulate_stats st;
	advisor_error *err;
} acc;

static int nomem(acc *a)
{
	return adv_error_set(a->err, ADVISOR_ENOMEM,
		"out of memory while keeping the earlier import's evidence");
}

static int by_key(const void *x, const void *y)
{
	return strcmp(((const keyed *)x)->key, ((const keyed *)y)->key);
}

static cJSON *lookup(const keyed *list, size_t n, const char *key)
{
	keyed k = { (char *)key, NULL, 0 };
	const keyed *hit = n && key ? bsearch(&k, list, n, sizeof(*list),
		by_key) : NULL;
	return hit ? hit->person : NULL;
}

static const char *string_of(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The person's profile URL as a key (malloc), or NULL; *oom on failure. */
static char *url_key_of(const cJSON *person, int *oom)
{
	const char *url = string_of(person, "profile_url");
	return url ? adv_url_key(url, oom) : NULL;
}

static void index_free(index_t *ix)
{
	for (size_t i = 0; i < ix->urls; i++)
		free(ix->by_url[i].key);
	free(ix->by_url);
	free(ix->by_id);
}

static int index_build(acc *a, index_t *ix, cJSON *people)
{
	size_t n = (size_t)cJSON_GetArraySize(people);
	cJSON *p;
	int oom = 0;

	memset(ix, 0, sizeof(*ix));
	ix->by_url = calloc(n ? n : 1, sizeof(keyed));
	ix->by_id = calloc(n ? n : 1, sizeof(keyed));
	if (!ix->by_url || !ix->by_id)
		return nomem(a);
	cJSON_ArrayForEach(p, people) {
		const char *id = string_of(p, "id");
		char *key = url_key_of(p, &oom);
		if (oom)
			return nomem(a);
		if (key)
			ix->by_url[ix->urls++] = (keyed){ key, p, 1 };
		if (id)
			ix->by_id[ix->ids++] = (keyed){ (char *)id, p, 0 };
	}
	qsort(ix->by_url, ix->urls, sizeof(keyed), by_key);
	qsort(ix->by_id, ix->ids, sizeof(keyed), by_key);
	return 0;
}

static int is_invitation(const cJSON *ev)
{
	const char *type = string_of(ev, "type");
	return type && strcmp(type, "invitation") == 0;
}

/* What a re-import sets on an invitation: not part of what it is. */
static int outcome_key(const cJSON *ev, const char *key)
{
	return is_invitation(ev) &&
		(strcmp(key, "status") == 0 || strcmp(key, "last_seen") == 0);
}

/* One side's members, but the outcome, all equal in the other. */
static int covers(const cJSON *x, const cJSON *y)
{
	const cJSON *m;
	cJSON_ArrayForEach(m, x) {
		if (!m->string || outcome_key(x, m->string))
			continue;
		const cJSON *o = cJSON_GetObjectItemCaseSensitive(y, m->string);
		if (!o || !cJSON_Compare(m, o, 1))
			return 0;
	}
	return 1;
}

static int same_event(const cJSON *x, const cJSON *y)
{
	if (is_invitation(x) != is_invitation(y))
		return 0;
	return covers(x, y) && covers(y, x);
}

static int set_string(cJSON *obj, const char *key, const char *value)
{
	cJSON *v = cJSON_CreateString(value);
	if (!v)
		return 0;
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		return cJSON_ReplaceItemInObjectCaseSensitive(obj, key, v) ? 1 :
			(cJSON_Delete(v), 0);
	if (!cJSON_AddItemToObject(obj, key, v)) {
		cJSON_Delete(v);
		return 0;
	}
	return 1;
}

/* An earlier invitation no newer export lists: accepted if they are a
 * connection now, else ended.  One marked already keeps its outcome. */
static int mark_unlisted(acc *a, cJSON *ev, int connected)
{
	if (!is_invitation(ev) || cJSON_GetObjectItemCaseSensitive(ev, "status"))
		return 0;
	if (connected) {
		if (!set_string(ev, "status", "accepted"))
			return nomem(a);
		a->st.accepted++;
		return 0;
	}
	if (!set_string(ev, "status", "ended") ||
	    (a->last_seen && !set_string(ev, "last_seen", a->last_seen)))
		return nomem(a);
	a->st.ended++;
	return 0;
}

static int keep_event(acc *a, cJSON *events, const cJSON *ev, int connected)
{
	cJSON *copy = cJSON_Duplicate(ev, 1);
	if (!copy || !cJSON_AddItemToArray(events, copy)) {
		cJSON_Delete(copy);
		return nomem(a);
	}
	a->st.events_kept++;
	const char *type = string_of(ev, "type");
	a->st.messages_kept += type && strcmp(type, "message") == 0;
	return mark_unlisted(a, copy, connected);
}

/* The earlier events the newer list lacks, as a multiset: each newer
 * event answers for one earlier event only. */
static int merge_events(acc *a, cJSON *person, const cJSON *older_events)
{
	cJSON *events = cJSON_GetObjectItemCaseSensitive(person, "events");
	int connected = cJSON_IsTrue(
		cJSON_GetObjectItemCaseSensitive(person, "connected"));
	size_t n;
	unsigned char *used;
	const cJSON *old;
	int rc = 0;

	if (!cJSON_IsArray(older_events) || !cJSON_GetArraySize(older_events))
		return 0;
	if (!events && !(events = cJSON_AddArrayToObject(person, "events")))
		return nomem(a);
	if (!cJSON_IsArray(events))
		return 0; /* the loader will say what is wrong with it */
	n = (size_t)cJSON_GetArraySize(events);
	if (!(used = calloc(n ? n : 1, 1)))
		return nomem(a);
	cJSON_ArrayForEach(old, older_events) {
		size_t i = 0;
		const cJSON *ev;
		int found = 0;
		for (ev = events->child; ev && i < n; ev = ev->next, i++) {
			if (!used[i] && same_event(ev, old)) {
				used[i] = 1;
				found = 1;
				break;
			}
		}
		if (!found && (rc = keep_event(a, events, old, connected)) < 0)
			break;
	}
	free(used);
	return rc;
}

static int has_string(const cJSON *list, const char *s)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, list)
		if (cJSON_IsString(e) && strcmp(e->valuestring, s) == 0)
			return 1;
	return 0;
}

static int merge_connections(acc *a, cJSON *person, const cJSON *older)
{
	cJSON *list = cJSON_GetObjectItemCaseSensitive(person, "connections");
	const cJSON *e;

	if (!cJSON_IsArray(older) || !cJSON_GetArraySize(older))
		return 0;
	if (!list && !(list = cJSON_AddArrayToObject(person, "connections")))
		return nomem(a);
	if (!cJSON_IsArray(list))
		return 0;
	cJSON_ArrayForEach(e, older) {
		if (!cJSON_IsString(e) || has_string(list, e->valuestring))
			continue;
		cJSON *copy = cJSON_CreateString(e->valuestring);
		if (!copy || !cJSON_AddItemToArray(list, copy)) {
			cJSON_Delete(copy);
			return nomem(a);
		}
	}
	return 0;
}

/* The earlier fields the newer person lacks; events and connections
 * merged. */
static int merge_person(acc *a, cJSON *person, const cJSON *older)
{
	const cJSON *f;
	int rc;

	cJSON_ArrayForEach(f, older) {
		if (strcmp(f->string, "events") == 0 ||
		    strcmp(f->string, "connections") == 0 ||
		    cJSON_GetObjectItemCaseSensitive(person, f->string))
			continue;
		cJSON *copy = cJSON_Duplicate(f, 1);
		if (!copy || !cJSON_AddItemToObject(person, f->string, copy)) {
			cJSON_Delete(copy);
			return nomem(a);
		}
	}
	if ((rc = merge_events(a, person,
			cJSON_GetObjectItemCaseSensitive(older, "events"))) < 0)
		return rc;
	return merge_connections(a, person,
		cJSON_GetObjectItemCaseSensitive(older, "connections"));
}

/* A person only the earlier import had: kept whole, with their
 * invitations (none of which the newer export lists) marked. */
static int keep_person(acc *a, cJSON *people, const cJSON *older)
{
	cJSON *copy = cJSON_Duplicate(older, 1), *ev;
	int connected = cJSON_IsTrue(
		cJSON_GetObjectItemCaseSensitive(older, "connected"));
	int rc;

	if (!copy || !cJSON_AddItemToArray(people, copy)) {
		cJSON_Delete(copy);
		return nomem(a);
	}
	a->st.people_kept++;
	cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(copy, "events")) {
		const char *type = string_of(ev, "type");
		a->st.events_kept++;
		a->st.messages_kept += type && strcmp(type, "message") == 0;
		if ((rc = mark_unlisted(a, ev, connected)) < 0)
			return rc;
	}
	return 0;
}

static void warn(acc *a, const char *id, const char *name)
{
	char msg[600];
	a->st.skipped++;
	if (!a->warn)
		return;
	snprintf(msg, sizeof(msg), "the earlier import's \"%.200s\" (%.200s) "
		"is a different person from the one the newer export gives that "
		"id; the earlier one's evidence is not kept", id, name ? name : "?");
	a->warn(a->payload, msg);
}

static int shape(acc *a, const cJSON *doc, const char *which)
{
	if (!cJSON_IsObject(doc) ||
	    !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(doc, "people")))
		return adv_error_set(a->err, ADVISOR_EDATA, "the %s import: expected "
			"a network document with a people array", which);
	return 0;
}

int adv_import_accumulate(cJSON *newer, const cJSON *older,
	const char *last_seen, advisor_warning_cb warn_cb, void *payload,
	adv_accumulate_stats *stats, advisor_error *err)
{
	acc a = { last_seen, warn_cb, payload, { 0, 0, 0, 0, 0, 0 }, err };
	index_t ix;
	const cJSON *old;
	int rc, oom = 0;

	if (stats)
		memset(stats, 0, sizeof(*stats));
	if ((rc = shape(&a, newer, "newer")) < 0 ||
	    (rc = shape(&a, older, "earlier")) < 0)
		return rc;
	cJSON *people = cJSON_GetObjectItemCaseSensitive(newer, "people");
	if ((rc = index_build(&a, &ix, people)) < 0)
		goto done;
	cJSON *me = cJSON_GetObjectItemCaseSensitive(newer, "me");
	const cJSON *old_me = cJSON_GetObjectItemCaseSensitive(older, "me");
	if (cJSON_IsObject(me) && cJSON_IsObject(old_me) &&
	    (rc = merge_person(&a, me, old_me)) < 0)
		goto done;
	cJSON_ArrayForEach(old, cJSON_GetObjectItemCaseSensitive(older, "people")) {
		const char *id = string_of(old, "id");
		char *key = url_key_of(old, &oom);
		cJSON *match;
		if (oom) {
			rc = nomem(&a);
			goto done;
		}
		match = lookup(ix.by_url, ix.urls, key);
		if (!match && id && (match = lookup(ix.by_id, ix.ids, id))) {
			/* The same id for someone else (another URL): theirs. */
			int oom2 = 0;
			char *theirs = url_key_of(match, &oom2);
			if (oom2) {
				free(key);
				rc = nomem(&a);
				goto done;
			}
			if (key && theirs && strcmp(key, theirs) != 0) {
				warn(&a, id, string_of(old, "name"));
				free(theirs);
				free(key);
				continue;
			}
			free(theirs);
		}
		free(key);
		if (!cJSON_IsObject(old))
			continue;
		rc = match ? merge_person(&a, match, old) :
			keep_person(&a, people, old);
		if (rc < 0)
			goto done;
	}
	if (stats)
		*stats = a.st;
done:
	index_free(&ix);
	return rc;
}
