/*
 * load.h - pieces shared by the network loaders.
 */
#ifndef ADV_LOAD_H
#define ADV_LOAD_H

#include <cjson/cJSON.h>

#include "advisor.h"
#include "json/strict.h"
#include "network/network.h"
#include "util/file.h"


/* Load an NDJSON network from f, or from mem[0..mem_len) when f is NULL. */
int adv_load_ndjson(advisor_network **out, FILE *f, const char *mem,
	size_t mem_len, const char *src, const advisor_load_options *opts,
	advisor_error *err);

/* The values a network's parse keeps as their text (adv_json_parse_raw):
 * in a JSON document (and an NDJSON network's first line), and in an NDJSON
 * person's line.  Readers find them as cJSON_Raw nodes. */
extern const adv_json_raw adv_load_raw_document;
extern const adv_json_raw adv_load_raw_line;
/* An unknown field the library's C code reads: kept in the extra's tree
 * (its other unknown fields are the extra's rest, its valuestring). */
int adv_load_extra_in_tree(const adv_json_key *k);

/* Load a parsed "advisor-network/1" document.  by_id: name people in
 * messages by their id (people["priya"]) rather than their position, for
 * networks built in code. */
int adv_load_tree(advisor_network **out, const cJSON *root,
	const char *src, const advisor_load_options *opts, int by_id,
	advisor_error *err);

/* Check the document's "format". */
int adv_load_format(const cJSON *root, const char *src, advisor_error *err);

/* Reads the top-level "custom_event_types" (optional): the event types of
 * the user's own that load without a warning. */
int adv_load_custom_types(adv_builder *b, const cJSON *root, const char *src,
	advisor_error *err);

/* Checks the top-level "imported" (optional): the date a LinkedIn export
 * was imported into the data folder, YYYY-MM-DD. */
int adv_load_imported(const cJSON *root, const char *src, advisor_error *err);

/* Read "me" and one person; path is where they are ("me", "people[3]").
 * connections: the person's connections when adv_json_parse_lifting took
 * them out of obj (lifted set), else NULL. */
int adv_load_me(adv_builder *b, const cJSON *obj, const char *path,
	const char *src, const advisor_load_options *opts, advisor_error *err);
int adv_load_person(adv_builder *b, const cJSON *obj, const char *path,
	size_t index, const char *src, const advisor_load_options *opts,
	const adv_json_lift *connections, advisor_error *err);

/* How a file is read: the format the options give, else by its name
 * (.ndjson and .jsonl are NDJSON); the size limit; and the options
 * checked. */
advisor_format adv_load_format_of(const char *name,
	const advisor_load_options *opts);
uint64_t adv_load_max_bytes(const advisor_load_options *opts);
int adv_load_check_options(const advisor_load_options *opts,
	advisor_error *err);
/* The option a too-large file's error names in its field. */
#define ADV_LOAD_SIZE_OPTION "max_bytes"

/* A network from the file at path, parsed (no snapshot). */
int adv_load_file(advisor_network **out, const char *path,
	const advisor_load_options *opts, advisor_error *err);

#endif
