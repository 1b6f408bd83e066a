/*
 * data.c - what the commands that change the data folder share: the
 * folder opened for changing (its lock held), its network, its
 * annotations, and how a change that does not merge is reported.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_data_open(const char *cmd, cli_data *f)
{
	f->data = NULL;
	if (cli_data_dir(f->dir, sizeof(f->dir)) < 0) {
		cli_error("%s: no data folder: set HOME or XDG_DATA_HOME", cmd);
		return EXIT_USAGE;
	}
	snprintf(f->base, sizeof(f->base), "%s/base.json", f->dir);
	snprintf(f->notes, sizeof(f->notes), "%s/annotations.json", f->dir);
	snprintf(f->network, sizeof(f->network), "%s/network.json", f->dir);
	FILE *fp = fopen(f->base, "r");
	if (!fp) {
		cli_error("%s: no network in %s: import yours first with "
			"'advisor init EXPORT' (or 'advisor init --from FILE')",
			cmd, f->dir);
		return EXIT_USAGE;
	}
	fclose(fp);
	return cli_folder_open(cmd, f->dir, 0, &f->data);
}

int cli_data_network(const cli_data *f, advisor_network **net)
{
	advisor_load_options lo = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_error err;
	int rc;

	lo.format = ADVISOR_FORMAT_JSON;
	if ((rc = advisor_network_load(net, f->network, &lo, &err)) < 0) {
		cli_error("%s", err.message);
		return cli_exit_code(rc);
	}
	return EXIT_OK;
}

int cli_data_notes(const cli_data *f, advisor_annotations **notes)
{
	advisor_error err;
	int rc = advisor_folder_annotations(notes, f->data, &err);

	if (rc < 0) {
		cli_error("%s; fix or remove it", err.message);
		return rc == ADVISOR_ENOMEM ? EXIT_INTERNAL : EXIT_DATA;
	}
	return EXIT_OK;
}

void cli_data_free(cli_data *f)
{
	advisor_folder_free(f->data);
	f->data = NULL;
}

void cli_print_warning(void *payload, const char *message)
{
	(void)payload;
	fprintf(stderr, "advisor: warning: %s\n", message);
}

/*
 * A warning of the commit, but for the merge's conflicts ("...; yours is
 * kept") when they are not news: a field you set over the export's
 * conflicts with it on every rebuild by design, and is said when you set
 * it (payload non-NULL) and when an import changes it (init), not on every
 * fact recorded about someone else.
 */
void cli_commit_warning(void *payload, const char *message)
{
	static const char kept[] = "; yours is kept";
	size_t n = strlen(message), k = sizeof(kept) - 1;

	if (!payload && n >= k && strcmp(message + n - k, kept) == 0)
		return;
	cli_print_warning(NULL, message);
}

int cli_data_commit(const char *cmd, cli_data *f,
	const advisor_annotations *notes, const char *const *options,
	const char *nothing)
{
	advisor_import_options io = ADVISOR_IMPORT_OPTIONS_INIT;
	advisor_error err;
	int rc;

	io.warning = cli_commit_warning;
	/* set is the command that makes conflicts: it says them. */
	io.warning_payload = strcmp(cmd, "set") == 0 ? (void *)f : NULL;
	if ((rc = advisor_folder_commit(f->data, NULL, 0, notes, &io, NULL,
			&err)) == ADVISOR_OK)
		return EXIT_OK;
	if (rc != ADVISOR_EDATA && rc != ADVISOR_EINVAL) {
		cli_error("%s", err.message);
		return EXIT_INTERNAL;
	}
	cli_report_value(cmd, &err, options);
	cli_error("%s: %s", cmd, nothing);
	return EXIT_USAGE;
}

/* The option of a field: "field=option" entries, or the field itself. */
static const char *option_of(const char *field, const char *const *options,
	char *buf, size_t size)
{
	size_t n = strlen(field);

	for (const char *const *o = options; o && *o; o++)
		if (strncmp(*o, field, n) == 0 && (*o)[n] == '=')
			return *o + n + 1;
	for (const char *const *o = options; o && *o; o++)
		if (strcmp(*o, field) == 0) {
			snprintf(buf, size, "%s", field);
			return buf;
		}
	return NULL;
}

void cli_report_value(const char *cmd, const advisor_error *err,
	const char *const *options)
{
	char key[ADVISOR_ERROR_FIELD_MAX + 4], name[ADVISOR_ERROR_FIELD_MAX];
	const char *opt = err->field[0] ? option_of(err->field, options, name,
		sizeof(name)) : NULL;

	if (opt) {
		/* The loader names the value after its JSON path ("the merged
		 * network: people[36].seniority: ..."), the store after its
		 * field ("...: seniority: ..."). */
		const char *why = err->path[0] ? strstr(err->message, err->path)
			: NULL;
		if (why && strncmp(why + strlen(err->path), ": ", 2) == 0) {
			cli_error("%s: --%s: %s", cmd, opt, why + strlen(err->path) + 2);
			return;
		}
		snprintf(key, sizeof(key), ": %s: ", err->field);
		if ((why = strstr(err->message, key))) {
			cli_error("%s: --%s: %s", cmd, opt, why + strlen(key));
			return;
		}
	}
	cli_error("%s: %s", cmd, err->message);
}
