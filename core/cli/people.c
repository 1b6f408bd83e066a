/*
 * people.c - the people of your network as you know them, beyond the
 * export: `advisor add NAME` records someone the export does not have
 * (met yesterday, not connected), `advisor set PERSON` gives anyone the
 * fields the export lacks (industry, seniority, ...), `advisor remove
 * PERSON` takes back an add, and `remember/forget A knows B` (remember.c
 * calls cli_knows) records who knows whom.
 *
 * All of it is the library's annotation store over the data folder:
 * annotations.json edited, merged over base.json and checked by the
 * network loader, then written with network.json in one commit, under the
 * folder's lock, so a bad value changes nothing.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The fields add and set take: the option, the person field it sets, and
 * what kind of value it is (the loader checks seniority's names). */
enum { K_TEXT, K_COUNT, K_BOOL, K_URL };

static const struct {
	const char *option;
	const char *field;
	int kind;
} person_fields[] = {
	{ "company", "company", K_TEXT },
	{ "title", "title", K_TEXT },
	{ "headline", "headline", K_TEXT },
	{ "industry", "industry", K_TEXT },
	{ "seniority", "seniority", K_TEXT },
	{ "followers", "followers", K_COUNT },
	{ "influencer", "influencer", K_BOOL },
	{ "location", "location", K_TEXT },
	{ "url", "profile_url", K_URL },
};
#define FIELD_COUNT (sizeof(person_fields) / sizeof(person_fields[0]))

/* For cli_report_value(): a refused field named as its option. */
static const char *const field_options[] = { "company", "title", "headline",
	"industry", "seniority", "followers", "influencer", "location",
	"profile_url=url", NULL };

#define FIELD_OPTIONS \
	{ "company", required_argument, NULL, 256 + 0 }, \
	{ "title", required_argument, NULL, 256 + 1 }, \
	{ "headline", required_argument, NULL, 256 + 2 }, \
	{ "industry", required_argument, NULL, 256 + 3 }, \
	{ "seniority", required_argument, NULL, 256 + 4 }, \
	{ "followers", required_argument, NULL, 256 + 5 }, \
	{ "influencer", required_argument, NULL, 256 + 6 }, \
	{ "location", required_argument, NULL, 256 + 7 }, \
	{ "url", required_argument, NULL, 256 + 8 }

#define FIELD_HELP \
"      --company ORG      where they work\n" \
"      --title TEXT       their job title\n" \
"      --headline TEXT    their LinkedIn headline\n" \
"      --industry TEXT    their industry (Software, Design, ...)\n" \
"      --seniority LEVEL  student, entry, senior, manager, director,\n" \
"                         executive or founder\n" \
"      --followers N      how many follow them, a whole number\n" \
"      --influencer BOOL  yes or no: a LinkedIn influencer\n" \
"      --location TEXT    where they are\n" \
"      --url URL          their profile URL (https://www.linkedin.com/in/...)\n"

static const char add_usage[] =
"usage: advisor add NAME [options]\n"
"\n"
"Add someone who is not in your export (you met them yesterday, you are\n"
"not connected) to your data folder (annotations.json), so that you can\n"
"record facts about them and ask for advice.  Their id is made from NAME\n"
"as the import makes ids (\"Noa Levi\" is noa-levi); it is printed.\n"
"Someone already in your network (the same name, or the same --url) is\n"
"refused: give them fields with 'advisor set' instead.\n"
"\n"
FIELD_HELP
"  -h, --help             show this help\n"
"\n"
"Exit codes: 0 added, 2 usage error, a bad value or someone already\n"
"there, 3 the data folder cannot be read, 1 the folder cannot be written.\n";

static const char set_usage[] =
"usage: advisor set PERSON [options] [--clear FIELD]...\n"
"\n"
"Give PERSON fields the export lacks or has otherwise, in your data\n"
"folder (annotations.json): your value is used over the export's, on\n"
"every import.  --clear FIELD removes your value (the export's, if any,\n"
"applies again).\n"
"\n"
FIELD_HELP
"      --clear FIELD      remove your value of FIELD (company, title, ...,\n"
"                         url); repeatable\n"
"  -h, --help             show this help\n"
"\n"
"Exit codes: 0 done, 2 usage error or a bad value, 3 the data folder\n"
"cannot be read, 5 unknown person, 7 a name that fits several people,\n"
"1 the folder cannot be written.\n";

static const char remove_usage[] =
"usage: advisor remove PERSON\n"
"\n"
"Remove a person you added with 'advisor add', with everything you\n"
"recorded about them and the links others have to them.  People in your\n"
"export are not removed: 'advisor forget' and 'advisor set --clear' take\n"
"back what you recorded about them.\n"
"\n"
"  -h, --help   show this help\n"
"\n"
"Exit codes: 0 removed, 2 usage error, a person from your export, or one\n"
"who introduced you to someone (forget that first), 3 the data folder\n"
"cannot be read, 5 unknown person, 7 a name that fits several people,\n"
"1 the folder cannot be written.\n";

static const struct option add_options[] = {
	FIELD_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct option set_options[] = {
	FIELD_OPTIONS,
	{ "clear", required_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct option remove_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The field an option or field name names (--clear takes either), or -1. */
static int field_named(const char *name)
{
	for (size_t i = 0; i < FIELD_COUNT; i++)
		if (strcmp(name, person_fields[i].option) == 0 ||
		    strcmp(name, person_fields[i].field) == 0)
			return (int)i;
	return -1;
}

/* The values given, as fields; an exit code (message printed). */
static int make_fields(const char *cmd, const char *const *val,
	advisor_fields **out)
{
	advisor_error err;
	int rc = 0;

	if (advisor_fields_new(out, &err) < 0) {
		cli_error("%s", err.message);
		return EXIT_INTERNAL;
	}
	for (size_t i = 0; i < FIELD_COUNT && rc >= 0; i++) {
		const char *v = val[i], *opt = person_fields[i].option;
		const char *field = person_fields[i].field;
		unsigned long n;
		if (!v)
			continue;
		switch (person_fields[i].kind) {
		case K_COUNT:
			if (cli_parse_uint(v, 0, 1000000000000UL, &n) < 0) {
				cli_error("%s: --%s: '%s' is not a whole number (0 or "
					"more)", cmd, opt, v);
				return EXIT_USAGE;
			}
			rc = advisor_fields_set_number(*out, field, (double)n, &err);
			break;
		case K_BOOL:
			if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0)
				rc = advisor_fields_set_bool(*out, field, 1, &err);
			else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0)
				rc = advisor_fields_set_bool(*out, field, 0, &err);
			else {
				cli_error("%s: --%s: '%s' is not yes or no", cmd, opt, v);
				return EXIT_USAGE;
			}
			break;
		case K_URL:
			if (!strstr(v, "linkedin.com/")) {
				cli_error("%s: --%s: '%s' is not a LinkedIn profile URL; "
					"expected https://www.linkedin.com/in/...", cmd, opt,
					v);
				return EXIT_USAGE;
			}
			/* fall through */
		default:
			rc = advisor_fields_set_string(*out, field, v, &err);
		}
	}
	if (rc < 0) {
		cli_error("%s: %s", cmd, err.message);
		return rc == ADVISOR_ENOMEM ? EXIT_INTERNAL : EXIT_USAGE;
	}
	return EXIT_OK;
}

/* "industry Design, seniority senior" into buf. */
static void list_values(char *buf, size_t size, const char *const *val)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < FIELD_COUNT && used < size; i++) {
		if (!val[i])
			continue;
		int w = snprintf(buf + used, size - used, "%s%s %s",
			used ? ", " : "", person_fields[i].option, val[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* The person an add was refused for (someone already there), told with
 * what to run instead; 0 if they cannot be found (the library's message
 * is printed then). */
static int say_already_there(const advisor_network *net, const char *text,
	int by_url)
{
	advisor_matches *found = NULL;
	const advisor_match *m;
	int said = 0;

	if (advisor_network_find(&found, net, text, NULL) < 0)
		return 0;
	if ((m = advisor_matches_get(found, 0)) && (by_url
			? m->kind == ADVISOR_MATCH_URL
			: m->kind == ADVISOR_MATCH_EXACT || m->kind == ADVISOR_MATCH_NAME)) {
		cli_error("add: %s (%s%s%s) is in your network already, %s; give "
			"them fields with 'advisor set %s --industry ...', or facts "
			"with 'advisor remember %s met ...'%s", m->name, m->id,
			m->company ? ", at " : "", m->company ? m->company : "",
			by_url ? "with that profile URL" : "by that name", m->id,
			m->id, by_url ? "" : " (someone else of the same name: add "
			"them with --url and their profile URL)");
		said = 1;
	}
	advisor_matches_free(found);
	return said;
}

int cmd_add(int argc, char **argv)
{
	const char *val[FIELD_COUNT] = { 0 }, *id = NULL;
	advisor_network *net = NULL;
	advisor_annotations *notes = NULL;
	advisor_fields *fields = NULL;
	advisor_error err;
	cli_data f = { .data = NULL };
	char *base = NULL;
	size_t base_len = 0;
	int c, status, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", add_options, NULL)) != -1) {
		if (c >= 256 && c < 256 + (int)FIELD_COUNT) {
			val[c - 256] = optarg;
			continue;
		}
		if (c == 'h') {
			fputs(add_usage, stdout);
			return EXIT_OK;
		}
		cli_bad_option("add", argv, c);
		return EXIT_USAGE;
	}
	if (argc - optind != 1) {
		cli_error("add: give the person's NAME, e.g. 'advisor add \"Noa "
			"Levi\" --company Tessellate'");
		return EXIT_USAGE;
	}
	const char *name = argv[optind];
	if ((status = make_fields("add", val, &fields)) != EXIT_OK)
		goto out;
	if ((status = cli_data_open("add", &f)) != EXIT_OK ||
	    (status = cli_data_network(&f, &net)) != EXIT_OK ||
	    (status = cli_data_notes(&f, &notes)) != EXIT_OK)
		goto out;
	if (!(base = cli_read_file(f.base, &base_len))) {
		cli_error("%s: cannot read it", f.base);
		status = EXIT_DATA;
		goto out;
	}
	if ((rc = advisor_annotations_add_person(&id, notes, name, fields, base,
			base_len, &err)) < 0) {
		int by_url = strcmp(err.field, "profile_url") == 0;
		if (rc == ADVISOR_EINVAL && (by_url || strcmp(err.field, "name") == 0)
		    && strstr(err.message, " already")) {
			if (!say_already_there(net, by_url ? val[FIELD_COUNT - 1] : name,
					by_url))
				cli_report_value("add", &err, field_options);
		} else if (rc == ADVISOR_EINVAL && strcmp(err.field, "name") == 0) {
			const char *why = strstr(err.message, ": name: ");
			cli_error("add: NAME: %s", why ? why + 8 : err.message);
		} else {
			cli_report_value("add", &err, field_options);
		}
		cli_error("add: nothing added");
		status = rc == ADVISOR_ENOMEM ? EXIT_INTERNAL : cli_exit_code(rc);
		goto out;
	}
	if ((status = cli_data_commit("add", &f, notes, field_options,
			"nothing added")) != EXIT_OK)
		goto out;
	printf("Added %s as %s.\n", name, id);
	printf("Say how you know them, then ask:\n"
	       "  advisor remember %s met --date DATE --context WHERE\n"
	       "  advisor advise %s\n", id, id);
out:
	free(base);
	advisor_fields_free(fields);
	advisor_annotations_free(notes);
	advisor_network_free(net);
	cli_data_free(&f);
	return status;
}

/* PERSON of a command that changes what you know of someone: resolved on
 * the data folder's network, and someone else than you. */
static int other_person(const char *cmd, const advisor_network *net,
	const char *text, const char **id, const char **name)
{
	int status = cli_person(net, text, id);

	if (status != EXIT_OK)
		return status;
	*name = advisor_network_person_name(net, *id);
	if (!*name) {
		cli_error("%s: '%s': no such person in your network; 'advisor find "
			"TEXT' looks for them, 'advisor add NAME' adds them", cmd,
			text);
		return EXIT_NOTFOUND;
	}
	if (strcmp(*id, advisor_network_me(net)) == 0) {
		cli_error("%s: '%s' is you; this is about other people", cmd, text);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* A profile URL is one person's: refused when it is someone else's than
 * id's.  An exit code. */
static int url_free(const char *cmd, const advisor_network *net,
	const char *url, const char *id)
{
	advisor_matches *found = NULL;
	const advisor_match *m;
	int status = EXIT_OK;

	if (advisor_network_find(&found, net, url, NULL) < 0)
		return EXIT_OK; /* the merge still stands */
	if ((m = advisor_matches_get(found, 0)) && m->kind == ADVISOR_MATCH_URL &&
	    strcmp(m->id, id) != 0) {
		cli_error("%s: --url: %s is the profile of %s (%s) already; nothing "
			"changed", cmd, url, m->name, m->id);
		status = EXIT_USAGE;
	}
	advisor_matches_free(found);
	return status;
}

int cmd_set(int argc, char **argv)
{
	const char *val[FIELD_COUNT] = { 0 }, *id, *name;
	int clear[FIELD_COUNT] = { 0 }, cleared[FIELD_COUNT] = { 0 };
	advisor_network *net = NULL;
	advisor_annotations *notes = NULL;
	advisor_fields *fields = NULL;
	advisor_error err;
	cli_data f = { .data = NULL };
	char line[2048];
	int c, k, status, rc, any = 0, n_cleared = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", set_options, NULL)) != -1) {
		if (c >= 256 && c < 256 + (int)FIELD_COUNT) {
			val[c - 256] = optarg;
			any = 1;
			continue;
		}
		switch (c) {
		case 'c':
			if ((k = field_named(optarg)) < 0) {
				cli_error("set: --clear: '%s' is not a field; expected "
					"company, title, headline, industry, seniority, "
					"followers, influencer, location or url", optarg);
				return EXIT_USAGE;
			}
			clear[k] = any = 1;
			break;
		case 'h':
			fputs(set_usage, stdout);
			return EXIT_OK;
		default:
			cli_bad_option("set", argv, c);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1 || !any) {
		cli_error("set: give PERSON and a field, e.g. 'advisor set priya "
			"--industry Software' or 'advisor set priya --clear industry'");
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < FIELD_COUNT; i++)
		if (val[i] && clear[i]) {
			cli_error("set: --%s and --clear %s: set it or clear it, not "
				"both", person_fields[i].option, person_fields[i].option);
			return EXIT_USAGE;
		}
	if ((status = make_fields("set", val, &fields)) != EXIT_OK)
		goto out;
	if ((status = cli_data_open("set", &f)) != EXIT_OK ||
	    (status = cli_data_network(&f, &net)) != EXIT_OK ||
	    (status = other_person("set", net, argv[optind], &id, &name)) !=
		    EXIT_OK ||
	    (status = cli_data_notes(&f, &notes)) != EXIT_OK)
		goto out;
	if (val[FIELD_COUNT - 1] && (status = url_free("set", net,
			val[FIELD_COUNT - 1], id)) != EXIT_OK)
		goto out;
	status = EXIT_INTERNAL;
	for (size_t i = 0; i < FIELD_COUNT; i++)
		if (clear[i]) {
			if ((rc = advisor_annotations_clear_field(&cleared[i], notes,
					id, person_fields[i].field, &err)) < 0)
				goto fail;
			n_cleared += cleared[i];
		}
	for (size_t i = 0; i < FIELD_COUNT; i++)
		if (val[i]) {
			if ((rc = advisor_annotations_set_fields(notes, id, NULL,
					fields, &err)) < 0)
				goto fail;
			break;
		}
	for (size_t i = 0; i < FIELD_COUNT; i++)
		if (clear[i] && !cleared[i])
			printf("You had not set %s's %s: nothing to clear.\n", name,
				person_fields[i].option);
	list_values(line, sizeof(line), val);
	if (!n_cleared && !line[0]) {
		status = EXIT_OK;
		goto out;
	}
	if ((status = cli_data_commit("set", &f, notes, field_options,
			"nothing changed")) != EXIT_OK)
		goto out;
	if (line[0])
		printf("Set for %s (%s): %s.\n", name, id, line);
	for (size_t i = 0; i < FIELD_COUNT; i++)
		if (cleared[i])
			printf("Cleared %s's %s%s.\n", name, person_fields[i].option,
				advisor_annotations_person_added(notes, id) ? ""
				: " (the export's, if it has one, applies again)");
	status = EXIT_OK;
	goto out;
fail:
	cli_error("%s", err.message);
	status = cli_exit_code(rc);
out:
	advisor_fields_free(fields);
	advisor_annotations_free(notes);
	advisor_network_free(net);
	cli_data_free(&f);
	return status;
}

/* The introductions the person made that the annotations hold (the
 * people they introduced you to): how many, each listed on stderr as the
 * command that forgets it if list is set. */
static size_t introductions_by(const advisor_annotations *notes,
	const advisor_network *net, const char *id, int list)
{
	size_t n = 0;

	for (size_t p = 0; p < advisor_annotations_person_count(notes); p++) {
		const char *pid = advisor_annotations_person_id(notes, p);
		for (size_t i = 0; i < advisor_annotations_event_count(notes, pid);
		     i++) {
			const char *type = advisor_annotations_event_type(notes, pid, i);
			const char *by = advisor_annotations_event_string(notes, pid, i,
				"by");
			if (!type || strcmp(type, "introduced") != 0 || !by ||
			    strcmp(by, id) != 0)
				continue;
			const char *them = advisor_network_person_name(net, pid);
			if (list)
				fprintf(stderr, "  advisor forget %s introduced    (%s)\n", pid,
				them ? them : pid);
			n++;
		}
	}
	return n;
}

int cmd_remove(int argc, char **argv)
{
	const char *id, *name;
	advisor_network *net = NULL;
	advisor_annotations *notes = NULL;
	advisor_error err;
	cli_data f = { .data = NULL };
	char **others = NULL;
	size_t n_others = 0;
	int c, status, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", remove_options, NULL)) != -1) {
		if (c == 'h') {
			fputs(remove_usage, stdout);
			return EXIT_OK;
		}
		cli_bad_option("remove", argv, c);
		return EXIT_USAGE;
	}
	if (argc - optind != 1) {
		cli_error("remove: give the PERSON you added, e.g. 'advisor remove "
			"noa-levi'");
		return EXIT_USAGE;
	}
	if ((status = cli_data_open("remove", &f)) != EXIT_OK ||
	    (status = cli_data_network(&f, &net)) != EXIT_OK ||
	    (status = other_person("remove", net, argv[optind], &id, &name)) !=
		    EXIT_OK ||
	    (status = cli_data_notes(&f, &notes)) != EXIT_OK)
		goto out;
	if (!advisor_annotations_person_added(notes, id)) {
		cli_error("remove: %s (%s) is in your export, and only people you "
			"added are removed; 'advisor forget' and 'advisor set --clear' "
			"take back what you recorded about them", name, id);
		status = EXIT_USAGE;
		goto out;
	}
	/* An introduction by them would name no one: it goes first, by the
	 * user's hand. */
	if (introductions_by(notes, net, id, 0)) {
		cli_error("remove: %s introduced you to someone, which you "
			"recorded; forget that first:", name);
		introductions_by(notes, net, id, 1);
		status = EXIT_USAGE;
		goto out;
	}
	status = EXIT_INTERNAL;
	/* Their links held by others; the ids are copied first, since a
	 * person left with nothing leaves the document. */
	size_t count = advisor_annotations_person_count(notes);
	if (!(others = calloc(count ? count : 1, sizeof(*others))))
		goto nomem;
	for (size_t i = 0; i < count; i++) {
		const char *pid = advisor_annotations_person_id(notes, i);
		if (strcmp(pid, id) != 0 && !(others[n_others++] = strdup(pid)))
			goto nomem;
	}
	for (size_t i = 0; i < n_others; i++)
		if ((rc = advisor_annotations_unlink(NULL, notes, others[i], id,
				&err)) < 0)
			goto fail;
	if ((rc = advisor_annotations_remove_person(NULL, notes, id, &err)) < 0)
		goto fail;
	if ((status = cli_data_commit("remove", &f, notes, NULL,
			"nothing removed")) != EXIT_OK)
		goto out;
	printf("Removed %s (%s), whom you added, and what you recorded about "
	       "them.\n", name, id);
	status = EXIT_OK;
	goto out;
nomem:
	cli_error("remove: out of memory");
	goto out;
fail:
	cli_error("%s", err.message);
	status = cli_exit_code(rc);
out:
	for (size_t i = 0; i < n_others; i++)
		free(others[i]);
	free(others);
	advisor_annotations_free(notes);
	advisor_network_free(net);
	cli_data_free(&f);
	return status;
}

int cli_knows(const char *cmd, const char *a_text, const char *b_text,
	int link)
{
	const char *a, *b, *a_name, *b_name;
	advisor_network *net = NULL;
	advisor_annotations *notes = NULL;
	advisor_error err;
	cli_data f = { .data = NULL };
	int status, rc, changed = 0;

	if ((status = cli_data_open(cmd, &f)) != EXIT_OK ||
	    (status = cli_data_network(&f, &net)) != EXIT_OK ||
	    (status = other_person(cmd, net, a_text, &a, &a_name)) != EXIT_OK ||
	    (status = other_person(cmd, net, b_text, &b, &b_name)) != EXIT_OK ||
	    (status = cli_data_notes(&f, &notes)) != EXIT_OK)
		goto out;
	if (strcmp(a, b) == 0) {
		cli_error("%s: '%s' and '%s' are the same person (%s)", cmd, a_text,
			b_text, a);
		status = EXIT_USAGE;
		goto out;
	}
	rc = link ? advisor_annotations_link(&changed, notes, a, b, &err)
		: advisor_annotations_unlink(&changed, notes, a, b, &err);
	if (rc < 0) {
		cli_error("%s", err.message);
		status = cli_exit_code(rc);
		goto out;
	}
	if (!changed) {
		if (link) {
			printf("Already recorded: %s and %s know each other\n", a_name,
				b_name);
			status = EXIT_OK;
		} else {
			cli_error("forget: you recorded no link between %s and %s (one "
				"your export has stays)", a_name, b_name);
			status = EXIT_NOTFOUND;
		}
		goto out;
	}
	if ((status = cli_data_commit(cmd, &f, notes, NULL, link
			? "nothing recorded" : "nothing forgotten")) != EXIT_OK)
		goto out;
	printf("%s: %s and %s know each other\n", link ? "Recorded" : "Forgotten",
		a_name, b_name);
out:
	advisor_annotations_free(notes);
	advisor_network_free(net);
	cli_data_free(&f);
	return status;
}
