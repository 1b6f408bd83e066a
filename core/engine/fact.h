/*
 * fact.h - a fact as the network format writes an event (its type and its
 * fields as text), for what a result or an explanation proposes to record:
 * a suggestion, a what-if that adds a fact.
 */
#ifndef ADV_FACT_H
#define ADV_FACT_H

#include <stddef.h>

#include "advisor.h"

/* The opaque advisor_fact of advisor.h.  Every string is owned. */
struct advisor_fact {
	char *type;
	char **names, **values;
	size_t count, cap;
};

/* A fact of type with no fields yet; NULL out of memory. */
advisor_fact *adv_fact_new(const char *type);

/* Add the field name = value (both copied); -1 out of memory. */
int adv_fact_add(advisor_fact *f, const char *name, const char *value);

void adv_fact_free(advisor_fact *f);

#endif
