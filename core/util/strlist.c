/*
 * strlist.c - advisor_strings, the one list of strings the API hands out.
 */
#include <stdlib.h>

#include "util/strlist.h"

advisor_strings *adv_strings_new(size_t n, const char ***items)
{
	if (n > (SIZE_MAX - sizeof(advisor_strings)) / sizeof(char *))
		return NULL;
	advisor_strings *s = malloc(sizeof(*s) + n * sizeof(char *));
	if (!s)
		return NULL;
	const char **slots = (const char **)(s + 1);
	/* Not adv_strings_view(): GCC takes a pointer to the not yet filled
	 * slots, passed as const, for a read of them (-Wmaybe-uninitialized). */
	s->count = n;
	s->items = slots;
	*items = slots;
	return s;
}

size_t advisor_strings_count(const advisor_strings *list)
{
	return list ? list->count : 0;
}

const char *advisor_strings_get(const advisor_strings *list, size_t i)
{
	return list && i < list->count ? list->items[i] : NULL;
}

void advisor_strings_free(advisor_strings *list)
{
	free(list);
}
