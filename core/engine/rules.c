/*
 * rules.c - the loaded policy's rules, for listings (`advisor rules`,
 * coverage, explanations) without reaching into the engine.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "util/error.h"

static const char *const when_names[] = { "always", "outgoing", "incoming" };

size_t advisor_engine_rule_count(const advisor_engine *e)
{
	return e ? e->vm.rule_count : 0;
}

double advisor_engine_threshold(const advisor_engine *e)
{
	return e ? e->vm.threshold : 0;
}

int adv_engine_rule_info(advisor_engine *e, advisor_error *err)
{
	size_t n = e->vm.rule_count;

	e->rule_info = calloc(n ? n : 1, sizeof(*e->rule_info));
	e->rule_intents = calloc(n ? n : 1, sizeof(*e->rule_intents));
	if (!e->rule_info || !e->rule_intents)
		return adv_error_set(err, ADVISOR_ENOMEM,
			"out of memory listing the policy's rules");
	for (size_t i = 0; i < n; i++) {
		const adv_rule *r = &e->vm.rules[i];
		advisor_rule_info *out = &e->rule_info[i];
		adv_strings_view(&e->rule_intents[i],
			(const char *const *)r->intents, r->intent_count);
		out->name = r->name;
		out->description = r->description;
		out->kind = r->has_veto ? "veto" : "score";
		out->score = r->score;
		out->intents = &e->rule_intents[i];
		out->file = r->file;
		out->line = r->line;
		out->layer = adv_layer_name(&e->vm, r->layer);
		out->replaced = r->replaced;
		out->off = r->off;
		out->off_by = r->off_where;
		out->score_set_by = r->score_where;
		out->fallback = r->fallback;
		if (r->has_veto) {
			out->veto_verdict = advisor_verdict_name(r->veto_verdict);
			out->veto_when = when_names[r->veto_when];
			out->veto_priority = r->veto_priority;
		}
	}
	return ADVISOR_OK;
}

const advisor_rule_info *advisor_engine_rule(const advisor_engine *e,
	size_t i)
{
	return e && i < e->vm.rule_count ? &e->rule_info[i] : NULL;
}
