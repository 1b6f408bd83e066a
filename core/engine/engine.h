/*
 * engine.h - the public advisor_engine: a vm (lua/vm.h) with the policy
 * loaded, and the last failure of a call on it.
 */
#ifndef ADV_ENGINE_H
#define ADV_ENGINE_H

#include "advisor.h"
#include "lua/vm.h"
#include "util/strlist.h"

struct advisor_engine {
	adv_vm vm;
	/* The rules as advisor_engine_rule() hands them out, made once the
	 * policy has loaded (rule_count of each), pointing into vm's rules. */
	advisor_rule_info *rule_info;
	advisor_strings *rule_intents;
	/* The last failure of a call on this engine, for
	 * advisor_engine_last_error(); empty until one fails. */
	advisor_error last_error;
};

/* Keep a failed call's error as the engine's last one. */
static inline int adv_engine_failed(advisor_engine *e, int rc,
	const advisor_error *err)
{
	if (e && rc < 0)
		e->last_error = *err;
	return rc;
}

/* Fill e->rule_info from the loaded policy; ADVISOR_ENOMEM or ADVISOR_OK. */
int adv_engine_rule_info(advisor_engine *e, advisor_error *err);

#endif
