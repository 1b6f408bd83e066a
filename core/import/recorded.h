/*
 * recorded.h - the invitations you recorded sending (`advisor sent`) met
 * by the exports that follow.
 *
 * Between exports, `advisor sent PERSON` adds to the annotations an
 * outgoing invitation dated the day you sent it, with "recorded": "sent"
 * (and "with_note": true when it carried a note), so that advice and the
 * week's limits see it before any export does.  When an export arrives,
 * the invitation it lists and the one you recorded are the same
 * invitation, and must not be two:
 *
 *  - An export's outgoing invitation to the person dated within
 *    ADV_RECORDED_DAYS of the recorded one is that invitation: what you
 *    recorded about it ("recorded", "with_note") is copied onto it, and
 *    the recorded one is not added beside it.  The export's status
 *    (accepted, ended) is then its status.
 *  - An export imported more than ADV_RECORDED_DAYS after the recorded day
 *    that does not list it saw it answered or gone: it is added with
 *    "status" "accepted" when the person is a connection now, else
 *    "ended" (and "last_seen", the day you sent it), waiting no more.
 *  - Otherwise (no export since) it is added as recorded: waiting.
 *
 * An invitation recorded by `advisor withdrew` ("status": "withdrawn") is
 * an event of its own and is merged like any fact.
 */
#ifndef ADV_IMPORT_RECORDED_H
#define ADV_IMPORT_RECORDED_H

#include <cjson/cJSON.h>

/* How far apart, in days, an export's date and the day you recorded may
 * be and still be one invitation (time zones, a record made late). */
#define ADV_RECORDED_DAYS 3

/*
 * Merge the annotated event `ev` into `person` (an object of the network,
 * whose "events" array exists) when ev is a recorded sent invitation;
 * `imported` is the network's "imported" day (NULL for a network that is
 * not an import).  *handled is 0 when ev is not one (merge it as any
 * event), else 1: folded into the export's invitation, or appended as the
 * rules above say; *changed is set when the person changed.  -1 out of
 * memory.
 */
int adv_recorded_merge(cJSON *person, const cJSON *ev, const char *imported,
	int *handled, int *changed);

#endif
