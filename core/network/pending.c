/*
 * pending.c - the invitations still waiting for an answer: what the import
 * records and `advisor triage` walks.
 */
#include <string.h>

#include "network/network.h"
#include "util/date.h"
#include "util/error.h"

int advisor_network_pending_invitation(const advisor_network *net,
	const char *id, advisor_direction *direction,
	char date[ADVISOR_DATE_MAX])
{
	const adv_person *p;
	const adv_event *latest = NULL;

	if (!net || !id)
		return ADVISOR_EINVAL;
	if (!(p = adv_network_person(net, id)) || p == &net->me)
		return ADVISOR_ENOTFOUND;
	if (p->connected)
		return 0;
	for (uint32_t i = 0; i < p->event_count; i++) {
		const adv_event *e = &net->events[p->first_event + i];
		if (e->type != ADV_EV_INVITATION || !e->direction)
			continue;
		if (!latest || e->date.day >= latest->date.day)
			latest = e;
	}
	if (!latest)
		return 0;
	if (direction)
		*direction = latest->direction == 1 ? ADVISOR_INCOMING :
			ADVISOR_OUTGOING;
	if (date) {
		char buf[ADV_DATE_BUF];
		adv_date_format(buf, latest->date);
		memcpy(date, buf, strlen(buf) + 1 < ADVISOR_DATE_MAX ?
			strlen(buf) + 1 : 1);
		if (strlen(buf) + 1 >= ADVISOR_DATE_MAX)
			date[0] = '\0';
	}
	return 1;
}
