/*
 * import.c - `advisor import linkedin EXPORT -o network.json`: a LinkedIn
 * data export (folder or zip) to a network file, the user's annotations
 * merged in, a summary on stderr.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
"usage: advisor import linkedin EXPORT -o FILE [--annotations FILE]\n"
"                               [--group-limit N]\n"
"\n"
"Import your LinkedIn data export into a network file.  EXPORT is the .zip\n"
"LinkedIn sends (read as it is, never unpacked) or the folder it was\n"
"unpacked into.  Connections, pending invitations, messages, and your own\n"
"profile are imported (docs/linkedin-import.md); the people of a group\n"
"conversation (you and at least two others) are linked: they know each\n"
"other.\n"
"\n"
"Options:\n"
"  -o, --output FILE       the network file to write (replaced atomically)\n"
"  -a, --annotations FILE  your own facts (how you met, introductions,\n"
"                          interviews, who knows whom), in the network\n"
"                          format, merged over the import by person id;\n"
"                          a field where they differ keeps your value and is\n"
"                          reported\n"
"      --max-size SIZE     refuse export files larger than SIZE (bytes, or\n"
"                          with K, M or G; default 1G)\n"
"      --group-limit N     link the people of group conversations of at\n"
"                          most N others (default 20; 0 links none); a\n"
"                          larger one is a broadcast, counted and skipped\n"
"  -q, --quiet             no summary\n"
"  -h, --help              show this help\n"
"\n"
"Warnings (a date that cannot be read, with file and line; a conflict with\n"
"your annotations) and the summary go to stderr.\n"
"\n"
"Exit codes: 0 imported, 2 usage error, 3 an export or annotations file\n"
"that cannot be read or is invalid (nothing is written), 1 the output\n"
"cannot be written.\n";


static const struct option options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "annotations", required_argument, NULL, 'a' },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "group-limit", required_argument, NULL, OPT_GROUP_LIMIT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void print_warning(void *payload, const char *message)
{
	int *progress_shown = payload;
	if (*progress_shown) {
		fputs(CLI_TERM_MARK "\r" CLI_TERM_MARK "\033[K", stderr);
		*progress_shown = 0;
	}
	fprintf(stderr, "advisor: warning: %s\n", message);
}

/* A progress line, only on a terminal and only for a large file.  Never
 * cancels: an interrupted import is the signal's to end. */
static int print_progress(void *payload, const char *file, uint64_t done,
	uint64_t total)
{
	int *progress_shown = payload;
	if (total < 4 * 1024 * 1024)
		return 0;
	fprintf(stderr, CLI_TERM_MARK "\r" CLI_TERM_MARK "\033[Kreading %s: %llu%%", file,
		(unsigned long long)(done * 100 / total));
	*progress_shown = 1;
	return 0;
}

int cli_parse_group_limit(const char *cmd, const char *s, size_t *out)
{
	unsigned long n;
	if (cli_parse_uint(s, 0, 1000, &n) < 0) {
		cli_error("%s: --group-limit: '%s' is not a number of people from 0 "
			"to 1000", cmd, s);
		return EXIT_USAGE;
	}
	*out = n;
	return EXIT_OK;
}

void cli_print_groups(FILE *f, const char *indent, const char *end,
	const advisor_import_summary *s, size_t limit)
{
	if (!s->groups_linked && !s->groups_skipped)
		return;
	fprintf(f, "%s%zu group %s: their people linked (%zu %s)", indent,
		s->groups_linked, cli_plural(s->groups_linked, "conversation",
			"conversations"), s->group_links,
		cli_plural(s->group_links, "link", "links"));
	if (s->groups_skipped)
		fprintf(f, "; %zu of more than %zu others skipped",
			s->groups_skipped, limit);
	fputs(end, f);
}

static void print_summary(const advisor_import_summary *s, const char *out,
	size_t group_limit)
{
	int width = 0;
	fprintf(stderr, "Imported into %s:\n", out);
	for (size_t i = 0; i < advisor_import_summary_file_count(s); i++) {
		int n = (int)strlen(advisor_import_summary_file(s, i)->name);
		width = n > width ? n : width;
	}
	for (size_t i = 0; i < advisor_import_summary_file_count(s); i++) {
		const advisor_import_file *f = advisor_import_summary_file(s, i);
		if (!f->found) {
			fprintf(stderr, "  %-*s not in the export\n", width, f->name);
			continue;
		}
		fprintf(stderr, "  %-*s %zu %s", width, f->name, f->rows,
			cli_plural(f->rows, "row", "rows"));
		if (f->skipped)
			fprintf(stderr, ", %zu skipped", f->skipped);
		if (f->unmatched)
			fprintf(stderr, ", %zu naming nobody else in the export",
				f->unmatched);
		fputc('\n', stderr);
	}
	fprintf(stderr, "  %zu %s, %zu of them %s; %zu %s to you waiting, "
		"%zu of yours waiting\n", s->people,
		cli_plural(s->people, "person", "people"), s->connections,
		cli_plural(s->connections, "a connection", "connections"),
		s->pending_incoming,
		cli_plural(s->pending_incoming, "invitation", "invitations"),
		s->pending_outgoing);
	fprintf(stderr, "  %zu invitation and %zu message %s; %zu %s skipped; "
		"%zu %s\n", s->invitations, s->messages,
		cli_plural(s->messages, "event", "events"), s->skipped_rows,
		cli_plural(s->skipped_rows, "row", "rows"), s->warnings,
		cli_plural(s->warnings, "warning", "warnings"));
	if (s->recommendations || s->endorsements)
		fprintf(stderr, "  %zu %s, %zu %s\n", s->recommendations,
			cli_plural(s->recommendations, "recommendation",
				"recommendations"), s->endorsements,
			cli_plural(s->endorsements, "endorsement", "endorsements"));
	cli_print_groups(stderr, "  ", "\n", s, group_limit);
	if (s->annotated_people || s->added_people || s->conflicts)
		fprintf(stderr, "  your annotations: %zu %s given facts, %zu "
			"added, %zu %s, %zu %s (your values kept)\n",
			s->annotated_people,
			cli_plural(s->annotated_people, "person", "people"),
			s->added_people, s->annotated_events,
			cli_plural(s->annotated_events, "event", "events"),
			s->conflicts, cli_plural(s->conflicts, "conflict", "conflicts"));
	if (s->pending_incoming + s->pending_outgoing)
		fprintf(stderr, "Next: advisor triage --network %s\n", out);
}

int cmd_import(int argc, char **argv)
{
	advisor_import_options opts = ADVISOR_IMPORT_OPTIONS_INIT;
	advisor_import_summary *summary = NULL;
	advisor_error err;
	const char *output = NULL;
	char *json = NULL;
	int c, quiet = 0, status = EXIT_OK, progress_shown = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:a:qh", options, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'a': opts.annotations = optarg; break;
		case 'q': quiet = 1; break;
		case OPT_MAX_SIZE:
			if (cli_parse_size(optarg, &opts.max_bytes) < 0) {
				cli_error("--max-size: '%s' is not a size (bytes, or with K, M or G)", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_GROUP_LIMIT:
			if (cli_parse_group_limit("import", optarg,
					&opts.group_limit) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			cli_bad_option("import", argv, c);
			return EXIT_USAGE;
		}
	}
	if (optind == argc || strcmp(argv[optind], "linkedin") != 0) {
		cli_error("import: say what to import: 'advisor import linkedin EXPORT -o FILE'%s%s%s",
			optind < argc ? " (got '" : "", optind < argc ? argv[optind] : "",
			optind < argc ? "')" : "");
		return EXIT_USAGE;
	}
	if (argc - optind != 2) {
		cli_error(argc - optind < 2 ?
			"import linkedin: which export? Give the .zip or its folder" :
			"import linkedin: one export at a time");
		return EXIT_USAGE;
	}
	if (!output) {
		cli_error("import linkedin: -o FILE is required (where to write the network)");
		return EXIT_USAGE;
	}
	if (opts.annotations) {
		/* The data folder's reader, the strictest there is: a person
		 * without an id or an id twice is refused before the export
		 * is read, with its JSON path. */
		size_t len;
		char *text = cli_read_file(opts.annotations, &len);
		advisor_annotations *notes = NULL;
		if (!text) {
			cli_error("%s: cannot read it: %s", opts.annotations, strerror(errno));
			return EXIT_DATA;
		}
		int rc = advisor_annotations_parse(&notes, text, len, opts.annotations, &err);
		free(text);
		advisor_annotations_free(notes);
		if (rc < 0) {
			cli_report(&err);
			return cli_exit_code(rc);
		}
	}
	opts.warning = print_warning;
	opts.warning_payload = &progress_shown;
	if (isatty(STDERR_FILENO)) {
		opts.progress = print_progress;
		opts.progress_payload = &progress_shown;
	}
	int rc = advisor_import_linkedin(&json, argv[optind + 1], &opts, &summary,
		&err);
	if (progress_shown)
		fputs(CLI_TERM_MARK "\r" CLI_TERM_MARK "\033[K", stderr);
	if (rc < 0) {
		cli_report(&err);
		return cli_exit_code(rc);
	}
	if ((rc = advisor_file_write(output, json, strlen(json), &err)) < 0) {
		cli_report(&err);
		status = EXIT_INTERNAL;
	} else if (!quiet) {
		print_summary(summary, output, opts.group_limit);
	}
	advisor_import_summary_free(summary);
	advisor_string_free(json);
	return status;
}
