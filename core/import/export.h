/*
 * export.h - the files of a LinkedIn export, from the folder it was
 * unpacked into or straight from the .zip (read in memory with libzip,
 * never unpacked to disk).
 */
#ifndef ADV_IMPORT_EXPORT_H
#define ADV_IMPORT_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "advisor.h"

typedef struct adv_export adv_export;

/* Open a folder or a zip (by what the path is, not its name).  A zip that
 * is truncated or damaged is ADVISOR_EDATA saying so. */
int adv_export_open(adv_export **out, const char *path, uint64_t max_bytes,
	advisor_error *err);

/*
 * Read the file called `name` (ASCII case ignored: messages.csv and
 * Messages.csv are one file; in a zip at any depth, the shallowest first)
 * into a NUL-terminated buffer (free()).  `shown` receives how messages
 * name it ("EXPORT.zip:Connections.csv").  ADVISOR_ENOTFOUND if the export
 * has no such file; ADVISOR_EIO or ADVISOR_EDATA if it cannot be read.
 */
int adv_export_read(adv_export *x, const char *name, char **data,
	size_t *len, char *shown, size_t shown_size, advisor_error *err);

void adv_export_close(adv_export *x);

#endif
