/*
 * find.c - `advisor find TEXT`: the people whose id or name matches, best
 * match first, so that a name can be turned into an id (or checked before
 * asking about it).
 */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: advisor find TEXT [--network FILE] [--json]\n"
"\n"
"The people whose id, name, profile URL, company, title or headline\n"
"matches TEXT, case and accents ignored: the exact id first, then the\n"
"profile URL, the name as written, the name with accents folded, the\n"
"first name, names whose words start with TEXT's words (\"mei chen\"),\n"
"names holding TEXT anywhere, and last the people whose company, title or\n"
"headline has words starting with TEXT's (\"fjord\").\n"
"\n"
"Options:\n"
"  -n, --network FILE   the network file; default $ADVISOR_NETWORK, else the\n"
"                       one 'advisor init' made (~/.local/share/advisor)\n"
"      --max-size SIZE  refuse network files larger than SIZE (default 1G)\n"
"      --no-cache       parse the network file even if a snapshot exists\n"
"      --json           one JSON object per person: id, name, company,\n"
"                       headline, match (id, url, exact, name,\n"
"                       first_name, words, part or about)\n"
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 someone matched, 5 no one did, 2 usage error, 3 bad network\n"
"file, 1 internal error.\n";

static const struct option options[] = {
	{ "network", required_argument, NULL, 'n' },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const char *const kind_names[] = { "id", "url", "exact", "name",
	"first_name", "words", "part", "about" };

static int print_json(const advisor_match *m)
{
	cJSON *o = cJSON_CreateObject();
	char *text = NULL;
	if (o && cJSON_AddStringToObject(o, "id", m->id) &&
	    cJSON_AddStringToObject(o, "name", m->name) &&
	    (!m->company || cJSON_AddStringToObject(o, "company", m->company)) &&
	    (!m->headline || cJSON_AddStringToObject(o, "headline", m->headline)) &&
	    cJSON_AddStringToObject(o, "match", kind_names[m->kind]))
		text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!text)
		return -1;
	puts(text);
	cJSON_free(text);
	return 0;
}

int cmd_find(int argc, char **argv)
{
	return cli_find(argc, argv, NULL);
}

int cli_find(int argc, char **argv, const cli_lent *lent)
{
	cli_options o = { 0 };
	int json = 0, c, status = EXIT_OK;
	advisor_network *net = NULL;
	advisor_matches *found = NULL;
	advisor_error err;

	optind = 1;
	opterr = 0;
	while ((c = cli_next_option(&o, argc, argv, "n:h", options)) != -1) {
		if (c == CLI_BAD_VALUE)
			return EXIT_USAGE;
		switch (c) {
		case OPT_JSON: json = 1; break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			cli_bad_option("find", argv, c);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1 || argv[optind][strspn(argv[optind], " \t")] == '\0') {
		cli_error("find: give one TEXT to look for (quote a name with spaces: 'advisor find \"mei chen\"')");
		return EXIT_USAGE;
	}
	if ((status = cli_open_lent(&o, lent, &net, NULL, 0)) != EXIT_OK)
		goto done;
	int rc = advisor_network_find(&found, net, argv[optind], &err);
	if (rc < 0) {
		cli_report(&err);
		status = cli_exit_code(rc);
		goto done;
	}
	size_t n = advisor_matches_count(found);
	int id_width = 0, name_width = 0;
	for (size_t i = 0; i < n; i++) {
		const advisor_match *m = advisor_matches_get(found, i);
		if (cli_columns(m->id) > id_width)
			id_width = cli_columns(m->id);
		if (cli_columns(m->name) > name_width)
			name_width = cli_columns(m->name);
	}
	for (size_t i = 0; i < n; i++) {
		const advisor_match *m = advisor_matches_get(found, i);
		if (json) {
			if (print_json(m) < 0) {
				cli_error("out of memory");
				status = EXIT_INTERNAL;
				goto done;
			}
			continue;
		}
		/* Columns by display width, so accented, CJK and emoji names
		 * line up; the company, else the headline, last. */
		const char *about = m->company ? m->company : m->headline;
		cli_pad(stdout, m->id, id_width + 2);
		if (about) {
			cli_pad(stdout, m->name, name_width + 2);
			puts(about);
		} else {
			puts(m->name);
		}
	}
	if (n == 0) {
		cli_error("no one matches '%s'", argv[optind]);
		status = EXIT_NOTFOUND;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		status = EXIT_INTERNAL;
	}
done:
	advisor_matches_free(found);
	if (!lent)
		advisor_network_free(net);
	return status;
}
