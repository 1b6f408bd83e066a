/*
 * rules.c - the loaded policy's rules, for listings (`advisor rules`,
 * coverage, explanations) without reaching into the engine.
 */
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

int advisor_engine_rule(advisor_rule_info *out, const advisor_engine *e,
	size_t i, advisor_error *err)
{
	adv_error_clear(err);
	if (!out || !e)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_engine_rule: out and engine are required");
	memset(out, 0, sizeof(*out));
	if (i >= e->vm.rule_count)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_engine_rule: rule %zu of %zu", i, e->vm.rule_count);
	const adv_rule *r = &e->vm.rules[i];
	out->name = r->name;
	out->description = r->description;
	out->kind = r->has_veto ? "veto" : "score";
	out->score = r->score;
	out->intents = (const char *const *)r->intents;
	out->intent_count = r->intent_count;
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
	return ADVISOR_OK;
}
