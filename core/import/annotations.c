/*
 * annotations.c - the user's facts merged over an imported network (the
 * rules are in annotations.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/annotations.h"
#include "import/recorded.h"
#include "util/error.h"
#include "util/fold.h"
#include "util/url.h"

typedef struct merger {
	const char *name;
	const char *imported;   /* the network's "imported" day, or NULL */
	advisor_warning_cb conflict;
	void *payload;
	adv_merge_stats stats;
	advisor_error *err;
} merger;

/* A value in a message: compact JSON, cut to a readable length. */
static void describe(char *buf, size_t size, const cJSON *v)
{
	char *text = cJSON_PrintUnformatted(v);
	if (!text) {
		snprintf(buf, size, "(a value)");
		return;
	}
	size_t len = strlen(text);
	if (len < size) {
		memcpy(buf, text, len + 1);
	} else {
		size_t end = size - 4;
		while (end > 0 && ((unsigned char)text[end] & 0xC0) == 0x80)
			end--; /* a whole UTF-8 character */
		memcpy(buf, text, end);
		memcpy(buf + end, "...", 4);
	}
	free(text);
}

static void report(merger *m, const char *where, const char *key,
	const cJSON *theirs, const cJSON *yours)
{
	char a[200], b[200], msg[700];

	m->stats.conflicts++;
	if (!m->conflict)
		return;
	describe(a, sizeof(a), yours);
	describe(b, sizeof(b), theirs);
	snprintf(msg, sizeof(msg), "%s: %s.%s: you wrote %s, the export says %s; "
		"yours is kept", m->name, where, key, a, b);
	m->conflict(m->payload, msg);
}

static int nomem(merger *m)
{
	return adv_error_set(m->err, ADVISOR_ENOMEM, "%s: out of memory while "
		"merging", m->name);
}

static int has_equal(const cJSON *array, const cJSON *item)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, array)
		if (cJSON_Compare(e, item, 1))
			return 1;
	return 0;
}

/* Append each element of add that list does not hold; the count added in
 * *added. */
static int union_into(merger *m, cJSON *list, const cJSON *add,
	size_t *added)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, add) {
		if (has_equal(list, e))
			continue;
		cJSON *copy = cJSON_Duplicate(e, 1);
		if (!copy || !cJSON_AddItemToArray(list, copy)) {
			cJSON_Delete(copy);
			return nomem(m);
		}
		if (added)
			(*added)++;
	}
	return 0;
}

/* The annotated events into the person target: each appended unless an
 * equal one is there, but for the invitations you recorded sending, which
 * meet the export's (import/recorded.h). */
static int merge_events(merger *m, cJSON *target, cJSON *mine,
	const cJSON *add, int *changed)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, add) {
		int handled = 0;
		if (adv_recorded_merge(target, e, m->imported, &handled,
				changed) < 0)
			return nomem(m);
		if (handled || has_equal(mine, e))
			continue;
		cJSON *copy = cJSON_Duplicate(e, 1);
		if (!copy || !cJSON_AddItemToArray(mine, copy)) {
			cJSON_Delete(copy);
			return nomem(m);
		}
		m->stats.events_added++;
		*changed = 1;
	}
	return 0;
}

/* Merge the fields of ann into target (both objects); where names them in
 * messages.  *changed is set if anything was added or replaced. */
static int merge_object(merger *m, cJSON *target, const cJSON *ann,
	const char *where, int *changed)
{
	const cJSON *field;

	cJSON_ArrayForEach(field, ann) {
		const char *key = field->string;
		cJSON *mine = cJSON_GetObjectItemCaseSensitive(target, key);
		int rc;

		if (strcmp(key, "id") == 0 && mine)
			continue;
		if (strcmp(key, "events") == 0 && cJSON_IsArray(field) &&
		    (!mine || cJSON_IsArray(mine))) {
			if (!mine && !(mine = cJSON_AddArrayToObject(target, "events")))
				return nomem(m);
			if ((rc = merge_events(m, target, mine, field, changed)) < 0)
				return rc;
			continue;
		}
		if (mine && cJSON_IsArray(mine) && cJSON_IsArray(field) &&
		    strcmp(key, "connections") == 0) {
			size_t added = 0;
			if ((rc = union_into(m, mine, field, &added)) < 0)
				return rc;
			*changed |= added > 0;
			continue;
		}
		if (mine && cJSON_Compare(mine, field, 1))
			continue;
		if (mine && strcmp(key, "profile_url") == 0 &&
		    cJSON_IsString(mine) && cJSON_IsString(field)) {
			/* One profile written two ways is no conflict. */
			int oom = 0, same;
			char *a = adv_url_key(mine->valuestring, &oom);
			char *b = adv_url_key(field->valuestring, &oom);
			same = a && b && strcmp(a, b) == 0;
			free(a);
			free(b);
			if (oom)
				return nomem(m);
			if (same)
				continue;
		}
		cJSON *copy = cJSON_Duplicate(field, 1);
		if (!copy)
			return nomem(m);
		if (mine) {
			report(m, where, key, mine, field);
			if (!cJSON_ReplaceItemInObjectCaseSensitive(target, key, copy)) {
				cJSON_Delete(copy);
				return nomem(m);
			}
		} else {
			if (!cJSON_AddItemToObject(target, key, copy)) {
				cJSON_Delete(copy);
				return nomem(m);
			}
			if (strcmp(key, "events") == 0)
				m->stats.events_added += (size_t)cJSON_GetArraySize(copy);
		}
		*changed = 1;
	}
	return 0;
}

/* id -> person object, sorted for lookups. */
typedef struct entry {
	const char *id;
	cJSON *person;
} entry;

static int by_id(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->id, ((const entry *)b)->id);
}

static entry *find(entry *index, size_t n, const char *id)
{
	entry key = { id, NULL };
	return n ? bsearch(&key, index, n, sizeof(*index), by_id) : NULL;
}

/* The annotated people: check their shape, no id twice. */
static int check_people(merger *m, const cJSON *people)
{
	size_t n = (size_t)cJSON_GetArraySize(people), i = 0;
	entry *seen = calloc(n ? n : 1, sizeof(*seen));
	const cJSON *p;
	int rc = 0;

	if (!seen)
		return nomem(m);
	cJSON_ArrayForEach(p, people) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "id");
		if (!cJSON_IsObject(p)) {
			rc = adv_error_set(m->err, ADVISOR_EDATA,
				"%s: people[%zu]: expected an object (a person)",
				m->name, i);
			goto done;
		}
		if (!cJSON_IsString(id) || !id->valuestring[0]) {
			rc = adv_error_set(m->err, ADVISOR_EDATA,
				"%s: people[%zu].id: required, a non-empty string "
				"(the id of the person in the imported network)",
				m->name, i);
			goto done;
		}
		seen[i].id = id->valuestring;
		seen[i].person = (cJSON *)p;
		i++;
	}
	qsort(seen, n, sizeof(*seen), by_id);
	for (i = 1; i < n; i++) {
		if (strcmp(seen[i - 1].id, seen[i].id) == 0) {
			rc = adv_error_set(m->err, ADVISOR_EDATA,
				"%s: people: id \"%s\" appears twice; give each "
				"person's facts once", m->name, seen[i].id);
			goto done;
		}
	}
done:
	free(seen);
	return rc;
}

/* ------------------------------------------------------------------------
 * People the user added, now in the import
 * ------------------------------------------------------------------------ */

void adv_merge_stats_free(adv_merge_stats *stats)
{
	if (!stats)
		return;
	for (size_t i = 0; i < stats->found_count; i++) {
		free((char *)stats->found[i].id);
		free((char *)stats->found[i].name);
		free((char *)stats->found[i].import_id);
		free((char *)stats->found[i].candidates);
	}
	free(stats->found);
	stats->found = NULL;
	stats->found_count = 0;
}

static const char *string_of(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *dup_or_null(const char *s, int *oom)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		*oom = 1;
	return d;
}

static int add_found(merger *m, const char *id, const char *name,
	const char *import_id, const char *candidates)
{
	adv_merge_found *f = realloc(m->stats.found,
		(m->stats.found_count + 1) * sizeof(*f));
	int oom = 0;
	if (!f)
		return nomem(m);
	m->stats.found = f;
	f = &f[m->stats.found_count];
	f->id = dup_or_null(id, &oom);
	f->name = dup_or_null(name ? name : id, &oom);
	f->import_id = dup_or_null(import_id, &oom);
	f->candidates = dup_or_null(candidates, &oom);
	m->stats.found_count++;
	return oom ? nomem(m) : 0;
}

/* What an imported person is matched by, worked out once. */
typedef struct known {
	cJSON *person;
	char *url, *name, *company;  /* keys; url may be NULL */
	int claimed;                 /* taken by an added person */
} known;

typedef struct renamed {
	char *from, *to;
} renamed;

typedef struct renames {
	renamed *items;
	size_t count;
} renames;

static void renames_free(renames *r)
{
	for (size_t i = 0; i < r->count; i++) {
		free(r->items[i].from);
		free(r->items[i].to);
	}
	free(r->items);
}

static char *fold_field(const cJSON *obj, const char *key)
{
	const char *s = string_of(obj, key);
	return adv_fold(s ? s : "", NULL);
}

/* The person takes the user's id; theirs becomes an alias. */
static int take_id(merger *m, cJSON *person, const char *id, renames *r)
{
	const char *old = string_of(person, "id");
	cJSON *aliases = cJSON_GetObjectItemCaseSensitive(person, "aliases");
	renamed *grown = realloc(r->items, (r->count + 1) * sizeof(*grown));
	if (!grown)
		return nomem(m);
	r->items = grown;
	int oom = 0;
	grown[r->count].from = dup_or_null(old ? old : "", &oom);
	grown[r->count].to = dup_or_null(id, &oom);
	r->count++;
	if (oom)
		return nomem(m);
	if (!aliases && !(aliases = cJSON_AddArrayToObject(person, "aliases")))
		return nomem(m);
	cJSON *alias = cJSON_CreateString(grown[r->count - 1].from);
	cJSON *new_id = cJSON_CreateString(id);
	if (!alias || !new_id || !cJSON_AddItemToArray(aliases, alias)) {
		cJSON_Delete(alias);
		cJSON_Delete(new_id);
		return nomem(m);
	}
	if (!cJSON_ReplaceItemInObjectCaseSensitive(person, "id", new_id)) {
		cJSON_Delete(new_id);
		return nomem(m);
	}
	return 0;
}

/* Each candidate as "id (url)", joined. */
static int describe_candidates(merger *m, const known *k, size_t n,
	const char *name, const char *company, char **out)
{
	size_t size = 1, at = 0;
	for (size_t i = 0; i < n; i++)
		if (!k[i].claimed && strcmp(k[i].name, name) == 0 &&
		    strcmp(k[i].company, company) == 0)
			size += strlen(string_of(k[i].person, "id")) + 8 +
				(string_of(k[i].person, "profile_url") ?
				 strlen(string_of(k[i].person, "profile_url")) : 0);
	if (!(*out = malloc(size)))
		return nomem(m);
	(*out)[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (k[i].claimed || strcmp(k[i].name, name) != 0 ||
		    strcmp(k[i].company, company) != 0)
			continue;
		const char *url = string_of(k[i].person, "profile_url");
		at += (size_t)snprintf(*out + at, size - at, "%s%s%s%s%s",
			at ? ", " : "", string_of(k[i].person, "id"),
			url ? " (" : "", url ? url : "", url ? ")" : "");
	}
	return 0;
}

/* The added people the import now lists (entries by id in index). */
static int find_added(merger *m, cJSON *list, entry *index, size_t n,
	const cJSON *people, renames *r)
{
	known *k = NULL;
	size_t count = 0, waiting = 0;
	const cJSON *ann, **missing = NULL;
	int rc = 0, oom = 0;

	/* Who is missing is settled before any match takes an id: taking one
	 * frees the import's id, which index still points to. */
	cJSON_ArrayForEach(ann, people) {
		if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ann, "added")) ||
		    find(index, n, string_of(ann, "id")))
			continue;
		if (!missing && !(missing = calloc((size_t)cJSON_GetArraySize(people),
				sizeof(*missing))))
			return nomem(m);
		missing[waiting++] = ann;
	}
	for (size_t w = 0; w < waiting; w++) {
		const char *id = string_of(ann = missing[w], "id");
		if (!k) {
			/* Only when someone added is missing: every person once. */
			cJSON *p;
			size_t size = (size_t)cJSON_GetArraySize(list);
			if (!(k = calloc(size ? size : 1, sizeof(*k)))) {
				rc = nomem(m);
				goto done;
			}
			cJSON_ArrayForEach(p, list) {
				const char *url = string_of(p, "profile_url");
				known *e = &k[count++];
				e->person = p;
				e->url = url ? adv_url_key(url, &oom) : NULL;
				e->name = fold_field(p, "name");
				e->company = fold_field(p, "company");
				if (oom || !e->name || !e->company) {
					rc = nomem(m);
					goto done;
				}
			}
		}
		const char *url_text = string_of(ann, "profile_url");
		char *url = url_text ? adv_url_key(url_text, &oom) : NULL;
		char *name = fold_field(ann, "name"), *company = fold_field(ann, "company");
		known *match = NULL;
		size_t fits = 0;
		if (oom || !name || !company) {
			free(url);
			free(name);
			free(company);
			rc = nomem(m);
			goto done;
		}
		for (size_t i = 0; url && i < count && !match; i++)
			if (!k[i].claimed && k[i].url && strcmp(k[i].url, url) == 0)
				match = &k[i], fits = 1;
		for (size_t i = 0; !match && *name && i < count; i++) {
			/* Two URLs that differ are two people, whatever the name. */
			if (k[i].claimed || (url && k[i].url) ||
			    strcmp(k[i].name, name) != 0 ||
			    strcmp(k[i].company, company) != 0)
				continue;
			fits++;
		}
		for (size_t i = 0; fits == 1 && !match && i < count; i++)
			if (!k[i].claimed && !(url && k[i].url) &&
			    strcmp(k[i].name, name) == 0 &&
			    strcmp(k[i].company, company) == 0)
				match = &k[i];
		char *candidates = NULL;
		if (match) {
			char *import_id = strdup(string_of(match->person, "id"));
			match->claimed = 1;
			rc = !import_id ? nomem(m) :
				take_id(m, match->person, id, r) < 0 ? ADVISOR_ENOMEM :
				add_found(m, id, string_of(ann, "name"), import_id, NULL);
			free(import_id);
		} else if (fits > 1) {
			if ((rc = describe_candidates(m, k, count, name, company,
					&candidates)) == 0)
				rc = add_found(m, id, string_of(ann, "name"), NULL,
					candidates);
		}
		free(candidates);
		free(url);
		free(name);
		free(company);
		if (rc < 0)
			goto done;
	}
done:
	for (size_t i = 0; i < count; i++) {
		free(k[i].url);
		free(k[i].name);
		free(k[i].company);
	}
	free(k);
	free(missing);
	return rc;
}

/* References to an import's id, now an alias, name the person's id. */
static int rewrite_refs(merger *m, cJSON *network, const renames *r)
{
	cJSON *p, *e;
	cJSON *me = cJSON_GetObjectItemCaseSensitive(network, "me");
	cJSON *list = cJSON_GetObjectItemCaseSensitive(network, "people");

	if (!r->count)
		return 0;
	for (p = me ? me : (list ? list->child : NULL); p;
	     p = p == me ? (list ? list->child : NULL) : p->next) {
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(p, "connections"))
			for (size_t i = 0; i < r->count; i++)
				if (cJSON_IsString(e) &&
				    strcmp(e->valuestring, r->items[i].from) == 0 &&
				    !cJSON_SetValuestring(e, r->items[i].to))
					return nomem(m);
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(p, "events")) {
			cJSON *by = cJSON_GetObjectItemCaseSensitive(e, "by");
			for (size_t i = 0; i < r->count; i++)
				if (cJSON_IsString(by) &&
				    strcmp(by->valuestring, r->items[i].from) == 0 &&
				    !cJSON_SetValuestring(by, r->items[i].to))
					return nomem(m);
		}
	}
	return 0;
}

static int index_people(merger *m, cJSON *list, entry **index, size_t *n)
{
	size_t k = 0;
	cJSON *p;

	free(*index);
	*n = (size_t)cJSON_GetArraySize(list);
	if (!(*index = calloc(*n ? *n : 1, sizeof(**index))))
		return nomem(m);
	cJSON_ArrayForEach(p, list) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "id");
		if (cJSON_IsString(id))
			(*index)[k].id = id->valuestring, (*index)[k++].person = p;
	}
	*n = k;
	qsort(*index, *n, sizeof(**index), by_id);
	return 0;
}

/* The person whose "aliases" hold id (a network merged before). */
static entry *find_alias(const cJSON *list, entry *index, size_t n,
	const char *id)
{
	const cJSON *p, *a;
	cJSON_ArrayForEach(p, list)
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(p, "aliases"))
			if (cJSON_IsString(a) && strcmp(a->valuestring, id) == 0)
				return find(index, n, string_of(p, "id"));
	return NULL;
}

static int merge_people(merger *m, cJSON *network, const cJSON *people)
{
	cJSON *list = cJSON_GetObjectItemCaseSensitive(network, "people");
	entry *index = NULL;
	size_t n = 0, i = 0;
	const cJSON *ann;
	int rc = 0;

	if (!list) {
		if (!(list = cJSON_AddArrayToObject(network, "people")))
			return nomem(m);
	}
	if (!cJSON_IsArray(list))
		return adv_error_set(m->err, ADVISOR_EDATA,
			"the network's people: expected an array");
	renames r = { NULL, 0 };
	if ((rc = index_people(m, list, &index, &n)) < 0 ||
	    (rc = find_added(m, list, index, n, people, &r)) < 0 ||
	    (r.count && (rc = index_people(m, list, &index, &n)) < 0))
		goto done;

	cJSON_ArrayForEach(ann, people) {
		const char *id = cJSON_GetObjectItemCaseSensitive(ann, "id")->valuestring;
		entry *e = find(index, n, id);
		char where[300];

		/* Facts written under the import's id, now an alias. */
		for (size_t a = 0; !e && a < r.count; a++)
			if (strcmp(r.items[a].from, id) == 0)
				e = find(index, n, r.items[a].to);
		if (!e)
			e = find_alias(list, index, n, id);

		if (!e) {
			cJSON *copy = cJSON_Duplicate(ann, 1);
			if (!copy || !cJSON_AddItemToArray(list, copy)) {
				cJSON_Delete(copy);
				rc = nomem(m);
				goto done;
			}
			m->stats.people_added++;
			const cJSON *ev = cJSON_GetObjectItemCaseSensitive(ann, "events");
			if (cJSON_IsArray(ev))
				m->stats.events_added += (size_t)cJSON_GetArraySize(ev);
		} else {
			int changed = 0;
			snprintf(where, sizeof(where), "people[%zu] (id \"%s\")", i, id);
			if ((rc = merge_object(m, e->person, ann, where, &changed)) < 0)
				goto done;
			m->stats.people_annotated += changed != 0;
		}
		i++;
	}
	rc = rewrite_refs(m, network, &r);
done:
	renames_free(&r);
	free(index);
	return rc;
}

int adv_annotations_merge(cJSON *network, const cJSON *annotations,
	const char *name, advisor_warning_cb conflict, void *payload,
	adv_merge_stats *stats, advisor_error *err)
{
	merger m = { name, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
		network, "imported")), conflict, payload, { 0, 0, 0, 0, NULL, 0 },
		err };
	const cJSON *format, *me, *people, *field;
	int rc, changed = 0;

	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (!cJSON_IsObject(annotations))
		return adv_error_set(err, ADVISOR_EDATA, "%s: expected a JSON object "
			"in the network format (\"format\": \"advisor-network/1\")", name);
	format = cJSON_GetObjectItemCaseSensitive(annotations, "format");
	if (format && (!cJSON_IsString(format) ||
		       strcmp(format->valuestring, "advisor-network/1") != 0))
		return adv_error_set(err, ADVISOR_EDATA, "%s: format: expected "
			"\"advisor-network/1\"", name);
	me = cJSON_GetObjectItemCaseSensitive(annotations, "me");
	if (me && !cJSON_IsObject(me))
		return adv_error_set(err, ADVISOR_EDATA, "%s: me: expected an object",
			name);
	people = cJSON_GetObjectItemCaseSensitive(annotations, "people");
	if (people && !cJSON_IsArray(people))
		return adv_error_set(err, ADVISOR_EDATA, "%s: people: expected an "
			"array of people", name);
	if (people && (rc = check_people(&m, people)) < 0)
		return rc;

	if (me) {
		cJSON *target = cJSON_GetObjectItemCaseSensitive(network, "me");
		if (!target && !(target = cJSON_AddObjectToObject(network, "me")))
			return nomem(&m);
		if (!cJSON_IsObject(target))
			return adv_error_set(err, ADVISOR_EDATA,
				"the network's me: expected an object");
		if ((rc = merge_object(&m, target, me, "me", &changed)) < 0)
			return rc;
	}
	if (people && (rc = merge_people(&m, network, people)) < 0) {
		adv_merge_stats_free(&m.stats);
		return rc;
	}
	/* Anything else at the top: the same rules as a person's fields. */
	cJSON *rest = cJSON_CreateObject();
	if (!rest) {
		adv_merge_stats_free(&m.stats);
		return nomem(&m);
	}
	cJSON_ArrayForEach(field, annotations) {
		if (strcmp(field->string, "format") == 0 ||
		    strcmp(field->string, "me") == 0 ||
		    strcmp(field->string, "people") == 0)
			continue;
		cJSON *copy = cJSON_Duplicate(field, 1);
		if (!copy || !cJSON_AddItemToObject(rest, field->string, copy)) {
			cJSON_Delete(copy);
			cJSON_Delete(rest);
			adv_merge_stats_free(&m.stats);
			return nomem(&m);
		}
	}
	rc = merge_object(&m, network, rest, "(top level)", &changed);
	cJSON_Delete(rest);
	if (rc < 0 || !stats) {
		adv_merge_stats_free(&m.stats);
		return rc < 0 ? rc : 0;
	}
	*stats = m.stats;
	return 0;
}
