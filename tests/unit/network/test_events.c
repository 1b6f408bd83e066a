/*
 * test_events.c - event primitives (core/network/events.c): what counts as
 * contact with a person, and the day of the last contact.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "helpers.h"
#include "network/events.h"
#include "util/date.h"

static const char NETWORK[] =
	"{ \"format\": \"advisor-network/1\",\n"
	"  \"me\": { \"id\": \"me\", \"name\": \"Alex Kim\" },\n"
	"  \"people\": [\n"
	"    { \"id\": \"ann\", \"name\": \"Ann\", \"connections\": [\"bob\"], \"events\": [\n"
	"      { \"type\": \"met\", \"date\": \"2019-05-03\", \"tone\": \"cordial\" },\n"
	"      { \"type\": \"introduced\", \"by\": \"bob\", \"date\": \"2026-04-01\" },\n"
	"      { \"type\": \"invitation\", \"date\": \"2026-05-01\", \"direction\": \"out\" } ] },\n"
	"    { \"id\": \"bob\", \"name\": \"Bob\", \"connected\": true,\n"
	"      \"connected_on\": \"2021-03-15\", \"connections\": [\"me\", \"ann\"], \"events\": [\n"
	"      { \"type\": \"invitation\", \"date\": \"2026-05-01\", \"direction\": \"out\" } ] },\n"
	"    { \"id\": \"cy\", \"name\": \"Cy\", \"events\": [\n"
	"      { \"type\": \"met\", \"date\": \"2019-05-03\", \"tone\": \"cordial\" },\n"
	"      { \"type\": \"invitation\", \"date\": \"2026-04-01\", \"direction\": \"in\" },\n"
	"      { \"type\": \"message\", \"date\": \"2026-05-01\", \"direction\": \"out\" } ] },\n"
	"    { \"id\": \"dee\", \"name\": \"Dee\", \"events\": [\n"
	"      { \"type\": \"invitation\", \"date\": \"2026-05-01\", \"direction\": \"out\" } ] }\n"
	"  ] }\n";

static advisor_network *net;

static void setup(void)
{
	advisor_error err;
	cr_assert_eq(load_text(&net, NETWORK, &err), ADVISOR_OK, "%s", err.message);
}

static void teardown(void)
{
	advisor_network_free(net);
}

TestSuite(events, .init = setup, .fini = teardown);

/* The last contact with id as on as_of, "YYYY-MM-DD", or "none". */
static const char *last_contact(const char *id, const char *as_of)
{
	static char buf[ADV_DATE_BUF];
	adv_date on;
	int32_t day;

	cr_assert_eq(adv_date_parse_day(&on, as_of), 0);
	const adv_person *p = adv_network_person(net, id);
	cr_assert_not_null(p, "%s", id);
	if (adv_last_contact(net, p, on.day, NULL, &day) < 0)
		return "none";
	adv_date_format(buf, (adv_date){ day, ADV_DATE_DAY });
	return buf;
}

Test(events, your_own_invitation_and_an_introduction_are_no_contact)
{
	cr_expect_str_eq(last_contact("ann", "2026-06-01"), "2019-05-03");
	cr_expect_str_eq(last_contact("dee", "2026-06-01"), "none");
	/* Without a contact event, the day you connected. */
	cr_expect_str_eq(last_contact("bob", "2026-06-01"), "2021-03-15");
}

Test(events, their_invitation_and_a_message_either_way_are_contact)
{
	cr_expect_str_eq(last_contact("cy", "2026-06-01"), "2026-05-01");
	cr_expect_str_eq(last_contact("cy", "2026-04-15"), "2026-04-01");
	cr_expect_str_eq(last_contact("cy", "2020-01-01"), "2019-05-03");
}

Test(events, only_some_events_are_contact)
{
	const adv_person *ann = adv_network_person(net, "ann");
	const adv_person *cy = adv_network_person(net, "cy");
	cr_assert(ann && cy);
	cr_expect(adv_event_is_contact(&net->events[ann->first_event]));
	cr_expect_not(adv_event_is_contact(&net->events[ann->first_event + 1]));
	cr_expect_not(adv_event_is_contact(&net->events[ann->first_event + 2]));
	cr_expect(adv_event_is_contact(&net->events[cy->first_event + 1]));
	cr_expect(adv_event_is_contact(&net->events[cy->first_event + 2]));
}

/* An event an overlay adds to a person (an explanation's what-if), dated
 * `day`, of type met. */
static adv_event added_met(int32_t day)
{
	adv_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.by = ADV_NO_NODE;
	ev.type = ADV_EV_MET;
	ev.type_name = adv_sref_outside(net, "met");
	ev.date = (adv_date){ day, ADV_DATE_DAY };
	cr_assert_eq(adv_event_set_enum(&ev, "tone", "neutral"), 0);
	return ev;
}

Test(events, an_overlay_adds_events_to_one_person_after_its_own)
{
	const adv_person *dee = adv_network_person(net, "dee");
	const adv_person *cy = adv_network_person(net, "cy");
	adv_date on;
	cr_assert_eq(adv_date_parse_day(&on, "2026-06-01"), 0);
	adv_event met = added_met(on.day);
	adv_event_overlay o = { .added_to = dee, .added = &met, .added_count = 1 };

	cr_assert_eq(adv_overlay_event_count(dee, &o), 2);
	cr_expect_eq(adv_overlay_event(net, dee, &o, 0), &net->events[dee->first_event]);
	cr_expect_eq(adv_overlay_event(net, dee, &o, 1), &met);
	cr_expect_str_eq(adv_str(net, adv_overlay_event(net, dee, &o, 1)->type_name), "met");
	cr_expect_str_eq(adv_event_text(net, &met, "tone"), "neutral");
	/* Seen by the primitives, for dee only. */
	cr_expect_eq(adv_latest_event(net, dee, "met", on.day, &o), &met);
	cr_expect_eq(adv_latest_event(net, dee, NULL, on.day, &o), &met);
	cr_expect_null(adv_latest_event(net, dee, "met", on.day, NULL));
	int32_t day;
	cr_assert_eq(adv_last_contact(net, dee, on.day, &o, &day), 0);
	cr_expect_eq(day, on.day);
	cr_expect_lt(adv_last_contact(net, dee, on.day, NULL, &day), 0);
	cr_expect_eq(adv_overlay_event_count(cy, &o), cy->event_count);
	cr_expect_neq(adv_latest_event(net, cy, "met", on.day, &o), &met);
	/* Hidden and added at once: dee's own invitation gone, the meeting seen. */
	const adv_event *own = &net->events[dee->first_event];
	o.hidden = &own;
	o.count = 1;
	cr_expect_null(adv_overlay_event(net, dee, &o, 0));
	cr_expect_null(adv_pending_invitation(net, dee, on.day, &o));
	cr_expect_eq(adv_pending_invitation(net, dee, on.day, NULL), own);
	cr_expect_eq(adv_latest_event(net, dee, NULL, on.day, &o), &met);
}

Test(events, an_enumerated_field_is_set_by_its_name)
{
	adv_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = ADV_EV_PERSONAL;
	cr_expect_eq(adv_event_set_enum(&ev, "relation", "friend"), 0);
	cr_expect_str_eq(adv_event_text(net, &ev, "relation"), "friend");
	cr_expect_lt(adv_event_set_enum(&ev, "relation", "boss"), 0, "a work relation");
	ev.type = ADV_EV_WORKED_TOGETHER;
	cr_expect_eq(adv_event_set_enum(&ev, "relation", "boss"), 0);
	cr_expect_eq(adv_event_set_enum(&ev, "ending", "good"), 0);
	cr_expect_str_eq(adv_event_text(net, &ev, "ending"), "good");
	cr_expect_lt(adv_event_set_enum(&ev, "ending", "great"), 0);
	cr_expect_lt(adv_event_set_enum(&ev, "org", "Acme"), 0, "text, not enumerated");
	cr_expect_lt(adv_event_set_enum(&ev, "colour", "red"), 0);
	cr_expect_str_eq(adv_event_text(net, &ev, "ending"), "good", "a refused value changes nothing");
}
