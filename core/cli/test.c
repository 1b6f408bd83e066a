/*
 * test.c - `advisor test CASES...`: a policy against its case files.
 *
 * Each case is a request and what must come out of it; every case runs
 * (a failure does not stop the others) and prints PASS or FAIL with what
 * differed.  --coverage counts, for each active rule, the cases that made
 * it fire, so that a rule no case exercises stands out.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: advisor test CASES... [--policy DIR]... [--coverage] [--json]\n"
"\n"
"Run policy case files: each case is a request and the verdict (and\n"
"optionally the rules, the note) it must get.  Prints each case as PASS or\n"
"FAIL with what differed.  The policy is the shipped one, your folder\n"
"($XDG_CONFIG_HOME/advisor/policy) if it exists, and each --policy DIR.\n"
"\n"
"Options:\n"
"  -p, --policy DIR     a policy folder layered over the shipped policy;\n"
"                       repeat to stack layers, the last one highest\n"
"  -n, --network FILE   the network for case files that name none\n"
"      --note-limit N   the invitation-note limit in characters\n"
"      --coverage       list the rules the cases made fire, those they\n"
"                       never did, and the intents no case asked\n"
"      --json           print the report as one JSON object\n"
"      --no-cache       parse network files even if a snapshot exists\n"
CLI_LIMIT_HELP
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 every case passed, 6 some case failed, 2 usage error, 3 a\n"
"case file or its network cannot be read or is invalid, 4 the policy\n"
"failed to load, 1 internal error.\n";

static const struct option options[] = {
	{ "policy", required_argument, NULL, 'p' },
	{ "network", required_argument, NULL, 'n' },
	{ "note-limit", required_argument, NULL, OPT_NOTE_LIMIT },
	{ "coverage", no_argument, NULL, OPT_COVERAGE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* An engine for a case's own note_limit, made when a case first needs it. */
typedef struct limited {
	unsigned int note_limit;
	advisor_engine *engine;
} limited;

typedef struct run {
	advisor_engine *engine;
	const cli_options *o;
	limited *limited;    /* engines for cases with their own note_limit */
	size_t limited_count;
	int json;
	size_t passed, failed;
	size_t *fired;       /* per rule of the engine: cases it fired in */
	size_t *intent_used; /* per intent of the engine: cases that asked it */
	size_t intent_count;
	cJSON *report;       /* --json: the cases */
} run;

static int fired(const advisor_result *result, const char *rule)
{
	for (size_t i = 0; i < advisor_result_reason_count(result); i++)
		if (strcmp(advisor_result_reason(result, i)->rule, rule) == 0)
			return 1;
	return 0;
}

/* The rules that fired, "a, b", for messages. */
static void fired_list(char *buf, size_t size, const advisor_result *result)
{
	buf[0] = '\0';
	for (size_t i = 0; i < advisor_result_reason_count(result); i++) {
		if (buf[0])
			strncat(buf, ", ", size - strlen(buf) - 1);
		strncat(buf, advisor_result_reason(result, i)->rule,
			size - strlen(buf) - 1);
	}
	if (!buf[0])
		snprintf(buf, size, "none");
}

static void differ(cJSON *diffs, const char *text)
{
	cJSON_AddItemToArray(diffs, cJSON_CreateString(text));
}

/* Compare a result (or an error) with a case's expectations; each
 * difference is a line added to diffs. */
static void compare(cJSON *diffs, const advisor_case *ex,
	const advisor_result *result, int rc, const advisor_error *err)
{
	char buf[4096 + ADVISOR_ERROR_MESSAGE_MAX], list[512];
	const char *verdict = advisor_verdict_name(advisor_result_verdict(result));

	if (rc != ADVISOR_OK) {
		if (ex->error && strstr(err->message, ex->error))
			return;
		if (ex->error)
			snprintf(buf, sizeof(buf), "error: got \"%s\", expected one containing \"%s\"",
				err->message, ex->error);
		else
			snprintf(buf, sizeof(buf), "error: %s", err->message);
		differ(diffs, buf);
		return;
	}
	if (ex->error) {
		snprintf(buf, sizeof(buf), "expected an error containing \"%s\", got verdict %s",
			ex->error, verdict);
		differ(diffs, buf);
	}
	fired_list(list, sizeof(list), result);
	if (ex->verdict != ADVISOR_VERDICT_INVALID &&
	    ex->verdict != advisor_result_verdict(result)) {
		snprintf(buf, sizeof(buf), "verdict: got %s, expected %s (rules fired: %s)",
			verdict, advisor_verdict_name(ex->verdict), list);
		differ(diffs, buf);
	}
	if (ex->first_rule) {
		const advisor_reason *first = advisor_result_reason(result, 0);
		if (!first || strcmp(first->rule, ex->first_rule) != 0) {
			snprintf(buf, sizeof(buf), "deciding rule: got %s, expected %s",
				first ? first->rule : "none", ex->first_rule);
			differ(diffs, buf);
		}
	}
	for (size_t i = 0; i < advisor_strings_count(ex->rules); i++)
		if (!fired(result, advisor_strings_get(ex->rules, i))) {
			snprintf(buf, sizeof(buf), "rule %s did not fire (fired: %s)",
				advisor_strings_get(ex->rules, i), list);
			differ(diffs, buf);
		}
	for (size_t i = 0; i < advisor_strings_count(ex->not_rules); i++)
		if (fired(result, advisor_strings_get(ex->not_rules, i))) {
			snprintf(buf, sizeof(buf), "rule %s fired, expected it not to",
				advisor_strings_get(ex->not_rules, i));
			differ(diffs, buf);
		}
	const char *note = advisor_result_note(result);
	if (ex->note && (!note || strcmp(note, ex->note) != 0)) {
		snprintf(buf, sizeof(buf), "note: got %s%s%s, expected \"%s\"",
			note ? "\"" : "", note ? note : "none", note ? "\"" : "",
			ex->note);
		differ(diffs, buf);
	}
	for (size_t i = 0; i < advisor_strings_count(ex->note_contains); i++) {
		const char *want = advisor_strings_get(ex->note_contains, i);
		if (!note || !strstr(note, want)) {
			snprintf(buf, sizeof(buf), "note: %s%s%s lacks \"%s\"",
				note ? "\"" : "", note ? note : "none", note ? "\"" : "",
				want);
			differ(diffs, buf);
		}
	}
	if (ex->no_note == 1 && note) {
		snprintf(buf, sizeof(buf), "note: expected none, got \"%s\"", note);
		differ(diffs, buf);
	} else if (ex->no_note == 0 && !note) {
		differ(diffs, "note: expected one, got none");
	}
	unsigned int unfit = advisor_result_no_note_fits(result);
	if (ex->no_note_fits && unfit != ex->no_note_fits) {
		snprintf(buf, sizeof(buf), "no_note_fits: %u, expected %u", unfit,
			ex->no_note_fits);
		differ(diffs, buf);
	}
}

/* expect.why: what each named rule's line of the explanation must say. */
static void compare_whys(cJSON *diffs, const advisor_case *c,
	const advisor_explanation *x)
{
	char buf[2048];

	for (size_t w = 0; w < advisor_strings_count(c->why_rules); w++) {
		const char *rule = advisor_strings_get(c->why_rules, w);
		const char *want = advisor_strings_get(c->whys, w);
		const advisor_rule_trace *t = NULL;
		for (size_t i = 0; i < advisor_explanation_rule_count(x) && !t; i++)
			if (strcmp(advisor_explanation_rule(x, i)->rule, rule) == 0)
				t = advisor_explanation_rule(x, i);
		if (!t)
			snprintf(buf, sizeof(buf), "why: the policy has no rule %s",
				rule);
		else if (!strstr(t->why, want))
			snprintf(buf, sizeof(buf), "why: %s says \"%s\", which lacks \"%s\"",
				t->rule, t->why, want);
		else
			continue;
		differ(diffs, buf);
	}
}

/* expect.what_if: each change must be among those that flip the verdict
 * (advisor_explain()); expect.why: what rules' lines say. */
static void compare_what_ifs(cJSON *diffs, const advisor_case *c,
	advisor_engine *engine, const advisor_network *net)
{
	advisor_explanation *x = NULL;
	advisor_error err;
	char buf[2048 + ADVISOR_ERROR_MESSAGE_MAX];

	if (!advisor_strings_count(c->what_if) &&
	    !advisor_strings_count(c->why_rules))
		return;
	if (advisor_explain(&x, engine, net, c->request, &err) != ADVISOR_OK) {
		snprintf(buf, sizeof(buf), "explaining: %s", err.message);
		differ(diffs, buf);
		return;
	}
	size_t changes = advisor_explanation_what_if_count(x);
	for (size_t w = 0; w < advisor_strings_count(c->what_if); w++) {
		const char *want = advisor_strings_get(c->what_if, w);
		int found = 0;
		for (size_t i = 0; i < changes && !found; i++)
			found = strcmp(advisor_explanation_what_if(x, i)->change,
				want) == 0;
		if (found)
			continue;
		size_t n = (size_t)snprintf(buf, sizeof(buf),
			"what if: \"%s\" does not flip the verdict (changes that do:",
			want);
		for (size_t i = 0; i < changes && n < sizeof(buf); i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s \"%s\"",
				i ? "," : "", advisor_explanation_what_if(x, i)->change);
		if (n < sizeof(buf))
			snprintf(buf + n, sizeof(buf) - n, "%s)", changes ? "" : " none");
		differ(diffs, buf);
	}
	compare_whys(diffs, c, x);
	advisor_explanation_free(x);
}

static void count_fired(run *t, const advisor_result *result)
{
	for (size_t i = 0; i < advisor_engine_rule_count(t->engine); i++)
		if (fired(result, advisor_engine_rule(t->engine, i)->name))
			t->fired[i]++;
}

static void count_intents(run *t, const advisor_request *req)
{
	for (size_t i = 0; i < t->intent_count; i++) {
		const char *name = advisor_engine_intent(t->engine, i);
		for (size_t k = 0; k < req->intent_count; k++)
			if (strcmp(req->intents[k], name) == 0) {
				t->intent_used[i]++;
				break;
			}
	}
}

/* The engine a case is judged with: the run's, or for a case with its own
 * note_limit one with that limit (the same policy); NULL with the message
 * printed and *status set if it cannot be made. */
static advisor_engine *engine_for(run *t, const advisor_case *c, int *status)
{
	if (!c->note_limit)
		return t->engine;
	for (size_t i = 0; i < t->limited_count; i++)
		if (t->limited[i].note_limit == c->note_limit)
			return t->limited[i].engine;
	limited *more = realloc(t->limited, (t->limited_count + 1) * sizeof(*more));
	if (!more) {
		cli_error("out of memory");
		*status = EXIT_INTERNAL;
		return NULL;
	}
	t->limited = more;
	cli_options o = *t->o;
	o.note_limit = c->note_limit;
	o.quiet = 1; /* the run's engine has said its warnings */
	if ((*status = cli_open_engines(&o, &more[t->limited_count].engine, 1)) != EXIT_OK)
		return NULL;
	more[t->limited_count].note_limit = c->note_limit;
	return more[t->limited_count++].engine;
}

static int run_file(run *t, const char *path, const cli_options *o)
{
	cli_case_file cf;
	int status = cli_case_file_open(&cf, path, o);

	if (status != EXIT_OK) {
		cli_case_file_close(&cf);
		return status;
	}
	for (size_t i = 0; i < advisor_cases_count(cf.cases); i++) {
		const advisor_case *c = advisor_cases_get(cf.cases, i);
		advisor_engine *engine = engine_for(t, c, &status);
		advisor_result *result = NULL;
		cJSON *diffs = cJSON_CreateArray();
		advisor_error err;
		int rc;

		if (!engine) {
			cJSON_Delete(diffs);
			cli_case_file_close(&cf);
			return status;
		}
		if (c->request) {
			rc = advisor_advise(&result, engine, cf.net, c->request, &err);
			count_intents(t, c->request);
		} else {
			err = *c->request_error;
			rc = err.code;
		}
		if (rc == ADVISOR_ENOMEM || !diffs) {
			cli_error("out of memory");
			cJSON_Delete(diffs);
			advisor_result_free(result);
			cli_case_file_close(&cf);
			return EXIT_INTERNAL;
		}
		compare(diffs, c, result, rc, &err);
		if (rc == ADVISOR_OK) {
			compare_what_ifs(diffs, c, engine, cf.net);
			count_fired(t, result);
		}
		int ok = cJSON_GetArraySize(diffs) == 0;
		ok ? t->passed++ : t->failed++;
		if (t->json) {
			cJSON *o2 = cJSON_CreateObject();
			cJSON_AddStringToObject(o2, "file", path);
			cJSON_AddStringToObject(o2, "name", c->name);
			cJSON_AddBoolToObject(o2, "pass", ok);
			if (result)
				cJSON_AddStringToObject(o2, "verdict",
					advisor_verdict_name(advisor_result_verdict(result)));
			cJSON_AddItemToObject(o2, "differences", diffs);
			cJSON_AddItemToArray(t->report, o2);
		} else {
			const cJSON *d;
			printf("%s  %s: %s\n", ok ? "PASS" : "FAIL", path, c->name);
			cJSON_ArrayForEach(d, diffs)
				printf("      %s\n", d->valuestring);
			cJSON_Delete(diffs);
		}
		advisor_result_free(result);
	}
	cli_case_file_close(&cf);
	return EXIT_OK;
}

static void print_coverage(const run *t)
{
	size_t n = advisor_engine_rule_count(t->engine), active = 0, hit = 0;

	for (size_t i = 0; i < n; i++)
		if (!advisor_engine_rule(t->engine, i)->off) {
			active++;
			hit += t->fired[i] > 0;
		}
	printf("\nCoverage: %zu of %zu active rules fired\n", hit, active);
	for (size_t i = 0; i < n; i++) {
		const advisor_rule_info *r = advisor_engine_rule(t->engine, i);
		if (!r->off && t->fired[i])
			printf("  fired       %-16s %zu case%s  (%s:%d)\n", r->name,
				t->fired[i], t->fired[i] == 1 ? "" : "s",
				r->file ? r->file : "?", r->line);
	}
	for (size_t i = 0; i < n; i++) {
		const advisor_rule_info *r = advisor_engine_rule(t->engine, i);
		if (!r->off && !t->fired[i])
			printf("  never fired %-16s (%s:%d)\n", r->name,
				r->file ? r->file : "?", r->line);
	}
	for (size_t i = 0; i < t->intent_count; i++)
		if (!t->intent_used[i])
			printf("  intent never asked: %s\n", advisor_engine_intent(t->engine, i));
}

static cJSON *coverage_json(const run *t)
{
	cJSON *cov = cJSON_CreateObject();
	cJSON *f = cJSON_AddObjectToObject(cov, "fired");
	cJSON *never = cJSON_AddArrayToObject(cov, "never_fired");

	for (size_t i = 0; i < advisor_engine_rule_count(t->engine); i++) {
		const advisor_rule_info *r = advisor_engine_rule(t->engine, i);
		if (r->off)
			continue;
		if (t->fired[i])
			cJSON_AddNumberToObject(f, r->name, (double)t->fired[i]);
		else
			cJSON_AddItemToArray(never, cJSON_CreateString(r->name));
	}
	cJSON *unasked = cJSON_AddArrayToObject(cov, "intents_never_asked");
	for (size_t i = 0; i < t->intent_count; i++)
		if (!t->intent_used[i])
			cJSON_AddItemToArray(unasked,
				cJSON_CreateString(advisor_engine_intent(t->engine, i)));
	return cov;
}

int cmd_test(int argc, char **argv)
{
	cli_options o;
	run t = { 0 };
	int coverage = 0, c, status = EXIT_OK;

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
		case OPT_COVERAGE: coverage = 1; break;
		case OPT_JSON: t.json = 1; break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("test", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (optind == argc) {
		cli_error("test: which case files? e.g. 'advisor test tests/policy/*.json'");
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = cli_open_engines(&o, &t.engine, 1)) != EXIT_OK)
		goto done;
	t.o = &o;
	t.fired = calloc(advisor_engine_rule_count(t.engine) + 1, sizeof(size_t));
	t.intent_count = advisor_engine_intent_count(t.engine);
	t.intent_used = calloc(t.intent_count + 1, sizeof(size_t));
	t.report = cJSON_CreateArray();
	if (!t.fired || !t.intent_used || !t.report) {
		cli_error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	for (int i = optind; i < argc && status == EXIT_OK; i++)
		status = run_file(&t, argv[i], &o);
	if (status != EXIT_OK)
		goto done;
	if (t.json) {
		cJSON *root = cJSON_CreateObject();
		cJSON_AddStringToObject(root, "policy", advisor_engine_policy_name(t.engine));
		cJSON_AddNumberToObject(root, "passed", (double)t.passed);
		cJSON_AddNumberToObject(root, "failed", (double)t.failed);
		cJSON_AddItemToObject(root, "cases", t.report);
		t.report = NULL;
		if (coverage)
			cJSON_AddItemToObject(root, "coverage", coverage_json(&t));
		char *text = cJSON_PrintUnformatted(root);
		cJSON_Delete(root);
		if (!text) {
			cli_error("out of memory");
			status = EXIT_INTERNAL;
			goto done;
		}
		puts(text);
		cJSON_free(text);
	} else {
		printf("\n%zu case%s: %zu passed, %zu failed\n", t.passed + t.failed,
			t.passed + t.failed == 1 ? "" : "s", t.passed, t.failed);
		if (coverage)
			print_coverage(&t);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		status = EXIT_INTERNAL;
	} else if (t.failed) {
		status = EXIT_PARTIAL;
	}
done:
	cJSON_Delete(t.report);
	free(t.fired);
	free(t.intent_used);
	advisor_engine_free(t.engine);
	for (size_t i = 0; i < t.limited_count; i++)
		advisor_engine_free(t.limited[i].engine);
	free(t.limited);
	free(o.layers);
	return status;
}
