/*
 * serve.c - the network a long-running command holds, kept in step with
 * its file: facts recorded meanwhile (advisor remember writes the data
 * folder's network.json anew) are seen by the next request, and a file
 * that cannot be loaded leaves the network loaded before serving.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

static int same_file(const cli_file_id *a, const cli_file_id *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
		a->mtime.tv_sec == b->mtime.tv_sec &&
		a->mtime.tv_nsec == b->mtime.tv_nsec;
}

static cli_file_id id_of(const struct stat *st)
{
	cli_file_id f = { st->st_dev, st->st_ino, st->st_size, st->st_mtim };
	return f;
}

const char *cli_served_path(const cli_options *o, char *buf, size_t size)
{
	const char *env = getenv("ADVISOR_NETWORK");
	if (o->network)
		return o->network;
	if (env && *env)
		return env;
	return cli_data_file(buf, size, "network.json") == 0 ? buf : NULL;
}

int cli_served_refresh(cli_served *s, const char *who, const char **note,
	char *why, size_t size)
{
	char where[1024], cache[4096];
	const char *path = cli_served_path(s->o, where, sizeof(where));
	advisor_load_options lo;
	advisor_network *net = NULL;
	advisor_error err;
	struct stat st;

	*note = NULL;
	if (!path || stat(path, &st) != 0) {
		if (s->net) {
			snprintf(s->why, sizeof(s->why), "the network file %s "
				"cannot be read now; the network loaded before is used",
				s->path);
			*note = s->why;
			return 0;
		}
		snprintf(why, size, "%s", cli_no_network());
		return -1;
	}
	cli_file_id now = id_of(&st);
	if (s->net && same_file(&now, &s->loaded) && strcmp(path, s->path) == 0)
		return 0;
	if (s->have_refused && same_file(&now, &s->refused)) {
		if (!s->net) {
			snprintf(why, size, "%s", s->why);
			return -1;
		}
		*note = s->why;
		return 0;
	}
	cli_load_options(s->o, &lo, cache, sizeof(cache));
	if (advisor_network_load(&net, path, &lo, &err) < 0) {
		s->refused = now;
		s->have_refused = 1;
		if (!s->net) {
			snprintf(s->why, sizeof(s->why), "%s", err.message);
			snprintf(why, size, "%s", s->why);
			return -1;
		}
		snprintf(s->why, sizeof(s->why), "the network file changed and "
			"cannot be loaded (%s); the network loaded before is used",
			err.message);
		fprintf(stderr, "advisor: %s: %s\n", who, s->why);
		*note = s->why;
		return 0;
	}
	advisor_network_free(s->net);
	s->net = net;
	s->loaded = now;
	s->have_refused = 0;
	snprintf(s->path, sizeof(s->path), "%s", path);
	return 0;
}

void cli_served_free(cli_served *s)
{
	advisor_network_free(s->net);
	s->net = NULL;
}
