/*
 * tuning.c - the rules' scores fitted to what became of the invitations
 * sent: the outcomes (outcomes.c) made into samples, the anchored logistic
 * regression (fit.c) run on the resolved ones, and what the proposed
 * scores would change.
 *
 * Which rules are tuned: those that add the score they declare (a rule
 * info's score is not 0) and have no veto, and are not switched off.  A
 * rule whose check gives its own score (mutuals) or that adds nothing
 * (stranger) cannot be given another score by settings.json (its check
 * wins), so what it added to each outcome is kept as the sample's offset,
 * and so is what a rule the policy no longer has added.  Outcomes a veto
 * decided, and verdicts the scores did not give (already connected,
 * invited, wait), are no samples.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "engine/engine.h"
#include "json/buf.h"
#include "json/strict.h"
#include "plan/fit.h"
#include "util/arena.h"
#include "util/error.h"

struct advisor_tuning {
	adv_arena arena;
	int fitted;
	size_t resolved, needed, agree_before, agree_after;
	double threshold, scale, penalty;
	advisor_tuned_rule *rules;
	size_t rule_count;
	advisor_verdict_change *changes;
	size_t change_count;
};

/* A scored outcome as a sample, and what the report needs of it. */
typedef struct scored {
	adv_fit_sample sample;
	const advisor_outcome *outcome;
} scored;

void advisor_tuning_options_init(advisor_tuning_options *opts)
{
	if (opts) {
		advisor_tuning_options init = ADVISOR_TUNING_OPTIONS_INIT;
		*opts = init;
	}
}

/* The policy's number setting `name`, above 0 (or at least 0 with
 * zero_ok). */
static int number_setting(double *out, const advisor_engine *engine,
	const char *name, int zero_ok, advisor_error *err)
{
	const adv_setting *s = adv_setting_find((adv_vm *)&engine->vm, name);

	if (!s)
		return adv_error_set(err, ADVISOR_EPOLICY, "advisor_tuning_new: the "
			"policy has no setting \"%s\" (the shipped settings.lua "
			"declares it)", name);
	if (s->kind != ADV_SETTING_NUMBER || !isfinite(s->number) ||
	    s->number < 0 || (!zero_ok && s->number == 0))
		return adv_error_set(err, ADVISOR_EPOLICY, "advisor_tuning_new: the "
			"setting \"%s\" (set by %s) must be a number above 0%s", name,
			s->where ? s->where : "the policy", zero_ok ? " or 0" : "");
	*out = s->number;
	return ADVISOR_OK;
}

static double round2(double x)
{
	return round(x * 100) / 100;
}

static int is_scored(const advisor_outcome *o)
{
	if (o->verdict != ADVISOR_CONNECT && o->verdict != ADVISOR_CONNECT_WITH_NOTE &&
	    o->verdict != ADVISOR_DONT_CONNECT)
		return 0;
	for (size_t i = 0; i < advisor_outcome_rule_count(o); i++)
		if (advisor_outcome_rule(o, i)->vetoed)
			return 0;
	return 1;
}

static int is_resolved(const advisor_outcome *o)
{
	return o->state == ADVISOR_OUTCOME_ACCEPTED || o->state == ADVISOR_OUTCOME_ENDED;
}

/* The tuning's rules: every rule that is not a veto and not off. */
static int take_rules(advisor_tuning *t, const advisor_engine *engine,
	advisor_error *err)
{
	size_t n = advisor_engine_rule_count(engine);

	if (!(t->rules = calloc(n ? n : 1, sizeof *t->rules)))
		return adv_error_set(err, ADVISOR_ENOMEM, "advisor_tuning_new: out "
			"of memory");
	for (size_t i = 0; i < n; i++) {
		const advisor_rule_info *r = advisor_engine_rule(engine, i);
		advisor_tuned_rule *x = &t->rules[t->rule_count];

		if (r->veto_verdict || r->off)
			continue;
		if (!(x->name = adv_arena_strdup(&t->arena, r->name)))
			return adv_error_set(err, ADVISOR_ENOMEM, "advisor_tuning_new: "
				"out of memory");
		x->tuned = r->score != 0;
		x->current = x->proposed = r->score;
		t->rule_count++;
	}
	return ADVISOR_OK;
}

static advisor_tuned_rule *rule_named(advisor_tuning *t, const char *name)
{
	for (size_t i = 0; i < t->rule_count; i++)
		if (strcmp(t->rules[i].name, name) == 0)
			return &t->rules[i];
	return NULL;
}

/* Outcome o as a sample: the weight index of each tuned rule that fired
 * (widx maps a rule of t to its weight, or -1), the rest an offset. */
static int make_sample(scored *s, advisor_tuning *t, const long *widx,
	const advisor_outcome *o, advisor_error *err)
{
	size_t n = advisor_outcome_rule_count(o);
	uint32_t *rules = adv_arena_alloc(&t->arena, (n ? n : 1) * sizeof *rules);

	if (!rules)
		return adv_error_set(err, ADVISOR_ENOMEM, "advisor_tuning_new: out "
			"of memory");
	s->outcome = o;
	s->sample.rules = rules;
	s->sample.rule_count = 0;
	s->sample.offset = 0;
	s->sample.accepted = o->state == ADVISOR_OUTCOME_ACCEPTED;
	for (size_t i = 0; i < n; i++) {
		const advisor_reason *r = advisor_outcome_rule(o, i);
		advisor_tuned_rule *x = rule_named(t, r->rule);
		long w = x ? widx[x - t->rules] : -1;

		if (x && is_resolved(o)) {
			x->fired++;
			x->accepted += s->sample.accepted;
		}
		if (w >= 0)
			rules[s->sample.rule_count++] = (uint32_t)w;
		else
			s->sample.offset += r->score;
	}
	return ADVISOR_OK;
}

static int by_resolved_first(const void *a, const void *b)
{
	int ra = is_resolved(((const scored *)a)->outcome);
	int rb = is_resolved(((const scored *)b)->outcome);

	return rb - ra;
}

static int find_changes(advisor_tuning *t, const scored *s, size_t n,
	const double *anchor, const double *proposed, advisor_error *err)
{
	for (size_t i = 0; i < n; i++) {
		double before = adv_fit_score(&s[i].sample, anchor);
		double after = adv_fit_score(&s[i].sample, proposed);
		if ((before >= t->threshold) != (after >= t->threshold))
			t->change_count++;
	}
	if (!t->change_count)
		return ADVISOR_OK;
	if (!(t->changes = calloc(t->change_count, sizeof *t->changes)))
		return adv_error_set(err, ADVISOR_ENOMEM, "advisor_tuning_new: out "
			"of memory");
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		double before = adv_fit_score(&s[i].sample, anchor);
		double after = adv_fit_score(&s[i].sample, proposed);
		advisor_verdict_change *c = &t->changes[k];

		if ((before >= t->threshold) == (after >= t->threshold))
			continue;
		c->state = s[i].outcome->state;
		c->score_before = round2(before);
		c->score_after = round2(after);
		c->before = s[i].outcome->verdict;
		c->after = after >= t->threshold ? ADVISOR_CONNECT : ADVISOR_DONT_CONNECT;
		if (!(c->person = adv_arena_strdup(&t->arena, s[i].outcome->person)) ||
		    !(c->sent = adv_arena_strdup(&t->arena, s[i].outcome->sent)))
			return adv_error_set(err, ADVISOR_ENOMEM, "advisor_tuning_new: "
				"out of memory");
		k++;
	}
	return ADVISOR_OK;
}

/* Order the changes as the outcomes are ordered (by day sent, then
 * person): the samples were sorted resolved first. */
static int by_sent(const void *a, const void *b)
{
	const advisor_verdict_change *x = a, *y = b;
	int c = strcmp(x->sent, y->sent);

	return c ? c : strcmp(x->person, y->person);
}

static int fit(advisor_tuning *t, scored *s, size_t n, advisor_error *err)
{
	long *widx = calloc(t->rule_count ? t->rule_count : 1, sizeof *widx);
	double *anchor = calloc(t->rule_count ? t->rule_count : 1, sizeof *anchor);
	double *w = calloc(t->rule_count ? t->rule_count : 1, sizeof *w);
	adv_fit_sample *samples = calloc(n ? n : 1, sizeof *samples);
	size_t k = 0;
	int rc = ADVISOR_OK;

	if (!widx || !anchor || !w || !samples) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "advisor_tuning_new: out of "
			"memory");
		goto done;
	}
	for (size_t i = 0; i < t->rule_count; i++) {
		widx[i] = t->rules[i].tuned ? (long)k : -1;
		if (t->rules[i].tuned)
			anchor[k++] = t->rules[i].current;
	}
	for (size_t i = 0; i < n; i++)
		if ((rc = make_sample(&s[i], t, widx, s[i].outcome, err)) < 0)
			goto done;
	qsort(s, n, sizeof *s, by_resolved_first);
	for (t->resolved = 0; t->resolved < n && is_resolved(s[t->resolved].outcome);
	     t->resolved++)
		samples[t->resolved] = s[t->resolved].sample;
	t->agree_before = t->agree_after =
		adv_fit_agreement(samples, t->resolved, anchor, t->threshold);
	if (t->resolved < t->needed || t->resolved == 0)
		goto done;

	adv_fit_params p = { t->threshold, t->scale, t->penalty, 0 };
	if ((rc = adv_fit_logistic(w, anchor, k, samples, t->resolved, &p, NULL,
			err)) < 0)
		goto done;
	for (size_t i = 0; i < k; i++)
		w[i] = round2(w[i]);
	for (size_t i = 0; i < t->rule_count; i++)
		if (widx[i] >= 0)
			t->rules[i].proposed = w[widx[i]];
	t->fitted = 1;
	t->agree_after = adv_fit_agreement(samples, t->resolved, w, t->threshold);
	if ((rc = find_changes(t, s, n, anchor, w, err)) < 0)
		goto done;
	if (t->change_count)
		qsort(t->changes, t->change_count, sizeof *t->changes, by_sent);
done:
	free(widx);
	free(anchor);
	free(w);
	free(samples);
	return rc;
}

int advisor_tuning_new(advisor_tuning **out, const advisor_engine *engine,
	const advisor_outcomes *outcomes, const advisor_tuning_options *opts,
	advisor_error *err)
{
	static const char fn[] = "advisor_tuning_new";
	advisor_tuning_options o = ADVISOR_TUNING_OPTIONS_INIT;
	advisor_tuning *t = NULL;
	scored *s = NULL;
	size_t n = 0;
	double min = 0;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: out is NULL", fn);
	*out = NULL;
	if (!engine || !outcomes)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: engine and outcomes "
			"are required", fn);
	if (opts) {
		if ((rc = adv_check_version(err, "advisor_tuning_options",
				opts->version, ADVISOR_TUNING_OPTIONS_VERSION)) < 0)
			return rc;
		o = *opts;
	}
	if (!isfinite(o.penalty) || o.penalty < 0)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: penalty: %g is not "
			"0 (the policy's) or a number above 0", fn, o.penalty);
	if (!(t = calloc(1, sizeof *t)))
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
	adv_arena_init(&t->arena);
	t->threshold = advisor_engine_threshold(engine);
	if ((rc = number_setting(&t->scale, engine, "tune_scale", 0, err)) < 0 ||
	    (rc = number_setting(&t->penalty, engine, "tune_penalty", 0, err)) < 0 ||
	    (rc = number_setting(&min, engine, "tune_min_outcomes", 1, err)) < 0)
		goto fail;
	if (o.penalty > 0)
		t->penalty = o.penalty;
	t->needed = o.min_outcomes ? o.min_outcomes : (size_t)ceil(min);
	if ((rc = take_rules(t, engine, err)) < 0)
		goto fail;
	if (!(s = calloc(advisor_outcomes_count(outcomes) + 1, sizeof *s))) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
		goto fail;
	}
	for (size_t i = 0; i < advisor_outcomes_count(outcomes); i++) {
		const advisor_outcome *x = advisor_outcomes_get(outcomes, i);
		if (is_scored(x))
			s[n++].outcome = x;
	}
	if ((rc = fit(t, s, n, err)) < 0)
		goto fail;
	free(s);
	*out = t;
	return ADVISOR_OK;
fail:
	free(s);
	advisor_tuning_free(t);
	return rc;
}

unsigned int advisor_tuning_fitted(const advisor_tuning *t)
{
	return t ? (unsigned int)t->fitted : 0;
}

size_t advisor_tuning_resolved(const advisor_tuning *t)
{
	return t ? t->resolved : 0;
}

size_t advisor_tuning_needed(const advisor_tuning *t)
{
	return t ? t->needed : 0;
}

double advisor_tuning_threshold(const advisor_tuning *t)
{
	return t ? t->threshold : 0;
}

size_t advisor_tuning_agreement_before(const advisor_tuning *t)
{
	return t ? t->agree_before : 0;
}

size_t advisor_tuning_agreement_after(const advisor_tuning *t)
{
	return t ? t->agree_after : 0;
}

size_t advisor_tuning_rule_count(const advisor_tuning *t)
{
	return t ? t->rule_count : 0;
}

const advisor_tuned_rule *advisor_tuning_rule(const advisor_tuning *t,
	size_t i)
{
	return t && i < t->rule_count ? &t->rules[i] : NULL;
}

size_t advisor_tuning_change_count(const advisor_tuning *t)
{
	return t ? t->change_count : 0;
}

const advisor_verdict_change *advisor_tuning_change(const advisor_tuning *t,
	size_t i)
{
	return t && i < t->change_count ? &t->changes[i] : NULL;
}

static void put_count(adv_buf *b, const char *key, size_t n)
{
	char num[32];

	snprintf(num, sizeof num, ",\"%s\":%zu", key, n);
	adv_buf_puts(b, num);
}

static void put_number(adv_buf *b, const char *key, double x)
{
	adv_buf_puts(b, ",\"");
	adv_buf_puts(b, key);
	adv_buf_puts(b, "\":");
	adv_buf_json_number(b, x);
}

int advisor_tuning_to_json(char **out, const advisor_tuning *t,
	advisor_error *err)
{
	adv_buf b = { NULL, 0, 0, 0 };
	char num[128];

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_tuning_to_json: out is NULL");
	*out = NULL;
	if (!t)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_tuning_to_json: tuning is NULL");
	adv_buf_puts(&b, t->fitted ? "{\"fitted\":true" : "{\"fitted\":false");
	put_count(&b, "resolved", t->resolved);
	put_count(&b, "needed", t->needed);
	put_number(&b, "threshold", t->threshold);
	put_number(&b, "scale", t->scale);
	put_number(&b, "penalty", t->penalty);
	snprintf(num, sizeof num, ",\"agreement\":{\"before\":%zu,\"after\":%zu,"
		"\"of\":%zu}", t->agree_before, t->agree_after, t->resolved);
	adv_buf_puts(&b, num);
	adv_buf_puts(&b, ",\"rules\":[");
	for (size_t i = 0; i < t->rule_count; i++) {
		const advisor_tuned_rule *r = &t->rules[i];
		adv_buf_puts(&b, i ? ",{\"rule\":" : "{\"rule\":");
		adv_buf_json_string(&b, r->name);
		adv_buf_puts(&b, r->tuned ? ",\"tuned\":true" : ",\"tuned\":false");
		put_number(&b, "current", r->current);
		put_number(&b, "proposed", r->proposed);
		put_count(&b, "fired", r->fired);
		put_count(&b, "accepted", r->accepted);
		adv_buf_puts(&b, "}");
	}
	adv_buf_puts(&b, "],\"changes\":[");
	for (size_t i = 0; i < t->change_count; i++) {
		const advisor_verdict_change *c = &t->changes[i];
		adv_buf_puts(&b, i ? ",{\"person\":" : "{\"person\":");
		adv_buf_json_string(&b, c->person);
		adv_buf_puts(&b, ",\"sent\":");
		adv_buf_json_string(&b, c->sent);
		adv_buf_puts(&b, ",\"state\":");
		adv_buf_json_string(&b, advisor_outcome_state_name(c->state));
		put_number(&b, "score_before", c->score_before);
		put_number(&b, "score_after", c->score_after);
		adv_buf_puts(&b, ",\"before\":");
		adv_buf_json_string(&b, advisor_verdict_name(c->before));
		adv_buf_puts(&b, ",\"after\":");
		adv_buf_json_string(&b, advisor_verdict_name(c->after));
		adv_buf_puts(&b, "}");
	}
	adv_buf_puts(&b, "]}");
	if (b.failed || !b.data) {
		free(b.data);
		return adv_error_set(err, ADVISOR_ENOMEM,
			"advisor_tuning_to_json: out of memory");
	}
	*out = b.data;
	return ADVISOR_OK;
}

/* Set obj[key] to item, replacing what was there; 0, or -1 out of memory
 * (item is then freed). */
static int put_item(cJSON *obj, const char *key, cJSON *item)
{
	if (!item)
		return -1;
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		return cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item) ? 0 :
			(cJSON_Delete(item), -1);
	return cJSON_AddItemToObject(obj, key, item) ? 0 : (cJSON_Delete(item), -1);
}

int advisor_tuning_settings_json(char **out, const advisor_tuning *t,
	const char *current, size_t len, advisor_error *err)
{
	static const char fn[] = "advisor_tuning_settings_json";
	cJSON *root = NULL, *rules;
	char *text = NULL;
	int rc = ADVISOR_OK;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: out is NULL", fn);
	*out = NULL;
	if (!t)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: tuning is NULL", fn);
	if (!t->fitted)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: nothing was fitted: "
			"%zu resolved outcomes of the %zu needed", fn, t->resolved,
			t->needed);
	if (current && len) {
		char *copy = malloc(len + 1);

		if (!copy)
			return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
		memcpy(copy, current, len);
		copy[len] = '\0';
		rc = adv_json_parse(&root, copy, len, "settings.json", 0, err);
		free(copy);
		if (rc < 0)
			return rc;
		if (!cJSON_IsObject(root)) {
			rc = adv_error_set(err, ADVISOR_EDATA, "settings.json: not a "
				"JSON object");
			goto done;
		}
	} else if (!(root = cJSON_CreateObject())) {
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
	}
	rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
	if (!rules) {
		if (put_item(root, "rules", cJSON_CreateObject()) < 0)
			goto nomem;
		rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
	} else if (!cJSON_IsObject(rules)) {
		rc = adv_error_set(err, ADVISOR_EDATA, "settings.json: rules: "
			"expected an object");
		adv_error_locate(err, "rules", NULL);
		goto done;
	}
	for (size_t i = 0; i < t->rule_count; i++) {
		const advisor_tuned_rule *r = &t->rules[i];
		cJSON *rule;

		if (!r->tuned || !r->fired)
			continue;
		rule = cJSON_GetObjectItemCaseSensitive(rules, r->name);
		if (!rule) {
			if (put_item(rules, r->name, cJSON_CreateObject()) < 0)
				goto nomem;
			rule = cJSON_GetObjectItemCaseSensitive(rules, r->name);
		} else if (!cJSON_IsObject(rule)) {
			rc = adv_error_set(err, ADVISOR_EDATA, "settings.json: rules.%s: "
				"expected an object", r->name);
			adv_error_locate(err, "rules", r->name);
			goto done;
		}
		if (put_item(rule, "score", cJSON_CreateNumber(r->proposed)) < 0)
			goto nomem;
	}
	if (!(text = cJSON_Print(root)))
		goto nomem;
	*out = text;
	goto done;
nomem:
	rc = adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
done:
	cJSON_Delete(root);
	return rc;
}

void advisor_tuning_free(advisor_tuning *t)
{
	if (!t)
		return;
	free(t->rules);
	free(t->changes);
	adv_arena_free(&t->arena);
	free(t);
}
