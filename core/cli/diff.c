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
"--policy, the policy without A against the policy with it.  An INPUT\n"
"named .ndjson or .jsonl, or '-' (standard input), holds NDJSON requests\n"
"(as advisor batch reads them) judged on --network; any other INPUT is a\n"
"case file (advisor test's format; its expectations are ignored).\n"
"\n"
"Options:\n"
"  -p, --policy DIR     the policy folder to compare; once or twice\n"
"  -n, --network FILE   the network for request streams and case files\n"
"                       that name none\n"
"      --note-limit N   the invitation-note limit in characters\n"
"      --json           one JSON object per changed request, a line each\n"
"      --no-cache       parse network files even if a snapshot exists\n"
CLI_LIMIT_HELP
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
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

typedef struct differ {
	advisor_engine *a, *b;
	int json;
	size_t requests, changed, failed;
} differ;

/* The advice of one side, or its error. */
typedef struct side {
	advisor_result *result;
	int rc;
	advisor_error err;
} side;

static const char *verdict_of(const side *s)
{
	return s->rc == ADVISOR_OK
		? advisor_verdict_name(advisor_result_verdict(s->result)) : "error";
}

static void print_side(const char *label, const char *policy, const side *s)
{
	if (s->rc != ADVISOR_OK) {
		printf("  %s %s: error: %s\n", label, policy, s->err.message);
		return;
	}
	const advisor_reason *first = advisor_result_reason(s->result, 0);
	printf("  %s %s: %s (score %g)", label, policy, verdict_of(s),
		advisor_result_score(s->result));
	if (first)
		printf(" - %s: %s", first->rule, first->detail ? first->detail : "");
	printf("\n");
}

/* "priya (outgoing, learn, as of 2026-11-27)" */
static void print_request(const advisor_request *req)
{
	printf("%s (%s", req->person,
		req->direction == ADVISOR_INCOMING ? "incoming" : "outgoing");
	for (size_t i = 0; i < req->intent_count; i++)
		printf(", %s", req->intents[i]);
	if (req->as_of)
		printf(", as of %s", req->as_of);
	printf(")");
}

/* A side as JSON: the result's object, or {"error": MESSAGE}. */
static cJSON *side_json(const side *s)
{
	cJSON *o = NULL;
	char *text = NULL;

	if (s->rc != ADVISOR_OK) {
		if ((o = cJSON_CreateObject()) &&
		    !cJSON_AddStringToObject(o, "error", s->err.message)) {
			cJSON_Delete(o);
			o = NULL;
		}
		return o;
	}
	if (advisor_result_to_json(&text, s->result, NULL) == ADVISOR_OK)
		o = cJSON_Parse(text);
	advisor_string_free(text);
	return o;
}

/* One changed request as a line of JSON; -1 on out of memory. */
static int print_json(const char *where, const advisor_request *req,
	const side *a, const side *b)
{
	cJSON *o = cJSON_CreateObject(), *r = cli_request_json(req),
		*ja = side_json(a), *jb = side_json(b);
	char *text = NULL;

	if (o && r && ja && jb && cJSON_AddStringToObject(o, "input", where)) {
		cJSON_AddItemToObject(o, "request", r);
		cJSON_AddItemToObject(o, "a", ja);
		cJSON_AddItemToObject(o, "b", jb);
		r = ja = jb = NULL;
		text = cJSON_PrintUnformatted(o);
	}
	cJSON_Delete(o);
	cJSON_Delete(r);
	cJSON_Delete(ja);
	cJSON_Delete(jb);
	if (!text)
		return -1;
	puts(text);
	cJSON_free(text);
	return 0;
}

/* Advise on one request with both policies; report it if the verdict
 * changed.  -1 on out of memory. */
static int compare(differ *d, const advisor_network *net,
	const advisor_request *req, const char *where)
{
	side a = { 0 }, b = { 0 };
	int rc = 0;

	a.rc = advisor_advise(&a.result, d->a, net, req, &a.err);
	b.rc = advisor_advise(&b.result, d->b, net, req, &b.err);
	if (a.rc == ADVISOR_ENOMEM || b.rc == ADVISOR_ENOMEM) {
		rc = -1;
		goto done;
	}
	d->requests++;
	if (a.rc != ADVISOR_OK && b.rc != ADVISOR_OK) {
		/* Neither policy can answer: a bad request, not a difference. */
		cli_error("%s: %s", where, a.err.message);
		d->failed++;
	} else if (strcmp(verdict_of(&a), verdict_of(&b)) != 0) {
		d->changed++;
		if (d->json) {
			rc = print_json(where, req, &a, &b);
		} else {
			print_request(req);
			printf(": %s -> %s\n", verdict_of(&a), verdict_of(&b));
			print_side("A", advisor_engine_policy_name(d->a), &a);
			print_side("B", advisor_engine_policy_name(d->b), &b);
		}
	}
done:
	advisor_result_free(a.result);
	advisor_result_free(b.result);
	return rc;
}

/* A request that cannot be read: counted as failed under both. */
static void refused(differ *d, const char *where, const advisor_error *err)
{
	cli_error("%s: %s", where, err->message);
	d->requests++;
	d->failed++;
}

static int diff_cases(differ *d, const char *path, const cli_options *o)
{
	cli_case_file cf;
	int status = cli_case_file_open(&cf, path, o);
	char where[600];

	for (size_t i = 0; status == EXIT_OK && i < advisor_cases_count(cf.cases); i++) {
		const advisor_case *c = advisor_cases_get(cf.cases, i);
		snprintf(where, sizeof(where), "%s: cases[%zu]", path, i);
		if (!c->request) {
			refused(d, where, c->request_error);
		} else if (compare(d, cf.net, c->request, where) < 0) {
			cli_error("out of memory");
			status = EXIT_INTERNAL;
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
		advisor_parsed_request *req = NULL;
		advisor_error err;
		int rc;

		n++;
		snprintf(where, sizeof(where), "%s:%lu", name, n);
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (strspn(line, " \t") == (size_t)len)
			continue;
		rc = advisor_request_parse(&req, line, (size_t)len, &err);
		if (rc == ADVISOR_ENOMEM ||
		    (rc == ADVISOR_OK &&
		     compare(d, net, advisor_parsed_request_get(req), where) < 0)) {
			cli_error("out of memory");
			status = EXIT_INTERNAL;
		} else if (rc < 0) {
			refused(d, where, &err);
		}
		advisor_parsed_request_free(req);
	}
	if (ferror(f)) {
		cli_error("%s: cannot read it", name);
		status = EXIT_DATA;
	}
	free(line);
	return status;
}

/* Request files are named as NDJSON networks are (.ndjson, .jsonl), or
 * are standard input; any other INPUT is a case file, which the library's
 * reader checks (and says what it is if it is not one). */
static int is_request_file(const char *path)
{
	size_t n = strlen(path);

	return strcmp(path, "-") == 0 ||
		(n >= 7 && strcmp(path + n - 7, ".ndjson") == 0) ||
		(n >= 6 && strcmp(path + n - 6, ".jsonl") == 0);
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
		if (!is_request_file(argv[i])) {
			status = diff_cases(&d, argv[i], &o);
			continue;
		}
		if (!o.network) {
			cli_error("diff: %s holds requests, one a line; request files need --network FILE", argv[i]);
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
