/*
 * inline.h - a person given inline (advisor_inline_person): the person of
 * the network they are, or a transient record that lives for one request.
 */
#ifndef ADV_INLINE_H
#define ADV_INLINE_H

#include <cjson/cJSON.h>

#include "advisor.h"
#include "network/network.h"

/* A transient person: the fields given, as a record of the network's
 * (its strings the caller's, counted from the network's string base), in
 * no graph (node ADV_NO_NODE) and with no events. */
typedef struct adv_inline {
	adv_person rec;
	cJSON *extra;   /* rec.extra: the profile_url, or NULL */
} adv_inline;

/*
 * Find the person given in net (advisor.h, advisor_inline_person, says
 * how): *found is them, or NULL and t->rec is the transient person, valid
 * while `given` and net are.  ADVISOR_EINVAL for a bad version or field,
 * ADVISOR_EAMBIGUOUS naming the people the name fits, ADVISOR_ENOMEM.
 * Release t with adv_inline_release() whatever this returns.
 */
int adv_inline_resolve(const advisor_network *net,
	const advisor_inline_person *given, const adv_person **found,
	adv_inline *t, advisor_error *err);

void adv_inline_release(adv_inline *t);

#endif
