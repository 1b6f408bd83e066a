/*
 * cases.c - policy case files: a network, and requests with what must
 * come out of them (docs/cli.md, "advisor test").
 *
 *   { "format": "advisor-cases/1",                     (optional)
 *     "network": "../../docs/examples/network.json",   (or an inline
 *                                                        network object)
 *     "cases": [ { "name": "...", "note_limit": 200,   (optional)
 *                  "request": { "person": ..., ... },
 *                  "expect": { "verdict": ..., ... } } ] }
 *
 * The whole file is checked before anything runs, so that a typo in the
 * last case is not found after the first ran.  Each request is read from
 * the file's tree by the reader advisor_advise_json() uses, once; a
 * request it refuses is that case's error (a case may expect it), not the
 * file's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "engine/request.h"
#include "json/strict.h"
#include "load/load.h"
#include "util/error.h"
#include "util/strlist.h"
#include "util/file.h"

#define CASES_FORMAT "advisor-cases/1"
#define CASES_MAX_BYTES (64u * 1024 * 1024)
#define NOTE_LIMIT_MIN 20
#define NOTE_LIMIT_MAX 10000

/* One case and what its pointers point to (the tree holds the strings). */
typedef struct entry {
	advisor_case pub;
	advisor_request req;
	const char *intents[ADV_MAX_INTENTS];
	advisor_inline_person given; /* req's person, when given inline */
	advisor_error req_err;
	const char **lists; /* rules, not_rules, note_contains, what_if */
	const char **whys;  /* expect.why: the rules, then their texts */
	/* The public lists: rules, not_rules, note_contains, what_if,
	 * why_rules, whys. */
	advisor_strings views[6];
} entry;

struct advisor_cases {
	char *name;
	char *network_path;      /* resolved against the file's folder */
	const cJSON *network;    /* an inline network, in doc */
	cJSON *doc;
	entry *cases;
	size_t count;
};

/* "NAME: PATH: WHAT", located at PATH. */
static int bad(advisor_error *err, const char *name, const char *path,
	const char *what)
{
	adv_error_set(err, ADVISOR_EDATA, "%s: %s: %s", name, path, what);
	adv_error_locate(err, path, NULL);
	return ADVISOR_EDATA;
}

static int one_of(const char *key, const char *const *keys)
{
	for (size_t i = 0; keys[i]; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

/* The number of strings in a list, or -1 if it is not a list of them. */
static int string_count(const cJSON *list)
{
	const cJSON *w;
	int n = 0;

	if (!cJSON_IsArray(list))
		return -1;
	cJSON_ArrayForEach(w, list) {
		if (!cJSON_IsString(w))
			return -1;
		n++;
	}
	return n;
}

static const char *const list_keys[] = { "rules", "not_rules",
	"note_contains", "what_if", NULL };

/* Read expect into e->pub; its lists' pointers go to e->lists. */
static int read_expect(entry *e, const cJSON *ex, const char *name,
	const char *at, advisor_error *err)
{
	static const char *const keys[] = { "verdict", "first_rule", "rules",
		"not_rules", "note_contains", "note", "no_note", "no_note_fits",
		"error", "what_if", "why", NULL };
	char path[160];
	size_t total = 0, used = 0;
	const cJSON *k;

	e->pub.verdict = ADVISOR_VERDICT_INVALID;
	e->pub.no_note = -1;
	if (!ex)
		return ADVISOR_OK;
	snprintf(path, sizeof(path), "%s.expect", at);
	if (!cJSON_IsObject(ex))
		return bad(err, name, path, "expected an object");
	for (k = ex->child; k; k = k->next) {
		snprintf(path, sizeof(path), "%s.expect.%s", at, k->string);
		if (!one_of(k->string, keys))
			return bad(err, name, path, "unknown field; expected verdict, "
				"first_rule, rules, not_rules, note_contains, note, no_note, "
				"no_note_fits, error, what_if or why");
		if (one_of(k->string, list_keys)) {
			int n = string_count(k);
			if (n < 0)
				return bad(err, name, path, "expected a list of strings");
			total += (size_t)n;
		} else if (strcmp(k->string, "why") == 0) {
			if (!cJSON_IsObject(k))
				return bad(err, name, path, "expected an object of rule names "
					"and what each rule's explanation must say");
			size_t n = 0;
			for (const cJSON *w = k->child; w; w = w->next, n++)
				if (!cJSON_IsString(w)) {
					snprintf(path, sizeof(path), "%s.expect.why.%s", at, w->string);
					return bad(err, name, path, "expected a string");
				}
			if (n && !(e->whys = malloc(2 * n * sizeof(*e->whys))))
				return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
			size_t i = 0;
			for (const cJSON *w = k->child; w; w = w->next, i++) {
				e->whys[i] = w->string;
				e->whys[n + i] = w->valuestring;
			}
			adv_strings_view(&e->views[4], e->whys, n);
			adv_strings_view(&e->views[5], e->whys + n, n);
		} else if (strcmp(k->string, "no_note_fits") == 0) {
			double n = cJSON_IsNumber(k) ? k->valuedouble : 0;
			if (n < 1 || n > NOTE_LIMIT_MAX || n != (double)(int)n)
				return bad(err, name, path, "expected the note limit, a whole "
					"number of characters");
			e->pub.no_note_fits = (unsigned int)n;
		} else if (strcmp(k->string, "no_note") == 0) {
			if (!cJSON_IsBool(k))
				return bad(err, name, path, "expected true or false");
			e->pub.no_note = cJSON_IsTrue(k);
		} else if (!cJSON_IsString(k)) {
			return bad(err, name, path, "expected a string");
		} else if (strcmp(k->string, "verdict") == 0) {
			for (int v = ADVISOR_CONNECT; v <= ADVISOR_INVITED; v++)
				if (strcmp(k->valuestring, advisor_verdict_name(v)) == 0)
					e->pub.verdict = (advisor_verdict)v;
			if (e->pub.verdict == ADVISOR_VERDICT_INVALID)
				return bad(err, name, path, "expected connect, "
					"connect_with_note, wait, dont_connect, already_connected or invited");
		} else if (strcmp(k->string, "first_rule") == 0) {
			e->pub.first_rule = k->valuestring;
		} else if (strcmp(k->string, "note") == 0) {
			e->pub.note = k->valuestring;
		} else {
			e->pub.error = k->valuestring;
		}
	}
	if (e->pub.note && e->pub.no_note == 1) {
		snprintf(path, sizeof(path), "%s.expect.no_note", at);
		return bad(err, name, path, "true, but expect.note gives the note");
	}
	if (total && !(e->lists = malloc(total * sizeof(*e->lists))))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	for (int l = 0; list_keys[l]; l++) {
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(ex, list_keys[l]), *w;
		const char *const *start = e->lists + used;
		size_t n = 0;
		cJSON_ArrayForEach(w, list)
			e->lists[used + n++] = w->valuestring;
		used += n;
		adv_strings_view(&e->views[l], start, n);
	}
	return ADVISOR_OK;
}

static int read_case(entry *e, const cJSON *c, size_t i, const char *name,
	advisor_error *err)
{
	static const char *const keys[] = { "name", "note_limit", "request",
		"expect", NULL };
	char at[32], path[160];
	const cJSON *v;

	/* Every list empty until the case gives it. */
	e->pub.rules = &e->views[0];
	e->pub.not_rules = &e->views[1];
	e->pub.note_contains = &e->views[2];
	e->pub.what_if = &e->views[3];
	e->pub.why_rules = &e->views[4];
	e->pub.whys = &e->views[5];
	snprintf(at, sizeof(at), "cases[%zu]", i);
	if (!cJSON_IsObject(c))
		return bad(err, name, at, "expected an object { name, request, expect }");
	for (const cJSON *k = c->child; k; k = k->next)
		if (!one_of(k->string, keys)) {
			snprintf(path, sizeof(path), "%s.%s", at, k->string);
			return bad(err, name, path,
				"unknown field; expected name, note_limit, request or expect");
		}
	snprintf(path, sizeof(path), "%s.name", at);
	if (!cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(c, "name")))
		return bad(err, name, path, v ? "expected a string" : "missing; expected the case's name");
	e->pub.name = v->valuestring;
	if ((v = cJSON_GetObjectItemCaseSensitive(c, "note_limit"))) {
		snprintf(path, sizeof(path), "%s.note_limit", at);
		if (!cJSON_IsNumber(v) || v->valuedouble < NOTE_LIMIT_MIN ||
		    v->valuedouble > NOTE_LIMIT_MAX ||
		    v->valuedouble != (double)(int)v->valuedouble) {
			adv_error_set(err, ADVISOR_EDATA, "%s: %s: expected a whole "
				"number of characters from %d to %d", name, path,
				NOTE_LIMIT_MIN, NOTE_LIMIT_MAX);
			adv_error_locate(err, path, NULL);
			return ADVISOR_EDATA;
		}
		e->pub.note_limit = (unsigned int)v->valuedouble;
	}
	snprintf(path, sizeof(path), "%s.request", at);
	if (!cJSON_IsObject(v = cJSON_GetObjectItemCaseSensitive(c, "request")))
		return bad(err, name, path,
			"expected a request object { person, direction, intent, as_of }");
	e->req = (advisor_request)ADVISOR_REQUEST_INIT;
	if (adv_request_read(v, &e->req, e->intents, &e->given, &e->req_err) == ADVISOR_OK) {
		e->pub.request = &e->req;
	} else {
		e->req = (advisor_request)ADVISOR_REQUEST_INIT;
		e->pub.request_error = &e->req_err;
	}
	return read_expect(e, cJSON_GetObjectItemCaseSensitive(c, "expect"),
		name, at, err);
}

/* The network path relative to the folder of the file called name. */
static char *relative_to(const char *name, const char *path)
{
	const char *slash = strrchr(name, '/');
	size_t dir = path[0] == '/' || !slash ? 0 : (size_t)(slash - name) + 1;
	char *out = malloc(dir + strlen(path) + 1);

	if (out) {
		memcpy(out, name, dir);
		strcpy(out + dir, path);
	}
	return out;
}

/* The top level: format, network, cases. */
static int read_top(advisor_cases *cs, advisor_error *err)
{
	static const char *const keys[] = { "format", "network", "cases", NULL };
	const cJSON *root = cs->doc, *v, *c;
	const char *name = cs->name;
	size_t i = 0;
	int rc;

	if (!cJSON_IsObject(root))
		return adv_error_set(err, ADVISOR_EDATA, "%s: not a case file: "
			"expected an object { format, network, cases }", name);
	v = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (v && !(cJSON_IsString(v) && strcmp(v->valuestring, CASES_FORMAT) == 0)) {
		if (cJSON_IsString(v) && strncmp(v->valuestring, "advisor-network/", 16) == 0)
			adv_error_set(err, ADVISOR_EDATA, "%s: format: \"%s\" is a "
				"network file, not a case file; expected \"" CASES_FORMAT "\"",
				name, v->valuestring);
		else
			adv_error_set(err, ADVISOR_EDATA, "%s: format: expected \""
				CASES_FORMAT "\"", name);
		adv_error_locate(err, "format", NULL);
		return ADVISOR_EDATA;
	}
	if (!cJSON_GetObjectItemCaseSensitive(root, "cases") &&
	    cJSON_GetObjectItemCaseSensitive(root, "person"))
		return adv_error_set(err, ADVISOR_EDATA, "%s: not a case file but "
			"a request; expected an object { format, network, cases }", name);
	for (const cJSON *k = root->child; k; k = k->next)
		if (!one_of(k->string, keys))
			return bad(err, name, k->string,
				"unknown field; expected format, network or cases");
	v = cJSON_GetObjectItemCaseSensitive(root, "network");
	if (cJSON_IsString(v) && *v->valuestring) {
		if (!(cs->network_path = relative_to(name, v->valuestring)))
			return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	} else if (cJSON_IsObject(v)) {
		cs->network = v;
	} else if (v && !cJSON_IsNull(v)) {
		return bad(err, name, "network", "expected a network file's path "
			"(relative to the case file) or a network object");
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "cases");
	if (!cJSON_IsArray(v) || !cJSON_GetArraySize(v))
		return bad(err, name, "cases", v ? "expected a non-empty list of cases"
			: "missing; expected a non-empty list of cases");
	cs->count = (size_t)cJSON_GetArraySize(v);
	if (!(cs->cases = calloc(cs->count, sizeof(*cs->cases))))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	cJSON_ArrayForEach(c, v) {
		if ((rc = read_case(&cs->cases[i], c, i, name, err)) < 0)
			return rc;
		i++;
	}
	return ADVISOR_OK;
}

/* After a syntax error past line 1: if line 1 alone is a JSON object, the
 * text is requests a line rather than one document, and the message says
 * so. */
static void say_if_lines(const char *data, size_t len, const char *name,
	advisor_error *err)
{
	const char *nl = memchr(data, '\n', len), *end = NULL;
	cJSON *first;

	if (!err || err->line < 2 || !nl)
		return;
	if (!(first = cJSON_ParseWithLengthOpts(data, (size_t)(nl - data), &end, 0)))
		return;
	while (end && end < nl && strchr(" \t\r", *end))
		end++;
	if (cJSON_IsObject(first) && end == nl) {
		size_t line = err->line, column = err->column;
		adv_error_set(err, ADVISOR_EDATA, "%s:%zu: not a case file: line 1 "
			"is a whole JSON object and more follows, as in requests one "
			"a line; expected one object { format, network, cases }",
			name, line);
		adv_error_at(err, line, column);
	}
	cJSON_Delete(first);
}

int advisor_cases_read(advisor_cases **out, const char *data, size_t len,
	const char *name, advisor_error *err)
{
	advisor_cases *cs;
	char *copy;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_cases_read: out is NULL");
	*out = NULL;
	if (!data || !name)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_cases_read: %s is NULL",
			data ? "name" : "data");
	if (!(cs = calloc(1, sizeof(*cs))) || !(cs->name = strdup(name)) ||
	    !(copy = malloc(len + 1))) {
		advisor_cases_free(cs);
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	}
	/* The strict parser wants a terminating NUL after the text. */
	memcpy(copy, data, len);
	copy[len] = '\0';
	rc = adv_json_parse(&cs->doc, copy, len, name, 0, err);
	if (rc < 0)
		say_if_lines(copy, len, name, err);
	free(copy);
	if (rc == ADVISOR_OK)
		rc = read_top(cs, err);
	if (rc < 0) {
		advisor_cases_free(cs);
		return rc;
	}
	*out = cs;
	return ADVISOR_OK;
}

int advisor_cases_load(advisor_cases **out, const char *path,
	advisor_error *err)
{
	char *text;
	size_t len;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_cases_load: out is NULL");
	*out = NULL;
	if (!path)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_cases_load: path is NULL");
	if ((rc = adv_read_regular_file(&text, &len, path, CASES_MAX_BYTES, err)) < 0)
		return rc;
	rc = advisor_cases_read(out, text, len, path, err);
	free(text);
	return rc;
}

void advisor_cases_free(advisor_cases *cs)
{
	if (!cs)
		return;
	for (size_t i = 0; cs->cases && i < cs->count; i++) {
		free(cs->cases[i].lists);
		free(cs->cases[i].whys);
	}
	free(cs->cases);
	cJSON_Delete(cs->doc);
	free(cs->network_path);
	free(cs->name);
	free(cs);
}

size_t advisor_cases_count(const advisor_cases *cs)
{
	return cs ? cs->count : 0;
}

const advisor_case *advisor_cases_get(const advisor_cases *cs, size_t i)
{
	return cs && i < cs->count ? &cs->cases[i].pub : NULL;
}

int advisor_cases_network(advisor_network **out, const advisor_cases *cs,
	const advisor_load_options *opts, advisor_error *err)
{
	char src[512];

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_cases_network: out is NULL");
	*out = NULL;
	if (!cs)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_cases_network: cases is NULL");
	if (cs->network_path)
		return advisor_network_load(out, cs->network_path, opts, err);
	if (!cs->network)
		return ADVISOR_OK;
	int rc = adv_load_check_options(opts, err);
	if (rc < 0)
		return rc;
	snprintf(src, sizeof(src), "%s: network", cs->name);
	return adv_load_tree(out, cs->network, src, opts, 0, err);
}
