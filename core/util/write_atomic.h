/*
 * write_atomic.h - replacing a file whole or not at all.
 *
 * Every file advisor writes (networks, annotations, snapshots) goes through
 * here: a temporary file beside the target, written, fsync'ed, renamed over
 * it, then the folder fsync'ed.  A crash or kill at any moment leaves the
 * old file or the new one; a killed writer leaves at most "PATH.tmp-XXXXXX".
 */
#ifndef ADV_WRITE_ATOMIC_H
#define ADV_WRITE_ATOMIC_H

#include <stddef.h>

#include "advisor.h"

typedef struct adv_write_part {
	const void *data;
	size_t len;
} adv_write_part;

/* Write the parts, in order, as the new content of path.  ADVISOR_EIO (with
 * the step that failed and strerror) or ADVISOR_ENOMEM on failure, when
 * path is unchanged and no temporary file is left. */
int adv_write_atomic(const char *path, const adv_write_part *parts,
	size_t count, advisor_error *err);

#endif
