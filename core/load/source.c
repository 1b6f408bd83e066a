/*
 * source.c - a network from a file or a buffer, JSON or NDJSON, within the
 * size limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/strict.h"
#include "load/load.h"
#include "util/error.h"

/* JSON or NDJSON: as the caller says, else by the name. */
advisor_format adv_load_format_of(const char *name,
	const advisor_load_options *opts)
{
	size_t n = strlen(name);

	if (opts && opts->format != ADVISOR_FORMAT_AUTO)
		return opts->format;
	if ((n >= 7 && strcmp(name + n - 7, ".ndjson") == 0) ||
	    (n >= 6 && strcmp(name + n - 6, ".jsonl") == 0))
		return ADVISOR_FORMAT_NDJSON;
	return ADVISOR_FORMAT_JSON;
}

uint64_t adv_load_max_bytes(const advisor_load_options *opts)
{
	return opts && opts->max_bytes ? opts->max_bytes : ADVISOR_DEFAULT_MAX_BYTES;
}

int adv_load_check_options(const advisor_load_options *opts, advisor_error *err)
{
	int rc;
	if (opts && (rc = adv_check_version(err, "advisor_load_options",
			opts->version, ADVISOR_LOAD_OPTIONS_VERSION)) < 0)
		return rc;
	if (opts && (unsigned)opts->format > ADVISOR_FORMAT_NDJSON)
		return adv_error_set(err, ADVISOR_EINVAL,
			"load options: format %d is not a format", (int)opts->format);
	return ADVISOR_OK;
}

int advisor_network_load_buffer(advisor_network **out, const char *data,
	size_t len, const char *name, const advisor_load_options *opts,
	advisor_error *err)
{
	cJSON *root;
	char *copy;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "network: out is NULL");
	*out = NULL;
	if (!data || !name)
		return adv_error_set(err, ADVISOR_EINVAL,
			"network: data and name are required");
	if ((rc = adv_load_check_options(opts, err)) < 0)
		return rc;
	if (len > adv_load_max_bytes(opts))
		return adv_too_big(name, len, adv_load_max_bytes(opts), ADV_LOAD_SIZE_OPTION, err);
	if (adv_load_format_of(name, opts) == ADVISOR_FORMAT_NDJSON)
		return adv_load_ndjson(out, NULL, data, len, name, opts, err);
	/* cJSON wants the terminating NUL inside the length. */
	if (!(copy = malloc(len + 1)))
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", name);
	memcpy(copy, data, len);
	copy[len] = '\0';
	rc = adv_json_parse_raw(&root, copy, len, name, 0,
		&adv_load_raw_document, err);
	free(copy);
	if (rc < 0)
		return rc;
	rc = adv_load_tree(out, root, name, opts, 0, err);
	cJSON_Delete(root);
	return rc;
}

int adv_load_file(advisor_network **out, const char *path,
	const advisor_load_options *opts, advisor_error *err)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if ((rc = adv_open_file(&f, path, adv_load_max_bytes(opts), ADV_LOAD_SIZE_OPTION, err)) < 0)
		return rc;
	if (adv_load_format_of(path, opts) == ADVISOR_FORMAT_NDJSON) {
		rc = adv_load_ndjson(out, f, NULL, 0, path, opts, err);
		fclose(f);
		return rc;
	}
	rc = adv_read_stream(&data, &len, f, path, adv_load_max_bytes(opts), ADV_LOAD_SIZE_OPTION, err);
	fclose(f);
	if (rc < 0)
		return rc;
	cJSON *root;
	rc = adv_json_parse_raw(&root, data, len, path, 0,
		&adv_load_raw_document, err);
	free(data);
	if (rc < 0)
		return rc;
	rc = adv_load_tree(out, root, path, opts, 0, err);
	cJSON_Delete(root);
	return rc;
}

void advisor_load_options_init(advisor_load_options *opts)
{
	static const advisor_load_options init = ADVISOR_LOAD_OPTIONS_INIT;

	if (opts)
		*opts = init;
}
