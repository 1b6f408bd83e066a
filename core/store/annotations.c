/*
 * annotations.c - advisor_annotations: the user's facts as a document in
 * the network format, read strictly, edited in place and written back, and
 * merged over an import with the import layer's merge (import/annotations.h
 * has its rules).
 *
 * The document is kept as the cJSON tree it was read as, so that what the
 * calls do not edit (me, a user's own fields, other top-level members) is
 * written back unchanged and in its order.  The tree is checked once, when
 * read; every edit keeps it in that shape, so later calls may rely on it:
 * "people" is an array of objects with a unique non-empty string "id",
 * "events" arrays of objects with a string "type", "connections" arrays of
 * strings.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/annotations.h"
#include "import/people.h"
#include "json/fields.h"
#include "json/strict.h"
#include "store/annotations.h"
#include "util/date.h"
#include "util/error.h"
#include "util/fold.h"
#include "util/url.h"

#define FORMAT "advisor-network/1"

struct advisor_annotations {
	cJSON *doc;
	char *name;
};

static int nomem(advisor_error *err, const char *fn)
{
	return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
}

/* A JSON path into buf, cut to fit (paths in messages are short). */
static void ADV_PRINTF(3, 4) path_of(char *buf, size_t size,
	const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (vsnprintf(buf, size, fmt, ap) < 0)
		buf[0] = '\0';
	va_end(ap);
}

/* A bad shape at path (and key): "NAME: PATH.KEY: WHY", located. */
static int bad(advisor_error *err, const char *name, const char *path,
	const char *key, const char *why)
{
	char where[ADVISOR_ERROR_PATH_MAX];

	path_of(where, sizeof(where), "%s%s%s", path, key && *path ? "." : "",
		key ? key : "");
	adv_error_set(err, ADVISOR_EDATA, "%s: %s: %s", name, where, why);
	adv_error_locate(err, path, key);
	return ADVISOR_EDATA;
}

static int nonempty_string(const cJSON *v)
{
	return cJSON_IsString(v) && v->valuestring[0];
}

/* A person's "events" and "connections", where present. */
static int check_person(const cJSON *p, const char *name, const char *at,
	advisor_error *err)
{
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(p, "events");
	const cJSON *links = cJSON_GetObjectItemCaseSensitive(p, "connections");
	const cJSON *e;
	char path[ADVISOR_ERROR_PATH_MAX];
	size_t i = 0;

	if (events && !cJSON_IsArray(events))
		return bad(err, name, at, "events", "expected an array of events");
	cJSON_ArrayForEach(e, events) {
		path_of(path, sizeof(path), "%s.events[%zu]", at, i++);
		if (!cJSON_IsObject(e))
			return bad(err, name, path, NULL,
				"expected an object (an event)");
		if (!nonempty_string(cJSON_GetObjectItemCaseSensitive(e, "type")))
			return bad(err, name, path, "type", "required, a non-empty "
				"string (met, worked_together, ...)");
	}
	if (links && !cJSON_IsArray(links))
		return bad(err, name, at, "connections",
			"expected an array of person ids");
	i = 0;
	cJSON_ArrayForEach(e, links) {
		path_of(path, sizeof(path), "%s.connections[%zu]", at, i++);
		if (!nonempty_string(e))
			return bad(err, name, path, NULL,
				"expected a person id (a non-empty string)");
	}
	return ADVISOR_OK;
}

/* Person entries by id, for finding an id given twice. */
typedef struct entry {
	const char *id;
	size_t at;
} entry;

static int by_id(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : x->at < y->at ? -1 : x->at > y->at;
}

static int check_ids(const cJSON *people, const char *name,
	advisor_error *err)
{
	size_t n = (size_t)cJSON_GetArraySize(people), i = 0;
	entry *seen = calloc(n ? n : 1, sizeof(*seen));
	const cJSON *p;
	int rc = ADVISOR_OK;

	if (!seen)
		return nomem(err, name);
	cJSON_ArrayForEach(p, people) {
		seen[i].id = cJSON_GetObjectItemCaseSensitive(p, "id")->valuestring;
		seen[i].at = i;
		i++;
	}
	qsort(seen, n, sizeof(*seen), by_id);
	for (i = 1; i < n; i++)
		if (strcmp(seen[i - 1].id, seen[i].id) == 0) {
			char path[64], why[400];
			snprintf(path, sizeof(path), "people[%zu]", seen[i].at);
			snprintf(why, sizeof(why), "\"%.300s\" is people[%zu]'s id "
				"too; give each person's facts once", seen[i].id,
				seen[i - 1].at);
			rc = bad(err, name, path, "id", why);
			break;
		}
	free(seen);
	return rc;
}

static int check(const cJSON *doc, const char *name, advisor_error *err)
{
	const cJSON *format, *me, *people, *p;
	char path[ADVISOR_ERROR_PATH_MAX];
	size_t i = 0;
	int rc;

	if (!cJSON_IsObject(doc))
		return adv_error_set(err, ADVISOR_EDATA, "%s: expected a JSON object "
			"in the network format (\"format\": \"" FORMAT "\")", name);
	format = cJSON_GetObjectItemCaseSensitive(doc, "format");
	if (format && (!cJSON_IsString(format) ||
		       strcmp(format->valuestring, FORMAT) != 0))
		return bad(err, name, "", "format", "expected \"" FORMAT "\"");
	me = cJSON_GetObjectItemCaseSensitive(doc, "me");
	if (me && !cJSON_IsObject(me))
		return bad(err, name, "", "me", "expected an object");
	people = cJSON_GetObjectItemCaseSensitive(doc, "people");
	if (people && !cJSON_IsArray(people))
		return bad(err, name, "", "people", "expected an array of people");
	cJSON_ArrayForEach(p, people) {
		snprintf(path, sizeof(path), "people[%zu]", i++);
		if (!cJSON_IsObject(p))
			return bad(err, name, path, NULL,
				"expected an object (a person)");
		if (!nonempty_string(cJSON_GetObjectItemCaseSensitive(p, "id")))
			return bad(err, name, path, "id", "required, a non-empty "
				"string (the id of the person in the network)");
		if ((rc = check_person(p, name, path, err)) < 0)
			return rc;
	}
	return people ? check_ids(people, name, err) : ADVISOR_OK;
}

static int make(advisor_annotations **out, cJSON *doc, const char *name,
	const char *fn, advisor_error *err)
{
	advisor_annotations *a = calloc(1, sizeof(*a));

	if (!a || !(a->name = strdup(name ? name : "annotations"))) {
		free(a);
		cJSON_Delete(doc);
		return nomem(err, fn);
	}
	a->doc = doc;
	*out = a;
	return ADVISOR_OK;
}

int advisor_annotations_new(advisor_annotations **out, const char *name,
	advisor_error *err)
{
	cJSON *doc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_annotations_new: out is NULL");
	*out = NULL;
	if (!(doc = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(doc, "format", FORMAT) ||
	    !cJSON_AddArrayToObject(doc, "people")) {
		cJSON_Delete(doc);
		return nomem(err, "advisor_annotations_new");
	}
	return make(out, doc, name, "advisor_annotations_new", err);
}

int advisor_annotations_parse(advisor_annotations **out, const char *text,
	size_t len, const char *name, advisor_error *err)
{
	cJSON *doc = NULL;
	char *copy;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_annotations_parse: out is NULL");
	*out = NULL;
	if (!text)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_annotations_parse: text is NULL");
	name = name ? name : "annotations";
	/* The strict parser wants text[len] == '\0'. */
	if (!(copy = malloc(len + 1)))
		return nomem(err, "advisor_annotations_parse");
	memcpy(copy, text, len);
	copy[len] = '\0';
	rc = adv_json_parse(&doc, copy, len, name, 0, err);
	free(copy);
	if (rc < 0)
		return rc;
	if ((rc = check(doc, name, err)) < 0) {
		cJSON_Delete(doc);
		return rc;
	}
	return make(out, doc, name, "advisor_annotations_parse", err);
}

void advisor_annotations_free(advisor_annotations *notes)
{
	if (!notes)
		return;
	cJSON_Delete(notes->doc);
	free(notes->name);
	free(notes);
}

int advisor_annotations_to_json(char **out, const advisor_annotations *notes,
	advisor_error *err)
{
	char *text, *copy;

	adv_error_clear(err);
	if (!out || !notes)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_annotations_to_json: %s is NULL",
			out ? "notes" : "out");
	*out = NULL;
	if (!(text = cJSON_Print(notes->doc)))
		return nomem(err, "advisor_annotations_to_json");
	/* Freed with advisor_string_free(), which is free(); cJSON's
	 * allocator may be another. */
	size_t len = strlen(text);
	if ((copy = malloc(len + 2))) {
		memcpy(copy, text, len);
		copy[len] = '\n';
		copy[len + 1] = '\0';
	}
	cJSON_free(text);
	if (!copy)
		return nomem(err, "advisor_annotations_to_json");
	*out = copy;
	return ADVISOR_OK;
}

/* ------------------------------------------------------------------------
 * People
 * ------------------------------------------------------------------------ */

static cJSON *people_of(const advisor_annotations *notes)
{
	return notes ? cJSON_GetObjectItemCaseSensitive(notes->doc, "people")
		: NULL;
}

static cJSON *find_person(const advisor_annotations *notes, const char *id)
{
	cJSON *p;

	if (!id)
		return NULL;
	cJSON_ArrayForEach(p, people_of(notes))
		if (strcmp(cJSON_GetObjectItemCaseSensitive(p, "id")->valuestring,
				id) == 0)
			return p;
	return NULL;
}

size_t advisor_annotations_person_count(const advisor_annotations *notes)
{
	return (size_t)cJSON_GetArraySize(people_of(notes));
}

const char *advisor_annotations_person_id(const advisor_annotations *notes,
	size_t i)
{
	cJSON *people = people_of(notes);
	if (!people || i >= (size_t)cJSON_GetArraySize(people))
		return NULL;
	return cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(people,
		(int)i), "id")->valuestring;
}

/* The checks every editing call starts with. */
static int check_args(const advisor_annotations *notes, const char *id,
	const char *fn, advisor_error *err)
{
	adv_error_clear(err);
	if (!notes)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: notes is NULL", fn);
	if (!id || !*id)
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: the person's id is %s; expected a non-empty string", fn,
			id ? "empty" : "NULL");
	return ADVISOR_OK;
}

/* The person's entry, added (with the name, if any) when absent; *made
 * says whether it was, for a caller that fails later to take it back
 * (drop()). */
static int get_person(cJSON **out, int *made, advisor_annotations *notes,
	const char *id, const char *name, const char *fn, advisor_error *err)
{
	cJSON *people = people_of(notes), *p;

	*made = 0;
	if ((*out = find_person(notes, id)))
		return ADVISOR_OK;
	if (name && !*name)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: the name of %s is "
			"empty", fn, id);
	if (!people && !(people = cJSON_AddArrayToObject(notes->doc, "people")))
		return nomem(err, fn);
	if (!(p = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(p, "id", id) ||
	    (name && !cJSON_AddStringToObject(p, "name", name)) ||
	    !cJSON_AddItemToArray(people, p)) {
		cJSON_Delete(p);
		return nomem(err, fn);
	}
	*out = p;
	*made = 1;
	return ADVISOR_OK;
}

/* Undo a get_person() that made the entry. */
static void drop(advisor_annotations *notes, cJSON *p, int made)
{
	if (made)
		cJSON_Delete(cJSON_DetachItemViaPointer(people_of(notes), p));
}

/* An array member of p, made when absent. */
static cJSON *array_of(cJSON *p, const char *key)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(p, key);
	return a ? a : cJSON_AddArrayToObject(p, key);
}

/* After a removal: an empty array goes, and so does a person left with
 * nothing but an id. */
static void tidy(advisor_annotations *notes, cJSON *p)
{
	static const char *const lists[] = { "events", "connections" };

	for (size_t i = 0; i < 2; i++) {
		cJSON *a = cJSON_GetObjectItemCaseSensitive(p, lists[i]);
		if (a && cJSON_GetArraySize(a) == 0)
			cJSON_DeleteItemFromObjectCaseSensitive(p, lists[i]);
	}
	if (cJSON_GetArraySize(p) == 1)
		cJSON_Delete(cJSON_DetachItemViaPointer(people_of(notes), p));
}

int advisor_annotations_remove_person(int *removed,
	advisor_annotations *notes, const char *id, advisor_error *err)
{
	int rc;
	cJSON *p;

	if (removed)
		*removed = 0;
	if ((rc = check_args(notes, id, "advisor_annotations_remove_person",
			err)) < 0)
		return rc;
	if ((p = find_person(notes, id))) {
		cJSON_Delete(cJSON_DetachItemViaPointer(people_of(notes), p));
		if (removed)
			*removed = 1;
	}
	return ADVISOR_OK;
}

/* ------------------------------------------------------------------------
 * Events
 * ------------------------------------------------------------------------ */

static const cJSON *event_at(const advisor_annotations *notes,
	const char *id, size_t i)
{
	cJSON *events = cJSON_GetObjectItemCaseSensitive(find_person(notes, id),
		"events");
	if (!events || i >= (size_t)cJSON_GetArraySize(events))
		return NULL;
	return cJSON_GetArrayItem(events, (int)i);
}

/*
 * What no fact may say, checked before it is kept: text on one line (a
 * newline or control character would reach a note or a terminal), a date
 * that has not happened yet on anything but an interview (which can be
 * ahead, when it is scheduled), and an introduction by the person
 * themselves.
 */
static int check_fact(const char *id, const char *type, const cJSON *given,
	const char *fn, advisor_error *err)
{
	static const char *const dates[] = { "date", "from", "to" };
	const cJSON *f;

	cJSON_ArrayForEach(f, given) {
		if (!cJSON_IsString(f))
			continue;
		for (const unsigned char *c = (const unsigned char *)f->valuestring;
		     *c; c++)
			if (*c < 0x20 || *c == 0x7f) {
				adv_error_set(err, ADVISOR_EINVAL, "%s: %s: holds a %s; "
					"expected text on one line", fn, f->string,
					*c == '\n' || *c == '\r' ? "line break"
					: "control character");
				adv_error_locate(err, "", f->string);
				return ADVISOR_EINVAL;
			}
	}
	if (strcmp(type, "interview") == 0) {
		/* Ahead of today an interview is an appointment: scheduled. */
		adv_date today = adv_date_today(), d;
		const char *s = cJSON_GetStringValue(
			cJSON_GetObjectItemCaseSensitive(given, "date"));
		const char *st = cJSON_GetStringValue(
			cJSON_GetObjectItemCaseSensitive(given, "status"));
		if (s && st && strcmp(st, "scheduled") != 0 &&
		    adv_date_parse(&d, s) == 0 && d.day > today.day) {
			char now[ADV_DATE_BUF];
			adv_date_format(now, today);
			adv_error_set(err, ADVISOR_EINVAL, "%s: status: \"%s\" for an "
				"interview dated %s, after today (%s); an interview still "
				"to come is \"scheduled\"", fn, st, s, now);
			adv_error_locate(err, "", "status");
			return ADVISOR_EINVAL;
		}
	} else {
		adv_date today = adv_date_today(), d;
		for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++) {
			const char *s = cJSON_GetStringValue(
				cJSON_GetObjectItemCaseSensitive(given, dates[i]));
			if (s && adv_date_parse(&d, s) == 0 && d.day > today.day) {
				char now[ADV_DATE_BUF];
				adv_date_format(now, today);
				if (strcmp(type, "invitation") == 0)
					adv_error_set(err, ADVISOR_EINVAL, "%s: %s: %s is "
						"after today (%s); an invitation cannot be dated "
						"after today: give the day it was sent or "
						"withdrawn", fn, dates[i], s, now);
				else
					adv_error_set(err, ADVISOR_EINVAL, "%s: %s: %s is "
						"after today (%s); expected a date that has "
						"happened (only an interview can be ahead)", fn,
						dates[i], s, now);
				adv_error_locate(err, "", dates[i]);
				return ADVISOR_EINVAL;
			}
		}
	}
	const char *by = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(given, "by"));
	if (by && strcmp(type, "introduced") == 0 && strcmp(by, id) == 0) {
		adv_error_set(err, ADVISOR_EINVAL, "%s: by: \"%s\" is the person "
			"introduced; expected the one who introduced you", fn, by);
		adv_error_locate(err, "", "by");
		return ADVISOR_EINVAL;
	}
	return ADVISOR_OK;
}

int advisor_annotations_add_event(int *added, advisor_annotations *notes,
	const char *id, const char *name, const char *type,
	const advisor_fields *fields, advisor_error *err)
{
	static const char fn[] = "advisor_annotations_add_event";
	const cJSON *given = adv_fields_object(fields), *f;
	cJSON *ev = NULL, *p, *events, *had;
	int rc, made;

	if (added)
		*added = 0;
	if ((rc = check_args(notes, id, fn, err)) < 0)
		return rc;
	if (!type || !*type)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: the event's type is "
			"%s; expected met, worked_together, ...", fn,
			type ? "empty" : "NULL");
	if (cJSON_GetObjectItemCaseSensitive(given, "type")) {
		adv_error_set(err, ADVISOR_EINVAL, "%s: \"type\" is the event's "
			"type argument, not one of its fields", fn);
		adv_error_locate(err, "", "type");
		return ADVISOR_EINVAL;
	}
	if ((rc = check_fact(id, type, given, fn, err)) < 0)
		return rc;
	if (!(ev = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(ev, "type", type))
		goto oom;
	cJSON_ArrayForEach(f, given) {
		cJSON *copy = cJSON_Duplicate(f, 1);
		if (!copy || !cJSON_AddItemToObject(ev, f->string, copy)) {
			cJSON_Delete(copy);
			goto oom;
		}
	}
	/* The same fact twice is one fact. */
	cJSON_ArrayForEach(had, cJSON_GetObjectItemCaseSensitive(
			find_person(notes, id), "events"))
		if (cJSON_Compare(had, ev, 1)) {
			cJSON_Delete(ev);
			return ADVISOR_OK;
		}
	if ((rc = get_person(&p, &made, notes, id, name, fn, err)) < 0) {
		cJSON_Delete(ev);
		return rc;
	}
	if (!(events = array_of(p, "events")) || !cJSON_AddItemToArray(events, ev)) {
		if (made)
			drop(notes, p, made);
		else
			tidy(notes, p);
		goto oom;
	}
	if (added)
		*added = 1;
	return ADVISOR_OK;
oom:
	cJSON_Delete(ev);
	return nomem(err, fn);
}

size_t advisor_annotations_event_count(const advisor_annotations *notes,
	const char *id)
{
	return (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
		find_person(notes, id), "events"));
}

const char *advisor_annotations_event_type(const advisor_annotations *notes,
	const char *id, size_t i)
{
	return advisor_annotations_event_string(notes, id, i, "type");
}

const char *advisor_annotations_event_string(
	const advisor_annotations *notes, const char *id, size_t i,
	const char *field)
{
	const cJSON *v = field ? cJSON_GetObjectItemCaseSensitive(
		event_at(notes, id, i), field) : NULL;
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int advisor_annotations_remove_event(advisor_annotations *notes,
	const char *id, size_t i, advisor_error *err)
{
	static const char fn[] = "advisor_annotations_remove_event";
	cJSON *p, *events;
	int rc;

	if ((rc = check_args(notes, id, fn, err)) < 0)
		return rc;
	p = find_person(notes, id);
	events = cJSON_GetObjectItemCaseSensitive(p, "events");
	size_t n = (size_t)cJSON_GetArraySize(events);
	if (i >= n)
		return adv_error_set(err, ADVISOR_ENOTFOUND, "%s: no event %zu of "
			"%s in %s: %s %zu (from 0)", fn, i, id, notes->name,
			n == 1 ? "there is" : "there are", n);
	cJSON_DeleteItemFromArray(events, (int)i);
	tidy(notes, p);
	return ADVISOR_OK;
}

int advisor_annotations_remove_events(size_t *removed,
	advisor_annotations *notes, const char *id, const char *type,
	advisor_error *err)
{
	static const char fn[] = "advisor_annotations_remove_events";
	cJSON *p, *events, *ev, *next;
	size_t n = 0;
	int rc;

	if (removed)
		*removed = 0;
	if ((rc = check_args(notes, id, fn, err)) < 0)
		return rc;
	if (!type || !*type)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: the event's type is "
			"%s", fn, type ? "empty" : "NULL");
	if (!(p = find_person(notes, id)))
		return ADVISOR_OK;
	events = cJSON_GetObjectItemCaseSensitive(p, "events");
	for (ev = events ? events->child : NULL; ev; ev = next) {
		next = ev->next;
		if (strcmp(cJSON_GetObjectItemCaseSensitive(ev, "type")->valuestring,
				type) == 0) {
			cJSON_Delete(cJSON_DetachItemViaPointer(events, ev));
			n++;
		}
	}
	tidy(notes, p);
	if (removed)
		*removed = n;
	return ADVISOR_OK;
}

/* ------------------------------------------------------------------------
 * Fields
 * ------------------------------------------------------------------------ */

static int own_call(const char *field)
{
	return strcmp(field, "id") == 0 || strcmp(field, "events") == 0 ||
	       strcmp(field, "connections") == 0;
}

static int refuse_own(advisor_error *err, const char *fn, const char *field)
{
	adv_error_set(err, ADVISOR_EINVAL, "%s: \"%s\" is not set as a field; "
		"%s", fn, field, strcmp(field, "id") == 0 ? "it names the person" :
		strcmp(field, "events") == 0 ? "add and remove events instead" :
		"link and unlink people instead");
	adv_error_locate(err, "", field);
	return ADVISOR_EINVAL;
}

int advisor_annotations_set_fields(advisor_annotations *notes,
	const char *id, const char *name, const advisor_fields *fields,
	advisor_error *err)
{
	static const char fn[] = "advisor_annotations_set_fields";
	const cJSON *given = adv_fields_object(fields), *f;
	cJSON *p, *copy = NULL;
	int rc, made;

	if ((rc = check_args(notes, id, fn, err)) < 0)
		return rc;
	cJSON_ArrayForEach(f, given)
		if (own_call(f->string))
			return refuse_own(err, fn, f->string);
	/* On a copy, so that running out of memory half-way sets nothing. */
	if ((rc = get_person(&p, &made, notes, id, name, fn, err)) < 0)
		return rc;
	if (!(copy = cJSON_Duplicate(p, 1)))
		goto oom;
	cJSON_ArrayForEach(f, given) {
		cJSON *v = cJSON_Duplicate(f, 1);
		int ok = v && (cJSON_GetObjectItemCaseSensitive(copy, f->string)
			? cJSON_ReplaceItemInObjectCaseSensitive(copy, f->string, v)
			: cJSON_AddItemToObject(copy, f->string, v));
		if (!ok) {
			cJSON_Delete(v);
			goto oom;
		}
	}
	if (!cJSON_ReplaceItemViaPointer(people_of(notes), p, copy))
		goto oom;
	return ADVISOR_OK;
oom:
	cJSON_Delete(copy);
	drop(notes, p, made);
	return nomem(err, fn);
}

int advisor_annotations_clear_field(int *cleared, advisor_annotations *notes,
	const char *id, const char *field, advisor_error *err)
{
	static const char fn[] = "advisor_annotations_clear_field";
	cJSON *p;
	int rc;

	if (cleared)
		*cleared = 0;
	if ((rc = check_args(notes, id, fn, err)) < 0)
		return rc;
	if (!field || !*field)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: the field's name is "
			"%s", fn, field ? "empty" : "NULL");
	if (own_call(field))
		return refuse_own(err, fn, field);
	p = find_person(notes, id);
	if (p && cJSON_GetObjectItemCaseSensitive(p, field)) {
		cJSON_DeleteItemFromObjectCaseSensitive(p, field);
		tidy(notes, p);
		if (cleared)
			*cleared = 1;
	}
	return ADVISOR_OK;
}

/* ------------------------------------------------------------------------
 * Links
 * ------------------------------------------------------------------------ */

/* The element of a's connections naming b, or NULL. */
static cJSON *link_of(const advisor_annotations *notes, const char *a,
	const char *b)
{
	cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(
			find_person(notes, a), "connections"))
		if (strcmp(e->valuestring, b) == 0)
			return e;
	return NULL;
}

static int check_pair(const advisor_annotations *notes, const char *a,
	const char *b, const char *fn, advisor_error *err)
{
	int rc;
	if ((rc = check_args(notes, a, fn, err)) < 0 ||
	    (rc = check_args(notes, b, fn, err)) < 0)
		return rc;
	if (strcmp(a, b) == 0)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: %s and %s are the "
			"same person", fn, a, b);
	return ADVISOR_OK;
}

int advisor_annotations_link(int *added, advisor_annotations *notes,
	const char *a, const char *b, advisor_error *err)
{
	static const char fn[] = "advisor_annotations_link";
	cJSON *p, *list, *s;
	int rc, made;

	if (added)
		*added = 0;
	if ((rc = check_pair(notes, a, b, fn, err)) < 0)
		return rc;
	if (link_of(notes, a, b) || link_of(notes, b, a))
		return ADVISOR_OK;
	if ((rc = get_person(&p, &made, notes, a, NULL, fn, err)) < 0)
		return rc;
	if (!(list = array_of(p, "connections")) ||
	    !(s = cJSON_CreateString(b))) {
		tidy(notes, p);
		return nomem(err, fn);
	}
	if (!cJSON_AddItemToArray(list, s)) {
		cJSON_Delete(s);
		tidy(notes, p);
		return nomem(err, fn);
	}
	if (added)
		*added = 1;
	return ADVISOR_OK;
}

int advisor_annotations_unlink(int *removed, advisor_annotations *notes,
	const char *a, const char *b, advisor_error *err)
{
	const char *ends[2][2] = { { a, b }, { b, a } };
	int rc, n = 0;

	if (removed)
		*removed = 0;
	if ((rc = check_pair(notes, a, b, "advisor_annotations_unlink", err)) < 0)
		return rc;
	for (int i = 0; i < 2; i++) {
		cJSON *e = link_of(notes, ends[i][0], ends[i][1]);
		if (!e)
			continue;
		cJSON *p = find_person(notes, ends[i][0]);
		cJSON_Delete(cJSON_DetachItemViaPointer(
			cJSON_GetObjectItemCaseSensitive(p, "connections"), e));
		tidy(notes, p);
		n = 1;
	}
	if (removed)
		*removed = n;
	return ADVISOR_OK;
}

/* ------------------------------------------------------------------------
 * People you add
 * ------------------------------------------------------------------------ */

unsigned int advisor_annotations_person_added(const advisor_annotations *notes,
	const char *id)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
		find_person(notes, id), "added")) ? 1u : 0u;
}

/* The profile URL key of a person object, or NULL (*nomem when out of
 * memory). */
static char *url_of(const cJSON *p, int *nomem)
{
	const char *u = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(p, "profile_url"));
	return u ? adv_url_key(u, nomem) : NULL;
}

/* What a new person is checked against: their name folded, their profile
 * URL's key (or NULL), and the first person found who already has that
 * name or URL. */
typedef struct newcomer {
	char *name;
	char *url;
	const cJSON *clash;
	int by_url;
	int nomem;
} newcomer;

/*
 * Does person p name the newcomer?  The same profile URL always does; the
 * same name (case and accents aside) does unless both have profile URLs
 * and they differ: a URL tells two people of one name apart, a name
 * alone cannot.
 */
static void meet(newcomer *nc, const cJSON *p)
{
	const char *name = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(p, "name"));
	char *url, *folded;

	if (nc->clash && nc->by_url)
		return;
	url = url_of(p, &nc->nomem);
	if (url && nc->url && strcmp(url, nc->url) == 0) {
		nc->clash = p;
		nc->by_url = 1;
	} else if (name && !nc->clash && (!url || !nc->url)) {
		if ((folded = adv_fold(name, NULL)) == NULL)
			nc->nomem = 1;
		else if (strcmp(folded, nc->name) == 0)
			nc->clash = p;
		free(folded);
	}
	free(url);
}

/* Every person of a network-format tree (me too), to meet(). */
static void meet_all(newcomer *nc, const cJSON *doc)
{
	const cJSON *p;
	const cJSON *me = cJSON_GetObjectItemCaseSensitive(doc, "me");

	if (cJSON_IsObject(me))
		meet(nc, me);
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(doc, "people"))
		if (cJSON_IsObject(p))
			meet(nc, p);
}

/* Is id taken in a network-format tree: a person's, me's, or one listed
 * among someone's connections (which a person of that id would declare)? */
static int id_taken(const cJSON *doc, const char *id)
{
	const cJSON *me = cJSON_GetObjectItemCaseSensitive(doc, "me"), *p, *c;
	const char *me_id = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(me, "id"));

	if (strcmp(id, "me") == 0 || (me_id && strcmp(id, me_id) == 0))
		return 1;
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(doc, "people")) {
		const char *pid = cJSON_GetStringValue(
			cJSON_GetObjectItemCaseSensitive(p, "id"));
		if (pid && strcmp(pid, id) == 0)
			return 1;
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(p,
				"connections"))
			if (cJSON_IsString(c) && strcmp(c->valuestring, id) == 0)
				return 1;
	}
	return 0;
}

/* A fresh id for name: its slug, else "person", with "-2", "-3"... when
 * that is taken in the network or the document (malloc). */
static char *fresh_id(const char *name, const cJSON *net, const cJSON *doc)
{
	char *base = adv_li_slug(name), *id;
	size_t len;

	if (!base)
		return NULL;
	if (!*base) {
		free(base);
		if (!(base = strdup("person")))
			return NULL;
	}
	if (!id_taken(net, base) && !id_taken(doc, base))
		return base;
	len = strlen(base) + 24;
	if ((id = malloc(len)))
		for (unsigned long n = 2;; n++) {
			snprintf(id, len, "%s-%lu", base, n);
			if (!id_taken(net, id) && !id_taken(doc, id))
				break;
		}
	free(base);
	return id;
}

/* "Noa Levi (noa-levi, at Orbit)" for a message. */
static void who(char *buf, size_t size, const cJSON *p)
{
	const char *id = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(p, "id"));
	const char *name = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(p, "name"));
	const char *company = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(p, "company"));

	snprintf(buf, size, "%.200s (%.200s%s%.200s)", name ? name : "?",
		id ? id : "?", company ? ", at " : "", company ? company : "");
}

int advisor_annotations_add_person(const char **id,
	advisor_annotations *notes, const char *name,
	const advisor_fields *fields, const char *network, size_t network_len,
	advisor_error *err)
{
	static const char fn[] = "advisor_annotations_add_person";
	const cJSON *given = adv_fields_object(fields), *f;
	cJSON *net = NULL, *p = NULL, *people;
	newcomer nc = { NULL, NULL, NULL, 0, 0 };
	char *new_id = NULL, *copy = NULL;
	int rc = ADVISOR_OK;

	adv_error_clear(err);
	if (id)
		*id = NULL;
	if (!id || !notes)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: %s is NULL", fn,
			id ? "notes" : "id");
	if (!name || !*name)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: the name is %s; "
			"expected the person's name", fn, name ? "empty" : "NULL");
	for (const unsigned char *c = (const unsigned char *)name; *c; c++)
		if (*c < 0x20 || *c == 0x7f) {
			adv_error_set(err, ADVISOR_EINVAL, "%s: name: holds a %s; "
				"expected a name on one line", fn, *c == '\n' ||
				*c == '\r' ? "line break" : "control character");
			adv_error_locate(err, "", "name");
			return ADVISOR_EINVAL;
		}
	cJSON_ArrayForEach(f, given) {
		if (own_call(f->string) || strcmp(f->string, "name") == 0 ||
		    strcmp(f->string, "added") == 0) {
			adv_error_set(err, ADVISOR_EINVAL, "%s: \"%s\" is not one of "
				"the fields given; %s", fn, f->string,
				strcmp(f->string, "name") == 0 ? "it is the name argument"
				: strcmp(f->string, "added") == 0 ? "every person added "
				"this way has it" : "the id is made from the name, and "
				"events and links have their own calls");
			adv_error_locate(err, "", f->string);
			return ADVISOR_EINVAL;
		}
	}
	if ((rc = check_fact("", "person", given, fn, err)) < 0)
		return rc;
	if (network) {
		if (!(copy = malloc(network_len + 1))) {
			rc = nomem(err, fn);
			goto done;
		}
		memcpy(copy, network, network_len);
		copy[network_len] = '\0';
		if ((rc = adv_json_parse(&net, copy, network_len, "network", 0,
				err)) < 0)
			goto done;
	}
	if (!(nc.name = adv_fold(name, NULL)) ||
	    (nc.url = url_of(given, &nc.nomem), nc.nomem)) {
		rc = nomem(err, fn);
		goto done;
	}
	meet_all(&nc, net);
	meet_all(&nc, notes->doc);
	if (nc.nomem) {
		rc = nomem(err, fn);
		goto done;
	}
	if (nc.clash) {
		char them[700];
		who(them, sizeof(them), nc.clash);
		if (nc.by_url)
			adv_error_set(err, ADVISOR_EINVAL, "%s: profile_url: %.300s is "
				"the profile of %s already; give them fields instead of "
				"adding them again", fn, cJSON_GetStringValue(
				cJSON_GetObjectItemCaseSensitive(given, "profile_url")),
				them);
		else
			adv_error_set(err, ADVISOR_EINVAL, "%s: name: %s has that name "
				"already; give them fields instead of adding them again "
				"(someone else of the same name needs a profile_url that "
				"tells them apart)", fn, them);
		adv_error_locate(err, "", nc.by_url ? "profile_url" : "name");
		rc = ADVISOR_EINVAL;
		goto done;
	}
	if (!(new_id = fresh_id(name, net, notes->doc)) ||
	    !(p = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(p, "id", new_id) ||
	    !cJSON_AddStringToObject(p, "name", name) ||
	    !cJSON_AddTrueToObject(p, "added"))
		goto oom;
	cJSON_ArrayForEach(f, given) {
		cJSON *v = cJSON_Duplicate(f, 1);
		if (!v || !cJSON_AddItemToObject(p, f->string, v)) {
			cJSON_Delete(v);
			goto oom;
		}
	}
	if (!(people = people_of(notes)) &&
	    !(people = cJSON_AddArrayToObject(notes->doc, "people")))
		goto oom;
	if (!cJSON_AddItemToArray(people, p))
		goto oom;
	*id = cJSON_GetObjectItemCaseSensitive(p, "id")->valuestring;
	p = NULL;
	goto done;
oom:
	rc = nomem(err, fn);
done:
	cJSON_Delete(p);
	cJSON_Delete(net);
	free(copy);
	free(new_id);
	free(nc.name);
	free(nc.url);
	return rc;
}

/* ------------------------------------------------------------------------
 * Rebuilding
 * ------------------------------------------------------------------------ */

int advisor_annotations_merge(char **out, const advisor_annotations *notes,
	const char *network, size_t network_len,
	const advisor_import_options *opts, advisor_import_summary **summary,
	advisor_error *err)
{
	adv_error_clear(err);
	if (summary)
		*summary = NULL;
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_annotations_merge: out is NULL");
	*out = NULL;
	if (!notes || !network)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_annotations_merge: %s is NULL",
			notes ? "network" : "notes");
	return adv_network_merge_tree(out, network, network_len, notes->doc,
		notes->name, opts, summary, err);
}

const cJSON *adv_annotations_doc(const advisor_annotations *notes)
{
	return notes ? notes->doc : NULL;
}

const char *adv_annotations_name(const advisor_annotations *notes)
{
	return notes ? notes->name : NULL;
}
