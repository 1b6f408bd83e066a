/*
 * accumulate.h - a newer import keeps what earlier ones saw.
 *
 * An export holds only the last months of invitations, and a Basic export
 * has no messages: a re-import that replaced the previous one would forget
 * evidence the advice rests on.  So the data folder's base.json is every
 * import so far, accumulated: the newest export's people and fields, plus
 * what only earlier ones had.
 *
 * The rules (docs/data-format.md, "Re-imports"):
 *
 *  - People are matched by profile URL key (util/url.h), else, when neither
 *    has a URL, by id.  A person only the earlier import has is kept whole.
 *  - The newer export's fields win; a field only the earlier one has is
 *    kept.  "connections" is the union.
 *  - Events: each earlier event the newer import does not hold is kept,
 *    counted as a multiset (two messages on one day, both kept once).  An
 *    invitation is the same invitation whatever its "status" and
 *    "last_seen".
 *  - An earlier invitation the newer export no longer lists gets
 *    "status": "accepted" when the person is now a connection, else
 *    "status": "ended" and "last_seen", the date of the import that last
 *    listed it (withdrawn, ignored or expired: LinkedIn does not say).
 *  - "me": the newer export's fields win, the earlier ones fill the gaps.
 */
#ifndef ADV_IMPORT_ACCUMULATE_H
#define ADV_IMPORT_ACCUMULATE_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "advisor.h"

typedef struct adv_accumulate_stats {
	size_t people_kept;   /* people only the earlier import had */
	size_t events_kept;   /* earlier events the newer import lacked */
	size_t messages_kept; /* of which messages */
	size_t ended;         /* invitations marked ended by this import */
	size_t accepted;      /* invitations marked accepted by this import */
	size_t skipped;       /* earlier people whose id a different person
	                       * now has (warned about, not kept) */
} adv_accumulate_stats;

/*
 * Accumulate `older` (an earlier import, unchanged) into `newer` in place.
 * last_seen is the date the earlier import was made ("YYYY-MM-DD"), for
 * the invitations it was the last to list.  Warnings go to warn (may be
 * NULL).  stats may be NULL.  ADVISOR_ENOMEM or ADVISOR_EDATA (a document
 * of the wrong shape, naming the path); newer is then to be discarded.
 */
int adv_import_accumulate(cJSON *newer, const cJSON *older,
	const char *last_seen, advisor_warning_cb warn, void *payload,
	adv_accumulate_stats *stats, advisor_error *err);

#endif
