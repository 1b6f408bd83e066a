/*
 * common.c - what several commands share: loading the network and the
 * engine from the same options, with warnings on stderr.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* payload: NULL, or a size_t that counts the warnings. */
static void print_warning(void *payload, const char *message)
{
	if (payload)
		++*(size_t *)payload;
	fprintf(stderr, "advisor: warning: %s\n", message);
}

int cli_parse_size(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(s, &end, 10);
	uint64_t mult = 1;

	if (s[0] < '0' || s[0] > '9' || errno)
		return -1;
	if (*end == 'K' || *end == 'k')
		mult = 1024, end++;
	else if (*end == 'M' || *end == 'm')
		mult = 1024 * 1024, end++;
	else if (*end == 'G' || *end == 'g')
		mult = 1024ULL * 1024 * 1024, end++;
	if (*end || n == 0 || n > UINT64_MAX / mult)
		return -1;
	*out = n * mult;
	return 0;
}

int cli_parse_uint(const char *s, unsigned long min, unsigned long max,
	unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end || errno || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

int cli_parse_seconds(const char *s, uint64_t max_ms, uint64_t *out_ms)
{
	uint64_t ms = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		ms = ms * 10 + (uint64_t)(*p - '0');
		if (ms > max_ms / 1000)
			return -1;
	}
	ms *= 1000;
	if (*p == '.') {
		uint64_t scale = 100;
		if (p[1] < '0' || p[1] > '9')
			return -1;
		for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10) {
			if (scale == 0)
				return -1;  /* finer than a millisecond */
			ms += (uint64_t)(*p - '0') * scale;
		}
	}
	if (*p || ms == 0 || ms > max_ms)
		return -1;
	*out_ms = ms;
	return 0;
}

/* The longest --time-limit: a day.  Longer is surely a slip of the finger,
 * and keeps the engine's deadline arithmetic far from overflowing. */
#define CLI_MAX_TIME_MS (86400ULL * 1000)

/* $XDG_CACHE_HOME/advisor, else ~/.cache/advisor, made if missing; -1 if
 * there is none to be had (the network is then parsed every time). */
static int cache_dir(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && *xdg == '/')
		n = snprintf(buf, size, "%s/advisor", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.cache/advisor", home);
	else
		return -1;
	if (n < 0 || (size_t)n >= size)
		return -1;
	return cli_make_dirs(buf);
}

/* $XDG_CONFIG_HOME/advisor/policy, else ~/.config/advisor/policy; the
 * library skips it if it does not exist. */
static const char *user_policy_dir(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && *xdg == '/')
		n = snprintf(buf, size, "%s/advisor/policy", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.config/advisor/policy", home);
	else
		return NULL;
	return n < 0 || (size_t)n >= size ? NULL : buf;
}

/* $XDG_CONFIG_HOME/advisor/tuned, else ~/.config/advisor/tuned: where
 * `advisor tune --write` puts its settings.json. */
int cli_tuned_dir(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && *xdg == '/')
		n = snprintf(buf, size, "%s/advisor/tuned", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.config/advisor/tuned", home);
	else
		return -1;
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* The layers over the user's folder: the tuned folder when it exists
 * (above the user's own, below every --policy), then o->layers.  *out is
 * o->layers itself when there is no tuned folder, else an array to free;
 * -1 out of memory. */
static int with_tuned_layer(const cli_options *o, char *dir, size_t size,
	const char ***out, size_t *count)
{
	struct stat st;

	*out = o->layers;
	*count = o->layer_count;
	if (o->no_tuned || cli_tuned_dir(dir, size) < 0 || stat(dir, &st) < 0 ||
	    !S_ISDIR(st.st_mode))
		return 0;
	const char **layers = malloc((o->layer_count + 1) * sizeof(*layers));
	if (!layers)
		return -1;
	layers[0] = dir;
	for (size_t i = 0; i < o->layer_count; i++)
		layers[i + 1] = o->layers[i];
	*out = layers;
	*count = o->layer_count + 1;
	return 0;
}

int cli_open_engines(const cli_options *o, advisor_engine **engines,
	size_t engine_count)
{
	advisor_engine_options eo = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_error err;
	char user[4096], tuned[4096];
	const char **layers;
	size_t layer_count;
	int rc = EXIT_OK;

	if (with_tuned_layer(o, tuned, sizeof(tuned), &layers, &layer_count) < 0) {
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	eo.policy_layers = layers;
	eo.policy_layer_count = layer_count;
	eo.note_limit = o->note_limit;
	eo.instruction_limit = o->instruction_limit;
	eo.time_limit_ms = o->time_limit_ms;
	eo.memory_limit = o->memory_limit;
	eo.user_policy = user_policy_dir(user, sizeof(user));
	for (size_t i = 0; i < engine_count; i++) {
		/* The policy is the same for every engine: warn once. */
		eo.warning = i == 0 && !o->quiet ? print_warning : NULL;
		eo.warning_payload = o->warnings;
		if ((rc = advisor_engine_new(&engines[i], &eo, &err)) < 0) {
			cli_report(&err);
			for (size_t k = 0; k < i; k++) {
				advisor_engine_free(engines[k]);
				engines[k] = NULL;
			}
			rc = cli_exit_code(rc);
			break;
		}
	}
	if (layers != o->layers)
		free(layers);
	return rc;
}

int cli_open_workers(const cli_options *o, const advisor_network *net,
	advisor_worker **workers, size_t worker_count)
{
	advisor_engine_options eo = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_error err;
	char user[4096], tuned[4096];
	const char **layers;
	size_t layer_count;
	int rc = EXIT_OK;

	if (with_tuned_layer(o, tuned, sizeof(tuned), &layers, &layer_count) < 0) {
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	eo.policy_layers = layers;
	eo.policy_layer_count = layer_count;
	eo.note_limit = o->note_limit;
	eo.instruction_limit = o->instruction_limit;
	eo.time_limit_ms = o->time_limit_ms;
	eo.memory_limit = o->memory_limit;
	eo.user_policy = user_policy_dir(user, sizeof(user));
	for (size_t i = 0; i < worker_count; i++) {
		eo.warning = i == 0 ? print_warning : NULL;
		if ((rc = advisor_worker_new(&workers[i], net, &eo, NULL, &err)) < 0) {
			cli_report(&err);
			for (size_t k = 0; k < i; k++) {
				advisor_worker_free(workers[k]);
				workers[k] = NULL;
			}
			rc = cli_exit_code(rc);
			break;
		}
	}
	if (layers != o->layers)
		free(layers);
	return rc;
}

void cli_report(const advisor_error *err)
{
	if (strcmp(err->field, "max_bytes") == 0)
		cli_error("%s; raise the limit with --max-size SIZE", err->message);
	else
		cli_error("%s", err->message);
}

void cli_load_options(const cli_options *o, advisor_load_options *lo,
	char *cache, size_t size)
{
	advisor_load_options_init(lo);
	lo->warning = print_warning;
	lo->max_bytes = o->max_bytes;
	if (!o->no_cache && cache_dir(cache, size) == 0)
		lo->cache_dir = cache;
}

int cli_load_network(const cli_options *o, advisor_network **net)
{
	advisor_load_options load;
	advisor_error err;
	char cache[4096];
	int rc;

	*net = NULL;
	cli_load_options(o, &load, cache, sizeof(cache));
	char where[4096];
	const char *path = cli_network_path(o->network, where, sizeof(where));
	if (!path)
		return EXIT_USAGE;
	/* A large file takes seconds to parse: say what is happening. */
	struct stat st;
	int told = cli_progress_on() && stat(path, &st) == 0 &&
		st.st_size >= 64 * 1024 * 1024;
	if (told)
		cli_progress("advisor: loading %s (%lld MB)...", path,
			(long long)(st.st_size >> 20));
	rc = advisor_network_load(net, path, &load, &err);
	if (told)
		cli_progress_done();
	if (rc < 0) {
		cli_report(&err);
		return cli_exit_code(rc);
	}
	return EXIT_OK;
}

int cli_open(const cli_options *o, advisor_network **net,
	advisor_engine **engines, size_t engine_count)
{
	/* Engines first: a policy that does not load is reported before a
	 * large network is read, and the Lua heap is not laid out in the
	 * holes a freed JSON tree leaves. */
	int status = cli_open_engines(o, engines, engine_count);

	*net = NULL;
	if (status != EXIT_OK)
		return status;
	return cli_load_network(o, net);
}

int cli_open_lent(const cli_options *o, const cli_lent *lent,
	advisor_network **net, advisor_engine **engines, size_t engine_count)
{
	if (!lent)
		return cli_open(o, net, engines, engine_count);
	*net = lent->net;
	if (engine_count)
		engines[0] = lent->engine;
	return EXIT_OK;
}

int cli_options_begin(cli_options *o, int argc)
{
	memset(o, 0, sizeof(*o));
	if (!(o->layers = calloc((size_t)argc + 1, sizeof(char *))))
		return -1;
	optind = 1;
	opterr = 0;
	return 0;
}

int cli_next_option(cli_options *o, int argc, char **argv,
	const char *shortopts, const struct option *longopts)
{
	int c;

	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		int shared = cli_common_option(o, c, optarg);
		if (shared < 0)
			return CLI_BAD_VALUE;
		if (!shared)
			return c;
	}
	return -1;
}

int cli_common_option(cli_options *o, int c, const char *arg)
{
	unsigned long n;

	switch (c) {
	case 'n':
		o->network = arg;
		return 1;
	case 'p':
		o->layers[o->layer_count++] = arg;
		return 1;
	case OPT_NOTE_LIMIT:
		if (cli_parse_uint(arg, 20, 10000, &n) < 0) {
			cli_error("--note-limit: '%s' is not a number of characters from 20 to 10000", arg);
			return -1;
		}
		o->note_limit = (unsigned int)n;
		return 1;
	case OPT_NO_CACHE:
		o->no_cache = 1;
		return 1;
	case OPT_MAX_SIZE:
		if (cli_parse_size(arg, &o->max_bytes) < 0) {
			cli_error("--max-size: '%s' is not a size (bytes, or with K, M or G)", arg);
			return -1;
		}
		return 1;
	case OPT_MAX_INSTRUCTIONS: {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(arg, &end, 10);
		/* 10^15: days of work, and far from the budget's overflow. */
		if (arg[0] < '0' || arg[0] > '9' || *end || errno || v == 0 ||
		    v > 1000000000000000ULL) {
			cli_error("--max-instructions: '%s' is not a number of instructions from 1 to 10^15", arg);
			return -1;
		}
		o->instruction_limit = v;
		return 1;
	}
	case OPT_TIME_LIMIT:
		if (cli_parse_seconds(arg, CLI_MAX_TIME_MS, &o->time_limit_ms) < 0) {
			cli_error("--time-limit: '%s' is not a number of seconds from 0.001 to 86400", arg);
			return -1;
		}
		return 1;
	case OPT_MAX_MEMORY: {
		uint64_t bytes;
		if (cli_parse_size(arg, &bytes) < 0 || bytes > SIZE_MAX) {
			cli_error("--max-memory: '%s' is not a size (bytes, or with K, M or G)", arg);
			return -1;
		}
		o->memory_limit = (size_t)bytes;
		return 1;
	}
	}
	return 0;
}

void cli_bad_option(const char *cmd, char **argv, int c)
{
	const char *arg = argv[optind - 1];
	/* getopt sets optopt to the option's value when its argument is
	 * missing, to the letter of an unknown short option, and to 0 for an
	 * unknown long one. */
	if (c == '?' && (optopt >= 256 || (optopt && strchr("nipj", optopt) &&
					   strncmp(arg, "-", 1) == 0 && arg[1] != optopt)))
		cli_error("%s: option '%s' needs a value", cmd, arg);
	else if (c == '?' && optopt && strchr("nipj", optopt))
		cli_error("%s: option '-%c' needs a value", cmd, optopt);
	else if (c == '?' && optopt)
		cli_error("%s: unknown option '-%c'", cmd, optopt);
	else
		cli_error("%s: unknown option '%s'", cmd, arg);
	fprintf(stderr, "Run 'advisor %s --help' for the options.\n", cmd);
}
