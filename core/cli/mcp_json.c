/*
 * mcp_json.c - the messages `advisor mcp` reads: one line each, UTF-8 JSON,
 * taken whole or refused with a message saying what is wrong and where.
 * cJSON parses; what it lets through silently (invalid UTF-8, a \u0000
 * that would cut a string short, duplicate keys, text after the value) is
 * checked here, so that the server never acts on something other than
 * what the client sent.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "mcp.h"

int mcp_read_line(FILE *in, mcp_line *l)
{
	int c;

	l->len = 0;
	l->too_long = 0;
	while ((c = getc(in)) != EOF && c != '\n') {
		if (l->too_long)
			continue;
		if (l->len >= MCP_LINE_MAX) {
			l->too_long = 1;
			continue;
		}
		if (l->len + 1 >= l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 4096;
			char *more;
			if (!(more = realloc(l->buf, cap)))
				return -2;
			l->buf = more;
			l->cap = cap;
		}
		l->buf[l->len++] = (char)c;
	}
	if (c == EOF && l->len == 0 && !l->too_long)
		return -1;
	if (l->buf)
		l->buf[l->len] = '\0';
	/* A line may end with CRLF. */
	if (l->len && l->buf[l->len - 1] == '\r')
		l->buf[--l->len] = '\0';
	return 0;
}

static void say(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
}

/* The byte offset of the first \u0000 escape in a string, or -1. */
static long nul_escape(const char *s, size_t len)
{
	int in_string = 0;

	for (size_t i = 0; i < len; i++) {
		if (!in_string) {
			in_string = s[i] == '"';
			continue;
		}
		if (s[i] == '"') {
			in_string = 0;
		} else if (s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && i + 5 < len &&
			    memcmp(s + i + 2, "0000", 4) == 0)
				return (long)i;
			i++; /* the escaped character */
		}
	}
	return -1;
}

static int by_key(const void *a, const void *b)
{
	return strcmp((*(const cJSON *const *)a)->string,
		(*(const cJSON *const *)b)->string);
}

/* The first key that an object of v (at any depth) has twice, or NULL;
 * *nomem set if there was no memory to look.  Sorted, so that a message
 * of many keys takes no quadratic time. */
static const char *duplicate_key(const cJSON *v, int *nomem)
{
	size_t n = 0, i = 0;
	const char *twice = NULL;

	for (const cJSON *a = v->child; a; a = a->next) {
		if ((twice = duplicate_key(a, nomem)) || *nomem)
			return twice;
		n++;
	}
	if (!cJSON_IsObject(v) || n < 2)
		return NULL;
	const cJSON **keys = malloc(n * sizeof(*keys));
	if (!keys) {
		*nomem = 1;
		return NULL;
	}
	for (const cJSON *a = v->child; a; a = a->next)
		keys[i++] = a;
	qsort(keys, n, sizeof(*keys), by_key);
	for (i = 1; i < n && !twice; i++)
		if (strcmp(keys[i - 1]->string, keys[i]->string) == 0)
			twice = keys[i]->string;
	free(keys);
	return twice;
}

cJSON *mcp_parse(const char *text, size_t len, char *why, size_t size)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	const char *end = NULL;
	size_t at = 0;
	long nul;

	while (at < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t used = utf8proc_iterate(p + at,
			(utf8proc_ssize_t)(len - at), &cp);
		if (used < 0) {
			say(why, size, "invalid UTF-8 at byte %zu", at + 1);
			return NULL;
		}
		at += (size_t)used;
	}
	if ((nul = nul_escape(text, len)) >= 0) {
		say(why, size, "a string holds \\u0000 at byte %ld", nul + 1);
		return NULL;
	}
	cJSON *v = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!v) {
		size_t off = end && end >= text ? (size_t)(end - text) : 0;
		/* cJSON points at the last byte when the text ends early. */
		if (off + 1 >= len)
			say(why, size, "not JSON: it ends at byte %zu before the "
				"value is complete", len);
		else
			say(why, size, "not JSON at byte %zu", off + 1);
		return NULL;
	}
	end += strspn(end, " \t\r");
	if ((size_t)(end - text) < len) {
		say(why, size, "text after the JSON value at byte %zu",
			(size_t)(end - text) + 1);
		cJSON_Delete(v);
		return NULL;
	}
	int nomem = 0;
	const char *twice = duplicate_key(v, &nomem);
	if (twice || nomem) {
		if (nomem)
			say(why, size, "out of memory");
		else
			say(why, size, "the key \"%.64s\" is given twice", twice);
		cJSON_Delete(v);
		return NULL;
	}
	return v;
}
