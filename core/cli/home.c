/*
 * home.c - where the user's data lives: $XDG_DATA_HOME/advisor (by default
 * ~/.local/share/advisor) holds network.json (the network commands use
 * when --network is not given) and annotations.json (the facts recorded
 * with `advisor remember`).  $ADVISOR_NETWORK names another network file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

int cli_make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int bad = mkdir(path, 0700) < 0 && errno != EEXIST;
		*p = '/';
		if (bad)
			return -1;
	}
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int cli_data_dir(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	int n;

	/* The XDG spec: a relative $XDG_DATA_HOME is invalid and ignored. */
	if (xdg && *xdg == '/')
		n = snprintf(buf, size, "%s/advisor", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.local/share/advisor", home);
	else
		return -1;
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int cli_data_file(char *buf, size_t size, const char *name)
{
	char dir[4096];
	if (cli_data_dir(dir, sizeof(dir)) < 0)
		return -1;
	int n = snprintf(buf, size, "%s/%s", dir, name);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

const char *cli_network_path(const char *given, char *buf, size_t size)
{
	const char *env = getenv("ADVISOR_NETWORK");
	struct stat st;

	if (given)
		return given;
	if (env && *env)
		return env;
	if (cli_data_file(buf, size, "network.json") == 0 && stat(buf, &st) == 0)
		return buf;
	cli_error("no network: give --network FILE, set ADVISOR_NETWORK, or "
		"import your LinkedIn export with 'advisor init EXPORT' "
		"(to try the advisor, --network docs/examples/network.json)");
	return NULL;
}

static void print_warning(void *payload, const char *message)
{
	(void)payload;
	fprintf(stderr, "advisor: warning: %s\n", message);
}

int cli_data_rebuild(const char *dir)
{
	char base[4200], notes[4200], network[4200];
	size_t len, notes_len;
	char *text, *facts, *merged = NULL;
	advisor_error err;
	int rc;

	snprintf(base, sizeof(base), "%s/base.json", dir);
	snprintf(notes, sizeof(notes), "%s/annotations.json", dir);
	snprintf(network, sizeof(network), "%s/network.json", dir);
	if (!(text = cli_read_file(base, &len))) {
		cli_error("%s: cannot read: %s", base, strerror(errno));
		return EXIT_DATA;
	}
	/* The user's facts over the import: the same merge as
	 * 'advisor import linkedin --annotations'. */
	if ((facts = cli_read_file(notes, &notes_len)) != NULL) {
		advisor_import_options opts = ADVISOR_IMPORT_OPTIONS_INIT;
		opts.warning = print_warning;
		rc = advisor_network_merge(&merged, text, len, facts, notes_len,
			notes, &opts, NULL, &err);
		free(facts);
		free(text);
		if (rc < 0) {
			cli_report(&err);
			return cli_exit_code(rc);
		}
		text = merged;
		len = strlen(merged);
	} else if (errno != ENOENT) {
		cli_error("%s: cannot read: %s", notes, strerror(errno));
		free(text);
		return EXIT_DATA;
	}
	rc = advisor_file_write(network, text, len, &err);
	free(text);
	if (rc < 0) {
		cli_report(&err);
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}
