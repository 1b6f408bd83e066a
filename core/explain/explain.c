/*
 * explain.c - explanations: what every rule did, and what would change the
 * verdict.
 *
 * The rule outcomes come from the result itself (its reasons are exactly
 * the rules that fired, vetoes marked) and the rules' declarations.  The
 * what-ifs come from advising again on variants of the request, one change
 * at a time: an intent dropped or added, the direction flipped, the facts
 * a rule's `what_if` names taken away together, another fact about the
 * person taken away, or a fact a rule's `what_if` adds (a meeting, an
 * introduction by each mutual connection).  What a fact means is the
 * policy's: explain knows no event type's meaning beyond describing it.
 * Facts are taken away and added by an overlay, the engine's
 * adv_event_overlay, which the person view (lua/person.c) and the event
 * primitives (network/events.c) honour, so a policy needs nothing special
 * to be explained and the network is never copied.  Only the changes that
 * flip the verdict are kept: those are the smallest changes that matter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "engine/engine.h"
#include "engine/fact.h"
#include "engine/result.h"
#include "json/buf.h"
#include "network/events.h"
#include "util/error.h"
#include "util/utf8.h"

static const char *const outcome_names[] = { "fired", "decided", "outranked",
	"overruled", "not_fired", "off", "not_run" };

const char *advisor_rule_outcome_name(advisor_rule_outcome o)
{
	if ((unsigned)o >= sizeof(outcome_names) / sizeof(*outcome_names))
		return "unknown";
	return outcome_names[o];
}

/* ------------------------------------------------------------------------
 * The explanation, and reading it
 * ------------------------------------------------------------------------ */

struct advisor_explanation {
	advisor_result *result;
	advisor_rule_trace *rules;
	size_t rule_count;
	advisor_what_if *what_ifs;
	size_t what_if_count, what_if_cap;
	/* What the variants showed about rules that did not fire: the first
	 * added intent that made rule i fire, and whether the other direction
	 * did (so that "why not" says what is missing, not a guess). */
	const char **fires_with_intent;
	unsigned char *fires_other_direction;
	/* The base result's reasons sorted by rule name, for lookups. */
	const advisor_reason **by_name;
	/* The what-ifs together get one request's budget: the instructions
	 * left of it, the wall-clock deadline, and whether some were left
	 * untried because it ran out. */
	uint64_t left;
	uint64_t deadline_ns;
	int incomplete;
};

typedef struct advisor_explanation explanation;

void advisor_explanation_free(advisor_explanation *p)
{
	if (!p)
		return;
	advisor_result_free(p->result);
	for (size_t i = 0; i < p->rule_count; i++)
		free((char *)p->rules[i].why);
	free(p->rules);
	for (size_t i = 0; i < p->what_if_count; i++) {
		free((char *)p->what_ifs[i].change);
		free((char *)p->what_ifs[i].subject);
		free((char *)p->what_ifs[i].rule);
		adv_fact_free((advisor_fact *)p->what_ifs[i].fact);
	}
	free(p->what_ifs);
	free(p->fires_with_intent);
	free(p->fires_other_direction);
	free(p->by_name);
	free(p);
}

unsigned int advisor_explanation_complete(const advisor_explanation *x)
{
	return x && !x->incomplete;
}

const advisor_result *advisor_explanation_result(const advisor_explanation *x)
{
	return x ? x->result : NULL;
}

size_t advisor_explanation_rule_count(const advisor_explanation *x)
{
	return x ? x->rule_count : 0;
}

const advisor_rule_trace *advisor_explanation_rule(const advisor_explanation *x,
	size_t i)
{
	return x && i < x->rule_count ? &x->rules[i] : NULL;
}

size_t advisor_explanation_what_if_count(const advisor_explanation *x)
{
	return x ? x->what_if_count : 0;
}

const advisor_what_if *advisor_explanation_what_if(const advisor_explanation *x,
	size_t i)
{
	return x && i < x->what_if_count ? &x->what_ifs[i] : NULL;
}

/* ------------------------------------------------------------------------
 * Building an explanation
 * ------------------------------------------------------------------------ */


static int cmp_reason(const void *a, const void *b)
{
	return strcmp((*(const advisor_reason *const *)a)->rule,
		(*(const advisor_reason *const *)b)->rule);
}

/* The base result's reason of rule, or NULL: a binary search, so that
 * explaining a policy of many rules that all fired is not quadratic. */
static const advisor_reason *reason_of(const explanation *x, const char *rule)
{
	size_t lo = 0, hi = x->result->reason_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(rule, x->by_name[mid]->rule);
		if (c == 0)
			return x->by_name[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Charge n instructions of the explanation's own work in C to its
 * budget; 0, or -1 (and incomplete) once the budget or the time is out. */
static int spend(explanation *x, uint64_t n)
{
	if (x->incomplete || n >= x->left || now_ns() >= x->deadline_ns) {
		x->left = 0;
		x->incomplete = 1;
		return -1;
	}
	x->left -= n;
	return 0;
}

static int has_intent(const advisor_request *req, const char *w)
{
	for (size_t i = 0; i < req->intent_count; i++)
		if (strcasecmp(req->intents[i], w) == 0)
			return 1;
	return 0;
}

/* Why rule r did what it did, in words, into buf. */
static advisor_rule_outcome trace_rule(char *buf, size_t size,
	const advisor_engine *e, const explanation *x, size_t index,
	const advisor_request *req)
{
	const adv_rule *r = &e->vm.rules[index];
	const advisor_result *res = x->result;
	static const char *const when_words[] = { "", "outgoing", "incoming" };
	const advisor_reason *why = reason_of(x, r->name);
	const advisor_reason *first = advisor_result_reason(res, 0);
	int decided_by_veto = first && first->vetoed;

	if (r->off) {
		snprintf(buf, size, "switched off by %s", r->off_where ? r->off_where : "a layer");
		return ADVISOR_RULE_OFF;
	}
	if (res->verdict == ADVISOR_ALREADY_CONNECTED) {
		snprintf(buf, size, "not run: you are already connected");
		return ADVISOR_RULE_NOT_RUN;
	}
	if (why && why->vetoed) {
		if (why == first) {
			snprintf(buf, size, "decided: its veto forces %s",
				advisor_verdict_name(res->verdict));
			return ADVISOR_RULE_DECIDED;
		}
		snprintf(buf, size, "its veto applies (%s), but the stronger veto of %s decided",
			advisor_verdict_name(r->veto_verdict), first->rule);
		return ADVISOR_RULE_OUTRANKED;
	}
	if (why) {
		if (decided_by_veto) {
			snprintf(buf, size, "fired (%+g), but the veto of %s decided",
				why->score, first->rule);
			return ADVISOR_RULE_OVERRULED;
		}
		if (r->has_veto)
			snprintf(buf, size, "fired; its veto is only for %s invitations, so it adds %+g",
				when_words[r->veto_when], why->score);
		else if (res->verdict == ADVISOR_DONT_CONNECT && r->fallback)
			snprintf(buf, size, "fired: the reason not to connect");
		else if (res->verdict == ADVISOR_DONT_CONNECT)
			snprintf(buf, size, "fired (%+g), but the total %g is below the threshold %g",
				why->score, res->score, e->vm.threshold);
		else
			snprintf(buf, size, "fired (%+g)", why->score);
		return ADVISOR_RULE_FIRED;
	}
	/* Did not fire: say what the variants showed was missing. */
	const char *dir = req->direction == ADVISOR_OUTGOING ? "outgoing" : "incoming";
	const char *other = req->direction == ADVISOR_OUTGOING ? "incoming" : "outgoing";
	if (x->fires_with_intent[index]) {
		snprintf(buf, size, "did not fire: it needs the intent \"%s\", which the request does not have",
			x->fires_with_intent[index]);
	} else if (x->fires_other_direction[index]) {
		snprintf(buf, size, "did not fire: it fires for %s invitations, and this one is %s",
			other, dir);
	} else if (r->fallback && res->reason_count) {
		size_t n = (size_t)snprintf(buf, size,
			"did not fire: it runs last and saw other reasons (");
		for (size_t i = 0; i < res->reason_count && n < size; i++)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
				res->reasons[i].rule);
		if (n < size)
			snprintf(buf + n, size - n, ")");
	} else if (index < res->why_not_count && res->why_not[index]) {
		/* The rule says what its condition needed, for this person (its
		 * why_not); explain knows no policy's meaning. */
		snprintf(buf, size, "did not fire: %s", res->why_not[index]);
	} else {
		snprintf(buf, size, "did not fire: its condition does not hold for this person");
	}
	return ADVISOR_RULE_NOT_FIRED;
}

static int trace_rules(explanation *x, const advisor_engine *e,
	const advisor_request *req, advisor_error *err)
{
	char buf[512];

	x->rules = calloc(e->vm.rule_count + 1, sizeof(*x->rules));
	if (!x->rules)
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	for (size_t i = 0; i < e->vm.rule_count; i++) {
		const adv_rule *r = &e->vm.rules[i];
		advisor_rule_trace *t = &x->rules[i];
		const advisor_reason *why = reason_of(x, r->name);

		t->rule = r->name;
		t->outcome = trace_rule(buf, sizeof(buf), e, x, i, req);
		adv_utf8_trim_cut(buf); /* a long why_not may be cut short */
		t->score = why && t->outcome != ADVISOR_RULE_OFF ? why->score : 0;
		if (!(t->why = strdup(buf)))
			return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		x->rule_count++;
	}
	return ADVISOR_OK;
}

/* One variant of the request: the change in words and what it changes. */
typedef struct variant {
	char change[256];
	const char *kind;
	char subject[64];
	advisor_request req;
	const char *intents[64];
	const adv_event *hidden[64];
	size_t hidden_count;
	/* A fact added (kind add_fact): the event the overlay adds to the
	 * person, and the fact to record, owned by the variant until a
	 * what-if keeps it. */
	adv_event added;
	const adv_person *added_to;
	advisor_fact *fact;
} variant;

/* Which rules fired in a variant's result, for the "why not" hints: its
 * reasons, each found by name, so the cost is the variant's own. */
static void note_fired(explanation *x, advisor_engine *e,
	const advisor_result *r, const variant *v)
{
	for (size_t k = 0; k < r->reason_count; k++) {
		const adv_rule *rule = adv_rule_find(&e->vm, r->reasons[k].rule);
		if (!rule || reason_of(x, rule->name))
			continue;
		size_t i = (size_t)(rule - e->vm.rules);
		if (strcmp(v->kind, "add_intent") == 0 && !x->fires_with_intent[i])
			x->fires_with_intent[i] = rule->intent_count
				? v->req.intents[v->req.intent_count - 1] : NULL;
		else if (strcmp(v->kind, "direction") == 0)
			x->fires_other_direction[i] = 1;
	}
}

/* Advise on variant v within what is left of the explanation's budget,
 * and keep it if it flips the verdict.  ADVISOR_OK, STOP once the budget
 * has run out (the rest are not tried), or a failure. */
#define STOP 1
static int try_variant(explanation *x, advisor_engine *e,
	const advisor_network *net, variant *v, advisor_error *err)
{
	advisor_result *r = NULL;
	advisor_error ignored;
	int rc;

	if (spend(x, 1) < 0)
		return STOP;
	uint64_t limit = e->vm.budget_limit, time_ns = e->vm.time_limit_ns;
	e->vm.budget_limit = x->left;
	uint64_t t = now_ns();
	e->vm.time_limit_ns = t < x->deadline_ns ? x->deadline_ns - t : 1;
	e->vm.budget_used = 0;
	e->vm.overlay = (adv_event_overlay){ .hidden = v->hidden,
		.count = v->hidden_count, .added_to = v->added_to,
		.added = &v->added, .added_count = v->added_to ? 1 : 0 };
	rc = advisor_advise(&r, e, net, &v->req, &ignored);
	e->vm.overlay = (adv_event_overlay){ 0 };
	int blown = e->vm.budget_blown;
	uint64_t used = e->vm.budget_used;
	e->vm.budget_limit = limit;
	e->vm.time_limit_ns = time_ns;
	if (rc == ADVISOR_ENOMEM)
		return adv_error_set(err, rc, "out of memory");
	/* A variant stopped by what was left: the budget is spent, and
	 * its verdict unknown. */
	if ((rc == ADVISOR_ELIMIT && blown) || spend(x, used) < 0) {
		x->left = 0;
		x->incomplete = 1;
		advisor_result_free(r);
		return STOP;
	}
	if (rc == ADVISOR_OK)
		note_fired(x, e, r, v);
	if (rc < 0 || r->verdict == x->result->verdict) {
		advisor_result_free(r);
		return ADVISOR_OK; /* no flip, or no verdict: not a what-if */
	}
	if (x->what_if_count == x->what_if_cap) {
		size_t cap = x->what_if_cap ? x->what_if_cap * 2 : 8;
		advisor_what_if *p = realloc(x->what_ifs, cap * sizeof(*p));
		if (!p) {
			advisor_result_free(r);
			return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		}
		x->what_ifs = p;
		x->what_if_cap = cap;
	}
	advisor_what_if *w = &x->what_ifs[x->what_if_count];
	memset(w, 0, sizeof(*w));
	w->kind = v->kind;
	w->verdict = r->verdict;
	w->score = r->score;
	/* A name or context too long for its buffer was cut short, maybe
	 * inside a character: the JSON must stay valid UTF-8. */
	adv_utf8_trim_cut(v->change);
	adv_utf8_trim_cut(v->subject);
	w->fact = v->fact; /* the what-if's now */
	v->fact = NULL;
	int ok = (w->change = strdup(v->change)) && (w->subject = strdup(v->subject)) &&
		(!r->reason_count || (w->rule = strdup(r->reasons[0].rule)));
	x->what_if_count++; /* counted even if partial: freed either way */
	advisor_result_free(r);
	return ok ? ADVISOR_OK : adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
}

static void base_variant(variant *v, const advisor_request *req)
{
	memset(v, 0, sizeof(*v));
	v->req = *req;
	v->req.intent_count = 0;
	v->req.intents = v->intents;
	for (size_t i = 0; i < req->intent_count && i < 64; i++)
		v->intents[v->req.intent_count++] = req->intents[i];
}

/* What taking an event away means, in words, into v->change. */
static void describe_event(variant *v, const advisor_network *net,
	const adv_event *ev)
{
	char date[ADV_DATE_BUF] = "";
	const adv_date *d = ev->date.precision ? &ev->date
		: ev->to.precision ? &ev->to : &ev->from;
	const char *type_name = adv_str(net, ev->type_name);
	const char *org = adv_str(net, ev->org), *context = adv_str(net, ev->context);

	if (d->precision)
		adv_date_format(date, *d);
	snprintf(v->subject, sizeof(v->subject), "%s", type_name);
	switch (ev->type) {
	case ADV_EV_WORKED_TOGETHER:
		if (ev->ending == ADV_ENDING_BAD)
			snprintf(v->change, sizeof(v->change), "without the bad ending%s%s",
				org ? " at " : "", org ? org : "");
		else
			snprintf(v->change, sizeof(v->change), "without having worked together%s%s",
				org ? " at " : "", org ? org : "");
		return;
	case ADV_EV_PERSONAL:
		snprintf(v->change, sizeof(v->change), ev->ending == ADV_ENDING_BAD
			? "without the bad ending (%s)" : "without the personal tie (%s)",
			ev->relation ? adv_personal_relation_names[ev->relation] : "personal");
		return;
	case ADV_EV_MET:
		if (context)
			snprintf(v->change, sizeof(v->change), "without the meeting at %s", context);
		else
			snprintf(v->change, sizeof(v->change), "without the meeting of %s", date);
		return;
	case ADV_EV_INTRODUCED: {
		const char *id = ev->by != ADV_NO_NODE ? adv_node_id(net, ev->by) : NULL;
		const char *name = id ? advisor_network_person_name(net, id) : NULL;
		snprintf(v->change, sizeof(v->change), "without the introduction%s%s",
			name || id ? " by " : "", name ? name : id ? id : "");
		return;
	}
	default:
		snprintf(v->change, sizeof(v->change), "without the %s of %s",
			type_name, *date ? date : "no date");
	}
}

/* The fact rule what-if w adds, dated as_of (its `from`, for work
 * together), into v: the event the overlay adds to p, and the fact to
 * record, with `by` the person of node `by` when w gives one for each
 * mutual connection.  -1 out of memory. */
static int add_fact(variant *v, const advisor_network *net,
	const adv_person *p, const adv_rule_what_if *w, int32_t as_of,
	uint32_t by)
{
	adv_event *ev = &v->added;
	const char *by_id = by != ADV_NO_NODE ? adv_node_id(net, by) : NULL;
	const char *by_name = by_id ? advisor_network_person_name(net, by_id) : NULL;

	memset(ev, 0, sizeof(*ev));
#define ABSENT(kind, member, names) ADV_SCHEMA_ABSENT_##kind(ev, member)
	ADV_EVENT_SCHEMA(ABSENT)
#undef ABSENT
	ev->type = (uint8_t)adv_enum_lookup(adv_event_type_names, w->type);
	ev->type_name = adv_sref_outside(net, adv_event_type_names[ev->type]);
	if (ev->type == ADV_EV_WORKED_TOGETHER)
		ev->from = (adv_date){ as_of, ADV_DATE_DAY };
	else
		ev->date = (adv_date){ as_of, ADV_DATE_DAY };
	v->added_to = p;
	if (!(v->fact = adv_fact_new(w->type)))
		return -1;
	for (size_t m = 0; m < w->match_count; m++) {
		const char *field = w->matches[m].field, *value = w->matches[m].values[0];
		if (strcmp(field, "by") == 0) {
			ev->by = by;
			value = by_id;
		} else {
			adv_event_set_enum(ev, field, value); /* checked when loaded */
		}
		if (adv_fact_add(v->fact, field, value) < 0)
			return -1;
	}
	/* The change in the rule's words, "{by}" the introducer's name. */
	size_t n = 0;
	for (const char *c = w->change; *c && n + 1 < sizeof(v->change); ) {
		if (by_id && strncmp(c, "{by}", 4) == 0) {
			n += (size_t)snprintf(v->change + n, sizeof(v->change) - n, "%s",
				by_name ? by_name : by_id);
			n = n < sizeof(v->change) ? n : sizeof(v->change) - 1;
			c += 4;
		} else {
			v->change[n++] = *c++;
		}
	}
	v->change[n] = '\0';
	v->kind = "add_fact";
	snprintf(v->subject, sizeof(v->subject), "%s", w->subject);
	return 0;
}

/* The facts the active rules' what-ifs add, each tried on its own: those
 * of a what-if with `by` "{mutual}" once for each of the first
 * ADV_WHAT_IF_MUTUALS connections you share with p (in the network's
 * order), the others once. */
#define ADV_WHAT_IF_MUTUALS 5
static int added_facts(explanation *x, advisor_engine *e,
	const advisor_network *net, const advisor_request *req,
	const adv_person *p, int32_t as_of, variant *v, advisor_error *err)
{
	uint32_t *shared = NULL;
	size_t shared_count = 0;
	int rc = ADVISOR_OK;

	for (size_t r = 0; r < e->vm.rule_count && rc == ADVISOR_OK; r++) {
		const adv_rule *rule = &e->vm.rules[r];
		for (size_t k = 0; !rule->off && k < rule->what_if_count && rc == ADVISOR_OK; k++) {
			const adv_rule_what_if *w = &rule->what_ifs[k];
			if (!w->adds)
				continue;
			if (w->by_mutual && !shared) {
				/* Listed once, at the cost of walking both lists. */
				const adv_graph *g = &net->graph;
				uint32_t a = adv_graph_degree(g, net->me.node),
					b = adv_graph_degree(g, p->node);
				if (spend(x, (uint64_t)a + b) < 0) {
					rc = STOP;
					break;
				}
				if (!(shared = malloc(((a < b ? a : b) + 1) * sizeof(*shared)))) {
					rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
					break;
				}
				shared_count = adv_graph_mutuals(g, net->me.node, p->node, shared);
			}
			size_t tries = 0;
			for (size_t i = 0; rc == ADVISOR_OK &&
			     (w->by_mutual ? i < shared_count && tries < ADV_WHAT_IF_MUTUALS : i < 1); i++) {
				uint32_t by = w->by_mutual ? shared[i] : ADV_NO_NODE;
				if (w->by_mutual && !adv_network_node_person(net, by))
					continue; /* a bare node: no one to introduce you */
				tries++;
				base_variant(v, req);
				if (add_fact(v, net, p, w, as_of, by) < 0)
					rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
				else
					rc = try_variant(x, e, net, v, err);
				adv_fact_free(v->fact); /* unless a what-if kept it */
				v->fact = NULL;
			}
		}
	}
	free(shared);
	return rc;
}

/* Does a what-if some active rule declares hide ev?  Such events are tried
 * together, as the rule asked, and not one by one. */
static int rule_hides(const adv_rule_what_if *const *ws, size_t n,
	const advisor_network *net, const adv_event *ev)
{
	for (size_t i = 0; i < n; i++)
		if (adv_what_if_hides(net, ws[i], ev))
			return 1;
	return 0;
}

static int what_ifs(explanation *x, advisor_engine *e,
	const advisor_network *net, const advisor_request *req, int32_t as_of,
	advisor_error *err)
{
	variant *v = malloc(sizeof(*v));
	int rc = ADVISOR_OK;

	if (!v)
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	/* Each intent dropped. */
	for (size_t i = 0; i < req->intent_count && rc == ADVISOR_OK; i++) {
		base_variant(v, req);
		v->req.intent_count = 0;
		for (size_t k = 0; k < req->intent_count && k < 64; k++)
			if (k != i)
				v->intents[v->req.intent_count++] = req->intents[k];
		v->kind = "drop_intent";
		snprintf(v->subject, sizeof(v->subject), "%s", req->intents[i]);
		snprintf(v->change, sizeof(v->change), "without the intent \"%s\"", req->intents[i]);
		rc = try_variant(x, e, net, v, err);
	}
	/* Each intent the policy knows, added. */
	for (size_t i = 0; i < e->vm.intent_count && rc == ADVISOR_OK; i++) {
		if (has_intent(req, e->vm.intents[i]) || req->intent_count >= 63)
			continue;
		base_variant(v, req);
		v->intents[v->req.intent_count++] = e->vm.intents[i];
		v->kind = "add_intent";
		snprintf(v->subject, sizeof(v->subject), "%s", e->vm.intents[i]);
		snprintf(v->change, sizeof(v->change), "with the intent \"%s\"", e->vm.intents[i]);
		rc = try_variant(x, e, net, v, err);
	}
	/* The other direction. */
	if (rc == ADVISOR_OK) {
		base_variant(v, req);
		int out = req->direction == ADVISOR_OUTGOING;
		v->req.direction = out ? ADVISOR_INCOMING : ADVISOR_OUTGOING;
		v->kind = "direction";
		snprintf(v->subject, sizeof(v->subject), out ? "incoming" : "outgoing");
		snprintf(v->change, sizeof(v->change), out
			? "if they invited you" : "if you were the one inviting");
		rc = try_variant(x, e, net, v, err);
	}
	/* Facts taken away: first the changes the rules declare (their
	 * `what_if`: "once the hiring decision is made" hides every open
	 * interview at once), then each other event on its own.  Events still
	 * to come on as_of are tried too: a policy may read them
	 * (person:upcoming, a scheduled interview).  Looking through the
	 * events is charged to the budget too. */
	/* The person advised on (one given inline is found by id once found;
	 * a transient one has no facts to take away). */
	const adv_person *p = x->result->transient ? NULL
		: adv_network_person(net, x->result->person);
	size_t wn = 0;
	const adv_rule_what_if **ws = NULL;
	for (size_t r = 0; r < e->vm.rule_count; r++)
		wn += e->vm.rules[r].off ? 0 : e->vm.rules[r].what_if_count;
	if (rc == ADVISOR_OK && !(ws = malloc((wn ? wn : 1) * sizeof(*ws))))
		rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	wn = 0;
	for (size_t r = 0; ws && r < e->vm.rule_count; r++)
		for (size_t k = 0; !e->vm.rules[r].off && k < e->vm.rules[r].what_if_count; k++)
			ws[wn++] = &e->vm.rules[r].what_ifs[k];
	for (size_t r = 0; p && r < e->vm.rule_count && rc == ADVISOR_OK; r++) {
		const adv_rule *rule = &e->vm.rules[r];
		for (size_t k = 0; !rule->off && k < rule->what_if_count && rc == ADVISOR_OK; k++) {
			const adv_rule_what_if *w = &rule->what_ifs[k];
			if (spend(x, p->event_count) < 0) {
				rc = STOP;
				break;
			}
			base_variant(v, req);
			for (uint32_t i = 0; i < p->event_count && v->hidden_count < 64; i++) {
				const adv_event *ev = &net->events[p->first_event + i];
				if (adv_what_if_hides(net, w, ev))
					v->hidden[v->hidden_count++] = ev;
			}
			if (!v->hidden_count)
				continue;
			v->kind = "drop_fact";
			snprintf(v->subject, sizeof(v->subject), "%s", w->subject);
			snprintf(v->change, sizeof(v->change), "%s", w->change);
			rc = try_variant(x, e, net, v, err);
		}
	}
	for (uint32_t i = 0; p && i < p->event_count && rc == ADVISOR_OK; i++) {
		const adv_event *ev = &net->events[p->first_event + i];
		if (spend(x, wn) < 0) {
			rc = STOP;
			break;
		}
		if (rule_hides(ws, wn, net, ev))
			continue;
		base_variant(v, req);
		v->hidden[v->hidden_count++] = ev;
		v->kind = "drop_fact";
		describe_event(v, net, ev);
		rc = try_variant(x, e, net, v, err);
	}
	free(ws);
	/* Facts added, last: what the user could record. */
	if (p && p != &net->me && rc == ADVISOR_OK)
		rc = added_facts(x, e, net, req, p, as_of, v, err);
	free(v);
	return rc == STOP ? ADVISOR_OK : rc;
}

int advisor_explain(advisor_explanation **out, advisor_engine *e,
	const advisor_network *net, const advisor_request *req,
	advisor_error *err)
{
	explanation *x;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_explain: out is NULL");
	*out = NULL;
	if (!(x = calloc(1, sizeof(*x))))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	e->why_not_all = 1;
	rc = advisor_advise(&x->result, e, net, req, err);
	e->why_not_all = 0;
	if (rc < 0) {
		advisor_explanation_free(x);
		return rc;
	}
	/* The variants ask the question answered, in the direction chosen for
	 * a request that left it to the engine, on the same day (a request
	 * for today is pinned to the day the advice was for). */
	advisor_request answered = *req;
	char day[ADV_DATE_BUF];
	adv_date as_of;
	if (!req->as_of || adv_date_parse_day(&as_of, req->as_of) < 0) {
		as_of = adv_date_today();
		adv_date_format(day, as_of);
		answered.as_of = day;
	}
	answered.direction = x->result->direction;
	req = &answered;
	x->fires_with_intent = calloc(e->vm.rule_count + 1, sizeof(char *));
	x->fires_other_direction = calloc(e->vm.rule_count + 1, 1);
	x->by_name = calloc(x->result->reason_count + 1, sizeof(*x->by_name));
	/* The what-ifs together: one request's instructions and time. */
	x->left = e->vm.budget_limit;
	x->deadline_ns = now_ns() + e->vm.time_limit_ns;
	for (size_t i = 0; x->by_name && i < x->result->reason_count; i++)
		x->by_name[i] = &x->result->reasons[i];
	if (x->by_name)
		qsort(x->by_name, x->result->reason_count, sizeof(*x->by_name), cmp_reason);
	if (!x->fires_with_intent || !x->fires_other_direction || !x->by_name)
		rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	else if (x->result->verdict != ADVISOR_ALREADY_CONNECTED)
		rc = what_ifs(x, e, net, req, as_of.day, err);
	if (rc == ADVISOR_OK)
		rc = trace_rules(x, e, req, err);
	if (rc < 0) {
		advisor_explanation_free(x);
		return rc;
	}
	*out = x;
	return ADVISOR_OK;
}

int advisor_explanation_to_json(char **out, const advisor_explanation *x,
	advisor_error *err)
{
	adv_buf b = { 0 };
	char *head;
	int rc;

	adv_error_clear(err);
	if (!out || !x)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_explanation_to_json: out and explanation are required");
	*out = NULL;
	if ((rc = advisor_result_to_json(&head, x->result, err)) < 0)
		return rc;
	/* The result's object, reopened before its closing brace. */
	adv_buf_add(&b, head, strlen(head) - 1);
	free(head);
	adv_buf_puts(&b, ",\"rules\":[");
	for (size_t i = 0; i < x->rule_count; i++) {
		const advisor_rule_trace *t = &x->rules[i];
		adv_buf_puts(&b, i ? ",{\"rule\":" : "{\"rule\":");
		adv_buf_json_string(&b, t->rule);
		adv_buf_puts(&b, ",\"outcome\":");
		adv_buf_json_string(&b, advisor_rule_outcome_name(t->outcome));
		adv_buf_puts(&b, ",\"score\":");
		adv_buf_json_number(&b, t->score);
		adv_buf_puts(&b, ",\"why\":");
		adv_buf_json_string(&b, t->why);
		adv_buf_puts(&b, "}");
	}
	adv_buf_puts(&b, "],\"what_if\":[");
	for (size_t i = 0; i < x->what_if_count; i++) {
		const advisor_what_if *w = &x->what_ifs[i];
		adv_buf_puts(&b, i ? ",{\"change\":" : "{\"change\":");
		adv_buf_json_string(&b, w->change);
		adv_buf_puts(&b, ",\"kind\":");
		adv_buf_json_string(&b, w->kind);
		adv_buf_puts(&b, ",\"subject\":");
		adv_buf_json_string(&b, w->subject);
		adv_buf_puts(&b, ",\"verdict\":");
		adv_buf_json_string(&b, advisor_verdict_name(w->verdict));
		adv_buf_puts(&b, ",\"score\":");
		adv_buf_json_number(&b, w->score);
		if (w->rule) {
			adv_buf_puts(&b, ",\"rule\":");
			adv_buf_json_string(&b, w->rule);
		}
		if (w->fact) {
			/* As the network format writes the event, but its date. */
			adv_buf_puts(&b, ",\"fact\":{\"type\":");
			adv_buf_json_string(&b, w->fact->type);
			for (size_t k = 0; k < w->fact->count; k++) {
				adv_buf_puts(&b, ",");
				adv_buf_json_string(&b, w->fact->names[k]);
				adv_buf_puts(&b, ":");
				adv_buf_json_string(&b, w->fact->values[k]);
			}
			adv_buf_puts(&b, "}");
		}
		adv_buf_puts(&b, "}");
	}
	adv_buf_puts(&b, x->incomplete ? "],\"what_if_complete\":false}"
		: "],\"what_if_complete\":true}");
	if (b.failed) {
		free(b.data);
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	}
	*out = b.data;
	return ADVISOR_OK;
}
