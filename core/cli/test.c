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
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

typedef struct run {
	advisor_engine *engine;
	int json;
	size_t passed, failed;
	size_t *fired;       /* per rule of the engine: cases it fired in */
	size_t *intent_used; /* per intent of the engine: cases that asked it */
	size_t intent_count;
	cJSON *report;       /* --json: the cases */
} run;

static const char *str(const cJSON *obj, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, key));
}

static int fired(const cJSON *result, const char *rule)
{
	const cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(result, "reasons")) {
		const char *name = str(r, "rule");
		if (name && strcmp(name, rule) == 0)
			return 1;
	}
	return 0;
}

/* The rules that fired, "a, b", for messages. */
static void fired_list(char *buf, size_t size, const cJSON *result)
{
	const cJSON *r;
	buf[0] = '\0';
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(result, "reasons")) {
		if (buf[0])
			strncat(buf, ", ", size - strlen(buf) - 1);
		strncat(buf, str(r, "rule") ? str(r, "rule") : "?", size - strlen(buf) - 1);
	}
	if (!buf[0])
		snprintf(buf, size, "none");
}

/* Compare a result (or an error) with a case's expectations; each
 * difference is a line added to diffs. */
static void compare(cJSON *diffs, const cJSON *ex, const cJSON *result,
	int rc, const advisor_error *err)
{
	char buf[2048 + ADVISOR_ERROR_MESSAGE_MAX], list[512];
	const char *want_error = str(ex, "error"), *s;
	const cJSON *it;

	if (rc != ADVISOR_OK) {
		if (want_error && strstr(err->message, want_error))
			return;
		if (want_error)
			snprintf(buf, sizeof(buf), "error: got \"%s\", expected one containing \"%s\"",
				err->message, want_error);
		else
			snprintf(buf, sizeof(buf), "error: %s", err->message);
		cJSON_AddItemToArray(diffs, cJSON_CreateString(buf));
		return;
	}
	if (want_error) {
		snprintf(buf, sizeof(buf), "expected an error containing \"%s\", got verdict %s",
			want_error, str(result, "verdict"));
		cJSON_AddItemToArray(diffs, cJSON_CreateString(buf));
	}
	fired_list(list, sizeof(list), result);
	if ((s = str(ex, "verdict")) && strcmp(s, str(result, "verdict")) != 0) {
		snprintf(buf, sizeof(buf), "verdict: got %s, expected %s (rules fired: %s)",
			str(result, "verdict"), s, list);
		cJSON_AddItemToArray(diffs, cJSON_CreateString(buf));
	}
	if ((s = str(ex, "first_rule"))) {
		const cJSON *first = cJSON_GetArrayItem(
			cJSON_GetObjectItemCaseSensitive(result, "reasons"), 0);
		const char *got = first ? str(first, "rule") : NULL;
		if (!got || strcmp(got, s) != 0) {
			snprintf(buf, sizeof(buf), "deciding rule: got %s, expected %s",
				got ? got : "none", s);
			cJSON_AddItemToArray(diffs, cJSON_CreateString(buf));
		}
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(ex, "rules"))
		if (!fired(result, it->valuestring)) {
			snprintf(buf, sizeof(buf), "rule %s did not fire (fired: %s)",
				it->valuestring, list);
			cJSON_AddItemToArray(diffs, cJSON_CreateString(buf));
		}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(ex, "not_rules"))
		if (fired(result, it->valuestring)) {
			snprintf(buf, sizeof(buf), "rule %s fired, expected it not to",
				it->valuestring);
			cJSON_AddItemToArray(diffs, cJSON_CreateString(buf));
		}
	const char *note = str(result, "note");
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(ex, "note_contains"))
		if (!note || !strstr(note, it->valuestring)) {
			snprintf(buf, sizeof(buf), "note: %s%s%s lacks \"%s\"",
				note ? "\"" : "", note ? note : "none", note ? "\"" : "",
				it->valuestring);
			cJSON_AddItemToArray(diffs, cJSON_CreateString(buf));
		}
	it = cJSON_GetObjectItemCaseSensitive(ex, "no_note");
	if (cJSON_IsTrue(it) && note) {
		snprintf(buf, sizeof(buf), "note: expected none, got \"%s\"", note);
		cJSON_AddItemToArray(diffs, cJSON_CreateString(buf));
	} else if (cJSON_IsFalse(it) && !note) {
		cJSON_AddItemToArray(diffs, cJSON_CreateString("note: expected one, got none"));
	}
}

/* expect.what_if: each change must be among those that flip the verdict
 * (advisor_explain()). */
static void compare_what_ifs(cJSON *diffs, const cJSON *ex, run *t,
	const advisor_network *net, const cJSON *request)
{
	const cJSON *want = cJSON_GetObjectItemCaseSensitive(ex, "what_if"), *it;
	advisor_explanation *x = NULL;
	advisor_error err;
	char buf[2048 + ADVISOR_ERROR_MESSAGE_MAX];

	if (!cJSON_GetArraySize(want))
		return;
	if (cli_case_explain(&x, t->engine, net, request, &err) != ADVISOR_OK) {
		snprintf(buf, sizeof(buf), "explaining: %s", err.message);
		cJSON_AddItemToArray(diffs, cJSON_CreateString(buf));
		return;
	}
	size_t changes = advisor_explanation_what_if_count(x);
	cJSON_ArrayForEach(it, want) {
		int found = 0;
		for (size_t i = 0; i < changes && !found; i++)
			found = strcmp(advisor_explanation_what_if(x, i)->change,
				it->valuestring) == 0;
		if (found)
			continue;
		size_t n = (size_t)snprintf(buf, sizeof(buf),
			"what if: \"%s\" does not flip the verdict (changes that do:",
			it->valuestring);
		for (size_t i = 0; i < changes && n < sizeof(buf); i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s \"%s\"",
				i ? "," : "", advisor_explanation_what_if(x, i)->change);
		if (n < sizeof(buf))
			snprintf(buf + n, sizeof(buf) - n, "%s)", changes ? "" : " none");
		cJSON_AddItemToArray(diffs, cJSON_CreateString(buf));
	}
	advisor_explanation_free(x);
}

static void count_fired(run *t, const cJSON *result)
{
	for (size_t i = 0; i < advisor_engine_rule_count(t->engine); i++)
		if (fired(result, advisor_engine_rule(t->engine, i)->name))
			t->fired[i]++;
}

static void count_intents(run *t, const cJSON *request)
{
	const cJSON *in = cJSON_GetObjectItemCaseSensitive(request, "intent"), *w;

	for (size_t i = 0; i < t->intent_count; i++) {
		const char *name = advisor_engine_intent(t->engine, i);
		int used = cJSON_IsString(in) && strcmp(in->valuestring, name) == 0;
		if (cJSON_IsArray(in))
			cJSON_ArrayForEach(w, in)
				used |= cJSON_IsString(w) && strcmp(w->valuestring, name) == 0;
		t->intent_used[i] += used;
	}
}

static int run_file(run *t, const char *path, const cli_options *o)
{
	cli_case_file cf;
	const cJSON *c;
	int status = cli_case_file_open(&cf, path, o);

	if (status != EXIT_OK) {
		cli_case_file_close(&cf);
		return status;
	}
	cJSON_ArrayForEach(c, cf.cases) {
		const cJSON *ex = cJSON_GetObjectItemCaseSensitive(c, "expect");
		const char *name = str(c, "name");
		cJSON *result = NULL, *diffs = cJSON_CreateArray();
		advisor_error err;
		int rc = cli_case_advise(&result, t->engine, cf.net,
			cJSON_GetObjectItemCaseSensitive(c, "request"), &err);

		if (rc == ADVISOR_ENOMEM || !diffs) {
			cli_error("out of memory");
			cJSON_Delete(diffs);
			cli_case_file_close(&cf);
			return EXIT_INTERNAL;
		}
		compare(diffs, ex, result, rc, &err);
		if (rc == ADVISOR_OK)
			compare_what_ifs(diffs, ex, t, cf.net,
				cJSON_GetObjectItemCaseSensitive(c, "request"));
		count_intents(t, cJSON_GetObjectItemCaseSensitive(c, "request"));
		if (result)
			count_fired(t, result);
		int ok = cJSON_GetArraySize(diffs) == 0;
		ok ? t->passed++ : t->failed++;
		if (t->json) {
			cJSON *o2 = cJSON_CreateObject();
			cJSON_AddStringToObject(o2, "file", path);
			cJSON_AddStringToObject(o2, "name", name);
			cJSON_AddBoolToObject(o2, "pass", ok);
			if (result && str(result, "verdict"))
				cJSON_AddStringToObject(o2, "verdict", str(result, "verdict"));
			cJSON_AddItemToObject(o2, "differences", diffs);
			cJSON_AddItemToArray(t->report, o2);
		} else {
			const cJSON *d;
			printf("%s  %s: %s\n", ok ? "PASS" : "FAIL", path, name);
			cJSON_ArrayForEach(d, diffs)
				printf("      %s\n", d->valuestring);
			cJSON_Delete(diffs);
		}
		cJSON_Delete(result);
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
	free(o.layers);
	return status;
}
