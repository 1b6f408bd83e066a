/*
 * pending.c - the invitations still waiting for an answer: what the import
 * records and `advisor triage` walks.
 */
#include <string.h>

#include "network/events.h"
#include "network/network.h"
#include "util/date.h"
#include "util/error.h"

int adv_person_connected(const adv_person *p, int32_t as_of,
	const adv_event_overlay *f)
{
	if (!p->connected || (f && f->unconnected == p))
		return 0;
	return !(p->connected_on.precision && p->connected_on.day > as_of);
}

/* Non-zero if the re-import's status on e (accepted or ended) came after
 * as_of: on as_of, e was still waiting.  Accepted on Connected On; ended
 * after last_seen, the day of the last import that listed it, which may be
 * the day of the one that no longer did: it counts as waiting only before
 * last_seen. */
static int answered_after(const advisor_network *net, const adv_person *p,
	const adv_event *e, int32_t as_of)
{
	const cJSON *status = cJSON_GetObjectItemCaseSensitive(e->extra, "status");
	const cJSON *seen = cJSON_GetObjectItemCaseSensitive(e->extra, "last_seen");
	adv_date d;

	(void)net;
	if (!cJSON_IsString(status))
		return 0;
	if (strcmp(status->valuestring, "accepted") == 0)
		return p->connected && p->connected_on.precision &&
			p->connected_on.day > as_of;
	if (strcmp(status->valuestring, "ended") == 0)
		return cJSON_IsString(seen) &&
			adv_date_parse(&d, seen->valuestring) == 0 && d.day > as_of;
	return 0;
}

const adv_event *adv_pending_invitation(const advisor_network *net,
	const adv_person *p, int32_t as_of, const adv_event_overlay *f)
{
	const adv_event *latest = NULL;

	if (adv_person_connected(p, as_of, f) || p == &net->me)
		return NULL;
	for (size_t i = 0; i < adv_overlay_event_count(p, f); i++) {
		const adv_event *e = adv_overlay_event(net, p, f, i);
		if (!e || e->type != ADV_EV_INVITATION || !e->direction ||
		    e->date.day > as_of)
			continue;
		if (!latest || e->date.day >= latest->date.day)
			latest = e;
	}
	/* A re-import marks one the newer export no longer lists
	 * (data-format.md): ended or accepted, waiting no more. */
	if (!latest || (latest->extra &&
			cJSON_GetObjectItemCaseSensitive(latest->extra, "status") &&
			!answered_after(net, p, latest, as_of)))
		return NULL;
	return latest;
}

int advisor_network_pending_invitation(int *pending,
	advisor_direction *direction, char date[ADVISOR_DATE_MAX],
	const advisor_network *net, const char *id, advisor_error *err)
{
	const adv_person *p;
	const adv_event *latest;

	adv_error_clear(err);
	if (pending)
		*pending = 0;
	if (date)
		date[0] = '\0';
	if (!pending || !net || !id)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_pending_invitation: pending, net and id are required");
	if (!(p = adv_network_person(net, id)) || p == &net->me)
		return adv_error_set(err, ADVISOR_ENOTFOUND,
			"advisor_network_pending_invitation: no person with id '%s'", id);
	if (!(latest = adv_pending_invitation(net, p, INT32_MAX, NULL)))
		return ADVISOR_OK;
	if (direction)
		*direction = latest->direction == ADV_DIRECTION_IN ? ADVISOR_INCOMING :
			ADVISOR_OUTGOING;
	if (date) {
		char buf[ADV_DATE_BUF];
		adv_date_format(buf, latest->date);
		memcpy(date, buf, strlen(buf) + 1 < ADVISOR_DATE_MAX ?
			strlen(buf) + 1 : 1);
		if (strlen(buf) + 1 >= ADVISOR_DATE_MAX)
			date[0] = '\0';
	}
	*pending = 1;
	return ADVISOR_OK;
}

int advisor_network_invitation_message(const char **message,
	const advisor_network *net, const char *id, advisor_error *err)
{
	const adv_person *p;
	const adv_event *latest = NULL;

	adv_error_clear(err);
	if (message)
		*message = NULL;
	if (!message || !net || !id)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_invitation_message: message, net and id are required");
	if (!(p = adv_network_person(net, id)) || p == &net->me)
		return adv_error_set(err, ADVISOR_ENOTFOUND,
			"advisor_network_invitation_message: no person with id '%s'", id);
	if (p->connected)
		return ADVISOR_OK;
	/* The invitation advisor_network_pending_invitation() finds. */
	for (uint32_t i = 0; i < p->event_count; i++) {
		const adv_event *e = &net->events[p->first_event + i];
		if (e->type != ADV_EV_INVITATION || !e->direction)
			continue;
		if (!latest || e->date.day >= latest->date.day)
			latest = e;
	}
	/* One a re-import marked ended or accepted waits no more. */
	if (latest && !(latest->extra &&
			cJSON_GetObjectItemCaseSensitive(latest->extra, "status"))) {
		const char *s = adv_str(net, latest->message);
		*message = s && *s ? s : NULL;
	}
	return ADVISOR_OK;
}
