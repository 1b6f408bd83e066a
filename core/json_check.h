/*
 * json_check.h - parsing JSON strictly.
 *
 * cJSON leaves some checks to its caller: it accepts invalid UTF-8, cuts
 * strings at an escaped \u0000, keeps duplicate keys, and turns 1e999 into
 * infinity.  These functions do those checks so that no loader can forget.
 */
#ifndef ADV_JSON_CHECK_H
#define ADV_JSON_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

#include "advisor.h"

/*
 * Parse one JSON document from data[0..len) (data[len] must be '\0'), the
 * whole of file `name` (line0 == 0) or its line number line0 (NDJSON).  On success
 * *out is a tree that is valid UTF-8, has no NUL inside a string, no
 * duplicate key in any object and only finite numbers.  Errors are
 * ADVISOR_EDATA with the line and column or the JSON path.
 */
int adv_json_parse(cJSON **out, const char *data, size_t len,
	const char *name, unsigned long line0, advisor_error *err);

/*
 * One member of the top-level object whose value, when it is an array of
 * plain strings, is read straight from the text rather than built as a
 * tree: an NDJSON person's "connections" are most of its line, and a cJSON
 * node and a copy for each of them were most of a large load.
 */
typedef struct adv_json_lift {
	const char *key;        /* the member, set by the caller */
	int lifted;             /* 1: its strings are below, and the tree has
	                           key: [] in its place */
	size_t count;           /* strings lifted */
	struct adv_json_lifted {
		uint32_t at, len;   /* in text, NUL-terminated there */
	} *items;
	char *text;
	/* buffers kept from one document to the next */
	size_t items_cap, text_len, text_cap;
	char *doc;
	size_t doc_cap;
} adv_json_lift;

/*
 * adv_json_parse, lifting lift->key when its value is a non-empty array of
 * non-empty strings without escapes (most of the text it checks).  Anything
 * else, and any document that does not parse, goes the way of
 * adv_json_parse, with the same result and the same messages.
 */
int adv_json_parse_lifting(cJSON **out, const char *data, size_t len,
	const char *name, unsigned long line0, adv_json_lift *lift,
	advisor_error *err);

/* Free lift's buffers (not the struct). */
void adv_json_lift_free(adv_json_lift *lift);

/*
 * The first index from i (up to len) of a byte that ends plain JSON string
 * text: a control character (< 0x20), '"' or '\\'.  What is before it
 * needs no escaping.
 */
size_t adv_json_plain_run(const char *s, size_t i, size_t len);

/*
 * "name:line" (or "name" when line is 0) into buf, cut to fit: the place a
 * message names.  Loaders call it for every NDJSON line, hence no printf.
 */
void adv_format_where(char *buf, size_t size, const char *name,
	unsigned long line);

#endif
