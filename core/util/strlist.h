/*
 * strlist.h - the public advisor_strings: a count and an array of borrowed
 * strings, either a block of its own (handed out, freed by
 * advisor_strings_free()) or a view inside a bigger object (a path's ids,
 * a rule's intents) that its owner frees with itself.
 */
#ifndef ADV_STRLIST_H
#define ADV_STRLIST_H

#include <stddef.h>

#include "advisor.h"

struct advisor_strings {
	size_t count;
	const char *const *items;
};

/* A list with room for n strings in the same block (*items to fill in),
 * count already n; NULL when out of memory.  advisor_strings_free()
 * releases it. */
advisor_strings *adv_strings_new(size_t n, const char ***items);

/* Make s a view of n strings at items, which the caller owns. */
static inline void adv_strings_view(advisor_strings *s,
	const char *const *items, size_t n)
{
	s->count = n;
	s->items = items;
}

#endif
