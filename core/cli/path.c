/*
 * path.c - `advisor path PERSON`: how you are connected to someone, as
 * chains of people (the introducer's first), as JSON, or as a Graphviz
 * graph of you, the person, your mutual connections and the chains.
 */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: advisor path PERSON [--network FILE] [--json | --dot]\n"
"\n"
"How you are connected to PERSON (an id or a name): the shortest chains of\n"
"people who know each other, from you to them, up to 10 chains of at most\n"
"6 steps.  If someone introduced you, the chain through them comes first.\n"
"\n"
"Options:\n"
"  -n, --network FILE   the network file; default $ADVISOR_NETWORK, else the\n"
"                       one 'advisor init' made (~/.local/share/advisor)\n"
"      --json           the chains as one JSON object\n"
"      --dot            a Graphviz graph of you, the person, your mutual\n"
"                       connections and the chains; draw it with\n"
"                       'advisor path PERSON --dot | dot -Tsvg > path.svg'\n"
"      --max-size SIZE  refuse network files larger than SIZE (default 1G)\n"
"      --no-cache       parse the network file even if a snapshot exists\n"
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 done (also when no chain leads there), 2 usage error,\n"
"3 bad network file, 5 unknown person, 7 ambiguous name, 1 internal error.\n";

enum { OPT_DOT = 300 };

static const struct option options[] = {
	{ "network", required_argument, NULL, 'n' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "dot", no_argument, NULL, OPT_DOT },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const char *name_of(const advisor_network *net, const char *id)
{
	const char *name = advisor_network_person_name(net, id);
	return name ? name : id;
}

static void print_human(const advisor_network *net, const char *id,
	const advisor_paths *paths)
{
	cli_term t;
	cli_term_init(&t, stdout);
	const char *me = advisor_network_me(net), *name = name_of(net, id);
	size_t steps = 0, n = advisor_paths_count(paths);
	for (size_t i = 0; i < n; i++) {
		const advisor_path *p = advisor_paths_get(paths, i);
		if (!p->introducer || n == 1)
			steps = advisor_strings_count(p->ids) - 1;
	}

	if (n == 0) {
		char line[1024];
		snprintf(line, sizeof(line), "%s (%s): no chain of people you "
			"know leads there within 6 steps.", name, id);
		cli_wrap(stdout, &t, line, 0, 2);
		return;
	}
	/* A bare node (only listed among connections) has no name. */
	if (strcmp(name, id) == 0)
		printf("%s", id);
	else
		printf("%s (%s)", name, id);
	if (steps == 1)
		printf(" is one of your connections.\n");
	else
		printf(" is %zu steps from you:\n", steps);
	for (size_t i = 0; i < n; i++) {
		const advisor_path *p = advisor_paths_get(paths, i);
		char line[4096];
		size_t used = 0;
		for (size_t k = 0; k < advisor_strings_count(p->ids) &&
		     used < sizeof(line); k++) {
			const char *who = advisor_strings_get(p->ids, k);
			int w = snprintf(line + used, sizeof(line) - used, "%s%s%s",
				k ? " → " : "",
				strcmp(who, me) == 0 ? "you" : name_of(net, who),
				p->introducer && strcmp(who, p->introducer) == 0
				? " (introduced you)" : "");
			if (w < 0)
				break;
			used += (size_t)w;
		}
		printf("  ");
		cli_wrap(stdout, &t, line, 2, 4);
	}
}

static int print_json(const advisor_network *net, const char *id,
	const advisor_paths *paths, const advisor_strings *mutuals)
{
	cJSON *o = cJSON_CreateObject(), *list, *mu;
	char *text = NULL;

	if (!o || !cJSON_AddStringToObject(o, "person", id) ||
	    !cJSON_AddStringToObject(o, "name", name_of(net, id)) ||
	    !(list = cJSON_AddArrayToObject(o, "paths")))
		goto fail;
	for (size_t i = 0; i < advisor_paths_count(paths); i++) {
		const advisor_path *path = advisor_paths_get(paths, i);
		size_t len = advisor_strings_count(path->ids);
		cJSON *p = cJSON_CreateObject(), *ids;
		if (!p || !cJSON_AddItemToArray(list, p) ||
		    !cJSON_AddNumberToObject(p, "steps", (double)(len - 1)) ||
		    !(ids = cJSON_AddArrayToObject(p, "people")))
			goto fail;
		for (size_t k = 0; k < len; k++) {
			cJSON *s = cJSON_CreateString(advisor_strings_get(path->ids, k));
			if (!s || !cJSON_AddItemToArray(ids, s))
				goto fail;
		}
		if (path->introducer &&
		    !cJSON_AddStringToObject(p, "introducer", path->introducer))
			goto fail;
	}
	if (!(mu = cJSON_AddArrayToObject(o, "mutuals")))
		goto fail;
	for (size_t i = 0; i < advisor_strings_count(mutuals); i++) {
		cJSON *s = cJSON_CreateString(advisor_strings_get(mutuals, i));
		if (!s || !cJSON_AddItemToArray(mu, s))
			goto fail;
	}
	if (!(text = cJSON_PrintUnformatted(o)))
		goto fail;
	puts(text);
	cJSON_free(text);
	cJSON_Delete(o);
	return 0;
fail:
	cJSON_Delete(o);
	return -1;
}

/* A DOT string: quoted, with quotes and backslashes escaped. */
static void dot_quote(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s == '\n' ? ' ' : *s);
	}
	putchar('"');
}

typedef struct edge { const char *a, *b; int intro; } edge;

static int add_edge(edge *e, size_t *n, const char *a, const char *b,
	int intro)
{
	for (size_t i = 0; i < *n; i++)
		if ((strcmp(e[i].a, a) == 0 && strcmp(e[i].b, b) == 0) ||
		    (strcmp(e[i].a, b) == 0 && strcmp(e[i].b, a) == 0)) {
			e[i].intro |= intro;
			return 0;
		}
	e[*n].a = a;
	e[*n].b = b;
	e[*n].intro = intro;
	(*n)++;
	return 1;
}

static int print_dot(const advisor_network *net, const char *id,
	const advisor_paths *paths, const advisor_strings *mutuals)
{
	const char *me = advisor_network_me(net);
	size_t n = advisor_paths_count(paths), m = advisor_strings_count(mutuals);
	size_t cap = 2 * m + 1, ne = 0;
	for (size_t i = 0; i < n; i++)
		cap += advisor_strings_count(advisor_paths_get(paths, i)->ids);
	edge *e = malloc(cap * sizeof(edge));
	if (!e)
		return -1;
	for (size_t i = 0; i < m; i++) {
		add_edge(e, &ne, me, advisor_strings_get(mutuals, i), 0);
		add_edge(e, &ne, advisor_strings_get(mutuals, i), id, 0);
	}
	for (size_t i = 0; i < n; i++) {
		const advisor_path *p = advisor_paths_get(paths, i);
		for (size_t k = 0; k + 1 < advisor_strings_count(p->ids); k++)
			add_edge(e, &ne, advisor_strings_get(p->ids, k),
				advisor_strings_get(p->ids, k + 1),
				p->introducer != NULL);
	}

	printf("graph advisor {\n\trankdir=LR;\n"
	       "\tnode [shape=box, style=rounded, fontname=\"sans-serif\"];\n\t");
	dot_quote(me);
	printf(" [label=");
	dot_quote("you");
	printf(", style=\"rounded,bold\"];\n\t");
	dot_quote(id);
	printf(" [label=");
	dot_quote(name_of(net, id));
	printf(", style=\"rounded,bold\"];\n");
	/* Everyone else once, labelled with their name. */
	for (size_t i = 0; i < ne; i++) {
		const char *ends[2] = { e[i].a, e[i].b };
		for (int s = 0; s < 2; s++) {
			const char *v = ends[s];
			int seen = strcmp(v, me) == 0 || strcmp(v, id) == 0;
			for (size_t k = 0; k < i && !seen; k++)
				seen = strcmp(e[k].a, v) == 0 || strcmp(e[k].b, v) == 0;
			if (s == 1 && strcmp(e[i].a, v) == 0)
				seen = 1;
			if (seen)
				continue;
			putchar('\t');
			dot_quote(v);
			printf(" [label=");
			dot_quote(name_of(net, v));
			printf("];\n");
		}
	}
	for (size_t i = 0; i < ne; i++) {
		putchar('\t');
		dot_quote(e[i].a);
		printf(" -- ");
		dot_quote(e[i].b);
		/* The chain through whoever introduced you says so. */
		printf(e[i].intro ? " [color=blue, penwidth=2, fontcolor=blue, "
			"fontname=\"sans-serif\", label=\"introduction\"];\n" : ";\n");
	}
	printf("}\n");
	free(e);
	return 0;
}

int cmd_path(int argc, char **argv)
{
	return cli_path(argc, argv, NULL);
}

int cli_path(int argc, char **argv, const cli_lent *lent)
{
	cli_options o = { 0 };
	int json = 0, dot = 0, c, status = EXIT_OK;
	advisor_network *net = NULL;
	advisor_paths *paths = NULL;
	advisor_strings *mutuals = NULL;
	const char *id;
	advisor_error err;

	optind = 1;
	opterr = 0;
	while ((c = cli_next_option(&o, argc, argv, "n:h", options)) != -1) {
		if (c == CLI_BAD_VALUE)
			return EXIT_USAGE;
		switch (c) {
		case OPT_JSON: json = 1; break;
		case OPT_DOT: dot = 1; break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			cli_bad_option("path", argv, c);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		cli_error("path: give one PERSON, an id or a name: 'advisor path priya'");
		return EXIT_USAGE;
	}
	if (json && dot) {
		cli_error("path: --json or --dot, not both");
		return EXIT_USAGE;
	}
	if ((status = cli_open_lent(&o, lent, &net, NULL, 0)) != EXIT_OK ||
	    (status = cli_person(net, argv[optind], &id)) != EXIT_OK)
		goto done;
	int rc = advisor_network_paths(&paths, net, id, NULL, &err);
	if (rc == ADVISOR_OK)
		rc = advisor_network_mutuals(&mutuals, net,
			advisor_network_me(net), id, &err);
	if (rc < 0) {
		cli_report(&err);
		status = cli_exit_code(rc);
		goto done;
	}
	if (json)
		rc = print_json(net, id, paths, mutuals);
	else if (dot)
		rc = print_dot(net, id, paths, mutuals);
	else
		print_human(net, id, paths);
	if (rc < 0) {
		cli_error("out of memory");
		status = EXIT_INTERNAL;
	} else if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		status = EXIT_INTERNAL;
	}
done:
	advisor_paths_free(paths);
	advisor_strings_free(mutuals);
	if (!lent)
		advisor_network_free(net);
	return status;
}
