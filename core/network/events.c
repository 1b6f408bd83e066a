/*
 * events.c - event primitives.
 */
#include <string.h>

#include "network/events.h"

int32_t adv_event_day(const adv_event *e, int32_t as_of)
{
	if (e->type == ADV_EV_WORKED_TOGETHER && e->from.day > as_of)
		return e->from.day; /* not started yet on as_of */
	if (e->type == ADV_EV_WORKED_TOGETHER) {
		if (!adv_event_ongoing(e, as_of)) /* a partial to never before from */
			return e->to.day > e->from.day ? e->to.day : e->from.day;
		return as_of;
	}
	return e->date.precision ? e->date.day : INT32_MIN;
}

/* The value of each kind of field as text, for the kinds that have one. */
#define EV_TEXT_ENUM(e, member, names) ((e)->member ? (names)[(e)->member] : NULL)
#define EV_TEXT_STR(e, member, names) adv_str(net, (e)->member)
#define EV_TEXT_RELATION(e, member, names) ((e)->member \
	? ((e)->type == ADV_EV_PERSONAL ? adv_personal_relation_names \
		: adv_work_relation_names)[(e)->member] : NULL)
#define EV_IS_TEXT_ENUM 1
#define EV_IS_TEXT_STR 1
#define EV_IS_TEXT_RELATION 1
#define EV_IS_TEXT_DATE 0
#define EV_IS_TEXT_NODE 0
#define EV_NAMES_ENUM(names) (names)
#define EV_NAMES_STR(names) NULL
#define EV_NAMES_RELATION(names) NULL

/* Only the text kinds expand to a comparison; the others to nothing. */
#define EV_TEXT_CASE_0(kind, member, names)
#define EV_TEXT_CASE_1(kind, member, names) \
	if (strcmp(field, #member) == 0) \
		return EV_TEXT_##kind(e, member, names);
#define EV_FIELD_CASE_0(kind, member, names)
#define EV_FIELD_CASE_1(kind, member, names) \
	if (strcmp(field, #member) == 0) { \
		if (names_out) \
			*names_out = EV_NAMES_##kind(names); \
		return 1; \
	}
#define EV_CASE(prefix, flag) EV_CASE_(prefix, flag)
#define EV_CASE_(prefix, flag) prefix##flag
#define EV_TEXT_CASE(kind, member, names) \
	EV_CASE(EV_TEXT_CASE_, EV_IS_TEXT_##kind)(kind, member, names)
#define EV_FIELD_CASE(kind, member, names) \
	EV_CASE(EV_FIELD_CASE_, EV_IS_TEXT_##kind)(kind, member, names)

const char *adv_event_text(const advisor_network *net, const adv_event *e,
	const char *field)
{
	ADV_EVENT_SCHEMA(EV_TEXT_CASE)
	return NULL;
}

int adv_event_text_field(const char *field, const char *const **names_out)
{
	ADV_EVENT_SCHEMA(EV_FIELD_CASE)
	return 0;
}

int adv_event_hidden(const adv_event_overlay *o, const adv_event *ev)
{
	for (size_t i = 0; o && i < o->count; i++)
		if (o->hidden[i] == ev)
			return 1;
	return 0;
}

const adv_event *adv_overlay_event(const advisor_network *net,
	const adv_person *p, const adv_event_overlay *o, size_t i)
{
	if (i >= p->event_count)
		return &o->added[i - p->event_count];
	const adv_event *e = &net->events[p->first_event + i];
	return o && o->count && adv_event_hidden(o, e) ? NULL : e;
}

#define EV_SET_ENUM(e, member, names) adv_enum_lookup(names, value)
#define EV_SET_RELATION(e, member, names) adv_enum_lookup((e)->type == ADV_EV_PERSONAL \
	? adv_personal_relation_names : adv_work_relation_names, value)
#define EV_IS_SET_ENUM 1
#define EV_IS_SET_RELATION 1
#define EV_IS_SET_STR 0
#define EV_IS_SET_DATE 0
#define EV_IS_SET_NODE 0
#define EV_SET_CASE_0(kind, member, names)
#define EV_SET_CASE_1(kind, member, names) \
	if (strcmp(field, #member) == 0) { \
		int v = EV_SET_##kind(e, member, names); \
		if (v <= 0) \
			return -1; \
		e->member = (uint8_t)v; \
		return 0; \
	}
#define EV_SET_CASE(kind, member, names) \
	EV_CASE(EV_SET_CASE_, EV_IS_SET_##kind)(kind, member, names)

int adv_event_set_enum(adv_event *e, const char *field, const char *value)
{
	ADV_EVENT_SCHEMA(EV_SET_CASE)
	return -1;
}

const adv_event *adv_latest_event(const advisor_network *net,
	const adv_person *p, const char *type, int32_t as_of,
	const adv_event_overlay *f)
{
	const adv_event *best = NULL;
	int32_t best_day = INT32_MIN;
	int want = type ? adv_enum_lookup(adv_event_type_names, type) : 0;

	for (size_t i = 0; i < adv_overlay_event_count(p, f); i++) {
		const adv_event *e = adv_overlay_event(net, p, f, i);
		if (!e || (type && !adv_event_is(net, e, want, type)))
			continue;
		int32_t day = adv_event_day(e, as_of);
		if (day == INT32_MIN || day > as_of)
			continue;
		if (!best || day >= best_day) {
			best = e;
			best_day = day;
		}
	}
	return best;
}

int adv_event_ongoing(const adv_event *e, int32_t as_of)
{
	return e->type == ADV_EV_WORKED_TOGETHER && e->from.day <= as_of &&
		(!e->to.precision || e->to.day >= as_of);
}

int adv_event_happened(const adv_event *e, int32_t as_of)
{
	return adv_event_day(e, as_of) <= as_of;
}

int adv_event_is_contact(const adv_event *e)
{
	/* An invitation you sent is only a request, unanswered while it
	 * waits; an introduction is a third party's doing. */
	if (e->type == ADV_EV_INTRODUCED)
		return 0;
	if (e->type == ADV_EV_INVITATION && e->direction == ADV_DIRECTION_OUT)
		return 0;
	return 1;
}

int adv_last_contact(const advisor_network *net, const adv_person *p,
	int32_t as_of, const adv_event_overlay *f, int32_t *day)
{
	int32_t best = INT32_MIN;
	int found = 0;

	for (size_t i = 0; i < adv_overlay_event_count(p, f); i++) {
		const adv_event *e = adv_overlay_event(net, p, f, i);
		if (!e || !adv_event_is_contact(e))
			continue;
		int32_t d = adv_event_day(e, as_of);
		if (d == INT32_MIN || d > as_of)
			continue;
		if (!found || d > best) {
			best = d;
			found = 1;
		}
	}
	if (found) {
		*day = best;
		return 0;
	}
	if (p->connected_on.precision && p->connected_on.day <= as_of) {
		*day = p->connected_on.day;
		return 0;
	}
	return -1;
}
