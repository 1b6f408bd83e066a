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
 * Parsing an NDJSON person line for less than cJSON alone costs, with the
 * same result.  Two things are read straight from the checked text instead
 * of built by cJSON, whose node, copy and free per value were most of a
 * large load:
 *
 * - the top-level member `key` ("connections", most of a line) when it is
 *   an array of non-empty strings without escapes: its strings land in
 *   items/text, and the tree holds key: [] in its place;
 * - every other top-level member whose value is a string without escapes,
 *   true or false: the tree holds it as a node borrowed from this struct,
 *   linked in at its place, so readers see the tree the text describes.
 *   Free such a tree with adv_json_lift_delete().
 */
typedef struct adv_json_lift {
	const char *key;        /* the member whose strings to lift, set by the
	                           caller */
	int lifted;             /* 1: its strings are below */
	size_t count;           /* strings lifted */
	struct adv_json_lifted {
		uint32_t at, len;   /* in text, NUL-terminated there */
	} *items;
	char *text;
	/* the members lent to the tree, and what was cut from the text */
	struct adv_json_member {
		uint32_t ordinal;   /* its place among the top-level members */
		uint32_t key, value;    /* in text */
		int type;           /* cJSON_String, cJSON_True or cJSON_False */
	} *members;
	size_t member_count;
	cJSON *nodes;           /* member_count nodes in the last tree */
	size_t borrowed;        /* of them linked into the last tree */
	struct adv_json_cut {
		size_t from, to;
	} *cuts;
	size_t cut_count;
	/* buffers kept from one document to the next */
	size_t items_cap, text_len, text_cap, members_cap, nodes_cap, cuts_cap;
	char *doc;
	size_t doc_cap;
} adv_json_lift;

/*
 * adv_json_parse, reading what it can straight from the text as above.
 * Anything else, and any document that does not parse or check, goes the
 * way of adv_json_parse, with the same result and the same messages.  The
 * tree is valid until the next call with lift.
 */
int adv_json_parse_lifting(cJSON **out, const char *data, size_t len,
	const char *name, unsigned long line0, adv_json_lift *lift,
	advisor_error *err);

/* Unlink the nodes lift lent to root, then cJSON_Delete(root). */
void adv_json_lift_delete(adv_json_lift *lift, cJSON *root);

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
