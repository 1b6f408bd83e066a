/*
 * file.h - reading input files with a size limit, so that a huge file is
 * refused with a message rather than exhausting memory.
 */
#ifndef ADV_FILE_H
#define ADV_FILE_H

#include <stdint.h>
#include <stdio.h>

#include "advisor.h"

/*
 * "FILE: N bytes is over the limit of M bytes", ADVISOR_EDATA, with the
 * error's field naming the option that sets the limit ("max_bytes"; NULL
 * for a limit no caller sets), so that each caller can say how to raise it.
 */
int adv_too_big(const char *name, uint64_t size, uint64_t max,
	const char *option, advisor_error *err);

/* Open a file for reading, refusing folders and files over max bytes. */
int adv_open_file(FILE **out, const char *path, uint64_t max,
	const char *option, advisor_error *err);

/* Read the rest of f into a NUL-terminated buffer (free() it), refusing
 * more than max bytes. */
int adv_read_stream(char **out, size_t *len, FILE *f, const char *path,
	uint64_t max, const char *option, advisor_error *err);

/* Both of the above. */
int adv_read_file(char **out, size_t *len, const char *path, uint64_t max,
	const char *option, advisor_error *err);

/* Read a file named on purpose that must be a file, not a stream (a policy
 * case file): a symbolic link is followed, a FIFO (which would hang until
 * a writer comes, or be read as it is fed) or a device is refused. */
int adv_read_regular_file(char **out, size_t *len, const char *path,
	uint64_t max, advisor_error *err);

/* Read a file a policy is made of (its Lua files, settings.json): a plain
 * file only, never a symbolic link (a policy folder linking to a secret
 * would execute it, or show it in an error), a FIFO (which would hang) or
 * a device. */
int adv_read_plain_file(char **out, size_t *len, const char *path,
	uint64_t max, advisor_error *err);

#endif
