/*
 * diff.c - `advisor diff`: two policies on the same requests, and the
 * requests whose verdict changes between them.
 *
 * Each policy is a layer over the shipped one (and the user's folder):
 * with two --policy folders, the first against the second; with one, the
 * policy without it against the policy with it.  The requests come from
 * case files (their networks and requests; expectations are ignored) or
 * from NDJSON request streams over --network.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: advisor diff --policy A [--policy B] INPUT... [--network FILE] [--json]\n"
"\n"
"The requests whose verdict changes between two policies, each a layer\n"
"over the shipped policy (and your folder): A against B, or with one\n"
"--policy, the policy without A against the policy with it.  INPUT is a\n"
"case file (advisor test's format; its expectations are ignored), or a\n"
"file of NDJSON requests (as advisor batch reads them; '-' for standard\n"
"input) judged on --network.\n"
"\n"
"Options:\n"
"  -p, --policy DIR     the policy folder to compare; once or twice\n"
"  -n, --network FILE   the network for request streams and case files\n"
"                       that name none\n"
"      --note-limit N   the invitation-note limit in characters\n"
"      --json           one JSON object per changed request, a line each\n"
"      --no-cache       parse network files even if a snapshot exists\n"
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 compared (whether or not verdicts changed), 2 usage error,\n"
"3 an input or network cannot be read or is invalid, 4 a policy failed to\n"
"load, 1 internal error.\n";

static const struct option options[] = {
	{ "policy", required_argument, NULL, 'p' },
	{ "network", required_argument, NULL, 'n' },
	{ "note-limit", required_argument, NULL, OPT_NOTE_LIMIT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

typedef struct differ {
	advisor_engine *a, *b;
	int json;
	size_t requests, changed, failed;
} differ;

/* The verdict and the deciding reason of one side, or its error. */
typedef struct side {
	cJSON *result;
	int rc;
	advisor_error err;
} side;

static const char *str(const cJSON *o, const char *k)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k));
}

static const char *verdict_of(const side *s)
{
	return s->rc == ADVISOR_OK ? str(s->result, "verdict") : "error";
}

static void print_side(const char *label, const char *policy, const side *s)
{
	if (s->rc != ADVISOR_OK) {
		printf("  %s %s: error: %s\n", label, policy, s->err.message);
		return;
	}
	const cJSON *first = cJSON_GetArrayItem(
		cJSON_GetObjectItemCaseSensitive(s->result, "reasons"), 0);
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(s->result, "score");
	printf("  %s %s: %s (score %g)", label, policy, str(s->result, "verdict"),
		cJSON_IsNumber(score) ? score->valuedouble : 0.0);
	if (first)
		printf(" - %s: %s", str(first, "rule"), str(first, "detail"));
	printf("\n");
}

/* "priya (outgoing, learn, as of 2026-11-27)" */
static void print_request(const cJSON *req)
{
	const cJSON *it;
	const char *dir = str(req, "direction");

	printf("%s (%s", str(req, "person") ? str(req, "person") : "?",
		dir ? dir : "outgoing");
	it = cJSON_GetObjectItemCaseSensitive(req, "intent");
	if (cJSON_IsString(it))
		printf(", %s", it->valuestring);
	else if (cJSON_IsArray(it)) {
		const cJSON *w;
		cJSON_ArrayForEach(w, it)
			if (cJSON_IsString(w))
				printf(", %s", w->valuestring);
	}
	if (str(req, "as_of"))
		printf(", as of %s", str(req, "as_of"));
	printf(")");
}

static cJSON *side_json(const side *s)
{
	if (s->rc == ADVISOR_OK)
		return cJSON_Duplicate(s->result, 1);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "error", s->err.message);
	return o;
}

/* Advise on one request with both policies; report it if the verdict
 * changed.  -1 on out of memory. */
static int compare(differ *d, const advisor_network *net, const cJSON *req,
	const char *where)
{
	side a = { 0 }, b = { 0 };

	a.rc = cli_case_advise(&a.result, d->a, net, req, &a.err);
	b.rc = cli_case_advise(&b.result, d->b, net, req, &b.err);
	if (a.rc == ADVISOR_ENOMEM || b.rc == ADVISOR_ENOMEM) {
		cJSON_Delete(a.result);
		cJSON_Delete(b.result);
		return -1;
	}
	d->requests++;
	if (a.rc != ADVISOR_OK && b.rc != ADVISOR_OK) {
		/* Neither policy can answer: a bad request, not a difference. */
		cli_error("%s: %s", where, a.err.message);
		d->failed++;
	} else if (strcmp(verdict_of(&a), verdict_of(&b)) != 0) {
		d->changed++;
		if (d->json) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "input", where);
			cJSON_AddItemToObject(o, "request", cJSON_Duplicate(req, 1));
			cJSON_AddItemToObject(o, "a", side_json(&a));
			cJSON_AddItemToObject(o, "b", side_json(&b));
			char *text = cJSON_PrintUnformatted(o);
			cJSON_Delete(o);
			if (text)
				puts(text);
			cJSON_free(text);
		} else {
			print_request(req);
			printf(": %s -> %s\n", verdict_of(&a), verdict_of(&b));
			print_side("A", advisor_engine_policy_name(d->a), &a);
			print_side("B", advisor_engine_policy_name(d->b), &b);
		}
	}
	cJSON_Delete(a.result);
	cJSON_Delete(b.result);
	return 0;
}

static int diff_cases(differ *d, const char *path, const cli_options *o)
{
	cli_case_file cf;
	const cJSON *c;
	int status = cli_case_file_open(&cf, path, o), i = 0;
	char where[600];

	if (status == EXIT_OK)
		cJSON_ArrayForEach(c, cf.cases) {
			snprintf(where, sizeof(where), "%s: cases[%d]", path, i++);
			if (compare(d, cf.net, cJSON_GetObjectItemCaseSensitive(c, "request"),
				    where) < 0) {
				cli_error("out of memory");
				status = EXIT_INTERNAL;
				break;
			}
		}
	cli_case_file_close(&cf);
	return status;
}

static int diff_stream(differ *d, FILE *f, const char *name,
	const advisor_network *net)
{
	char *line = NULL, where[600];
	size_t cap = 0;
	ssize_t len;
	unsigned long n = 0;
	int status = EXIT_OK;

	while ((len = getline(&line, &cap, f)) >= 0 && status == EXIT_OK) {
		n++;
		snprintf(where, sizeof(where), "%s:%lu", name, n);
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (strspn(line, " \t") == (size_t)len)
			continue;
		cJSON *req = cJSON_ParseWithLength(line, (size_t)len);
		if (!cJSON_IsObject(req)) {
			cli_error("%s: not a JSON request object", where);
			d->requests++;
			d->failed++;
		} else if (compare(d, net, req, where) < 0) {
			cli_error("out of memory");
			status = EXIT_INTERNAL;
		}
		cJSON_Delete(req);
	}
	if (ferror(f)) {
		cli_error("%s: cannot read it", name);
		status = EXIT_DATA;
	}
	free(line);
	return status;
}

/* A case file is a JSON object with "cases"; anything else is read as a
 * stream of request lines. */
static int is_case_file(const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? NULL : fopen(path, "rb");
	char head[4096];
	size_t n;

	if (!f)
		return 0;
	n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[n] = '\0';
	return strstr(head, "\"cases\"") != NULL;
}

int cmd_diff(int argc, char **argv)
{
	cli_options o, oa, ob;
	differ d = { 0 };
	advisor_network *net = NULL;
	int c, status = EXIT_OK;

	if (cli_options_begin(&o, argc) < 0) {
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	while ((c = cli_next_option(&o, argc, argv, "p:n:h", options)) != -1) {
		if (c == CLI_BAD_VALUE) {
			status = EXIT_USAGE;
			goto done;
		}
		switch (c) {
		case OPT_JSON: d.json = 1; break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("diff", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (o.layer_count < 1 || o.layer_count > 2) {
		cli_error("diff: give one --policy DIR (without it against with it) or two (A against B); got %zu",
			o.layer_count);
		status = EXIT_USAGE;
		goto done;
	}
	if (optind == argc) {
		cli_error("diff: which requests? Give case files, or request files (NDJSON, '-' for standard input) with --network");
		status = EXIT_USAGE;
		goto done;
	}
	oa = o;
	ob = o;
	oa.layer_count = o.layer_count == 2 ? 1 : 0;
	ob.layers = o.layer_count == 2 ? o.layers + 1 : o.layers;
	ob.layer_count = 1;
	if ((status = cli_open_engines(&oa, &d.a, 1)) != EXIT_OK ||
	    (status = cli_open_engines(&ob, &d.b, 1)) != EXIT_OK)
		goto done;
	for (int i = optind; i < argc && status == EXIT_OK; i++) {
		if (is_case_file(argv[i])) {
			status = diff_cases(&d, argv[i], &o);
			continue;
		}
		if (!o.network) {
			cli_error("diff: %s is not a case file; request streams need --network FILE", argv[i]);
			status = EXIT_USAGE;
			break;
		}
		if (!net && (status = cli_load_network(&o, &net)) != EXIT_OK)
			break;
		FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (!f) {
			cli_error("%s: cannot open it", argv[i]);
			status = EXIT_DATA;
			break;
		}
		status = diff_stream(&d, f, strcmp(argv[i], "-") == 0 ? "stdin" : argv[i], net);
		if (f != stdin)
			fclose(f);
	}
	if (status == EXIT_OK && !d.json)
		printf("%s%zu request%s, %zu changed verdict (A %s, B %s)%s\n",
			d.changed ? "\n" : "", d.requests, d.requests == 1 ? "" : "s",
			d.changed, advisor_engine_policy_name(d.a),
			advisor_engine_policy_name(d.b),
			d.failed ? "; some requests failed with both, see stderr" : "");
	if (status == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) {
		cli_error("cannot write to standard output");
		status = EXIT_INTERNAL;
	}
done:
	advisor_engine_free(d.a);
	advisor_engine_free(d.b);
	advisor_network_free(net);
	free(o.layers);
	return status;
}
