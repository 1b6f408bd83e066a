/*
 * events.h - time and events: when something happened, the latest of a
 * kind, and the last contact with a person.
 */
#ifndef ADV_EVENTS_H
#define ADV_EVENTS_H

#include "network/network.h"

/* The day an event counts at: its date; a worked_together at its `to`, or
 * at as_of while it is ongoing on as_of (no `to`, or a `to` after as_of),
 * or at its `from` if it starts after as_of; INT32_MIN if it has no date. */
int32_t adv_event_day(const adv_event *e, int32_t as_of);

/* Non-zero for a worked_together under way on as_of: begun, and with no
 * `to` or a `to` on or after as_of. */
int adv_event_ongoing(const adv_event *e, int32_t as_of);

/* Non-zero if the event had happened (or begun) by as_of; an undated event
 * (a custom type without a date) always counts as having happened. */
int adv_event_happened(const adv_event *e, int32_t as_of);

/* Events to treat as absent (an explanation's what-if removes one to see
 * what changes); a NULL filter, or one of count 0, hides nothing. */
typedef struct adv_event_filter {
	const adv_event *const *hidden;
	size_t count;
} adv_event_filter;

/* Non-zero if the filter hides ev. */
int adv_event_hidden(const adv_event_filter *f, const adv_event *ev);

/* An event's (of net) enumerated or text field by its name (its key in the
 * file and in Lua: "status", "tone", "relation", "org", ...), as written;
 * NULL when the event does not set it, or when no such field is enumerated
 * or text. */
const char *adv_event_text(const advisor_network *net, const adv_event *e,
	const char *field);

/* Non-zero if field names an enumerated or text field of events; *names
 * (if names is not NULL) is then set to the names an enumerated field
 * takes ({ NULL, names..., NULL }), or to NULL when any text goes (a text
 * field, or relation, whose names depend on the event's type). */
int adv_event_text_field(const char *field, const char *const **names);

/* The latest event of a type (by name; NULL for any type) on or before
 * as_of and not hidden by f, ties going to the one listed last; NULL if
 * there is none. */
const adv_event *adv_latest_event(const advisor_network *net,
	const adv_person *p, const char *type, int32_t as_of,
	const adv_event_filter *f);

/* Non-zero if e is contact with the person: any event but an invitation
 * you sent (a request, unanswered while it waits) and an introduction (a
 * third party's doing). */
int adv_event_is_contact(const adv_event *e);

/* The day of the latest contact with p on or before as_of: the latest dated
 * event that is contact (adv_event_is_contact) and that f does not hide,
 * else connected_on.  0 with *day set, or -1 if there was none. */
int adv_last_contact(const advisor_network *net, const adv_person *p,
	int32_t as_of, const adv_event_filter *f, int32_t *day);

/* The invitation pending between you and p on as_of: the latest
 * invitation (either way) dated on or before as_of that f does not hide,
 * when p is not a connection and no re-import marked it accepted or ended
 * (its status); NULL if none waits.  advisor_network_pending_invitation()
 * (as_of INT32_MAX) and the engine read the same. */
const adv_event *adv_pending_invitation(const advisor_network *net,
	const adv_person *p, int32_t as_of, const adv_event_filter *f);

#endif
