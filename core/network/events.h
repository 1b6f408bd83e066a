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

/* What an explanation's what-if changes of the facts, for one piece of
 * advice: events of the network to treat as absent (to see what changes
 * without one), and events to treat as one person's own besides those of
 * the network (a fact the user could record), so that nothing is copied.
 * A NULL overlay, or an empty one, changes nothing. */
typedef struct adv_event_overlay {
	const adv_event *const *hidden;
	size_t count;
	const adv_person *added_to;   /* whose events `added` are */
	const adv_event *added;
	size_t added_count;
	/* A person judged as before they were a connection (an invitation's
	 * outcome re-judged as of the day it was sent, plan/outcomes.c): not
	 * connected, no connected_on.  NULL for none. */
	const adv_person *unconnected;
} adv_event_overlay;

/* Non-zero if the overlay hides ev. */
int adv_event_hidden(const adv_event_overlay *o, const adv_event *ev);

/* How many events p has under o: its own, then those o adds to it. */
static inline size_t adv_overlay_event_count(const adv_person *p,
	const adv_event_overlay *o)
{
	return p->event_count + (o && o->added_to == p ? o->added_count : 0);
}

/* Event i (below adv_overlay_event_count()) of p under o: its own in the
 * network's order, then the added ones; NULL when o hides it. */
const adv_event *adv_overlay_event(const advisor_network *net,
	const adv_person *p, const adv_event_overlay *o, size_t i);

/* Set an enumerated field of e (tone, relation, ending, role, status,
 * direction) to the value named, as the file writes it (a relation by the
 * names of e's type): 0, or -1 when field is not an enumerated field or
 * value not one of its names.  The inverse of adv_event_text(). */
int adv_event_set_enum(adv_event *e, const char *field, const char *value);

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
 * as_of under the overlay f, ties going to the one listed last; NULL if
 * there is none. */
const adv_event *adv_latest_event(const advisor_network *net,
	const adv_person *p, const char *type, int32_t as_of,
	const adv_event_overlay *f);

/* Non-zero if e is contact with the person: any event but an invitation
 * you sent (a request, unanswered while it waits) and an introduction (a
 * third party's doing). */
int adv_event_is_contact(const adv_event *e);

/* The day of the latest contact with p on or before as_of: the latest dated
 * event that is contact (adv_event_is_contact) under the overlay f,
 * else connected_on.  0 with *day set, or -1 if there was none. */
int adv_last_contact(const advisor_network *net, const adv_person *p,
	int32_t as_of, const adv_event_overlay *f, int32_t *day);

/* Non-zero if p was a connection on as_of under the overlay f: a
 * connection, not judged as before one (f's unconnected), and not one
 * whose connected_on (Connected On) begins after as_of: a connection made
 * later was none yet. */
int adv_person_connected(const adv_person *p, int32_t as_of,
	const adv_event_overlay *f);

/* The invitation pending between you and p on as_of: the latest
 * invitation (either way) dated on or before as_of under the overlay f,
 * when p was not a connection on as_of (adv_person_connected) and it was
 * still waiting then: no re-import marked it accepted or ended (its
 * status), or one did but after as_of (accepted by a connection whose
 * connected_on is after as_of; ended with a last_seen after as_of);
 * NULL if none waits.  advisor_network_pending_invitation() (as_of
 * INT32_MAX) and the engine read the same. */
const adv_event *adv_pending_invitation(const advisor_network *net,
	const adv_person *p, int32_t as_of, const adv_event_overlay *f);

#endif
