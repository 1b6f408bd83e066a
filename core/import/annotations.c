/*
 * annotations.c - the user's facts merged over an imported network (the
 * rules are in annotations.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/annotations.h"
#include "util/error.h"

typedef struct merger {
	const char *name;
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
		if (mine && cJSON_IsArray(mine) && cJSON_IsArray(field) &&
		    (strcmp(key, "events") == 0 || strcmp(key, "connections") == 0)) {
			size_t added = 0;
			if ((rc = union_into(m, mine, field, &added)) < 0)
				return rc;
			if (strcmp(key, "events") == 0)
				m->stats.events_added += added;
			*changed |= added > 0;
			continue;
		}
		if (mine && cJSON_Compare(mine, field, 1))
			continue;
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
	n = (size_t)cJSON_GetArraySize(list);
	if (!(index = calloc(n ? n : 1, sizeof(*index))))
		return nomem(m);
	cJSON *p;
	size_t k = 0;
	cJSON_ArrayForEach(p, list) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "id");
		if (cJSON_IsString(id))
			index[k].id = id->valuestring, index[k++].person = p;
	}
	n = k;
	qsort(index, n, sizeof(*index), by_id);

	cJSON_ArrayForEach(ann, people) {
		const char *id = cJSON_GetObjectItemCaseSensitive(ann, "id")->valuestring;
		entry *e = find(index, n, id);
		char where[300];

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
done:
	free(index);
	return rc;
}

int adv_annotations_merge(cJSON *network, const cJSON *annotations,
	const char *name, advisor_warning_cb conflict, void *payload,
	adv_merge_stats *stats, advisor_error *err)
{
	merger m = { name, conflict, payload, { 0, 0, 0, 0 }, err };
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
	if (people && (rc = merge_people(&m, network, people)) < 0)
		return rc;
	/* Anything else at the top: the same rules as a person's fields. */
	cJSON *rest = cJSON_CreateObject();
	if (!rest)
		return nomem(&m);
	cJSON_ArrayForEach(field, annotations) {
		if (strcmp(field->string, "format") == 0 ||
		    strcmp(field->string, "me") == 0 ||
		    strcmp(field->string, "people") == 0)
			continue;
		cJSON *copy = cJSON_Duplicate(field, 1);
		if (!copy || !cJSON_AddItemToObject(rest, field->string, copy)) {
			cJSON_Delete(copy);
			cJSON_Delete(rest);
			return nomem(&m);
		}
	}
	rc = merge_object(&m, network, rest, "(top level)", &changed);
	cJSON_Delete(rest);
	if (rc < 0)
		return rc;
	if (stats)
		*stats = m.stats;
	return 0;
}
