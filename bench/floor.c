/*
 * floor.c - the default policy's decision in plain C (see floor.h).
 *
 * Each block below names the Lua it mirrors.  Where the Lua calls back into
 * C (advisor.mutuals, person:latest, person:last_contact, advisor.fit) the
 * floor calls the same core functions (adv_graph_mutuals, adv_event_day,
 * adv_text_fit, ...) or does the same walk, so that both see the same data
 * the same way and a faster primitive speeds both up; what the floor saves
 * is the interpreter, the userdata, the string building in Lua, the bridge
 * between the two, and the second intersection (mutuals and adamic_adar
 * are two calls in Lua, one here).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "lua/vm.h"   /* adv_text_fit */
#include "network/events.h"
#include "floor.h"
#include "network/graph.h"
#include "util/utf8.h"

#define PAST_DAYS 365
#define THRESHOLD 3.0
#define NOTE_LIMIT 300
#define CLOSING "Would you like to connect?"

/* Rules in declaration order: the shipped files load in name order. */
enum { R_BAD_ENDING, R_INTRODUCED, R_INVITED, R_JOB_PENDING, R_KNOWN,
       R_LEARN, R_MUTUALS, R_REINVITE, R_ROMANCE, R_STRANGER, R_THEIR_MESSAGE };

/* their_word.lua is not mirrored: it reads the message of their
 * invitation for a connection named as sending them, a place you met or a
 * job on offer, and the messages tools/gen writes ("Great meeting you last
 * week!") hold none of them, so it never fires on the benchmark's
 * networks.  A generator that writes such messages needs it here. */

#define WITHDRAW_AFTER_DAYS 150 /* settings.lua: withdraw_after_days */
#define REINVITE_BLOCK_DAYS 21  /* settings.lua: reinvite_block_days */

unsigned floor_intent_bit(const char *w)
{
	if (strcmp(w, "reconnect") == 0)
		return FLOOR_RECONNECT;
	if (strcmp(w, "learn") == 0)
		return FLOOR_LEARN;
	if (strcmp(w, "job") == 0)
		return FLOOR_JOB;
	if (strcmp(w, "date") == 0)
		return FLOOR_DATE;
	if (strcmp(w, "network") == 0)
		return FLOOR_NETWORK;
	return 0;
}

/* ------------------------------------------------------------------------
 * Text helpers (lib/facts.lua)
 * ------------------------------------------------------------------------ */

static const char *const MONTHS[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

/* facts.when: "2019-05-03" or "2019-05" -> "May 2019"; "2019" -> "2019". */
static const char *when(char buf[32], adv_date d)
{
	int y;
	unsigned m, day;

	adv_civil_from_days(d.day, &y, &m, &day);
	if (d.precision == ADV_DATE_YEAR)
		snprintf(buf, 32, "%04d", y);
	else
		snprintf(buf, 32, "%s %04d", MONTHS[m - 1], y);
	return buf;
}

/* facts.day: "9 December 2026", a partial date as when() says it. */
static const char *day_words(char *buf, size_t size, adv_date d)
{
	int y;
	unsigned m, day;

	if (d.precision != ADV_DATE_DAY)
		return when(buf, d);
	adv_civil_from_days(d.day, &y, &m, &day);
	snprintf(buf, size, "%u %s %04d", day, MONTHS[m - 1], y);
	return buf;
}

static int year_of(adv_date d)
{
	int y;
	unsigned m, day;
	adv_civil_from_days(d.day, &y, &m, &day);
	return y;
}

static const char *enum_name(const char *const *names, uint8_t v)
{
	return v ? names[v] : NULL;
}

/* s with '_' turned into ' ' (Lua's s:gsub("_", " ")). */
static const char *underscores(char *buf, size_t cap, const char *s)
{
	size_t i = 0;
	for (; s[i] && i + 1 < cap; i++)
		buf[i] = s[i] == '_' ? ' ' : s[i];
	buf[i] = '\0';
	return buf;
}

/* s:lower():match("^%s*(.-)%s*$") compared, without copying. */
static int is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int same_industry(const char *x, const char *y)
{
	if (!x || !y)
		return 0;
	const char *xe = x + strlen(x), *ye = y + strlen(y);
	while (x < xe && is_space(*x))
		x++;
	while (xe > x && is_space(xe[-1]))
		xe--;
	while (y < ye && is_space(*y))
		y++;
	while (ye > y && is_space(ye[-1]))
		ye--;
	if (xe - x != ye - y)
		return 0;
	for (; x < xe; x++, y++)
		if (lower((unsigned char)*x) != lower((unsigned char)*y))
			return 0;
	return 1;
}

/* facts.leader: why the person is worth learning from, or NULL. */
static const char *leader(const adv_person *p, char buf[64])
{
	if (p->influencer == 1)
		return "an influencer";
	switch (p->seniority) {
	case 5: return "a director";
	case 6: return "an executive";
	case 7: return "a founder";
	}
	if (p->followers >= 10000) {
		snprintf(buf, 64, "followed by %lld people", (long long)p->followers);
		return buf;
	}
	return NULL;
}

/* facts.describe_bad_ending */
static const char *describe_bad_ending(const advisor_network *net,
	const adv_event *e, char *buf, size_t cap)
{
	const char *org = adv_str(net, e->org), *because = adv_str(net, e->reason);
	static const char *const personal[] = { "nil", "your ex", "a friend",
		"family" };
	static const char *const work[] = { "someone you worked with",
		"your former boss", "your former report",
		"your former co-worker", "your former client",
		"your former employer" };

	if (e->type == ADV_EV_PERSONAL)
		return personal[e->relation <= 3 ? e->relation : 0];
	char reason[256];
	snprintf(buf, cap, "%s%s%s%s%s%s",
		work[e->relation <= 5 ? e->relation : 0],
		org ? " at " : "", org ? org : "",
		because ? " (" : "",
		because ? underscores(reason, sizeof(reason), because) : "",
		because ? ")" : "");
	return buf;
}

/* ------------------------------------------------------------------------
 * The decision
 * ------------------------------------------------------------------------ */

/* Room for n common neighbours, kept per thread between requests. */
static uint32_t *mutual_buffer(size_t n)
{
	static _Thread_local uint32_t *buf;
	static _Thread_local size_t cap;
	if (n + 1 > cap) {
		size_t c = cap ? cap : 1024;
		while (c < n + 1)
			c *= 2;
		uint32_t *p = realloc(buf, c * sizeof(*p));
		if (!p)
			return NULL;
		buf = p;
		cap = c;
	}
	return buf;
}

static floor_reason *fire(floor_result *r, int order, const char *rule,
	double score)
{
	floor_reason *f = &r->reasons[r->reason_count++];
	f->rule = rule;
	f->order = order;
	f->score = score;
	f->vetoed = 0;
	f->veto_priority = 0;
	f->fallback = 0;
	f->has_note = 0;
	f->detail[0] = '\0';
	return f;
}

/* core/engine/engine.c cmp_fired: applied vetoes first, strongest first; then by
 * score, highest first; ties in declaration order. */
static int before(const floor_reason *x, const floor_reason *y)
{
	if (x->vetoed != y->vetoed)
		return x->vetoed;
	if (x->vetoed && x->veto_priority != y->veto_priority)
		return x->veto_priority > y->veto_priority;
	if (x->score != y->score)
		return x->score > y->score;
	return x->order < y->order;
}

static void sort_reasons(floor_result *r)
{
	/* At most eight: an index sort, moving the big records only once. */
	int idx[FLOOR_MAX_REASONS];
	size_t n = r->reason_count;
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0 && before(&r->reasons[i], &r->reasons[idx[j - 1]])) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = (int)i;
	}
	int sorted = 1;
	for (size_t i = 0; i < n; i++)
		sorted &= idx[i] == (int)i;
	if (sorted)
		return;
	static _Thread_local floor_reason tmp[FLOOR_MAX_REASONS];
	for (size_t i = 0; i < n; i++)
		tmp[i] = r->reasons[idx[i]];
	memcpy(r->reasons, tmp, n * sizeof(*tmp));
}

/* lib/notes.lua compose, then the engine's own fit. */
static void compose_note(const advisor_network *net, const adv_person *p,
	floor_result *r)
{
	const char *name = adv_str(net, p->name);
	static const size_t closing_chars = sizeof(CLOSING) - 1;
	char *text = r->note;
	size_t cap = sizeof(r->note);
	size_t first = strcspn(name, " ");
	int len = snprintf(text, cap, "Hi %.*s!", (int)first, name);
	size_t chars = adv_utf8_length(text, (size_t)len);
	size_t used = 0;
	const char *first_part = NULL;

	for (size_t i = 0; i < r->reason_count; i++) {
		const floor_reason *f = &r->reasons[i];
		if (!f->has_note)
			continue;
		if (!first_part)
			first_part = f->note;
		size_t part_len = strlen(f->note);
		size_t part_chars = adv_utf8_length(f->note, part_len);
		if (chars + 1 + part_chars + 1 + closing_chars > NOTE_LIMIT)
			break;
		len += snprintf(text + len, cap - (size_t)len, " %s", f->note);
		chars += 1 + part_chars;
		used++;
	}
	if (used == 0 && first_part) {
		size_t part_len = strlen(first_part);
		len += snprintf(text + len, cap - (size_t)len, " %s", first_part);
		chars += 1 + adv_utf8_length(first_part, part_len);
	}
	if (chars + 1 + closing_chars <= NOTE_LIMIT)
		len += snprintf(text + len, cap - (size_t)len, " %s", CLOSING);
	if ((size_t)len >= cap)
		len = (int)cap - 1;
	if (adv_utf8_length(text, (size_t)len) > NOTE_LIMIT) {
		char fitted[FLOOR_NOTE_MAX];
		size_t n = adv_text_fit(text, (size_t)len, NOTE_LIMIT, fitted, sizeof(fitted));
		memcpy(text, fitted, n + 1);
	}
	r->has_note = text[0] != '\0';
}

void floor_advise(const advisor_network *net, const floor_request *rq,
	floor_result *r)
{
	const adv_person *p = rq->person;
	const adv_person *me = &net->me;
	const int32_t as_of = rq->as_of;
	/* engine.c advise(): the direction a pending invitation asks, when
	 * the request does not say. */
	const adv_event *waiting = adv_pending_invitation(net, p, rq->as_of, NULL);
	const int waiting_in = waiting && waiting->direction == ADV_DIRECTION_IN;
	const int incoming = rq->incoming >= 0 ? rq->incoming : waiting_in;
	const int outgoing = !incoming;
	char buf[512], buf2[64], wbuf[32];

	r->reason_count = 0;
	r->has_note = 0;
	r->note[0] = '\0';
	r->score = 0;
	r->withdraw = 0;
	r->incoming = incoming;
	r->invited_on[0] = '\0';
	if (waiting && waiting_in == incoming)
		adv_date_format(r->invited_on, waiting->date);
	if (p->connected) {
		r->verdict = ADVISOR_ALREADY_CONNECTED;
		return;
	}

	/* One pass over the person's events gathers what every rule reads:
	 * person:events() (happened by as_of, in file order), the latest of a
	 * type (person:latest) and the last contact. */
	const adv_event *bad = NULL, *acq = NULL, *intro = NULL,
		*interview = NULL, *met = NULL, *last = NULL, *said = NULL,
		*wrote[3] = { NULL, NULL, NULL };
	int32_t bad_day = 0, acq_day = 0, intro_day = 0, interview_day = 0,
		met_day = 0, last_day = 0, ahead_day = 0, said_day = 0,
		wrote_day[3] = { 0, 0, 0 };
	const adv_event *ahead = NULL; /* facts.hiring: scheduled after as_of */
	const adv_event *sent = NULL;  /* reinvite.lua: your latest invitation */
	int32_t sent_day = 0;
	int soured = 0;
	for (uint32_t i = 0; i < p->event_count; i++) {
		const adv_event *e = &net->events[p->first_event + i];
		int32_t day = adv_event_day(e, as_of);
		if (day > as_of) { /* not happened yet: person:upcoming */
			if (e->type == ADV_EV_INTERVIEW && e->status == ADV_STATUS_SCHEDULED &&
			    (!ahead || day >= ahead_day)) {
				ahead = e;
				ahead_day = day;
			}
			continue;
		}
		if (e->type == ADV_EV_INVITATION && e->direction == ADV_DIRECTION_OUT &&
		    (!sent || day >= sent_day)) {
			sent = e;
			sent_day = day;
		}
		/* facts.bad_ending and facts.acquaintance: the most recent, ties
		 * to the one listed last (days_ago <= best). */
		if ((e->type == ADV_EV_WORKED_TOGETHER || e->type == ADV_EV_PERSONAL)
		    && e->ending == ADV_ENDING_BAD && (!bad || day >= bad_day)) {
			bad = e;
			bad_day = day;
		}
		int ok = 0;
		if (e->type == ADV_EV_MET)
			ok = e->tone == 1 || e->tone == 2;
		else if (e->type == ADV_EV_WORKED_TOGETHER)
			ok = e->ending == ADV_ENDING_GOOD || e->ending == ADV_ENDING_NEUTRAL
				|| (e->ending == 0 && adv_event_ongoing(e, as_of));
		else if (e->type == ADV_EV_PERSONAL)
			ok = (e->relation == 2 || e->relation == 3) &&
				e->ending != ADV_ENDING_BAD;
		if (ok && (!acq || day >= acq_day)) {
			acq = e;
			acq_day = day;
		}
		soured |= e->type == ADV_EV_MET && !ok;
		/* facts.lua's evidence: the latest message each way, the latest
		 * recommendation or endorsement. */
		if (e->type == ADV_EV_MESSAGE && e->direction &&
		    (!wrote[e->direction] || day >= wrote_day[e->direction])) {
			wrote[e->direction] = e;
			wrote_day[e->direction] = day;
		}
		if ((e->type == ADV_EV_RECOMMENDATION || e->type == ADV_EV_ENDORSEMENT) &&
		    (!said || day >= said_day)) {
			said = e;
			said_day = day;
		}
		if (day == INT32_MIN)
			continue; /* undated: never the latest of anything */
		/* adv_last_contact: the latest contact, ties to the one listed
		 * last. */
		if (adv_event_is_contact(e) && (!last || day >= last_day)) {
			last = e;
			last_day = day;
		}
		if (e->type == ADV_EV_INTRODUCED && (!intro || day >= intro_day)) {
			intro = e;
			intro_day = day;
		}
		if (e->type == ADV_EV_INTERVIEW && (!interview || day >= interview_day)) {
			interview = e;
			interview_day = day;
		}
		if (e->type == ADV_EV_MET && (!met || day >= met_day)) {
			met = e;
			met_day = day;
		}
	}

	/* bad_ending.lua */
	if (bad) {
		floor_reason *f = fire(r, R_BAD_ENDING, "bad_ending", 3);
		const char *who = describe_bad_ending(net, bad, buf, sizeof(buf));
		if (rq->incoming)
			snprintf(f->detail, sizeof(f->detail),
				"things ended badly with %s, but they invited you: accepting lets it mend naturally",
				who);
		else
			snprintf(f->detail, sizeof(f->detail),
				"things ended badly with %s: let it happen naturally; if they invite you, accept",
				who);
		f->vetoed = outgoing;
		f->veto_priority = 20;
	}

	/* introduced.lua */
	if (intro) {
		const adv_person *by = adv_network_node_person(net, intro->by);
		int mutual = adv_graph_mutual_count(&net->graph, by->node, p->node) > 0
			|| by->connected;
		floor_reason *f = fire(r, R_INTRODUCED, "introduced", 3);
		snprintf(f->detail, sizeof(f->detail),
			"%s is introducing you%s; they vouch for you, so make a careful first impression",
			adv_str(net, by->name), mutual ? "" : " (though not a connection of both of you)");
		snprintf(f->note, sizeof(f->note),
			"%s suggested I get in touch with you.", adv_str(net, by->name));
		f->has_note = 1;
	}

	/* invited.lua */
	if (outgoing && waiting && !waiting_in) {
		floor_reason *f = fire(r, R_INVITED, "invited", 0);
		char day[ADV_DATE_BUF];
		int32_t days = as_of - waiting->date.day;
		adv_date_format(day, waiting->date);
		if (days > WITHDRAW_AFTER_DAYS) {
			snprintf(f->detail, sizeof(f->detail),
				"you invited them on %s, %d days ago, and they have not answered; "
				"LinkedIn drops an invitation after about six months: withdraw it",
				day, (int)days);
			r->withdraw = 1;
		} else {
			snprintf(f->detail, sizeof(f->detail),
				"you already invited them on %s; wait for their answer", day);
		}
		f->vetoed = 1;
		f->veto_priority = 5;
	}

	/* job_pending.lua with facts.hiring: a scheduled interview ahead is
	 * the latest news; an open status ages out after interview_open_days
	 * (settings.lua's 180). */
	if (ahead) {
		interview = ahead;
		interview_day = ahead_day;
	}
	if (interview && interview->status >= ADV_STATUS_APPLIED &&
	    interview->status <= ADV_STATUS_DONE &&
	    (ahead || as_of - interview_day <= 180)) {
		floor_reason *f = fire(r, R_JOB_PENDING, "job_pending", outgoing ? 0 : 3);
		const char *role = interview->role
			? underscores(buf, sizeof(buf), adv_role_names[interview->role])
			: "someone";
		int n;
		if (!outgoing)
			n = snprintf(f->detail, sizeof(f->detail),
				"they invited you while their hiring process with you is open (%s): accepting is fine",
				role);
		else if (ahead)
			n = snprintf(f->detail, sizeof(f->detail),
				"a hiring process with them is open (%s, interview scheduled for %s): wait until it is decided",
				role, day_words(wbuf, 32, interview->date));
		else
			n = snprintf(f->detail, sizeof(f->detail),
				"a hiring process with them is open (%s, status %s since %s): wait until it is decided",
				role, adv_status_names[interview->status],
				when(wbuf, interview->date));
		if (outgoing && (rq->intents & FLOOR_JOB) && n > 0 && (size_t)n < sizeof(f->detail))
			snprintf(f->detail + n, sizeof(f->detail) - (size_t)n, "%s",
				"; inviting them now, hoping it helps you land the job, looks presumptuous");
		f->vetoed = outgoing;
		f->veto_priority = 10;
	}

	/* known.lua with facts.acquaintance, else its evidence: mail both
	 * ways (the later of the two latest; messages win a tie), a
	 * recommendation or an endorsement, unless a meeting went badly. */
	int messages = 0;
	if (!acq && !soured) {
		if (wrote[1] && wrote[2]) {
			const adv_event *m = wrote_day[1] >= wrote_day[2] ? wrote[1] : wrote[2];
			int32_t m_day = m == wrote[1] ? wrote_day[1] : wrote_day[2];
			if (!said || m_day >= said_day) {
				acq = m;
				messages = 1;
			}
		}
		if (!acq)
			acq = said;
	}
	if (acq) {
		char how[512], reminder[FLOOR_PART_MAX];
		int has_reminder = 1;
		if (messages) {
			snprintf(how, sizeof(how), "you wrote each other (last in %s)",
				when(wbuf, acq->date));
			snprintf(reminder, sizeof(reminder), "%s",
				"It has been a while since we last wrote.");
		} else if (acq->type == ADV_EV_RECOMMENDATION) {
			int in = acq->direction != 2;
			snprintf(how, sizeof(how), "%s", in ? "they recommended you"
				: "you recommended them");
			snprintf(reminder, sizeof(reminder), "%s", in
				? "Thank you again for the recommendation you wrote me."
				: "It has been a while since we last caught up.");
		} else if (acq->type == ADV_EV_ENDORSEMENT) {
			int in = acq->direction != 2;
			const char *skill = adv_str(net, acq->skill);
			snprintf(how, sizeof(how), "%s%s%s", in ? "they endorsed you"
				: "you endorsed them", skill ? " for " : "",
				skill ? skill : "");
			if (in && skill)
				snprintf(reminder, sizeof(reminder),
					"Thank you again for endorsing me for %s.", skill);
			else
				snprintf(reminder, sizeof(reminder), "%s", in
					? "Thank you again for the endorsement."
					: "It has been a while since we last caught up.");
		} else if (acq->type == ADV_EV_MET) {
			const char *context = adv_str(net, acq->context);
			if (context) {
				snprintf(how, sizeof(how), "you met at %s and it was %s",
					context, enum_name(adv_tone_names, acq->tone));
				snprintf(reminder, sizeof(reminder), "We met at %s.", context);
			} else {
				snprintf(how, sizeof(how), "you met in %s and it was %s",
					when(wbuf, acq->date), enum_name(adv_tone_names, acq->tone));
				snprintf(reminder, sizeof(reminder), "We met in %s.",
					when(wbuf, acq->date));
			}
		} else if (acq->type == ADV_EV_WORKED_TOGETHER) {
			const char *at = acq->org.at ? " at " : "";
			const char *org = acq->org.at ? adv_str(net, acq->org) : "";
			if (adv_event_ongoing(acq, as_of)) {
				snprintf(how, sizeof(how), "you work together%s%s now", at, org);
				has_reminder = 0;
			} else {
				char span[32];
				int yf = year_of(acq->from), yt = year_of(acq->to);
				if (yf == yt)
					snprintf(span, sizeof(span), "%04d", yt);
				else
					snprintf(span, sizeof(span), "%04d\xE2\x80\x93%04d", yf, yt);
				snprintf(how, sizeof(how), "you worked together%s%s (%s) and it ended %s",
					at, org, span, acq->ending == ADV_ENDING_GOOD
					? "well" : "on neutral terms");
				snprintf(reminder, sizeof(reminder), "We worked together%s%s (%s).",
					at, org, span);
			}
		} else {
			snprintf(how, sizeof(how), "they are %s",
				acq->relation == 2 ? "a friend" : "family");
			snprintf(reminder, sizeof(reminder), "%s",
				"It has been a while since we last caught up.");
		}
		/* person:last_contact(): the latest dated contact, else connected_on. */
		int32_t contact;
		int has_contact = 1;
		if (last)
			contact = last_day;
		else if (p->connected_on.precision && p->connected_on.day <= as_of)
			contact = p->connected_on.day;
		else
			has_contact = 0;
		floor_reason *f = fire(r, R_KNOWN, "known", 3);
		if (has_contact && as_of - contact > PAST_DAYS && has_reminder && outgoing) {
			adv_date d = { contact, ADV_DATE_DAY };
			snprintf(f->detail, sizeof(f->detail),
				"%s; your last contact was in %s, over a year ago: remind them how you know each other",
				how, when(wbuf, d));
			memcpy(f->note, reminder, sizeof(reminder));
			f->has_note = 1;
		} else {
			memcpy(f->detail, how, sizeof(how));
		}
	}

	/* learn.lua */
	if (rq->intents & FLOOR_LEARN && same_industry(adv_str(net, p->industry), adv_str(net, me->industry))) {
		const char *why = leader(p, buf2);
		if (why) {
			floor_reason *f = fire(r, R_LEARN, "learn", 3);
			snprintf(f->detail, sizeof(f->detail),
				"%s is %s in %s, your industry, and you hope to learn from them",
				adv_str(net, p->name), why, adv_str(net, me->industry));
			snprintf(f->note, sizeof(f->note),
				"I work in %s too, and I admire your work%s%s; I would like to learn from it.",
				adv_str(net, me->industry), p->company.at ? " at " : "",
				p->company.at ? adv_str(net, p->company) : "");
			f->has_note = 1;
		}
	}

	/* mutuals.lua: advisor.mutuals and advisor.adamic_adar.  The common
	 * neighbours come from the library's own intersection (whatever
	 * algorithm core/network/graph.c uses), once; Adamic-Adar is summed over them
	 * in the same ascending order as adv_graph_adamic_adar, so the score
	 * is bit-identical. */
	{
		const adv_graph *g = &net->graph;
		uint32_t dm = adv_graph_degree(g, me->node), dp = adv_graph_degree(g, p->node);
		uint32_t *common = mutual_buffer(dm < dp ? dm : dp);
		size_t n = common ? adv_graph_mutuals(g, me->node, p->node, common) : 0;
		double aa = 0.0;
		for (size_t i = 0; i < n; i++) {
			uint32_t d = adv_graph_degree(g, common[i]);
			if (d > 1)
				aa += 1.0 / log((double)d);
		}
		if (n) {
			floor_reason *f = fire(r, R_MUTUALS, "mutuals", 0);
			int len = snprintf(f->detail, sizeof(f->detail), "%zu shared connection%s: ",
				n, n == 1 ? "" : "s");
			for (size_t i = 0; i < n && i < 3 && len > 0 &&
			     (size_t)len < sizeof(f->detail); i++) {
				const adv_person *q = adv_network_node_person(net, common[i]);
				len += snprintf(f->detail + len, sizeof(f->detail) - (size_t)len,
					"%s%s", i ? ", " : "", q ? adv_str(net, q->name) : adv_node_id(net, common[i]));
			}
			if (n > 3 && len > 0 && (size_t)len < sizeof(f->detail))
				snprintf(f->detail + len, sizeof(f->detail) - (size_t)len,
					", %zu more", n - 3);
			double w = aa / 2;
			f->score = floor((w < 1.0 ? w : 1.0) * 100 + 0.5) / 100;
		}
	}

	/* reinvite.lua */
	{
		const cJSON *st = sent && sent->extra ?
			cJSON_GetObjectItemCaseSensitive(sent->extra, "status") : NULL;
		int32_t left = REINVITE_BLOCK_DAYS - (as_of - sent_day);
		if (outgoing && cJSON_IsString(st) &&
		    strcmp(st->valuestring, "withdrawn") == 0 && left > 0) {
			floor_reason *f = fire(r, R_REINVITE, "reinvite", 0);
			char day[ADV_DATE_BUF];
			adv_date_format(day, sent->date);
			snprintf(f->detail, sizeof(f->detail),
				"you withdrew your invitation on %s; LinkedIn lets you invite them "
				"again %d days after that: wait %d more day%s", day,
				REINVITE_BLOCK_DAYS, (int)left, left == 1 ? "" : "s");
			f->vetoed = 1;
			f->veto_priority = 6;
		}
	}

	/* romance.lua */
	if (rq->intents & FLOOR_DATE) {
		floor_reason *f = fire(r, R_ROMANCE, "romance", 0);
		snprintf(f->detail, sizeof(f->detail), "%s",
			"you want to ask them out, and LinkedIn is not a dating site: keep it out of your professional network");
		f->vetoed = 1;
		f->veto_priority = 30;
	}

	/* stranger.lua: a fallback; a reason to connect is a fired rule with a
	 * positive score other than the signals, and bad_ending always counts. */
	{
		int reason = 0;
		for (size_t i = 0; i < r->reason_count; i++) {
			const floor_reason *f = &r->reasons[i];
			if (f->order == R_BAD_ENDING || f->order == R_INVITED ||
			    (f->order != R_MUTUALS && !f->vetoed && f->score > 0))
				reason = 1;
		}
		if (!reason) {
			floor_reason *f = fire(r, R_STRANGER, "stranger", 0);
			const char *why = "no relationship, no introducer and no purpose";
			if (met) {
				const char *tone = enum_name(adv_tone_names, met->tone);
				snprintf(buf, sizeof(buf),
					"you met%s%s but it was %s, not a relationship to build on",
					met->context.at ? " at " : "",
					met->context.at ? adv_str(net, met->context) : "",
					tone ? tone : "unclear");
				why = buf;
			} else if (rq->intents & FLOOR_LEARN) {
				why = "you hope to learn, but they are not a leader or up-and-comer of your industry";
			} else if (rq->intents & FLOOR_NETWORK) {
				why = "growing your network is not a reason on its own to invite a stranger";
			} else if (rq->intents & FLOOR_JOB) {
				why = "looking for work is ordinary networking, but you have no relationship with them";
			}
			snprintf(f->detail, sizeof(f->detail),
				"%s; growing from people you already know works better", why);
			f->fallback = 1;
		}
	}

	/* core/engine/engine.c decide() */
	int wants_note = 0;
	for (size_t i = 0; i < r->reason_count; i++)
		if (r->reasons[i].vetoed)
			r->reasons[i].score = 0;
	sort_reasons(r);
	for (size_t i = 0; i < r->reason_count; i++) {
		r->score += r->reasons[i].score;
		wants_note |= r->reasons[i].has_note;
	}
	r->score = round(r->score * 1e6) / 1e6; /* the engine's millionths */
	if (r->reason_count && r->reasons[0].vetoed) {
		switch (r->reasons[0].order) {
		case R_JOB_PENDING:
		case R_REINVITE: r->verdict = ADVISOR_WAIT; break;
		case R_INVITED: r->verdict = ADVISOR_INVITED; break;
		default: r->verdict = ADVISOR_DONT_CONNECT; break;
		}
	} else if (r->score >= THRESHOLD) {
		r->verdict = wants_note && outgoing ? ADVISOR_CONNECT_WITH_NOTE
			: ADVISOR_CONNECT;
	} else {
		r->verdict = ADVISOR_DONT_CONNECT;
		for (size_t i = 0; i < r->reason_count; i++)
			if (r->reasons[i].fallback) {
				if (i) {
					floor_reason f = r->reasons[i];
					memmove(r->reasons + 1, r->reasons, i * sizeof(f));
					r->reasons[0] = f;
				}
				break;
			}
	}
	if (r->verdict != ADVISOR_INVITED)
		r->withdraw = 0;
	if (r->verdict == ADVISOR_CONNECT_WITH_NOTE) {
		compose_note(net, p, r);
		if (!r->has_note)
			r->verdict = ADVISOR_CONNECT;
	}
}

/* ------------------------------------------------------------------------
 * JSON out
 * ------------------------------------------------------------------------ */

typedef struct out {
	char *p, *end;
} out;

static void put(out *o, const char *s, size_t n)
{
	size_t room = (size_t)(o->end - o->p);
	if (n > room)
		n = room;
	memcpy(o->p, s, n);
	o->p += n;
}

static void put_string(out *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	put(o, "\"", 1);
	for (;;) {
		const char *run = s;
		while ((unsigned char)*s >= 0x20 && *s != '"' && *s != '\\')
			s++;
		put(o, run, (size_t)(s - run));
		if (!*s)
			break;
		char esc[6] = { '\\', 0, 0, 0, 0, 0 };
		size_t n = 2;
		switch (*s) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[(unsigned char)*s >> 4];
			esc[5] = hex[*s & 15];
			n = 6;
		}
		put(o, esc, n);
		s++;
	}
	put(o, "\"", 1);
}

static void put_number(out *o, double x)
{
	char tmp[40];
	int n;
	if (x == floor(x) && fabs(x) < 1e15) {
		n = snprintf(tmp, sizeof(tmp), "%lld", (long long)x);
	} else {
		n = snprintf(tmp, sizeof(tmp), "%.15g", x);
		if (strtod(tmp, NULL) != x)
			n = snprintf(tmp, sizeof(tmp), "%.17g", x);
	}
	put(o, tmp, (size_t)n);
}

static const char *const VERDICTS[] = { "connect", "connect_with_note",
	"wait", "dont_connect", "already_connected", "invited" };

size_t floor_result_json(char *buf, size_t cap, const char *person_id,
	const floor_result *r)
{
	out o = { buf, buf + cap - 1 };
	put(&o, "{\"person\":", 10);
	put_string(&o, person_id);
	put(&o, ",\"verdict\":\"", 12);
	put(&o, VERDICTS[r->verdict], strlen(VERDICTS[r->verdict]));
	put(&o, "\",\"score\":", 10);
	put_number(&o, r->score);
	put(&o, ",\"reasons\":[", 12);
	for (size_t i = 0; i < r->reason_count; i++) {
		const floor_reason *f = &r->reasons[i];
		put(&o, i ? ",{\"rule\":" : "{\"rule\":", i ? 9 : 8);
		put_string(&o, f->rule);
		put(&o, ",\"score\":", 9);
		put_number(&o, f->score);
		put(&o, ",\"detail\":", 10);
		put_string(&o, f->detail);
		if (f->vetoed)
			put(&o, ",\"veto\":true}", 13);
		else
			put(&o, "}", 1);
	}
	put(&o, "]", 1);
	if (r->has_note) {
		put(&o, ",\"note\":", 8);
		put_string(&o, r->note);
	}
	if (r->incoming)
		put(&o, ",\"direction\":\"incoming\"", 23);
	else
		put(&o, ",\"direction\":\"outgoing\"", 23);
	if (r->invited_on[0]) {
		put(&o, ",\"invited_on\":", 14);
		put_string(&o, r->invited_on);
	}
	if (r->withdraw)
		put(&o, ",\"withdraw\":true", 16);
	put(&o, ",\"policy\":\"default\"}", 20);
	*o.p = '\0';
	return (size_t)(o.p - buf);
}
