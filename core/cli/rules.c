/*
 * rules.c - `advisor rules`: the policy as the layers left it, rule by
 * rule: kind, score, intents, description, and where each came from.
 */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: advisor rules [--policy DIR]... [--json]\n"
"\n"
"The rules of the policy: the shipped one, your folder\n"
"($XDG_CONFIG_HOME/advisor/policy, default ~/.config/advisor/policy) if it\n"
"exists, and each --policy DIR.  For each rule: its kind (score or veto),\n"
"score, the intents it reads, its description, the file and line that\n"
"declared it and the layer it belongs to; then the rules switched off.\n"
"\n"
"Options:\n"
"  -p, --policy DIR   a policy folder layered over the shipped policy;\n"
"                     repeat to stack layers, the last one highest\n"
"      --json         print the rules as JSON (docs/cli.md)\n"
CLI_LIMIT_HELP
"  -h, --help         show this help\n"
"\n"
"Exit codes: 0 listed, 2 usage error, 4 the policy failed to load,\n"
"1 internal error.\n";

static const struct option options[] = {
	{ "policy", required_argument, NULL, 'p' },
	{ "json", no_argument, NULL, OPT_JSON },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void print_rule(const advisor_rule_info *r)
{
	printf("%s", r->name);
	if (r->veto_verdict)
		printf("  veto %s (%s, priority %g)", r->veto_verdict,
			r->veto_when, r->veto_priority);
	if (r->score != 0)
		printf("  score %+g", r->score);
	else if (!r->veto_verdict)
		printf("  score from its check");
	if (r->fallback)
		printf("  fallback");
	if (advisor_strings_count(r->intents)) {
		printf("  reads:");
		for (size_t k = 0; k < advisor_strings_count(r->intents); k++)
			printf(" %s", advisor_strings_get(r->intents, k));
	}
	printf("\n    %s\n    %s:%d (%s)\n", r->description,
		r->file ? r->file : "?", r->line, r->layer);
	if (r->replaced)
		printf("    replaces %s\n", r->replaced);
	if (r->score_set_by)
		printf("    score set by %s\n", r->score_set_by);
	if (r->off)
		printf("    switched off by %s\n", r->off_by ? r->off_by : "?");
}

static void print_human(advisor_engine *engine)
{
	size_t n = advisor_engine_rule_count(engine), off = 0;

	printf("Policy %s: connect at a score of %g or more\n\n",
		advisor_engine_policy_name(engine), advisor_engine_threshold(engine));
	for (size_t i = 0; i < n; i++) {
		const advisor_rule_info *r = advisor_engine_rule(engine, i);
		if (r->off)
			off++;
		else
			print_rule(r);
	}
	if (off) {
		printf("\nSwitched off:\n");
		for (size_t i = 0; i < n; i++)
			if (advisor_engine_rule(engine, i)->off)
				print_rule(advisor_engine_rule(engine, i));
	}
}

static cJSON *opt_string(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *rules_json(advisor_engine *engine)
{
	cJSON *root = cJSON_CreateObject(), *list;

	cJSON_AddStringToObject(root, "policy", advisor_engine_policy_name(engine));
	cJSON_AddNumberToObject(root, "threshold", advisor_engine_threshold(engine));
	list = cJSON_AddArrayToObject(root, "rules");
	for (size_t i = 0; i < advisor_engine_rule_count(engine); i++) {
		const advisor_rule_info *r = advisor_engine_rule(engine, i);
		cJSON *o = cJSON_CreateObject(), *intents;
		cJSON_AddItemToArray(list, o);
		cJSON_AddStringToObject(o, "name", r->name);
		cJSON_AddStringToObject(o, "kind", r->kind);
		cJSON_AddNumberToObject(o, "score", r->score);
		intents = cJSON_AddArrayToObject(o, "intents");
		for (size_t k = 0; k < advisor_strings_count(r->intents); k++)
			cJSON_AddItemToArray(intents, cJSON_CreateString(
				advisor_strings_get(r->intents, k)));
		cJSON_AddStringToObject(o, "description", r->description);
		cJSON_AddItemToObject(o, "file", opt_string(r->file));
		cJSON_AddNumberToObject(o, "line", r->line);
		cJSON_AddStringToObject(o, "layer", r->layer);
		cJSON_AddBoolToObject(o, "fallback", r->fallback);
		if (r->veto_verdict) {
			cJSON *v = cJSON_AddObjectToObject(o, "veto");
			cJSON_AddStringToObject(v, "verdict", r->veto_verdict);
			cJSON_AddStringToObject(v, "when", r->veto_when);
			cJSON_AddNumberToObject(v, "priority", r->veto_priority);
		}
		cJSON_AddBoolToObject(o, "off", r->off);
		if (r->off_by)
			cJSON_AddStringToObject(o, "off_by", r->off_by);
		if (r->replaced)
			cJSON_AddStringToObject(o, "replaces", r->replaced);
		if (r->score_set_by)
			cJSON_AddStringToObject(o, "score_set_by", r->score_set_by);
	}
	return root;
}

int cmd_rules(int argc, char **argv)
{
	cli_options o;
	int json = 0, c, status = EXIT_OK;
	advisor_engine *engine = NULL;

	if (cli_options_begin(&o, argc) < 0) {
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	while ((c = cli_next_option(&o, argc, argv, "p:h", options)) != -1) {
		switch (c) {
		case CLI_BAD_VALUE:
			status = EXIT_USAGE;
			goto done;
		case OPT_JSON: json = 1; break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("rules", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (optind < argc) {
		cli_error("rules: unexpected argument '%s'", argv[optind]);
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = cli_open_engines(&o, &engine, 1)) != EXIT_OK)
		goto done;
	if (json) {
		cJSON *root = rules_json(engine);
		char *text = root ? cJSON_PrintUnformatted(root) : NULL;
		cJSON_Delete(root);
		if (!text) {
			cli_error("out of memory");
			status = EXIT_INTERNAL;
			goto done;
		}
		puts(text);
		cJSON_free(text);
	} else {
		print_human(engine);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		status = EXIT_INTERNAL;
	}
done:
	advisor_engine_free(engine);
	free(o.layers);
	return status;
}
