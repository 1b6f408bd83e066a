/*
 * fact.c - facts a result or an explanation proposes to record.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/fact.h"

advisor_fact *adv_fact_new(const char *type)
{
	advisor_fact *f = calloc(1, sizeof(*f));

	if (f && !(f->type = strdup(type))) {
		free(f);
		return NULL;
	}
	return f;
}

int adv_fact_add(advisor_fact *f, const char *name, const char *value)
{
	if (f->count == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 4;
		char **n = realloc(f->names, cap * sizeof(*n));
		if (!n)
			return -1;
		f->names = n;
		char **v = realloc(f->values, cap * sizeof(*v));
		if (!v)
			return -1;
		f->values = v;
		f->cap = cap;
	}
	char *n = strdup(name), *v = strdup(value);
	if (!n || !v) {
		free(n);
		free(v);
		return -1;
	}
	f->names[f->count] = n;
	f->values[f->count++] = v;
	return 0;
}

void adv_fact_free(advisor_fact *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->count; i++) {
		free(f->names[i]);
		free(f->values[i]);
	}
	free(f->names);
	free(f->values);
	free(f->type);
	free(f);
}

const char *advisor_fact_type(const advisor_fact *f)
{
	return f ? f->type : NULL;
}

size_t advisor_fact_field_count(const advisor_fact *f)
{
	return f ? f->count : 0;
}

const char *advisor_fact_field_name(const advisor_fact *f, size_t i)
{
	return f && i < f->count ? f->names[i] : NULL;
}

const char *advisor_fact_field_value(const advisor_fact *f, size_t i)
{
	return f && i < f->count ? f->values[i] : NULL;
}
