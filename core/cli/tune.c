/*
 * tune.c - `advisor tune`: the rules' scores fitted to what became of the
 * invitations you sent (advisor_outcomes_new(), advisor_tuning_new()),
 * beside the current ones, with the agreement before and after and the
 * verdicts that would change; --write puts them in a settings.json layer
 * of their own, $XDG_CONFIG_HOME/advisor/tuned, which every command then
 * loads over your own folder (common.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char usage[] =
"usage: advisor tune [--json] [--write] [options]\n"
"\n"
"Fit the rules' scores to what became of the invitations you sent (as\n"
"successive imports and 'advisor sent' tell it): accepted ones against\n"
"ended ones, pending ones left out.  Prints the proposed score of each\n"
"rule beside its current one, how many of those invitations the verdict\n"
"got right before and after, and the invitations whose verdict would\n"
"change.  The threshold stays as it is.  Nothing changes unless you pass\n"
"--write, and with too few resolved invitations nothing is proposed.\n"
"\n"
"Options:\n"
"      --write          write the proposed scores to\n"
"                       $XDG_CONFIG_HOME/advisor/tuned/settings.json (by\n"
"                       default ~/.config/advisor/tuned), a layer over your\n"
"                       own policy folder that every command then uses;\n"
"                       delete that folder to go back\n"
"      --json           the tuning as one JSON document\n"
"      --min N          fit on at least N resolved invitations (default:\n"
"                       the policy's tune_min_outcomes, 30)\n"
"      --penalty X      how strongly the scores are held where they are\n"
"                       (default: the policy's tune_penalty, 1)\n"
"      --as-of DATE     count outcomes as on DATE (YYYY-MM-DD); default today\n"
"  -n, --network FILE   the network file; default $ADVISOR_NETWORK, else\n"
"                       the data folder's network.json (whose decision log\n"
"                       gives the advice you had when you sent them)\n"
"  -p, --policy DIR     a policy folder layered over the shipped policy;\n"
"                       repeat to stack layers, the last one highest\n"
"      --max-size SIZE  refuse network files larger than SIZE (default 1G)\n"
"      --no-cache       parse the network file even if a snapshot exists\n"
CLI_LIMIT_HELP
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 scores proposed (and written with --write), 6 too few\n"
"resolved invitations (nothing proposed or written), 2 usage error, 3 bad\n"
"network file or tuned settings.json, 4 policy failure, 1 internal error\n"
"or the layer cannot be written.\n";

enum { OPT_WRITE = 1000, OPT_MIN, OPT_PENALTY };

static const struct option options[] = {
	{ "write", no_argument, NULL, OPT_WRITE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "min", required_argument, NULL, OPT_MIN },
	{ "penalty", required_argument, NULL, OPT_PENALTY },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "network", required_argument, NULL, 'n' },
	{ "policy", required_argument, NULL, 'p' },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The data folder's decision log when the network is the data folder's
 * (no --network, no $ADVISOR_NETWORK), as advise keeps it; else NULL. */
static const char *decision_log(const cli_options *o, char *buf, size_t size)
{
	const char *env = getenv("ADVISOR_NETWORK");

	if (o->network || (env && *env) ||
	    cli_data_file(buf, size, "decisions.ndjson") < 0)
		return NULL;
	return buf;
}

/* Whether there is a network to read: --network, $ADVISOR_NETWORK or the
 * data folder's network.json. */
static int have_network(const cli_options *o)
{
	char buf[4096];
	const char *env = getenv("ADVISOR_NETWORK");
	struct stat st;

	return o->network || (env && *env) ||
		(cli_data_file(buf, sizeof(buf), "network.json") == 0 &&
		 stat(buf, &st) == 0);
}

static void print_warning(void *payload, const char *message)
{
	(void)payload;
	fprintf(stderr, "advisor: warning: %s\n", message);
}

static int percent(size_t part, size_t whole)
{
	return whole ? (int)((100.0 * (double)part) / (double)whole + 0.5) : 0;
}

static void print_rules(const advisor_tuning *t)
{
	int width = 4;

	for (size_t i = 0; i < advisor_tuning_rule_count(t); i++) {
		int w = (int)strlen(advisor_tuning_rule(t, i)->name);
		if (w > width)
			width = w;
	}
	printf("  %-*s  %-5s  %-8s  %5s  %s\n", width, "rule", "now", "proposed",
		"fired", "accepted");
	for (size_t i = 0; i < advisor_tuning_rule_count(t); i++) {
		const advisor_tuned_rule *r = advisor_tuning_rule(t, i);
		char now[32], proposed[48], accepted[48];

		snprintf(now, sizeof(now), "%g", r->current);
		if (r->tuned)
			snprintf(proposed, sizeof(proposed), "%g", r->proposed);
		else
			snprintf(proposed, sizeof(proposed), "-");
		if (r->fired)
			snprintf(accepted, sizeof(accepted), "%zu (%d%%)", r->accepted,
				percent(r->accepted, r->fired));
		else
			snprintf(accepted, sizeof(accepted), "-");
		printf("  %-*s  %-5s  %-8s  %5zu  %s%s\n", width, r->name,
			r->tuned ? now : "check", proposed, r->fired, accepted,
			r->tuned ? "" : "   (its check gives the score: not tuned)");
	}
}

#define CHANGES_SHOWN 20

static void print_changes(const advisor_tuning *t,
	const advisor_network *net)
{
	size_t n = advisor_tuning_change_count(t);

	if (!n) {
		printf("No verdict would change.\n");
		return;
	}
	printf("Verdicts that would change (%zu):\n", n);
	for (size_t i = 0; i < n && i < CHANGES_SHOWN; i++) {
		const advisor_verdict_change *c = advisor_tuning_change(t, i);
		const char *name = advisor_network_person_name(net, c->person);

		printf("  %s (%s), sent %s, %s: %s -> %s (score %g -> %g)\n",
			name ? name : c->person, c->person, c->sent,
			advisor_outcome_state_name(c->state),
			advisor_verdict_name(c->before), advisor_verdict_name(c->after),
			c->score_before, c->score_after);
	}
	if (n > CHANGES_SHOWN)
		printf("  ... and %zu more (--json lists them all)\n",
			n - CHANGES_SHOWN);
}

static void print_tuning(const advisor_tuning *t, const advisor_network *net,
	size_t pending, const char *dir, int will_write)
{
	size_t n = advisor_tuning_resolved(t);

	struct stat st;

	printf("Tuning on %zu resolved invitation%s (accepted or ended; %zu "
		"pending left out),\nthreshold %g (unchanged):\n\n", n,
		n == 1 ? "" : "s", pending, advisor_tuning_threshold(t));
	print_rules(t);
	printf("\nOf these %zu, the verdict agrees with what happened for %zu "
		"(%d%%) now,\nand for %zu (%d%%) with the proposed scores.\n\n", n,
		advisor_tuning_agreement_before(t),
		percent(advisor_tuning_agreement_before(t), n),
		advisor_tuning_agreement_after(t),
		percent(advisor_tuning_agreement_after(t), n));
	print_changes(t, net);
	if (stat(dir, &st) == 0)
		printf("\n\"now\" is your policy without the earlier tuning in %s,\n"
			"which these scores would replace.\n", dir);
	if (!will_write)
		printf("\n'advisor tune --write' puts these scores in %s/settings.json,\n"
			"a layer over your own policy; delete that folder to go back.\n",
			dir);
}

/* Merge the proposal over the tuned folder's settings.json (if any) and
 * write it; an exit code. */
static int write_layer(const advisor_tuning *t, char *dir, FILE *say)
{
	char path[4200];
	char *current = NULL, *text = NULL;
	size_t len = 0;
	advisor_error err;
	int rc, status = EXIT_OK;
	FILE *f;

	snprintf(path, sizeof(path), "%s/settings.json", dir);
	if ((f = fopen(path, "rb"))) {
		char buf[8192];
		size_t got;
		while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
			char *more = realloc(current, len + got + 1);
			if (!more || len + got > (1u << 20)) {
				free(more ? more : current);
				fclose(f);
				cli_error("tune: %s: too large or out of memory", path);
				return EXIT_DATA;
			}
			current = more;
			memcpy(current + len, buf, got);
			len += got;
		}
		fclose(f);
	} else if (errno != ENOENT) {
		cli_error("tune: cannot read %s: %s", path, strerror(errno));
		return EXIT_INTERNAL;
	}
	if ((rc = advisor_tuning_settings_json(&text, t, current, len, &err)) < 0) {
		/* The library names the document settings.json; we know its path. */
		const char *why = err.message;
		if (strncmp(why, "settings.json:", 14) == 0)
			why += 13; /* ": rules: ...", ":1:11: ..." */
		cli_error("tune: %s%s%s (left as it was)", path,
			why == err.message ? ": " : "", why);
		status = rc == ADVISOR_EDATA ? EXIT_DATA : cli_exit_code(rc);
		goto done;
	}
	if (cli_make_dirs(dir) < 0) {
		cli_error("tune: cannot make %s: %s", dir, strerror(errno));
		status = EXIT_INTERNAL;
		goto done;
	}
	size_t text_len = strlen(text);
	char *line = malloc(text_len + 2);
	if (!line) {
		cli_error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	memcpy(line, text, text_len);
	line[text_len] = '\n';
	line[text_len + 1] = '\0';
	rc = advisor_file_write(path, line, text_len + 1, &err);
	free(line);
	if (rc < 0) {
		cli_report(&err);
		status = EXIT_INTERNAL;
		goto done;
	}
	fprintf(say, "Wrote %s.\nEvery command now uses these scores "
		"('advisor rules' shows where each comes from);\ndelete %s to go "
		"back.\n", path, dir);
done:
	free(current);
	advisor_string_free(text);
	return status;
}

int cmd_tune(int argc, char **argv)
{
	return cli_tune(argc, argv, NULL);
}

int cli_tune(int argc, char **argv, const cli_lent *lent)
{
	cli_options o;
	const char *as_of = NULL;
	int json = 0, write = 0, c, status = EXIT_OK, rc;
	unsigned long min = 0;
	double penalty = 0;
	advisor_network *net = NULL;
	advisor_engine *engine = NULL;
	advisor_outcomes *outcomes = NULL;
	advisor_tuning *tuning = NULL;
	advisor_outcomes_options oo = ADVISOR_OUTCOMES_OPTIONS_INIT;
	advisor_tuning_options to = ADVISOR_TUNING_OPTIONS_INIT;
	advisor_error err;
	char log[4096], dir[4096];
	char *text = NULL;

	if (cli_options_begin(&o, argc) < 0) {
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	while ((c = cli_next_option(&o, argc, argv, "n:p:h", options)) != -1) {
		char *end;
		if (c == CLI_BAD_VALUE) {
			status = EXIT_USAGE;
			goto done;
		}
		switch (c) {
		case OPT_WRITE: write = 1; break;
		case OPT_JSON: json = 1; break;
		case OPT_AS_OF: as_of = optarg; break;
		case OPT_MIN:
			if (cli_parse_uint(optarg, 1, 100000000, &min) < 0) {
				cli_error("tune: --min: '%s' is not a whole number from 1 "
					"to 100000000", optarg);
				status = EXIT_USAGE;
				goto done;
			}
			break;
		case OPT_PENALTY:
			errno = 0;
			penalty = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(penalty > 0) ||
			    penalty > 1e9) {
				cli_error("tune: --penalty: '%s' is not a number above 0 "
					"(and at most 1e9)", optarg);
				status = EXIT_USAGE;
				goto done;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("tune", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (optind < argc) {
		cli_error("tune: unexpected argument '%s'; tune takes no person (it "
			"fits the scores to every invitation you sent)", argv[optind]);
		status = EXIT_USAGE;
		goto done;
	}
	if (cli_tuned_dir(dir, sizeof(dir)) < 0) {
		cli_error("tune: no $XDG_CONFIG_HOME or $HOME to find the tuned "
			"layer in");
		status = EXIT_INTERNAL;
		goto done;
	}
	if (!lent && !have_network(&o)) {
		if (json)
			cli_error("tune: no network: nothing is imported (advisor init "
				"EXPORT)");
		else
			printf("Nothing to tune on yet: nothing is imported.  Import your "
				"LinkedIn export\nwith 'advisor init EXPORT', and later ones as "
				"they come: each shows what\nbecame of the invitations the "
				"earlier ones listed.\n");
		status = EXIT_PARTIAL;
		goto done;
	}
	/* The anchor is your policy without an earlier tuning, so that tuning
	 * again on the same outcomes proposes the same scores. */
	o.no_tuned = 1;
	if (lent)
		net = lent->net;
	else if ((status = cli_load_network(&o, &net)) != EXIT_OK)
		goto done;
	if ((status = cli_open_engines(&o, &engine, 1)) != EXIT_OK)
		goto done;
	oo.as_of = as_of;
	oo.decision_log = decision_log(&o, log, sizeof(log));
	oo.warning = print_warning;
	if ((rc = advisor_outcomes_new(&outcomes, engine, net, &oo, &err)) < 0) {
		cli_report(&err);
		status = cli_exit_code(rc);
		goto done;
	}
	to.min_outcomes = min;
	to.penalty = penalty;
	if ((rc = advisor_tuning_new(&tuning, engine, outcomes, &to, &err)) < 0) {
		cli_report(&err);
		status = cli_exit_code(rc);
		goto done;
	}
	size_t pending = 0;
	for (size_t i = 0; i < advisor_outcomes_count(outcomes); i++)
		pending += advisor_outcomes_get(outcomes, i)->state ==
			ADVISOR_OUTCOME_PENDING;

	if (json) {
		if ((rc = advisor_tuning_to_json(&text, tuning, &err)) < 0) {
			cli_report(&err);
			status = cli_exit_code(rc);
			goto done;
		}
		puts(text);
	}
	if (!advisor_tuning_fitted(tuning)) {
		size_t have = advisor_tuning_resolved(tuning),
			need = advisor_tuning_needed(tuning);
		if (!json)
			printf("%zu resolved invitation%s (accepted or ended) so far, "
				"%zu pending; tuning needs at least %zu: %zu more.\n"
				"Nothing was proposed%s.\n", have, have == 1 ? "" : "s",
				pending, need, need - have, write ? " or written" : "");
		status = EXIT_PARTIAL;
		goto done;
	}
	if (!json)
		print_tuning(tuning, net, pending, dir, write);
	if (write) {
		if (!json)
			putchar('\n');
		if ((status = write_layer(tuning, dir,
				json ? stderr : stdout)) != EXIT_OK)
			goto done;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		status = EXIT_INTERNAL;
	}
done:
	advisor_string_free(text);
	advisor_tuning_free(tuning);
	advisor_outcomes_free(outcomes);
	advisor_engine_free(engine);
	if (!lent)
		advisor_network_free(net);
	free(o.layers);
	return status;
}
