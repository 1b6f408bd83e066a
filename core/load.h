/*
 * load.h - pieces shared by the network loaders.
 */
#ifndef ADV_LOAD_H
#define ADV_LOAD_H

#include <cjson/cJSON.h>

#include "advisor.h"
#include "network.h"

/* Read a whole file into a NUL-terminated buffer (free() it). */
int adv_read_file(char **out, size_t *len, const char *path,
	advisor_error *err);

/* Check the document's "format". */
int adv_load_format(const cJSON *root, const char *src, advisor_error *err);

/* Read "me" and one person; path is where they are ("me", "people[3]"). */
int adv_load_me(adv_builder *b, const cJSON *obj, const char *path,
	const char *src, const advisor_load_options *opts, advisor_error *err);
int adv_load_person(adv_builder *b, const cJSON *obj, const char *path,
	size_t index, const char *src, const advisor_load_options *opts,
	advisor_error *err);

#endif
