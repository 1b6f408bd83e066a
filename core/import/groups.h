/*
 * groups.h - the group conversations of messages.csv, and the links they
 * make.
 *
 * The export holds only your own links; a conversation of you and a few
 * others (a dinner being planned, a project's thread) says those others
 * know each other too.  So each conversation's participants are gathered
 * as messages.csv is read (by profile URL key, you left out), and once the
 * people have their ids every pair of them is linked ("connections").  A
 * conversation of more than `limit` others is a broadcast, not a circle of
 * people who know each other: it is counted and skipped, and at most
 * limit + 1 of its participants are ever kept, so a 500-person thread
 * costs neither 500 names nor 125,000 links.
 */
#ifndef ADV_IMPORT_GROUPS_H
#define ADV_IMPORT_GROUPS_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "import/people.h"

typedef struct adv_li_group {
	char *id;       /* CONVERSATION ID */
	char **urls;    /* the others' URL keys, distinct, at most limit + 1
	                 * (and 3) */
	size_t count;
} adv_li_group;

typedef struct adv_li_groups {
	adv_li_group *items;
	size_t count, cap;
	size_t limit;    /* the most others a linked conversation has */
	size_t *slot;    /* open addressing by id: index + 1, 0 empty */
	size_t mask;
	size_t last;     /* index + 1 of the conversation met last */
} adv_li_groups;

/* What linking did. */
typedef struct adv_li_group_stats {
	size_t linked;   /* conversations whose people were linked */
	size_t skipped;  /* conversations of more than `limit` others */
	size_t links;    /* links added (a pair already linked is not) */
} adv_li_group_stats;

/* Conversations of at most `limit` others (0: none) are linked. */
void adv_li_groups_init(adv_li_groups *g, size_t limit);
void adv_li_groups_free(adv_li_groups *g);

/* `url_key` (an adv_url_key; NULL or "" adds nothing) took part in the
 * conversation `id` ("" adds nothing).  Copies both.  -1 out of memory. */
int adv_li_groups_add(adv_li_groups *g, const char *id, const char *url_key);

/*
 * Link the people of each conversation of 2 to `limit` others the export
 * knows (their URL keys found in `t`), after adv_li_assign_ids(): `people`
 * is the array it filled, in t's order.  Each pair not yet linked gets
 * the other's id in the first one's "connections".  Participants the
 * export has no person for (a name seen only among the recipients of
 * others' mail) are left out.  -1 out of memory.
 */
int adv_li_groups_link(const adv_li_groups *g, adv_li_people *t,
	cJSON *people, adv_li_group_stats *st);

#endif
