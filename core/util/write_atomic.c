/*
 * write_atomic.c - replacing a file so that a crash leaves the old file or
 * the new one, never half of either: a temporary file in the same folder
 * (so the rename cannot cross file systems), fsync, rename, then fsync of
 * the folder so that the rename itself is durable.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/error.h"
#include "util/write_atomic.h"

int advisor_file_write(const char *path, const char *data, size_t len,
	advisor_error *err)
{
	adv_write_part part = { data, len };

	if (!path || (!data && len))
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_file_write: path and data are required");
	return adv_write_atomic(path, &part, 1, err);
}

int adv_write_atomic(const char *path, const adv_write_part *parts,
	size_t count, advisor_error *err)
{
	/* On the stack, not the heap: a writer killed by a signal mid-write
	 * (a full disk's SIGXFSZ, a kill) holds nothing a leak check could
	 * count against it. */
	char tmp[PATH_MAX + sizeof(".tmp-XXXXXX")], dir[PATH_MAX];
	size_t plen = strlen(path);
	int fd = -1, saved, made = 0;
	const char *step = "cannot create a temporary file beside it";

	if (plen >= PATH_MAX)
		return adv_error_set(err, ADVISOR_EIO, "%s: %s", path,
			strerror(ENAMETOOLONG));
	memcpy(dir, path, plen + 1);
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".tmp-XXXXXX", sizeof(".tmp-XXXXXX"));
	if ((fd = mkstemp(tmp)) < 0)
		goto fail;
	made = 1;
	step = "cannot write";
	for (size_t i = 0; i < count; i++) {
		const char *data = parts[i].data;
		for (size_t done = 0; done < parts[i].len;) {
			ssize_t w = write(fd, data + done, parts[i].len - done);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				goto fail;
			done += (size_t)w;
		}
	}
	if (fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	step = "cannot replace";
	if (rename(tmp, path) < 0)
		goto fail;
	int dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	adv_error_clear(err);
	return ADVISOR_OK;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (made)
		unlink(tmp);
	return adv_error_set(err, ADVISOR_EIO, "%s: %s: %s", path, step,
		strerror(saved));
}
