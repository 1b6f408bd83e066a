/*
 * init.c - `advisor init [EXPORT]`: make the data folder, and fill it from
 * a LinkedIn export (or, with --from, from a network file), so that later
 * commands need no --network.
 *
 * The folder holds base.json (the network as imported), annotations.json
 * (the facts `advisor remember` records) and network.json (the two merged:
 * what the commands read).  Re-running init with a newer export
 * accumulates it into base.json (what only earlier exports listed is
 * kept); the facts are merged in again.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"

static const char usage[] =
"usage: advisor init [EXPORT] [--from FILE] [--group-limit N]\n"
"\n"
"Make the folder for your data, $XDG_DATA_HOME/advisor (by default\n"
"~/.local/share/advisor), and import your network into it; afterwards\n"
"commands use it when --network is not given.\n"
"\n"
"  EXPORT           your LinkedIn data export (the .zip or its folder);\n"
"                   given several (a glob), the newest is imported\n"
"      --from FILE  use a network file (advisor-network/1) instead, for\n"
"                   example docs/examples/network.json to try the advisor\n"
"      --group-limit N\n"
"                   link the people of the export's group conversations\n"
"                   of at most N others (default 20; 0 links none)\n"
"  -h, --help       show this help\n"
"\n"
"Your own facts (how you met, how a job ended), recorded with\n"
"'advisor remember', go in annotations.json in the same folder; they are\n"
"merged over every import.  A newer export keeps what the earlier ones\n"
"held (old invitations, the messages a Basic export lacks); an invitation\n"
"no longer listed is kept, marked accepted or ended.  Someone you added\n"
"by hand whom the export now lists becomes one person under your id.\n"
"The people of a group conversation (you and at least two others) know\n"
"each other, and are linked; a larger one than the limit is a broadcast,\n"
"counted and skipped.  Links accumulate like the rest.\n"
"Without EXPORT or --from, init rebuilds network.json from the import and\n"
"annotations.json (after you edit annotations.json by hand, say).\n"
"\n"
"Exit codes: 0 done, 2 usage error, 3 the export or file cannot be read or\n"
"is invalid, 1 the folder cannot be written.\n";

static const struct option options[] = {
	{ "from", required_argument, NULL, 'f' },
	{ "group-limit", required_argument, NULL, OPT_GROUP_LIMIT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Load the file to check it; its text in *text (free() it). */
static int take_network(const char *from, char **text, size_t *len)
{
	advisor_load_options lo = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;
	int rc;

	/* The data folder keeps one JSON document, which facts merge into. */
	size_t n = strlen(from);
	if ((n >= 7 && strcmp(from + n - 7, ".ndjson") == 0) ||
	    (n >= 6 && strcmp(from + n - 6, ".jsonl") == 0)) {
		cli_error("init --from: %s is NDJSON, and the data folder keeps one JSON "
			"document (advisor-network/1) that your facts merge into; use "
			"--network %s with each command instead", from, from);
		return EXIT_USAGE;
	}
	lo.format = ADVISOR_FORMAT_JSON;
	if ((rc = advisor_network_load(&net, from, &lo, &err)) < 0) {
		cli_error("%s", err.message);
		return cli_exit_code(rc);
	}
	advisor_network_free(net);
	if (!(*text = cli_read_file(from, len))) {
		cli_error("%s: cannot read: %s", from, strerror(errno));
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static void print_warning(void *payload, const char *message)
{
	(void)payload;
	fprintf(stderr, "advisor: warning: %s\n", message);
}

/* The LinkedIn export as a network document in *text (free it with
 * advisor_string_free()); what it held in *sum (free it with
 * advisor_import_summary_free()). */
static int import_export(const char *export, size_t group_limit,
	char **text, advisor_import_summary **sum)
{
	advisor_import_options opts = ADVISOR_IMPORT_OPTIONS_INIT;
	advisor_error err;

	opts.warning = print_warning;
	opts.group_limit = group_limit;
	int rc = advisor_import_linkedin(text, export, &opts, sum, &err);
	if (rc < 0) {
		cli_error("%s", err.message);
		return cli_exit_code(rc);
	}
	return EXIT_OK;
}

/* The new base.json and network.json (the facts merged over it), written
 * together or not at all.  An export keeps what earlier ones saw (*kept
 * says what); a network file replaces the import. */
static int commit(const char *dir, const char *text, size_t len,
	int accumulate, advisor_import_summary **kept)
{
	advisor_import_options opts = ADVISOR_IMPORT_OPTIONS_INIT;
	advisor_folder *folder = NULL;
	advisor_error err;
	int status, rc;

	if ((status = cli_folder_open("init", dir, 1, &folder)) != EXIT_OK)
		return status;
	opts.warning = print_warning;
	rc = accumulate ?
		advisor_folder_import(folder, text, len, &opts, kept, &err) :
		advisor_folder_commit(folder, text, len, NULL, &opts, kept, &err);
	advisor_folder_free(folder);
	if (rc < 0) {
		cli_error("%s", err.message);
		cli_error("init: nothing changed in %s", dir);
		return rc == ADVISOR_EIO ? EXIT_INTERNAL : cli_exit_code(rc);
	}
	return EXIT_OK;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* What the earlier imports held that this export no longer lists. */
static void say_kept(const advisor_import_summary *k)
{
	if (!k->kept_people && !k->kept_events)
		return;
	printf("Kept from earlier imports, no longer in this export: ");
	if (k->kept_people)
		printf("%zu %s%s", k->kept_people,
			plural(k->kept_people, "person", "people"),
			k->kept_events ? ", " : "");
	if (k->kept_events) {
		printf("%zu %s", k->kept_events,
			plural(k->kept_events, "event", "events"));
		if (k->kept_messages)
			printf(" (%zu %s)", k->kept_messages,
				plural(k->kept_messages, "message", "messages"));
	}
	printf(".\n");
	if (!k->ended_invitations && !k->accepted_invitations)
		return;
	printf("Invitations no longer listed are kept, marked:");
	if (k->ended_invitations)
		printf(" %zu ended (withdrawn, ignored or expired)%s",
			k->ended_invitations, k->accepted_invitations ? "," : "");
	if (k->accepted_invitations)
		printf(" %zu accepted", k->accepted_invitations);
	printf(".\n");
}

/* network.json made again from base.json and annotations.json, so that
 * an annotations.json edited by hand takes effect; said so. */
static int rebuild(const char *dir)
{
	advisor_import_options opts = ADVISOR_IMPORT_OPTIONS_INIT;
	advisor_import_summary *sum = NULL;
	advisor_folder *folder = NULL;
	advisor_error err;
	int status, rc;

	if ((status = cli_folder_open("init", dir, 0, &folder)) != EXIT_OK)
		return status;
	opts.warning = print_warning;
	rc = advisor_folder_commit(folder, NULL, 0, NULL, &opts, &sum, &err);
	advisor_folder_free(folder);
	if (rc < 0) {
		cli_error("%s", err.message);
		cli_error("init: nothing changed in %s", dir);
		return rc == ADVISOR_EIO ? EXIT_INTERNAL : cli_exit_code(rc);
	}
	printf("Rebuilt network.json from base.json (your import) and "
	       "annotations.json (your own facts):\n"
	       "%zu people, %zu you added, %zu with facts or fields of yours.\n"
	       "To import a newer export:\n"
	       "  advisor init EXPORT\n", sum ? sum->people : 0,
	       sum ? sum->added_people : 0, sum ? sum->annotated_people : 0);
	advisor_import_summary_free(sum);
	return EXIT_OK;
}

/* The people you added whom the import lists: merged (said once, when it
 * happens: `prev`, the network before, did not know the import's id as
 * theirs), or fitting several and left for you to say which. */
static void say_found(const advisor_import_summary *k,
	const advisor_network *prev)
{
	for (size_t i = 0; i < advisor_import_summary_found_count(k); i++) {
		const advisor_import_found *f = advisor_import_summary_found(k, i);
		if (f->import_id) {
			const char *was = prev ?
				advisor_network_person_key(prev, f->import_id) : NULL;
			if (was && strcmp(was, f->id) == 0)
				continue;
			printf("%s, whom you added, is now in your export: merged (the "
			       "export's id %s names them too; yours, %s, stays).\n",
			       f->name, f->import_id, f->id);
		} else {
			printf("%s, whom you added, fits several people in your export "
			       "(the same name and company): %s. Not merged; if one "
			       "is them, give yours their profile URL:\n"
			       "  advisor set %s --url URL\n", f->name, f->candidates,
			       f->id);
		}
	}
}

int cmd_init(int argc, char **argv)
{
	const char *from = NULL, *export = NULL;
	char dir[4096], network[4200];
	struct stat st;
	size_t group_limit = ADVISOR_DEFAULT_GROUP_LIMIT;
	int c, status, limit_given = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'f': from = optarg; break;
		case OPT_GROUP_LIMIT:
			if (cli_parse_group_limit("init", optarg, &group_limit) != EXIT_OK)
				return EXIT_USAGE;
			limit_given = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			cli_bad_option("init", argv, c);
			return EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		/* A glob over the Downloads folder (Basic_*.zip) finds every
		 * export LinkedIn sent: the newest is the one to import. */
		time_t newest = 0;
		export = argv[optind];
		for (int i = optind; i < argc; i++) {
			if (stat(argv[i], &st) < 0) {
				cli_error("init: %s: %s", argv[i], strerror(errno));
				return EXIT_DATA;
			}
			if (i == optind || st.st_mtime > newest) {
				export = argv[i];
				newest = st.st_mtime;
			}
		}
		fprintf(stderr, "advisor: init: %d exports given; importing the newest, %s\n",
			argc - optind, export);
	} else if (optind < argc) {
		export = argv[optind];
	}
	if (export && from) {
		cli_error("init: an export or --from FILE, not both");
		return EXIT_USAGE;
	}
	if (limit_given && !export) {
		cli_error("init: --group-limit is about an export's group "
			"conversations: give the export ('advisor init EXPORT "
			"--group-limit N')");
		return EXIT_USAGE;
	}
	if (cli_data_dir(dir, sizeof(dir)) < 0) {
		cli_error("init: no place for the data folder: set HOME or XDG_DATA_HOME");
		return EXIT_USAGE;
	}
	if (cli_make_dirs(dir) < 0) {
		cli_error("init: cannot make %s: %s", dir, strerror(errno));
		return EXIT_INTERNAL;
	}
	snprintf(network, sizeof(network), "%s/network.json", dir);

	if (export || from) {
		advisor_load_options lo = ADVISOR_LOAD_OPTIONS_INIT;
		advisor_network *before = NULL, *after = NULL, *prev = NULL;
		size_t waiting = 0;
		advisor_import_summary *sum = NULL, *kept = NULL;
		char *text = NULL, base[4200];
		size_t len = 0;
		if (export) {
			if ((status = import_export(export, group_limit, &text,
					&sum)) != EXIT_OK)
				return status;
			len = strlen(text);
		} else if ((status = take_network(from, &text, &len)) != EXIT_OK) {
			return status;
		}
		/* The import before this one, to say what changed (none, or
		 * one that no longer reads: said as a first import). */
		snprintf(base, sizeof(base), "%s/base.json", dir);
		lo.format = ADVISOR_FORMAT_JSON;
		if (stat(base, &st) == 0 &&
		    advisor_network_load(&before, base, &lo, NULL) < 0)
			before = NULL;
		if (stat(network, &st) == 0 &&
		    advisor_network_load(&prev, network, &lo, NULL) < 0)
			prev = NULL;
		status = commit(dir, text, len, export != NULL, &kept);
		if (status == EXIT_OK &&
		    advisor_network_load(&after, base, &lo, NULL) < 0)
			after = NULL;
		if (export)
			advisor_string_free(text);
		else
			free(text);
		if (status == EXIT_OK && sum)
			printf("%zu people (%zu connections), %zu invitations waiting "
			       "for your answer, %zu of yours waiting.\n", sum->people,
			       sum->connections, sum->pending_incoming,
			       sum->pending_outgoing);
		if (status == EXIT_OK && sum &&
		    (sum->recommendations || sum->endorsements))
			printf("%zu %s, %zu %s.\n", sum->recommendations,
			       cli_plural(sum->recommendations, "recommendation",
				       "recommendations"), sum->endorsements,
			       cli_plural(sum->endorsements, "endorsement",
				       "endorsements"));
		if (status == EXIT_OK && sum)
			cli_print_groups(stdout, "", ".\n", sum, group_limit);
		advisor_import_summary_free(sum);
		if (status == EXIT_OK && kept) {
			say_kept(kept);
			say_found(kept, prev);
		}
		advisor_import_summary_free(kept);
		if (status == EXIT_OK)
			printf("Imported %s into %s.\n", export ? export : from, network);
		if (status == EXIT_OK && after)
			waiting = cli_report_changes(before, after, prev);
		advisor_network_free(prev);
		advisor_network_free(before);
		advisor_network_free(after);
		if (status != EXIT_OK)
			return status;
		printf("Commands use it when --network is not given; try\n");
		if (waiting)
			printf("  advisor triage     (%zu invitation%s wait%s for your "
			       "answer)\n", waiting, waiting == 1 ? "" : "s",
			       waiting == 1 ? "s" : "");
		printf("  advisor find NAME\n  advisor advise NAME\n");
		return EXIT_OK;
	} else {
		char base[4200];
		snprintf(base, sizeof(base), "%s/base.json", dir);
		printf("Your data folder is %s.\n", dir);
		if (stat(base, &st) == 0)
			return rebuild(dir);
		else
			printf("Next, import your network: request your data from LinkedIn\n"
			       "(Settings, Data privacy, Get a copy of your data), then\n"
			       "  advisor init ~/Downloads/Basic_LinkedInDataExport_*.zip\n"
			       "or try the advisor on the bundled example:\n"
			       "  advisor init --from docs/examples/network.json\n");
		return EXIT_OK;
	}
}
