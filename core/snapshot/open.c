/*
 * open.c - advisor_network_load(): with a cache folder, the snapshot of the
 * file if it is fresh, else the file itself (and a new snapshot of it).
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/load.h"
#include "snapshot/snapshot.h"
#include "util/error.h"

/* Warnings of a load, kept for its snapshot and passed on. */
typedef struct kept_warnings {
	const advisor_load_options *user;
	char **list;
	size_t count, cap;
} kept_warnings;

static void keep_warning(void *payload, const char *message)
{
	kept_warnings *k = payload;
	if (k->count == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 8;
		char **p = realloc(k->list, cap * sizeof(*p));
		if (p) {
			k->list = p;
			k->cap = cap;
		}
	}
	if (k->count < k->cap && (k->list[k->count] = strdup(message)))
		k->count++;
	if (k->user->warning)
		k->user->warning(k->user->warning_payload, message);
}

/* A snapshot is trusted as the parsed file, so only a folder that no one
 * else can write to may hold one: a directory (not a link to one) of this
 * user's, writable by no group or other.  Otherwise it is not used, and a
 * warning says why. */
static int trusted_folder(const char *dir, const advisor_load_options *opts)
{
	struct stat st;
	const char *why = NULL;
	char msg[4200];

	if (lstat(dir, &st) < 0)
		why = "cannot be read";
	else if (!S_ISDIR(st.st_mode))
		why = "is not a folder";
	else if (st.st_uid != geteuid())
		why = "belongs to another user";
	else if (st.st_mode & (S_IWGRP | S_IWOTH))
		why = "can be written by other users";
	if (!why)
		return 1;
	if (opts->warning) {
		snprintf(msg, sizeof(msg),
			"snapshot folder %s %s: not used (the network is read from its file)",
			dir, why);
		opts->warning(opts->warning_payload, msg);
	}
	return 0;
}

/* With a cache folder: the snapshot if it is fresh, else the file (and a
 * new snapshot of it). */
static int load_cached(advisor_network **out, const char *path,
	const advisor_load_options *opts, advisor_error *err)
{
	adv_snapshot_key key;
	char snapshot[4096];
	int rc;

	if (!trusted_folder(opts->cache_dir, opts) ||
	    adv_snapshot_key_of(&key, path) < 0 ||
	    adv_snapshot_path(snapshot, sizeof(snapshot), opts->cache_dir, path) < 0)
		return adv_load_file(out, path, opts, err);
	key.format = adv_load_format_of(path, opts);
	key.max_line_bytes = opts->max_line_bytes;
	/* The limit holds with a snapshot too. */
	if (key.size > adv_load_max_bytes(opts))
		return adv_too_big(path, key.size, adv_load_max_bytes(opts),
			ADV_LOAD_SIZE_OPTION, err);
	rc = adv_snapshot_load(out, snapshot, &key, path, opts->warning,
		opts->warning_payload);
	if (rc == 1)
		return ADVISOR_OK;
	if (rc < 0)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", path);

	kept_warnings kept = { opts, NULL, 0, 0 };
	advisor_load_options mine = *opts;
	mine.warning = keep_warning;
	mine.warning_payload = &kept;
	rc = adv_load_file(out, path, &mine, err);
	if (rc == ADVISOR_OK)
		adv_snapshot_save(*out, snapshot, &key, (const char *const *)kept.list,
			kept.count); /* a snapshot that cannot be written is no loss */
	for (size_t i = 0; i < kept.count; i++)
		free(kept.list[i]);
	free(kept.list);
	return rc;
}

int advisor_network_load(advisor_network **out, const char *path,
	const advisor_load_options *opts, advisor_error *err)
{
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "network: out is NULL");
	*out = NULL;
	if (!path)
		return adv_error_set(err, ADVISOR_EINVAL, "network: path is NULL");
	if ((rc = adv_load_check_options(opts, err)) < 0)
		return rc;
	if (opts && opts->cache_dir)
		return load_cached(out, path, opts, err);
	return adv_load_file(out, path, opts, err);
}
