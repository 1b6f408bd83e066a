/*
 * engine.h - the public advisor_engine: a vm (lua/vm.h) with the policy
 * loaded, and the rules as the API hands them out.
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
	/* An explanation asks every rule that did not fire why not
	 * (advisor_result's why_not), not only below the threshold. */
	int why_not_all;
};

/* Fill e->rule_info from the loaded policy; ADVISOR_ENOMEM or ADVISOR_OK. */
int adv_engine_rule_info(advisor_engine *e, advisor_error *err);

#endif
