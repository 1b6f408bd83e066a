/*
 * load.h - pieces shared by the network loaders.
 */
#ifndef ADV_LOAD_H
#define ADV_LOAD_H

#include <cjson/cJSON.h>

#include "advisor.h"
#include "json_check.h"
#include "network.h"

#include <stdio.h>

/* "FILE: N bytes is over the limit of M bytes; HINT" (hint may be NULL). */
int adv_too_big(const char *name, uint64_t size, uint64_t max,
	const char *hint, advisor_error *err);

/* Open a file for reading, refusing folders and files over max bytes. */
int adv_open_file(FILE **out, const char *path, uint64_t max,
	const char *hint, advisor_error *err);

/* Read the rest of f into a NUL-terminated buffer (free() it), refusing
 * more than max bytes. */
int adv_read_stream(char **out, size_t *len, FILE *f, const char *path,
	uint64_t max, const char *hint, advisor_error *err);

/* Both of the above, without a hint. */
int adv_read_file(char **out, size_t *len, const char *path, uint64_t max,
	advisor_error *err);

/* Load an NDJSON network from f, or from mem[0..mem_len) when f is NULL. */
int adv_load_ndjson(advisor_network **out, FILE *f, const char *mem,
	size_t mem_len, const char *src, const advisor_load_options *opts,
	advisor_error *err);

/* Load a parsed "advisor-network/1" document.  by_id: name people in
 * messages by their id (people["priya"]) rather than their position, for
 * networks built in code. */
int adv_load_tree(advisor_network **out, const cJSON *root,
	const char *src, const advisor_load_options *opts, int by_id,
	advisor_error *err);

/* Check the document's "format". */
int adv_load_format(const cJSON *root, const char *src, advisor_error *err);

/* Read "me" and one person; path is where they are ("me", "people[3]").
 * connections: the person's connections when adv_json_parse_lifting took
 * them out of obj (lifted set), else NULL. */
int adv_load_me(adv_builder *b, const cJSON *obj, const char *path,
	const char *src, const advisor_load_options *opts, advisor_error *err);
int adv_load_person(adv_builder *b, const cJSON *obj, const char *path,
	size_t index, const char *src, const advisor_load_options *opts,
	const adv_json_lift *connections, advisor_error *err);

#endif
