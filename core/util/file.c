/*
 * file.c - reading input files with a size limit, so that a huge file is
 * refused with a message rather than exhausting memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/file.h"

int adv_too_big(const char *name, uint64_t size, uint64_t max,
	const char *option, advisor_error *err)
{
	int rc = adv_error_set(err, ADVISOR_EDATA,
		"%s: %llu bytes is over the limit of %llu bytes", name,
		(unsigned long long)size, (unsigned long long)max);
	/* The message names no option: an embedder's is a struct member, the
	 * command's a flag; each says it in its own words from the field. */
	if (err && option)
		snprintf(err->field, sizeof(err->field), "%s", option);
	return rc;
}

int adv_open_file(FILE **out, const char *path, uint64_t max,
	const char *option, advisor_error *err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;

	*out = NULL;
	if (!f)
		return adv_error_set(err, ADVISOR_EIO, "%s: cannot open: %s", path,
			strerror(errno));
	if (fstat(fileno(f), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			fclose(f);
			return adv_error_set(err, ADVISOR_EIO,
				"%s: is a directory; expected a file", path);
		}
		/* A device never ends (/dev/zero, a terminal); pipes do, and
		 * are bounded as they are read. */
		if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ||
		    S_ISSOCK(st.st_mode)) {
			fclose(f);
			return adv_error_set(err, ADVISOR_EIO,
				"%s: is a device or socket; expected a file or a pipe",
				path);
		}
		/* Refuse before reading a byte; pipes are checked as they go. */
		if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
			fclose(f);
			return adv_too_big(path, (uint64_t)st.st_size, max, option, err);
		}
	}
	*out = f;
	return ADVISOR_OK;
}

int adv_read_stream(char **out, size_t *len, FILE *f, const char *path,
	uint64_t max, const char *option, advisor_error *err)
{
	char *buf = NULL;
	size_t cap = 0, n = 0;
	/* One byte past the limit is enough to know it is passed: the buffer
	 * never grows beyond that (and its NUL), so a pipe that never ends
	 * costs the limit, not twice it, and is refused as soon as it is. */
	size_t most = max < SIZE_MAX - 2 ? (size_t)max + 1 : SIZE_MAX - 1;

	*out = NULL;
	*len = 0;
	for (;;) {
		if (n + 1 >= cap) {
			size_t ncap = cap ? (cap > (most + 1) / 2 ? most + 1 : cap * 2)
				: (most + 1 < 65536 ? most + 1 : 65536);
			char *p = realloc(buf, ncap);
			if (!p) {
				free(buf);
				return adv_error_set(err, ADVISOR_ENOMEM,
					"%s: out of memory reading the file", path);
			}
			buf = p;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > max) {
			free(buf);
			int rc = adv_too_big(path, max + 1, max, option, err);
			/* How much more a stream holds is unknown: it was not read. */
			if (err)
				snprintf(err->message, sizeof(err->message),
					"%s: more than %llu bytes, over the limit of %llu bytes",
					path, (unsigned long long)max, (unsigned long long)max);
			return rc;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		return adv_error_set(err, ADVISOR_EIO, "%s: read error", path);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return ADVISOR_OK;
}

int adv_read_file(char **out, size_t *len, const char *path, uint64_t max,
	const char *option, advisor_error *err)
{
	FILE *f;
	int rc = adv_open_file(&f, path, max, option, err);

	*out = NULL;
	*len = 0;
	if (rc < 0)
		return rc;
	rc = adv_read_stream(out, len, f, path, max, option, err);
	fclose(f);
	return rc;
}

static int read_regular(char **out, size_t *len, const char *path,
	uint64_t max, int follow, advisor_error *err)
{
	struct stat st;
	FILE *f;
	int rc;

	*out = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO would otherwise wait for a writer. */
	int fd = open(path, O_RDONLY | (follow ? 0 : O_NOFOLLOW) | O_NONBLOCK |
		O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP)
			return adv_error_set(err, ADVISOR_EIO,
				"%s: is a symbolic link; policy files must be plain files",
				path);
		return adv_error_set(err, ADVISOR_EIO, "%s: cannot open: %s", path,
			strerror(errno));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return adv_error_set(err, ADVISOR_EIO,
			"%s: is not a plain file (a folder, FIFO or device)", path);
	}
	if ((uint64_t)st.st_size > max) {
		close(fd);
		return adv_too_big(path, (uint64_t)st.st_size, max, NULL, err);
	}
	if (!(f = fdopen(fd, "rb"))) {
		close(fd);
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", path);
	}
	rc = adv_read_stream(out, len, f, path, max, NULL, err);
	fclose(f);
	return rc;
}

int adv_read_plain_file(char **out, size_t *len, const char *path,
	uint64_t max, advisor_error *err)
{
	return read_regular(out, len, path, max, 0, err);
}

int adv_read_regular_file(char **out, size_t *len, const char *path,
	uint64_t max, advisor_error *err)
{
	return read_regular(out, len, path, max, 1, err);
}
