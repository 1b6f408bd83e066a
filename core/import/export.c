/*
 * export.c - an export's files, from a folder or a zip.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>

#include "import/export.h"
#include "util/error.h"
#include "util/file.h"

struct adv_export {
	char *path;
	zip_t *zip;          /* NULL for a folder */
	uint64_t max_bytes;
};

int adv_export_open(adv_export **out, const char *path, uint64_t max_bytes,
	advisor_error *err)
{
	struct stat st;
	adv_export *x;

	*out = NULL;
	if (stat(path, &st) < 0)
		return adv_error_set(err, ADVISOR_EIO, "%s: cannot open: %s", path,
			strerror(errno));
	if (!(x = calloc(1, sizeof(*x))) || !(x->path = strdup(path))) {
		free(x);
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", path);
	}
	x->max_bytes = max_bytes ? max_bytes : ADVISOR_DEFAULT_MAX_BYTES;
	if (!S_ISDIR(st.st_mode)) {
		int code = 0;
		if (!(x->zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code))) {
			if (code == ZIP_ER_EXISTS) {
				adv_export_close(x);
				return adv_error_set(err, ADVISOR_EDATA,
					"%s: the archive holds two entries of the same name; "
					"expected each file of the export once", path);
			}
			zip_error_t ze;
			zip_error_init_with_code(&ze, code);
			int rc = adv_error_set(err,
				code == ZIP_ER_OPEN || code == ZIP_ER_READ ? ADVISOR_EIO :
				ADVISOR_EDATA,
				"%s: not a readable export: neither a folder nor a whole "
				"zip archive (%s)", path, zip_error_strerror(&ze));
			zip_error_fini(&ze);
			adv_export_close(x);
			return rc;
		}
	}
	*out = x;
	return ADVISOR_OK;
}

void adv_export_close(adv_export *x)
{
	if (!x)
		return;
	if (x->zip)
		zip_discard(x->zip);
	free(x->path);
	free(x);
}

static const char *base_name(const char *p)
{
	const char *slash = strrchr(p, '/');
	return slash ? slash + 1 : p;
}

static int depth(const char *p)
{
	int d = 0;
	for (; *p; p++)
		d += *p == '/';
	return d;
}

static int read_zip(adv_export *x, const char *name, char **data,
	size_t *len, char *shown, size_t shown_size, advisor_error *err)
{
	zip_int64_t n = zip_get_num_entries(x->zip, 0), best = -1, twin = -1;
	int best_depth = 0;
	zip_stat_t st;
	zip_file_t *f;

	/* The file nearest the top; two as near are a mistake to say. */
	for (zip_int64_t i = 0; i < n; i++) {
		const char *entry = zip_get_name(x->zip, (zip_uint64_t)i, 0);
		if (!entry || strncmp(entry, "__MACOSX/", 9) == 0 ||
		    strcasecmp(base_name(entry), name) != 0)
			continue;
		if (best < 0 || depth(entry) < best_depth) {
			best = i, best_depth = depth(entry);
			twin = -1;
		} else if (depth(entry) == best_depth) {
			twin = i;
		}
	}
	if (best < 0)
		return ADVISOR_ENOTFOUND;
	if (twin >= 0)
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: the archive holds %s twice (%s and %s); expected one",
			x->path, name, zip_get_name(x->zip, (zip_uint64_t)best, 0),
			zip_get_name(x->zip, (zip_uint64_t)twin, 0));
	const char *entry = zip_get_name(x->zip, (zip_uint64_t)best, 0);
	snprintf(shown, shown_size, "%s:%s", x->path, entry);
	if (zip_stat_index(x->zip, (zip_uint64_t)best, 0, &st) < 0 ||
	    !(st.valid & ZIP_STAT_SIZE))
		return adv_error_set(err, ADVISOR_EDATA, "%s: cannot read: %s", shown,
			zip_strerror(x->zip));
	if (st.size > x->max_bytes)
		return adv_too_big(shown, st.size, x->max_bytes, "max_bytes", err);
	if (!(f = zip_fopen_index(x->zip, (zip_uint64_t)best, 0)))
		return adv_error_set(err, ADVISOR_EDATA, "%s: cannot read: %s", shown,
			zip_strerror(x->zip));
	char *buf = malloc((size_t)st.size + 1);
	if (!buf) {
		zip_fclose(f);
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", shown);
	}
	zip_uint64_t done = 0;
	while (done < st.size) {
		zip_int64_t got = zip_fread(f, buf + done, st.size - done);
		if (got <= 0) {
			int rc = adv_error_set(err, ADVISOR_EDATA,
				"%s: the archive is damaged: %s", shown,
				got < 0 ? zip_error_strerror(zip_file_get_error(f)) :
				"the file ends early");
			free(buf);
			zip_fclose(f);
			return rc;
		}
		done += (zip_uint64_t)got;
	}
	/* Closing checks the CRC of what was read. */
	char probe;
	if (zip_fread(f, &probe, 1) < 0) {
		int rc = adv_error_set(err, ADVISOR_EDATA,
			"%s: the archive is damaged: %s", shown,
			zip_error_strerror(zip_file_get_error(f)));
		free(buf);
		zip_fclose(f);
		return rc;
	}
	zip_fclose(f);
	buf[st.size] = '\0';
	*data = buf;
	*len = (size_t)st.size;
	return ADVISOR_OK;
}

int adv_export_read(adv_export *x, const char *name, char **data,
	size_t *len, char *shown, size_t shown_size, advisor_error *err)
{
	*data = NULL;
	*len = 0;
	if (x->zip)
		return read_zip(x, name, data, len, shown, shown_size, err);

	DIR *dir = opendir(x->path);
	struct dirent *de;
	int found = 0;
	if (!dir)
		return adv_error_set(err, ADVISOR_EIO, "%s: cannot read the folder: %s",
			x->path, strerror(errno));
	while ((de = readdir(dir))) {
		if (strcasecmp(de->d_name, name) == 0) {
			snprintf(shown, shown_size, "%s/%s", x->path, de->d_name);
			found = 1;
			break;
		}
	}
	closedir(dir);
	if (!found)
		return ADVISOR_ENOTFOUND;
	return adv_read_file(data, len, shown, x->max_bytes, "max_bytes", err);
}
