/*
 * home.c - where the user's data lives: $XDG_DATA_HOME/advisor (by default
 * ~/.local/share/advisor) holds network.json (the network commands use
 * when --network is not given) and annotations.json (the facts recorded
 * with `advisor remember`), changed through the library's advisor_folder.
 * $ADVISOR_NETWORK names another network file.
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
	cli_error("%s", cli_no_network());
	return NULL;
}

const char *cli_no_network(void)
{
	return "no network: give --network FILE, set ADVISOR_NETWORK, or "
		"import your LinkedIn export with 'advisor init EXPORT' "
		"(to try the advisor, --network docs/examples/network.json)";
}

int cli_folder_open(const char *cmd, const char *dir, int create,
	advisor_folder **out)
{
	advisor_folder_options o = ADVISOR_FOLDER_OPTIONS_INIT;
	advisor_error err;
	int rc;

	o.create = create;
	o.lock_wait_ms = CLI_LOCK_WAIT_MS;
	if ((rc = advisor_folder_open(out, dir, &o, &err)) < 0) {
		cli_error("%s: %s", cmd, err.message);
		return rc == ADVISOR_EDATA ? EXIT_DATA : EXIT_INTERNAL;
	}
	return EXIT_OK;
}
