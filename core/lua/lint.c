/*
 * lint.c - checks of a loaded policy as a whole.
 *
 * Mistakes a single declaration shows (a rule without a description, a
 * veto to an unknown verdict, the same name twice in one layer) are load
 * errors in lua_module.c.  What only the whole policy shows - a threshold
 * no combination of rules reaches, two vetoes that tie, an intent only
 * switched-off rules read - may be what the author meant while they work
 * on it, so it is a warning with the file and line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/vm.h"

static const char *veto_verdict_name(advisor_verdict v)
{
	return advisor_verdict_name(v);
}

/* The most a rule adds to the score: its max_score when it declares one
 * (its check returns its own score, and the engine holds it to that), else
 * its score; -1 when that is unknown (a rule whose check may return any
 * score, declaring neither). */
static double most_of(const adv_rule *r)
{
	if (r->has_max_score)
		return r->max_score > r->score ? r->max_score : r->score;
	if (r->score == 0 && !r->has_veto)
		return -1;
	return r->score;
}

/* The threshold must be reachable, and must not be reached by nothing. */
static void check_threshold(adv_vm *e)
{
	double reach = 0;

	if (e->threshold <= 0) {
		adv_warn(e, "policy: threshold %g is not above 0: a person no rule speaks for would be worth inviting",
			e->threshold);
		return;
	}
	/* Every active rule firing at its most, vetoes that do not apply
	 * adding their score (bad_ending's when they invite you).  A rule
	 * whose most is unknown may return any score: then nothing is sure. */
	for (size_t i = 0; i < e->rule_count; i++) {
		const adv_rule *r = &e->rules[i];
		double most = most_of(r);
		if (r->off)
			continue;
		if (most < 0)
			return;
		if (most > 0)
			reach += most;
	}
	if (reach < e->threshold)
		adv_warn(e, "policy: threshold %g is above what every score rule together adds (%g): no request can get connect",
			e->threshold, reach);
}

static int cmp_veto(const void *a, const void *b)
{
	const adv_rule *x = *(const adv_rule *const *)a, *y = *(const adv_rule *const *)b;
	/* A NaN priority (0/0) ties with nothing; it sorts last. */
	int xn = isnan(x->veto_priority), yn = isnan(y->veto_priority);
	if (xn != yn)
		return xn - yn;
	if (!xn && x->veto_priority != y->veto_priority)
		return x->veto_priority < y->veto_priority ? -1 : 1;
	return x < y ? -1 : x > y; /* declaration order */
}

/* Two active vetoes with the same priority but different verdicts: which
 * one decides depends on the order of declaration.  Each veto is named
 * once, against the first one declared before it with that priority and
 * another verdict: sorted, so a policy of many vetoes is n log n. */
static void check_veto_ties(adv_vm *e)
{
	const adv_rule **v = NULL;
	size_t n = 0;

	for (size_t i = 0; i < e->rule_count; i++)
		n += !e->rules[i].off && e->rules[i].has_veto;
	if (n < 2 || !(v = malloc(n * sizeof(*v))))
		return;
	n = 0;
	for (size_t i = 0; i < e->rule_count; i++)
		if (!e->rules[i].off && e->rules[i].has_veto)
			v[n++] = &e->rules[i];
	qsort(v, n, sizeof(*v), cmp_veto);
	for (size_t start = 0, end; start < n; start = end) {
		end = start + 1;
		while (end < n && v[end]->veto_priority == v[start]->veto_priority)
			end++;
		/* The first of each verdict in this group, as met in order. */
		const adv_rule *first[3] = { NULL, NULL, NULL };
		for (size_t k = start; k < end; k++) {
			const adv_rule *b = v[k], *a = NULL;
			for (int t = 0; t < 3 && !a; t++)
				if (first[t] && first[t]->veto_verdict != b->veto_verdict)
					a = first[t];
			for (int t = 0; t < 3; t++)
				if (!first[t] || first[t]->veto_verdict == b->veto_verdict) {
					if (!first[t])
						first[t] = b;
					break;
				}
			if (a)
				adv_warn(e, "%s:%d: veto of rule '%s' (%s) has the same priority %g as rule '%s' (%s) at %s:%d; give one a higher priority",
					b->file ? b->file : "?", b->line, b->name,
					veto_verdict_name(b->veto_verdict), b->veto_priority,
					a->name, veto_verdict_name(a->veto_verdict),
					a->file ? a->file : "?", a->line);
		}
	}
	free(v);
}

/* An intent that only switched-off rules declare: requests that use it
 * are now refused as unknown, which may surprise whoever switched the
 * rule off. */
static void check_orphan_intents(adv_vm *e)
{
	for (size_t i = 0; i < e->rule_count; i++) {
		const adv_rule *r = &e->rules[i];
		if (!r->off)
			continue;
		for (size_t k = 0; k < r->intent_count; k++) {
			if (!adv_intent_find(e, r->intents[k]))
				adv_warn(e, "%s:%d: intent '%s' is read only by rule '%s', which is switched off (%s): requests with it will be refused",
					r->file ? r->file : "?", r->line, r->intents[k],
					r->name, r->off_where ? r->off_where : "?");
		}
	}
}

/* The index of `word` in the sorted intents (adv_intent_find's order). */
static size_t intent_index(const adv_vm *e, const char *word)
{
	size_t lo = 0, hi = e->intent_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(word, e->intents[mid]);
		if (c == 0)
			return mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return e->intent_count;
}

/* An intent an active rule declares that no function of the policy uses:
 * a request with it is accepted and changes nothing (reads.c says how
 * reads are found, and why).  Said once a word, at the first rule that
 * declares it. */
static void check_unread_intents(adv_vm *e)
{
	unsigned char *said = calloc(e->intent_count ? e->intent_count : 1, 1);

	if (!said)
		return;
	for (size_t i = 0; i < e->rule_count; i++) {
		const adv_rule *r = &e->rules[i];
		for (size_t k = 0; !r->off && k < r->intent_count; k++) {
			const char *w = r->intents[k];
			size_t at = intent_index(e, w);
			if (at == e->intent_count || said[at])
				continue;
			said[at] = 1;
			if (adv_reads_has(e->L, w) == 0)
				adv_warn(e, "%s:%d: intent '%s' of rule '%s' is read by no function of the policy (request.intents.%s): a request with it is accepted and changes nothing; read it in the rule's check, or drop it from intents",
					r->file ? r->file : "?", r->line, w, r->name, w);
		}
	}
	free(said);
}

void adv_lint(adv_vm *e)
{
	if (!e->warning)
		return;
	check_threshold(e);
	check_veto_ties(e);
	check_orphan_intents(e);
	check_unread_intents(e);
}
