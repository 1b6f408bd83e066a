/*
 * policy_embedded.h - the shipped policy, compiled into the library by
 * cmake/embed.cmake from scripts/policy/.
 */
#ifndef ADV_POLICY_EMBEDDED_H
#define ADV_POLICY_EMBEDDED_H

#include <stddef.h>

typedef struct adv_embedded_file {
	const char *path;  /* relative to scripts/policy, e.g. "lib/notes.lua" */
	const char *data;  /* NUL-terminated */
	size_t len;
} adv_embedded_file;

/* Sorted by path; ends with a NULL path. */
extern const adv_embedded_file adv_policy_files[];

#endif
