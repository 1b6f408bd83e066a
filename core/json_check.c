/*
 * json_check.c - strict JSON on top of cJSON.
 */
#include <math.h>
#include <stdint.h>
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

void adv_format_where(char *buf, size_t size, const char *name,
	unsigned long line)
{
	char digits[24];
	size_t n = strlen(name), d = 0;

	if (!size)
		return;
	if (n > size - 1)
		n = size - 1;
	memcpy(buf, name, n);
	if (line) {
		do
			digits[d++] = (char)('0' + line % 10);
		while ((line /= 10) != 0);
		if (n + 1 + d <= size - 1) {
			buf[n++] = ':';
			while (d > 0)
				buf[n++] = digits[--d];
		}
	}
	buf[n] = '\0';
}

/* What one pass over the raw text learned, for better messages. */
typedef struct scan {
	int in_string;     /* the text ends inside a string */
	long depth;        /* brackets still open at the end */
} scan;

/* Where the text came from: a whole file (line0 == 0), or one line of an
 * NDJSON file (line0 is its number). */
typedef struct source {
	const char *name;
	unsigned long line0;
	char where[512];    /* "name" or "name:line0", for path messages */
} source;

static int at_error(advisor_error *err, const char *data, size_t at,
	const source *src, const char *what)
{
	size_t line, col;
	line_col(data, at, &line, &col);
	if (src->line0)
		line += src->line0 - 1;
	return adv_error_set(err, ADVISOR_EDATA, "%s:%zu:%zu: %s", src->name,
		line, col, what);
}

/* Bit 7 of each byte of x set where that byte is < n (n <= 128), or is
 * zero; exact as a whole (some byte matches or none does), which is all the
 * scan needs.  From Sean Anderson's "Bit Twiddling Hacks". */
#define BYTES(n) (0x0101010101010101ULL * (uint64_t)(n))
#define HAS_LESS(x, n) (((x) - BYTES(n)) & ~(x) & BYTES(0x80))
#define HAS_ZERO(x) HAS_LESS(x, 1)

/* Eight bytes at a time: on a little-endian machine the lowest flagged
 * byte is the first real match (false flags only ever sit above a real
 * one). */
size_t adv_json_plain_run(const char *data, size_t i, size_t len)
{
	while (i + 8 <= len) {
		uint64_t w, hit;
		memcpy(&w, data + i, 8);
		hit = HAS_LESS(w, 0x20) | HAS_ZERO(w ^ BYTES('"')) |
			HAS_ZERO(w ^ BYTES('\\'));
		if (hit) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + ((size_t)__builtin_ctzll(hit) >> 3);
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < len && (unsigned char)data[i] >= 0x20 && data[i] != '"' &&
	       data[i] != '\\')
		i++;
	return i;
}

/*
 * One pass over the raw text, for what cJSON lets through: invalid UTF-8,
 * NUL bytes and \u0000, raw control characters (RFC 8259 wants them
 * escaped in strings, and only tab, newline and return between tokens), and
 * nesting deeper than cJSON's limit, reported as such rather than as a
 * syntax error at some column.
 */
static int prescan(const char *data, size_t len, const source *where,
	scan *st, advisor_error *err)
{
	size_t bad = adv_utf8_invalid_at(data, len);
	char what[96];

	st->in_string = 0;
	st->depth = 0;
	if (bad < len) {
		snprintf(what, sizeof(what),
			"invalid UTF-8 (byte 0x%02x); expected UTF-8 text",
			(unsigned char)data[bad]);
		return at_error(err, data, bad, where, what);
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c == '\0')
			return at_error(err, data, i, where,
				"NUL byte in the file; expected JSON text");
		if (!st->in_string) {
			if (c == '"') {
				st->in_string = 1;
			} else if (c == '[' || c == '{') {
				if (++st->depth > CJSON_NESTING_LIMIT) {
					snprintf(what, sizeof(what),
						"nested deeper than %d levels; expected at most %d",
						CJSON_NESTING_LIMIT, CJSON_NESTING_LIMIT);
					return at_error(err, data, i, where, what);
				}
			} else if (c == ']' || c == '}') {
				st->depth--;
			} else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				snprintf(what, sizeof(what),
					"control character 0x%02x; expected JSON text", c);
				return at_error(err, data, i, where, what);
			}
			continue;
		}
		if (c == '"') {
			st->in_string = 0;
		} else if (c >= 0x20 && c != '\\') {
			/* the common case: plain text inside a string; skip the run,
			 * eight bytes at a time while none of them ends it */
			i = adv_json_plain_run(data, i + 1, len) - 1;
		} else if (c < 0x20) {
			snprintf(what, sizeof(what),
				"raw control character 0x%02x inside a string; expected it escaped (\\n, \\t, \\u00XX)", c);
			return at_error(err, data, i, where, what);
		} else if (c == '\\' && i + 1 < len) {
			if (data[i + 1] == 'u' && i + 5 < len &&
			    memcmp(data + i + 2, "0000", 4) == 0)
				return at_error(err, data, i, where,
					"\\u0000 inside a string; text may not contain NUL characters");
			i++; /* skip the escaped character */
		}
	}
	return ADVISOR_OK;
}

/* Where the walk is: a chain of frames on the C stack, turned into text
 * ("people[3].events[1]") only when there is something to report. */
typedef struct frame {
	const struct frame *up;
	const char *key;   /* an object member, or NULL for an array item */
	int index;
} frame;

static void frame_path(const frame *f, char *buf, size_t size)
{
	const frame *chain[256];
	size_t n = 0, at = 0;

	for (; f && n < 256; f = f->up)
		chain[n++] = f;
	buf[0] = '\0';
	while (n-- > 0 && at < size) {
		int w = chain[n]->key
			? snprintf(buf + at, size - at, at ? ".%s" : "%s", chain[n]->key)
			: snprintf(buf + at, size - at, "[%d]", chain[n]->index);
		if (w < 0)
			break;
		at += (size_t)w;
	}
	if (!buf[0])
		snprintf(buf, size, "(top)");
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
		/* Compare first letters before whole keys: most differ there. */
		for (const cJSON *a = obj->child; a; a = a->next)
			for (const cJSON *b = a->next; b; b = b->next)
				if (a->string[0] == b->string[0] &&
				    strcmp(a->string, b->string) == 0)
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

static int check_tree(const cJSON *item, const frame *at, const char *where,
	advisor_error *err)
{
	char path[512];

	if (cJSON_IsNumber(item) && !isfinite(item->valuedouble)) {
		frame_path(at, path, sizeof(path));
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: %s: number out of range; expected a finite number",
			where, path);
	}
	if (cJSON_IsObject(item)) {
		int count = 0;
		for (const cJSON *c = item->child; c; c = c->next)
			count++;
		const char *dup = duplicate_key(item, count);
		if (dup) {
			frame_path(at, path, sizeof(path));
			return adv_error_set(err, ADVISOR_EDATA,
				"%s: %s: key \"%s\" appears twice; expected each key once",
				where, path, dup);
		}
		for (const cJSON *c = item->child; c; c = c->next) {
			frame f = { at, c->string, 0 };
			int rc = c->child || cJSON_IsNumber(c)
				? check_tree(c, &f, where, err) : ADVISOR_OK;
			if (rc < 0)
				return rc;
		}
	} else if (cJSON_IsArray(item)) {
		int i = 0;
		for (const cJSON *c = item->child; c; c = c->next, i++) {
			frame f = { at, NULL, i };
			int rc = c->child || cJSON_IsNumber(c)
				? check_tree(c, &f, where, err) : ADVISOR_OK;
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
	const char *name, unsigned long line0, advisor_error *err)
{
	source src;
	const char *end = NULL;
	scan st;
	int rc;

	*out = NULL;
	src.name = name;
	src.line0 = line0;
	adv_format_where(src.where, sizeof(src.where), name, line0);
	const char *where = src.where;
	size_t ws = 0;
	while (ws < len && data[ws] && strchr(" \t\r\n", data[ws]))
		ws++;
	if (ws == len)
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: empty; expected a JSON document", where);
	if ((rc = prescan(data, len, &src, &st, err)) < 0)
		return rc;

	/* len + 1 takes in the terminating NUL: cJSON then rejects anything
	 * after the document. */
	cJSON *root = cJSON_ParseWithLengthOpts(data, len + 1, &end, 1);
	if (!root) {
		size_t at = end && end >= data && end <= data + len
			? (size_t)(end - data) : len;
		char what[160];
		if (st.in_string || st.depth > 0)
			return at_error(err, data, len, &src, st.in_string
				? "the text ends inside a string (truncated document?)"
				: "the text ends before every [ and { is closed (truncated document?)");
		/* Parsed leniently, a document followed by more text succeeds:
		 * then that text is the problem. */
		cJSON *lenient = cJSON_ParseWithLengthOpts(data, len + 1, &end, 0);
		if (lenient) {
			cJSON_Delete(lenient);
			at = (size_t)(end - data);
			while (at < len && strchr(" \t\r\n", data[at]))
				at++;
			snprintf(what, sizeof(what),
				"unexpected '%.*s' after the end of the JSON document; expected nothing more",
				snippet_len(data + at), data + at);
			return at_error(err, data, at, &src, what);
		}
		if (at >= len) /* brackets balance: a stray comma, not a cut */
			return at_error(err, data, len, &src,
				"invalid JSON near the end of the document");
		snprintf(what, sizeof(what), "invalid JSON near '%.*s'",
			snippet_len(data + at), data + at);
		return at_error(err, data, at, &src, what);
	}
	if ((rc = check_tree(root, NULL, where, err)) < 0) {
		cJSON_Delete(root);
		return rc;
	}
	*out = root;
	return ADVISOR_OK;
}
