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
 * Keeping large values as their text.  Built by cJSON, a value costs a
 * node and its allocations, some 80 bytes however short it is: a field of
 * 5,000 zeros takes 400 KB for 10 KB of text.  A rule names, by place, the
 * members whose value, when it is an array or an object, the tree holds as
 * one cJSON_Raw node instead: its valuestring the value's JSON text as
 * written, checked as strictly as the rest (syntax, UTF-8, no NUL, each key
 * once, finite numbers, depth), in one allocation of its own size.
 *
 * keep(ctx, depth, path) is asked about the member path[depth - 1] of an
 * object at depth `depth` (1: the document's top-level object; only up to
 * ADV_JSON_RAW_DEPTH); path[d] is where the walk is at depth d + 1: a
 * member's key (decoded, len bytes), or s == NULL for an array's item.  It
 * answers 0 to leave the member in the tree, ADV_JSON_KEEP_TEXT to keep its
 * value as text when that is an array or an object, ADV_JSON_KEEP_REST to
 * move the whole member, whatever its value, out of the tree into the
 * object's rest: the members so moved, as written, in one text "{...}"
 * that adv_json_rest() gives (their keys checked unique among them; the
 * rule must send a key either way, never both).  It must answer from the
 * keys alone; a key over 63 bytes written with escapes is seen as the
 * one-byte key "\x01".
 */
#define ADV_JSON_RAW_DEPTH 8
#define ADV_JSON_KEEP_TEXT 1
#define ADV_JSON_KEEP_REST 2
typedef struct adv_json_key {
	const char *s;      /* NULL: an array's item */
	size_t len;
} adv_json_key;
typedef struct adv_json_raw {
	int (*keep)(const void *ctx, int depth, const adv_json_key *path);
	const void *ctx;
} adv_json_raw;

/* adv_json_parse, with the values rule names kept as their text (rule
 * NULL: adv_json_parse). */
int adv_json_parse_raw(cJSON **out, const char *data, size_t len,
	const char *name, unsigned long line0, const adv_json_raw *rule,
	advisor_error *err);

/* "an array" or "an object": what a cJSON_Raw node from the parse holds. */
const char *adv_json_raw_kind(const cJSON *v);

/* The rest of an object from adv_json_parse_raw: its members the rule
 * moved out, as one JSON object's text, or NULL.  (Held in the object
 * node's valuestring, which cJSON leaves unused and frees with the node.) */
const char *adv_json_rest(const cJSON *obj);

/*
 * Fields kept apart from a tree, as readers find them: extra is an object
 * whose members are some of them and whose rest (adv_json_rest) holds the
 * others as text.  The value of member key: adv_json_extra_has() whether
 * there is one;
 * adv_json_extra_string() a copy of it when it is a string (free() it),
 * else NULL (*nomem set when out of memory); adv_json_text_member() its
 * offset in an object's text text[0..len), or 0 when absent.
 */
int adv_json_extra_has(const cJSON *extra, const char *key);
char *adv_json_extra_string(const cJSON *extra, const char *key, int *nomem);
size_t adv_json_text_member(const char *text, size_t len, const char *key);

/*
 * Reading a raw value's text (text[0..len), checked by the parse): the
 * string whose opening quote is at text[at].  adv_json_text_string_len()
 * is its decoded length; adv_json_text_string() decodes it into out, which
 * has room for that length, returns the length and moves *at past the
 * closing quote.
 */
size_t adv_json_text_string_len(const char *text, size_t len, size_t at);
/* The number at text[at] (checked JSON), as cJSON reads it whatever the
 * locale; *end past it. */
double adv_json_text_number(const char *text, size_t len, size_t at,
	size_t *end);
size_t adv_json_text_string(const char *text, size_t len, size_t *at,
	char *out);

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
	const struct adv_json_raw *raw;  /* values to keep as their text, or
	                           NULL (adv_json_parse_raw), set by the caller */
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
