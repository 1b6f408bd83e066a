/*
 * serve.h - what a long-running command (the browser's native-messaging
 * host, the MCP server) holds between requests: the network, loaded again
 * when its file changes, the one loaded before kept when the new one
 * cannot be.
 */
#ifndef ADVISOR_CLI_SERVE_H
#define ADVISOR_CLI_SERVE_H

#include <sys/stat.h>
#include <time.h>

#include "cli.h"

/* Which file a network came from, as the snapshot cache tells files
 * apart: a change of any of these is a change of the file. */
typedef struct cli_file_id {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
} cli_file_id;

typedef struct cli_served {
	const cli_options *o;     /* --network, the size limit, the cache */
	advisor_network *net;     /* NULL until one has loaded */
	char path[1024];          /* the file net came from */
	cli_file_id loaded;       /* ... as it was then */
	cli_file_id refused;      /* the last change that failed to load */
	int have_refused;
	char why[ADVISOR_ERROR_MESSAGE_MAX + 1536];
} cli_served;

/* The network file: --network, else $ADVISOR_NETWORK, else the data
 * folder's network.json (in buf); NULL when there is no home. */
const char *cli_served_path(const cli_options *o, char *buf, size_t size);

/* Make s->net the network of its file as it is now: loaded the first
 * time, and again when the file changed.  0, with *note set to a message
 * when a change could not be loaded and the network loaded before still
 * serves (said once on stderr too, prefixed with `who`); -1 with why
 * when there is no network at all. */
int cli_served_refresh(cli_served *s, const char *who, const char **note,
	char *why, size_t size);

void cli_served_free(cli_served *s);

#endif
