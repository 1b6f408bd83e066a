/*
 * arena.h - a grow-only allocator for a network's strings and records.
 *
 * A network is built once and freed at once, so its many small strings live
 * in large blocks: one free, no per-string headers, better locality.
 */
#ifndef ADV_ARENA_H
#define ADV_ARENA_H

#include <stddef.h>

typedef struct adv_arena_block adv_arena_block;

typedef struct adv_arena {
	adv_arena_block *head;
	size_t used, cap;  /* within head */
} adv_arena;

void adv_arena_init(adv_arena *a);
void adv_arena_free(adv_arena *a);

/* Memory aligned for any object; NULL when out of memory. */
void *adv_arena_alloc(adv_arena *a, size_t size);

/* A copy of the len bytes at s plus a NUL; NULL when out of memory. */
char *adv_arena_strndup(adv_arena *a, const char *s, size_t len);
char *adv_arena_strdup(adv_arena *a, const char *s);

#endif
