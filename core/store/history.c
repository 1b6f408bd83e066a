/*
 * history.c - history.json: one dated record per import of what its
 * export showed, as deltas from the import before (history.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/history.h"
#include "util/error.h"
#include "util/url.h"

/* A sorted list of keys (malloc'd strings). */
typedef struct keys {
	char **k;
	size_t n, cap;
} keys;

static void keys_free(keys *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->k[i]);
	free(s->k);
}

static int keys_add(keys *s, char *key)
{
	if (!key)
		return -1;
	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 64;
		char **n = realloc(s->k, ncap * sizeof(*n));
		if (!n) {
			free(key);
			return -1;
		}
		s->k = n;
		s->cap = ncap;
	}
	s->k[s->n++] = key;
	return 0;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void keys_sort(keys *s)
{
	if (s->n)
		qsort(s->k, s->n, sizeof(*s->k), by_string);
}

static int keys_has(const keys *s, const char *key)
{
	return s->n && bsearch(&key, s->k, s->n, sizeof(*s->k), by_string);
}

static const char *string_of(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *join(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = b ? strlen(b) : 0, lc = c ? strlen(c) : 0;
	char *s = malloc(la + lb + lc + 3);
	if (!s)
		return NULL;
	memcpy(s, a, la);
	s[la] = '\t';
	if (lb)
		memcpy(s + la + 1, b, lb);
	s[la + 1 + lb] = '\t';
	if (lc)
		memcpy(s + la + lb + 2, c, lc);
	s[la + lb + lc + 2] = '\0';
	return s;
}

/* Who a person is across exports: their profile URL as a key, else their
 * id (as the accumulation matches them).  malloc'd; NULL out of memory or
 * for a person with neither. */
static char *person_key(const cJSON *p)
{
	const char *url = string_of(p, "profile_url"), *id = string_of(p, "id");
	int oom = 0;
	char *key = url ? adv_url_key(url, &oom) : NULL;
	if (key || oom)
		return key;
	if (!id)
		return NULL;
	char *s = malloc(strlen(id) + 4);
	if (s) {
		memcpy(s, "id:", 3);
		strcpy(s + 3, id);
	}
	return s;
}

static int is_invitation(const cJSON *ev)
{
	const char *type = string_of(ev, "type");
	return type && strcmp(type, "invitation") == 0 && string_of(ev, "date") &&
		string_of(ev, "direction");
}

/* What a document shows: the invitations still listed (no status) and
 * the people who are connections, as keys. */
static int shown(const cJSON *doc, keys *listed, keys *connected)
{
	const cJSON *p, *ev;
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(doc, "people")) {
		char *key = person_key(p);
		if (!key)
			continue;
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(p, "events"))
			if (is_invitation(ev) &&
			    !cJSON_GetObjectItemCaseSensitive(ev, "status") &&
			    keys_add(listed, join(key, string_of(ev, "date"),
					string_of(ev, "direction"))) < 0) {
				free(key);
				return -1;
			}
		int on = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p,
			"connected"));
		if (on && keys_add(connected, key) < 0)
			return -1;
		if (!on)
			free(key);
	}
	keys_sort(listed);
	keys_sort(connected);
	return 0;
}

static cJSON *add_item(cJSON *list)
{
	cJSON *o = cJSON_CreateObject();
	if (o && !cJSON_AddItemToArray(list, o)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* The record of one import. */
static cJSON *record(const cJSON *now, const cJSON *older, const cJSON *notes,
	const char *today, const char *since)
{
	keys listed = { 0 }, connected = { 0 }, was_listed = { 0 },
		was_connected = { 0 };
	cJSON *r = cJSON_CreateObject(), *sent, *received, *gone, *conns, *fresh,
		*withdrawn;
	const cJSON *p, *ev;
	size_t n_sent = 0, n_received = 0, n_connected = 0;
	int ok = 0;

	if (!r || shown(now, &listed, &connected) < 0 ||
	    (older && shown(older, &was_listed, &was_connected) < 0))
		goto done;
	if (!cJSON_AddStringToObject(r, "imported", today) ||
	    (!older && !cJSON_AddTrueToObject(r, "first")))
		goto done;
	cJSON *counts = cJSON_AddObjectToObject(r, "listed");
	if (!counts || !(sent = cJSON_AddArrayToObject(r, "sent")) ||
	    !(received = cJSON_AddArrayToObject(r, "received")) ||
	    !(gone = cJSON_AddArrayToObject(r, "gone")) ||
	    !(conns = cJSON_AddObjectToObject(r, "connections")) ||
	    !(withdrawn = cJSON_AddArrayToObject(r, "withdrawn")))
		goto done;
	/* What this export lists that the one before did not. */
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(now, "people")) {
		char *key = person_key(p);
		const char *id = string_of(p, "id");
		if (!key || !id) {
			free(key);
			continue;
		}
		n_connected += cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p,
			"connected"));
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(p, "events")) {
			if (!is_invitation(ev))
				continue;
			const char *way = string_of(ev, "direction");
			int out = strcmp(way, "out") == 0;
			n_sent += out;
			n_received += !out;
			char *k = join(key, string_of(ev, "date"), way);
			int seen = k && keys_has(&was_listed, k);
			free(k);
			if (!k) {
				free(key);
				goto done;
			}
			if (seen)
				continue;
			const char *msg = string_of(ev, "message");
			cJSON *o = add_item(out ? sent : received);
			if (!o || !cJSON_AddStringToObject(o, "person", id) ||
			    !cJSON_AddStringToObject(o, "date", string_of(ev, "date")) ||
			    !cJSON_AddBoolToObject(o, "note", msg && *msg)) {
				free(key);
				goto done;
			}
		}
		const char *on = string_of(p, "connected_on");
		if (older && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p,
				"connected")) && !keys_has(&was_connected, key)) {
			if (!(fresh = cJSON_GetObjectItemCaseSensitive(conns, "new")) &&
			    !(fresh = cJSON_AddArrayToObject(conns, "new"))) {
				free(key);
				goto done;
			}
			cJSON *o = add_item(fresh);
			if (!o || !cJSON_AddStringToObject(o, "person", id) ||
			    (on ? !cJSON_AddStringToObject(o, "connected_on", on)
				: !cJSON_AddNullToObject(o, "connected_on"))) {
				free(key);
				goto done;
			}
		}
		free(key);
	}
	/* What the one before listed that this one does not. */
	const cJSON *before = older ?
		cJSON_GetObjectItemCaseSensitive(older, "people") : NULL;
	cJSON_ArrayForEach(p, before) {
		char *key = person_key(p);
		const char *id = string_of(p, "id");
		if (!key || !id) {
			free(key);
			continue;
		}
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(p, "events")) {
			if (!is_invitation(ev) ||
			    cJSON_GetObjectItemCaseSensitive(ev, "status"))
				continue;
			char *k = join(key, string_of(ev, "date"),
				string_of(ev, "direction"));
			int still = k && keys_has(&listed, k);
			free(k);
			if (!k) {
				free(key);
				goto done;
			}
			if (still)
				continue;
			cJSON *o = add_item(gone);
			if (!o || !cJSON_AddStringToObject(o, "person", id) ||
			    !cJSON_AddStringToObject(o, "direction",
				string_of(ev, "direction")) ||
			    !cJSON_AddStringToObject(o, "date", string_of(ev, "date")) ||
			    !cJSON_AddStringToObject(o, "became",
				keys_has(&connected, key) ? "accepted" : "ended")) {
				free(key);
				goto done;
			}
		}
		free(key);
	}
	/* The withdrawals you recorded since the record before. */
	const cJSON *recorded = notes ?
		cJSON_GetObjectItemCaseSensitive(notes, "people") : NULL;
	cJSON_ArrayForEach(p, recorded) {
		const char *id = string_of(p, "id");
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(p, "events")) {
			const char *rec = string_of(ev, "recorded"),
				*day = string_of(ev, "date");
			if (!id || !rec || strcmp(rec, "withdrew") != 0 || !day ||
			    (since && strcmp(day, since) <= 0) ||
			    strcmp(day, today) > 0)
				continue;
			const char *of = string_of(ev, "invited_on");
			cJSON *o = add_item(withdrawn);
			if (!o || !cJSON_AddStringToObject(o, "person", id) ||
			    !cJSON_AddStringToObject(o, "date", day) ||
			    (of ? !cJSON_AddStringToObject(o, "invited_on", of)
				: !cJSON_AddNullToObject(o, "invited_on")))
				goto done;
		}
	}
	if (!cJSON_AddNumberToObject(counts, "sent", (double)n_sent) ||
	    !cJSON_AddNumberToObject(counts, "received", (double)n_received) ||
	    !cJSON_AddNumberToObject(conns, "count", (double)n_connected))
		goto done;
	if (older && !cJSON_GetObjectItemCaseSensitive(conns, "new") &&
	    !cJSON_AddArrayToObject(conns, "new"))
		goto done;
	ok = 1;
done:
	keys_free(&listed);
	keys_free(&connected);
	keys_free(&was_listed);
	keys_free(&was_connected);
	if (!ok) {
		cJSON_Delete(r);
		r = NULL;
	}
	return r;
}

/* The document as the file keeps it: one import a line, so that the
 * latest is the last line but one and a diff shows the records added. */
static char *print_history(const cJSON *imports)
{
	size_t cap = 64, len = 0;
	char *s = malloc(cap);
	const cJSON *r;

	if (!s)
		return NULL;
	len = (size_t)sprintf(s, "{\"format\":\"%s\",\"imports\":[\n",
		ADV_HISTORY_FORMAT);
	cJSON_ArrayForEach(r, imports) {
		char *line = cJSON_PrintUnformatted(r);
		size_t n = line ? strlen(line) : 0;
		if (!line || len + n + 8 > cap) {
			while (line && len + n + 8 > cap)
				cap *= 2;
			char *t = line ? realloc(s, cap) : NULL;
			if (!t) {
				free(line);
				free(s);
				return NULL;
			}
			s = t;
		}
		memcpy(s + len, line, n);
		len += n;
		if (r->next)
			s[len++] = ',';
		s[len++] = '\n';
		free(line);
	}
	memcpy(s + len, "]}\n", 4);
	return s;
}

static size_t line_of(const char *text, size_t len, const char *at)
{
	size_t line = 1;
	for (const char *s = text; at && s < at && s < text + len; s++)
		line += *s == '\n';
	return line;
}

int adv_history_append(char **out, const char *existing, size_t len,
	const char *name, const cJSON *export_doc, const cJSON *older,
	const cJSON *notes, const char *today, advisor_error *err)
{
	cJSON *doc = NULL, *imports, *r;
	const char *since = NULL;
	int rc = ADVISOR_ENOMEM;

	*out = NULL;
	if (existing) {
		const char *end = NULL;
		if (!(doc = cJSON_ParseWithLengthOpts(existing, len, &end, 0)))
			return adv_error_set(err, ADVISOR_EDATA, "%s: line %zu: not "
				"valid JSON; it holds what each import showed: repair it, "
				"or move it away to start the history afresh", name,
				line_of(existing, len, end));
		const char *format = string_of(doc, "format");
		imports = cJSON_GetObjectItemCaseSensitive(doc, "imports");
		if (!format || strcmp(format, ADV_HISTORY_FORMAT) != 0 ||
		    !cJSON_IsArray(imports)) {
			cJSON_Delete(doc);
			return adv_error_set(err, ADVISOR_EDATA, "%s: not a history "
				"(expected \"format\": \"%s\" and an \"imports\" array): "
				"repair it, or move it away to start the history afresh",
				name, ADV_HISTORY_FORMAT);
		}
		cJSON *last = cJSON_GetArrayItem(imports,
			cJSON_GetArraySize(imports) - 1);
		since = last ? string_of(last, "imported") : NULL;
	} else if (!(doc = cJSON_CreateObject()) ||
		   !cJSON_AddStringToObject(doc, "format", ADV_HISTORY_FORMAT) ||
		   !(imports = cJSON_AddArrayToObject(doc, "imports"))) {
		goto done;
	}
	if (!(r = record(export_doc, older, notes, today, since)))
		goto done;
	if (!cJSON_AddItemToArray(imports, r)) {
		cJSON_Delete(r);
		goto done;
	}
	if ((*out = print_history(imports)))
		rc = ADVISOR_OK;
done:
	cJSON_Delete(doc);
	if (rc < 0)
		return adv_error_set(err, rc, "%s: out of memory writing the "
			"history", name);
	return rc;
}
