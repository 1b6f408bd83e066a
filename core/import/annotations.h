/*
 * annotations.h - merging the user's own facts over an imported network.
 *
 * The export knows connections, invitations and messages; it does not know
 * how you met, how a job ended, interviews, who introduced you, or who your
 * connections know.  The user writes those in an annotations document, in
 * the network format itself ("advisor-network/1", docs/data-format.md), and it is
 * merged over every import, so that re-importing a newer export loses
 * nothing the user wrote.
 *
 * The rules, the same for the network's "me" and for each person:
 *
 *  - People are matched by "id".  An annotated person the network does not
 *    have is added whole (a second-degree contact, an introducer); it then
 *    needs a "name", like any person (the network loader checks that).
 *  - A person the user added by hand ("added": true) whom the import now
 *    lists under another id is the same person: matched by profile URL
 *    key, else as the one imported person whose folded name and company
 *    are theirs (and whose URL, if both have one, is theirs).  The imported
 *    person takes the user's id, the import's id becomes one of their
 *    "aliases", and every reference to it (connections, introduced.by) is
 *    rewritten.  Facts annotated under the import's id go to them too.
 *    Several imported people fitting by name are not merged; each such
 *    case is reported in the stats.
 *  - A field the network lacks is added.
 *  - "events": every annotated event is appended unless an identical event
 *    (same fields, same values) is already there, so merging twice adds
 *    nothing the second time.
 *  - "connections": the union, each id once, the network's order first.
 *  - A field both have with equal values changes nothing.  With different
 *    values it is a conflict: the user's value is kept (what the user wrote
 *    is never lost), and the conflict is reported through the callback
 *    with both values, never resolved in silence.
 *  - Top-level keys other than "format", "me" and "people" are added when
 *    the network lacks them, with the same conflict rule otherwise.
 *
 * The annotations document is checked for shape only (an object; "people"
 * an array of objects each with a string "id", no id twice; "me" an
 * object); the merged network is checked by the network loader.
 */
#ifndef ADV_IMPORT_ANNOTATIONS_H
#define ADV_IMPORT_ANNOTATIONS_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "advisor.h"

/* A person the user added ("added": true) met in the import: its strings
 * are malloc'd, freed by adv_merge_stats_free(). */
typedef advisor_import_found adv_merge_found;

typedef struct adv_merge_stats {
	size_t people_annotated; /* matched people that received a fact */
	size_t people_added;     /* annotated people the network lacked */
	size_t events_added;
	size_t conflicts;
	adv_merge_found *found;  /* added people met in the import */
	size_t found_count;
} adv_merge_stats;

void adv_merge_stats_free(adv_merge_stats *stats);

/*
 * Merge annotations (the document read from `name`, used in messages) into
 * network, in place.  Each conflict calls conflict(payload, message) if
 * conflict is not NULL; the message names the file, the JSON path, the
 * person's id and both values.  stats may be NULL.  On failure (a malformed
 * annotations document: ADVISOR_EDATA naming the JSON path; out of memory)
 * network may be partly merged: the caller discards it.
 */
int adv_annotations_merge(cJSON *network, const cJSON *annotations,
	const char *name, advisor_warning_cb conflict, void *payload,
	adv_merge_stats *stats, advisor_error *err);

/*
 * advisor_network_merge() with the annotations already parsed (and left
 * unchanged): the network text parsed, the annotations merged over it, the
 * result checked by the network loader ("the merged network: ...") and
 * printed into *out (free it with advisor_string_free()).
 */
int adv_network_merge_tree(char **out, const char *network,
	size_t network_len, const cJSON *annotations, const char *name,
	const advisor_import_options *opts, advisor_import_summary **summary,
	advisor_error *err);

#endif
