/*
 * json_check.c - strict JSON on top of cJSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "json_check.h"
#include "utf8.h"

static void line_col(const char *data, size_t at, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < at; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* One pass over the raw text: encoding, stray NUL bytes and \u0000. */
static int prescan(const char *data, size_t len, const char *where,
	advisor_error *err)
{
	size_t line, col, bad = adv_utf8_invalid_at(data, len);
	int in_string = 0;

	if (bad < len) {
		line_col(data, bad, &line, &col);
		return adv_error_set(err, ADVISOR_EDATA,
			"%s:%zu:%zu: invalid UTF-8 (byte 0x%02x); expected UTF-8 text",
			where, line, col, (unsigned char)data[bad]);
	}
	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		if (c == '\0') {
			line_col(data, i, &line, &col);
			return adv_error_set(err, ADVISOR_EDATA,
				"%s:%zu:%zu: NUL byte in the file; expected JSON text",
				where, line, col);
		}
		if (!in_string) {
			in_string = c == '"';
			continue;
		}
		if (c == '"') {
			in_string = 0;
		} else if (c == '\\' && i + 1 < len) {
			if (data[i + 1] == 'u' && i + 5 < len &&
			    memcmp(data + i + 2, "0000", 4) == 0) {
				line_col(data, i, &line, &col);
				return adv_error_set(err, ADVISOR_EDATA,
					"%s:%zu:%zu: \\u0000 inside a string; text may not contain NUL characters",
					where, line, col);
			}
			i++; /* skip the escaped character */
		}
	}
	return ADVISOR_OK;
}

/* A path being built while walking a tree, for messages. */
typedef struct path {
	char buf[512];
	size_t len;
} path;

static size_t path_push_key(path *p, const char *key)
{
	size_t old = p->len;
	int n = snprintf(p->buf + p->len, sizeof(p->buf) - p->len,
		p->len ? ".%s" : "%s", key);
	if (n > 0)
		p->len += (size_t)n < sizeof(p->buf) - p->len ? (size_t)n
			: sizeof(p->buf) - p->len - 1;
	return old;
}

static size_t path_push_index(path *p, int i)
{
	size_t old = p->len;
	int n = snprintf(p->buf + p->len, sizeof(p->buf) - p->len, "[%d]", i);
	if (n > 0)
		p->len += (size_t)n < sizeof(p->buf) - p->len ? (size_t)n
			: sizeof(p->buf) - p->len - 1;
	return old;
}

static void path_pop(path *p, size_t old)
{
	p->len = old;
	p->buf[old] = '\0';
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp((*(const cJSON *const *)a)->string,
		      (*(const cJSON *const *)b)->string);
}

/* The first key that appears twice in an object, or NULL. */
static const char *duplicate_key(const cJSON *obj, int count)
{
	if (count < 2)
		return NULL;
	if (count <= 16) {
		for (const cJSON *a = obj->child; a; a = a->next)
			for (const cJSON *b = a->next; b; b = b->next)
				if (strcmp(a->string, b->string) == 0)
					return a->string;
		return NULL;
	}
	/* Large objects: sort pointers rather than compare every pair. */
	const cJSON **keys = malloc((size_t)count * sizeof(*keys));
	const char *dup = NULL;
	int i = 0;
	if (!keys)
		return NULL;
	for (const cJSON *a = obj->child; a; a = a->next)
		keys[i++] = a;
	qsort(keys, (size_t)count, sizeof(*keys), cmp_key);
	for (i = 1; i < count && !dup; i++)
		if (strcmp(keys[i - 1]->string, keys[i]->string) == 0)
			dup = keys[i]->string;
	free(keys);
	return dup;
}

static int check_tree(const cJSON *item, path *p, const char *where,
	advisor_error *err)
{
	const char *at = p->len ? p->buf : "(top)";

	if (cJSON_IsNumber(item) && !isfinite(item->valuedouble))
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: %s: number out of range; expected a finite number",
			where, at);
	if (cJSON_IsObject(item)) {
		int count = 0;
		for (const cJSON *c = item->child; c; c = c->next)
			count++;
		const char *dup = duplicate_key(item, count);
		if (dup)
			return adv_error_set(err, ADVISOR_EDATA,
				"%s: %s: key \"%s\" appears twice; expected each key once",
				where, at, dup);
		for (const cJSON *c = item->child; c; c = c->next) {
			size_t old = path_push_key(p, c->string);
			int rc = check_tree(c, p, where, err);
			path_pop(p, old);
			if (rc < 0)
				return rc;
		}
	} else if (cJSON_IsArray(item)) {
		int i = 0;
		for (const cJSON *c = item->child; c; c = c->next, i++) {
			size_t old = path_push_index(p, i);
			int rc = check_tree(c, p, where, err);
			path_pop(p, old);
			if (rc < 0)
				return rc;
		}
	}
	return ADVISOR_OK;
}

/* Up to 20 bytes of context for a message: one line, whole characters. */
static int snippet_len(const char *s)
{
	int n = 0;
	while (n < 20 && s[n] && s[n] != '\n' && s[n] != '\r')
		n++;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

int adv_json_parse(cJSON **out, const char *data, size_t len,
	const char *where, advisor_error *err)
{
	const char *end = NULL;
	size_t line, col;
	path p = { "", 0 };
	int rc;

	*out = NULL;
	size_t ws = 0;
	while (ws < len && data[ws] && strchr(" \t\r\n", data[ws]))
		ws++;
	if (ws == len)
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: empty; expected a JSON document", where);
	if ((rc = prescan(data, len, where, err)) < 0)
		return rc;

	/* len + 1 takes in the terminating NUL: cJSON then rejects anything
	 * after the document. */
	cJSON *root = cJSON_ParseWithLengthOpts(data, len + 1, &end, 1);
	if (!root) {
		size_t at = end && end >= data && end <= data + len
			? (size_t)(end - data) : len;
		line_col(data, at, &line, &col);
		if (at >= len)
			return adv_error_set(err, ADVISOR_EDATA,
				"%s:%zu:%zu: JSON ends too soon (truncated document?)",
				where, line, col);
		return adv_error_set(err, ADVISOR_EDATA,
			"%s:%zu:%zu: invalid JSON near '%.*s'", where, line, col,
			snippet_len(data + at), data + at);
	}
	if ((rc = check_tree(root, &p, where, err)) < 0) {
		cJSON_Delete(root);
		return rc;
	}
	*out = root;
	return ADVISOR_OK;
}
