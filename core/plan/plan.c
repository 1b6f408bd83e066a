/*
 * plan.c - the week's invitations within LinkedIn's limits
 * (advisor_plan_new(), advisor_limits_new()).
 *
 * What is counted is the network's: your outgoing invitations of the last
 * seven days, and those of this month that carried a note.  What is
 * allowed, the order of the candidates and where the notes go are the
 * policy's (its advisor.plan hook, the shipped lib/plan.lua), asked under
 * one protected call with the budget armed, as a request is.  The limits
 * are kept here whatever the policy answers: never more invitations than
 * the week has left, never more notes than the month has.
 */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "json/buf.h"
#include "lua/vm.h"
#include "network/events.h"
#include "network/network.h"
#include "util/date.h"
#include "util/error.h"

/* advisor_limits and the texts its members point at. */
typedef struct limits_store {
	advisor_limits pub;   /* first: advisor_limits_free() casts back */
	char as_of[ADV_DATE_BUF], frees_on[ADV_DATE_BUF], reset_on[ADV_DATE_BUF];
} limits_store;

/* A candidate the policy advises inviting, while the plan is made. */
typedef struct candidate {
	advisor_plan_item item;
	const adv_person *p;
	advisor_result *result;  /* until the plan is made */
	char *draft;             /* the advice's note, or NULL */
	int has_priority;        /* the policy's note() gave a number */
	double priority;
	size_t order;            /* place in the ranking, for the notes */
} candidate;

struct advisor_plan {
	limits_store limits;
	candidate *items;        /* proposed first, then later */
	size_t item_count, proposed;
	advisor_withdrawal *withdrawals;
	size_t withdrawal_count;
	size_t considered;
	size_t verdicts[ADVISOR_INVITED + 1];
};

/* ------------------------------------------------------------------------
 * Counting what was sent
 * ------------------------------------------------------------------------ */

static const char *extra_string(const cJSON *extra, const char *key)
{
	const cJSON *v = extra ? cJSON_GetObjectItemCaseSensitive(extra, key) : NULL;
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* An invitation you sent (the export's, or one `advisor sent` recorded);
 * not a withdrawal, which `advisor withdrew` records as an invitation
 * dated the day you withdrew it. */
static int is_sent(const adv_event *e)
{
	const char *status, *rec;

	if (e->type != ADV_EV_INVITATION || e->direction != ADV_DIRECTION_OUT)
		return 0;
	status = extra_string(e->extra, "status");
	rec = extra_string(e->extra, "recorded");
	return !(status && strcmp(status, "withdrawn") == 0) &&
		!(rec && strcmp(rec, "withdrew") == 0);
}

static int with_note(const advisor_network *net, const adv_event *e)
{
	const char *m = adv_str(net, e->message);
	const cJSON *n = e->extra ? cJSON_GetObjectItemCaseSensitive(e->extra,
		"with_note") : NULL;
	return (m && *m) || cJSON_IsTrue(n);
}

static void count_sent(limits_store *s, const advisor_network *net,
	int32_t as_of)
{
	int y;
	unsigned m, d;
	int32_t week_from = as_of - 6, oldest = INT32_MAX, month_from;

	adv_civil_from_days(as_of, &y, &m, &d);
	month_from = adv_days_from_civil(y, m, 1);
	s->pub.sent_this_week = 0;
	s->pub.notes_this_month = 0;
	for (size_t i = 0; i < net->people_count; i++) {
		const adv_person *p = &net->people[i];
		for (uint32_t k = 0; k < p->event_count; k++) {
			const adv_event *e = &net->events[p->first_event + k];
			if (!is_sent(e) || e->date.day > as_of)
				continue;
			if (e->date.day >= week_from) {
				s->pub.sent_this_week++;
				if (e->date.day < oldest)
					oldest = e->date.day;
			}
			if (e->date.day >= month_from && with_note(net, e))
				s->pub.notes_this_month++;
		}
	}
	if (oldest != INT32_MAX) {
		adv_date_format(s->frees_on, (adv_date){ oldest + 7, ADV_DATE_DAY });
		s->pub.week_frees_on = s->frees_on;
	} else {
		s->pub.week_frees_on = NULL;
	}
	adv_date_format(s->reset_on, (adv_date){ m == 12 ?
		adv_days_from_civil(y + 1, 1, 1) : adv_days_from_civil(y, m + 1, 1),
		ADV_DATE_DAY });
	s->pub.notes_reset_on = s->reset_on;
}

/* ------------------------------------------------------------------------
 * Asking the policy
 * ------------------------------------------------------------------------ */

/* What the protected call does, and with what. */
typedef struct asking {
	advisor_engine *e;
	const advisor_network *net;
	limits_store *limits;
	candidate *items;
	size_t count;
	char where[300];      /* "the plan's rank (settings.lua:58)" */
} asking;

/* Push the hook's function `name`, from the table advisor.plan was given. */
static void push_hook(asking *a, const char *name)
{
	lua_State *L = a->e->vm.L;

	lua_rawgeti(L, LUA_REGISTRYINDEX, a->e->vm.plan_ref);
	lua_getfield(L, -1, name);
	lua_remove(L, -2);
	snprintf(a->where, sizeof(a->where), "the plan's %s (%s:%d)", name,
		a->e->vm.plan_file ? a->e->vm.plan_file : "?", a->e->vm.plan_line);
}

static void call_hook(asking *a, int nargs)
{
	lua_call(a->e->vm.L, nargs, 1);
	/* A script that caught the limit's error is stopped here. */
	if (a->e->vm.budget_blown)
		luaL_error(a->e->vm.L, "limit exceeded");
}

/* A whole number from 0 in the table at -1's field key, or -1 for nil
 * when nil is allowed. */
static lua_Integer allowance(asking *a, const char *key, int nil_ok)
{
	lua_State *L = a->e->vm.L;
	int isnum = 0;
	lua_Integer n;

	lua_getfield(L, -1, key);
	if (lua_isnil(L, -1) && nil_ok) {
		lua_pop(L, 1);
		return -1;
	}
	n = lua_tointegerx(L, -1, &isnum);
	if (!isnum || n < 0 || n > INT32_MAX)
		luaL_error(L, "%s: %s is %s; expected a whole number from 0%s",
			a->where, key, lua_isnumber(L, -1) ? lua_tostring(L, -1) :
			luaL_typename(L, -1), nil_ok ? ", or nil for no limit" : "");
	lua_pop(L, 1);
	return n;
}

static int ask_limits(lua_State *L)
{
	asking *a = lua_touserdata(L, 1);
	advisor_limits *l = &a->limits->pub;

	push_hook(a, "limits");
	adv_lua_push_person(L, &a->net->me);
	call_hook(a, 1);
	if (!lua_istable(L, -1))
		return luaL_error(L, "%s: returned %s; expected a table "
			"{ invitations_a_week = n, notes_a_month = n or nil }",
			a->where, luaL_typename(L, -1));
	l->invitations_a_week = (unsigned int)allowance(a, "invitations_a_week", 0);
	l->notes_a_month = (int)allowance(a, "notes_a_month", 1);
	return 0;
}

/* The candidate as the policy's rank and note see it. */
static void push_candidate(lua_State *L, const candidate *c)
{
	size_t n = advisor_result_reason_count(c->result);

	lua_createtable(L, 0, 6);
	lua_pushstring(L, c->item.person);
	lua_setfield(L, -2, "id");
	lua_pushstring(L, c->item.name);
	lua_setfield(L, -2, "name");
	lua_pushnumber(L, c->item.score);
	lua_setfield(L, -2, "score");
	lua_pushstring(L, advisor_verdict_name(c->item.verdict));
	lua_setfield(L, -2, "verdict");
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		lua_pushstring(L, advisor_result_reason(c->result, i)->rule);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "rules");
	if (c->draft) {
		lua_pushstring(L, c->draft);
		lua_setfield(L, -2, "note");
	}
}

/* A finite number at -1, popped, or an error naming the candidate. */
static double number_of(asking *a, const candidate *c)
{
	lua_State *L = a->e->vm.L;
	int isnum = 0;
	double x = lua_tonumberx(L, -1, &isnum);

	if (!isnum || !isfinite(x))
		luaL_error(L, "%s: returned %s for %s; expected a number", a->where,
			isnum ? lua_tostring(L, -1) : luaL_typename(L, -1),
			c->item.person);
	lua_pop(L, 1);
	return x;
}

static int ask_ranks(lua_State *L)
{
	asking *a = lua_touserdata(L, 1);

	for (size_t i = 0; i < a->count; i++) {
		candidate *c = &a->items[i];
		push_candidate(L, c);
		int ci = lua_gettop(L);
		push_hook(a, "rank");
		lua_pushvalue(L, ci);
		adv_lua_push_person(L, c->p);
		call_hook(a, 2);
		c->item.rank = number_of(a, c);
		if (c->draft) {
			push_hook(a, "note");
			lua_pushvalue(L, ci);
			adv_lua_push_person(L, c->p);
			call_hook(a, 2);
			if (lua_isnil(L, -1)) {
				lua_pop(L, 1);
			} else {
				c->priority = number_of(a, c);
				c->has_priority = 1;
			}
		}
		lua_settop(L, ci - 1);
	}
	return 0;
}

/* Run fn(a) under one protected call, with the network and day set for
 * the policy's person views and the budget armed. */
static int ask(asking *a, lua_CFunction fn, adv_date as_of, advisor_error *err)
{
	adv_vm *vm = &a->e->vm;
	lua_State *L = vm->L;
	int top = lua_gettop(L), rc;

	if (vm->plan_ref == LUA_NOREF)
		return adv_error_set(err, ADVISOR_EPOLICY, "the policy sets no plan: "
			"advisor.plan{ limits = ..., rank = ..., note = ... } "
			"(scripts/policy/settings.lua does, with lib/plan.lua)");
	vm->net = a->net;
	vm->transient = NULL;
	vm->as_of = as_of;
	vm->generation++;
	adv_sandbox_budget(vm, vm->budget_limit);
	lua_pushcfunction(L, fn);
	lua_pushlightuserdata(L, a);
	rc = adv_sandbox_call(vm, 1, 0, "planning", NULL, err);
	lua_settop(L, top);
	vm->net = NULL;
	return rc;
}

static int day_of(adv_date *out, const char *as_of, const char *fn,
	advisor_error *err)
{
	if (!as_of) {
		*out = adv_date_today();
		return ADVISOR_OK;
	}
	if (adv_date_parse_day(out, as_of) < 0)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: as_of \"%s\" is not a "
			"day; expected YYYY-MM-DD", fn, as_of);
	return ADVISOR_OK;
}

static int limits_fill(limits_store *s, advisor_engine *engine,
	const advisor_network *net, adv_date as_of, advisor_error *err)
{
	asking a;
	int rc;
	advisor_limits *l = &s->pub;

	memset(&a, 0, sizeof(a));
	a.e = engine;
	a.net = net;
	a.limits = s;
	adv_date_format(s->as_of, as_of);
	l->as_of = s->as_of;
	if ((rc = ask(&a, ask_limits, as_of, err)) < 0)
		return rc;
	count_sent(s, net, as_of.day);
	l->invitations_left = l->sent_this_week >= l->invitations_a_week ? 0 :
		l->invitations_a_week - l->sent_this_week;
	l->notes_left = l->notes_a_month < 0 ? -1 :
		(unsigned int)l->notes_a_month <= l->notes_this_month ? 0 :
		l->notes_a_month - (int)l->notes_this_month;
	return ADVISOR_OK;
}

int advisor_limits_new(advisor_limits **out, advisor_engine *engine,
	const advisor_network *net, const char *as_of, advisor_error *err)
{
	static const char fn[] = "advisor_limits_new";
	limits_store *s;
	adv_date day;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: out is NULL", fn);
	*out = NULL;
	if (!engine || !net)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: engine and network "
			"are required", fn);
	if ((rc = day_of(&day, as_of, fn, err)) < 0)
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	if ((rc = limits_fill(s, engine, net, day, err)) < 0) {
		free(s);
		return rc;
	}
	*out = &s->pub;
	return ADVISOR_OK;
}

void advisor_limits_free(advisor_limits *limits)
{
	free(limits);   /* the store's first member */
}

/* ------------------------------------------------------------------------
 * The plan
 * ------------------------------------------------------------------------ */

void advisor_plan_options_init(advisor_plan_options *opts)
{
	if (opts) {
		advisor_plan_options o = ADVISOR_PLAN_OPTIONS_INIT;
		*opts = o;
	}
}

static void candidate_clear(candidate *c)
{
	advisor_result_free(c->result);
	c->result = NULL;
	free((char *)c->item.person);
	free((char *)c->item.name);
	free((char *)c->item.rule);
	free(c->draft);
}

void advisor_plan_free(advisor_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->item_count; i++)
		candidate_clear(&plan->items[i]);
	free(plan->items);
	for (size_t i = 0; i < plan->withdrawal_count; i++) {
		advisor_withdrawal *w = &plan->withdrawals[i];
		free((char *)w->person);
		free((char *)w->name);
		free((char *)w->invited_on);
		free((char *)w->expires_on);
		free((char *)w->detail);
	}
	free(plan->withdrawals);
	free(plan);
}

static char *dup_or_null(const char *s, int *nomem)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = strdup(s)))
		*nomem = 1;
	return d;
}

/* Best first: the policy's rank, then the score, then the id (so that a
 * plan is the same from run to run). */
static int by_rank(const void *x, const void *y)
{
	const candidate *a = x, *b = y;

	if (a->item.rank != b->item.rank)
		return a->item.rank > b->item.rank ? -1 : 1;
	if (a->item.score != b->item.score)
		return a->item.score > b->item.score ? -1 : 1;
	return strcmp(a->item.person, b->item.person);
}

/* Where the notes go: the note's priority, then the ranking. */
static int by_priority(const void *x, const void *y)
{
	const candidate *a = *(candidate *const *)x, *b = *(candidate *const *)y;

	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int by_invited_on(const void *x, const void *y)
{
	const advisor_withdrawal *a = x, *b = y;
	int c = strcmp(a->invited_on, b->invited_on);

	return c ? c : strcmp(a->person, b->person);
}

/* One candidate's advice, kept when it is connect; a withdrawal when it
 * says to withdraw yours.  The result becomes the candidate's or is
 * freed. */
static int take(advisor_plan *plan, size_t *cap, const advisor_network *net,
	const adv_person *p, advisor_result *r, int candidate_of_plan,
	const advisor_engine *engine, advisor_error *err)
{
	advisor_verdict v = advisor_result_verdict(r);
	int nomem = 0;

	if (candidate_of_plan) {
		plan->considered++;
		if ((unsigned)v <= ADVISOR_INVITED)
			plan->verdicts[v]++;
	}
	if (v == ADVISOR_INVITED && advisor_result_withdraw(r) &&
	    advisor_result_invited_on(r)) {
		advisor_withdrawal *w;
		adv_date d;
		void *grown = realloc(plan->withdrawals,
			(plan->withdrawal_count + 1) * sizeof(*plan->withdrawals));
		if (!grown)
			goto nomem;
		plan->withdrawals = grown;
		w = &plan->withdrawals[plan->withdrawal_count++];
		memset(w, 0, sizeof(*w));
		w->person = dup_or_null(adv_str(net, p->id), &nomem);
		w->name = dup_or_null(adv_str(net, p->name), &nomem);
		w->invited_on = dup_or_null(advisor_result_invited_on(r), &nomem);
		if (advisor_result_reason_count(r))
			w->detail = dup_or_null(advisor_result_reason(r, 0)->detail,
				&nomem);
		if (adv_date_parse_day(&d, advisor_result_invited_on(r)) == 0) {
			const adv_setting *s = adv_setting_find(
				(adv_vm *)&engine->vm, "invitation_expiry_days");
			adv_date today;
			if (adv_date_parse_day(&today, plan->limits.as_of) == 0 &&
			    today.day >= d.day)
				w->days = (unsigned int)(today.day - d.day);
			if (s && s->kind == ADV_SETTING_NUMBER && isfinite(s->number) &&
			    fabs(s->number) < 1e6) {
				char buf[ADV_DATE_BUF];
				adv_date_format(buf, (adv_date){ d.day +
					(int32_t)s->number, ADV_DATE_DAY });
				w->expires_on = dup_or_null(buf, &nomem);
			}
		}
		if (nomem)
			goto nomem;
	}
	if (!candidate_of_plan || (v != ADVISOR_CONNECT &&
				   v != ADVISOR_CONNECT_WITH_NOTE)) {
		advisor_result_free(r);
		return ADVISOR_OK;
	}
	if (plan->item_count == *cap) {
		size_t n = *cap ? *cap * 2 : 64;
		void *grown = realloc(plan->items, n * sizeof(*plan->items));
		if (!grown)
			goto nomem;
		plan->items = grown;
		*cap = n;
	}
	candidate *c = &plan->items[plan->item_count++];
	memset(c, 0, sizeof(*c));
	c->p = p;
	c->result = r;
	c->item.person = dup_or_null(adv_str(net, p->id), &nomem);
	c->item.name = dup_or_null(adv_str(net, p->name), &nomem);
	c->item.verdict = v;
	c->item.score = advisor_result_score(r);
	if (advisor_result_reason_count(r))
		c->item.rule = dup_or_null(advisor_result_reason(r, 0)->rule, &nomem);
	c->draft = dup_or_null(advisor_result_note(r), &nomem);
	c->item.added = p->extra &&
		cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p->extra, "added"));
	if (nomem)
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	return ADVISOR_OK;
nomem:
	advisor_result_free(r);
	return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
}

static int advise_one(advisor_result **r, advisor_engine *engine,
	const advisor_network *net, const adv_person *p,
	const advisor_plan_options *opts, const char *as_of, advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;

	req.person = adv_str(net, p->id);
	req.direction = ADVISOR_OUTGOING;
	req.as_of = as_of;
	req.intents = opts->intents;
	req.intent_count = opts->intent_count;
	return advisor_advise(r, engine, net, &req, err);
}

/* Share out the week's invitations and the month's notes. */
static int allot(advisor_plan *plan)
{
	const advisor_limits *l = &plan->limits.pub;
	candidate **noted;
	size_t n = 0, give;

	if (plan->item_count)   /* none: items is NULL, which qsort may not take */
		qsort(plan->items, plan->item_count, sizeof(*plan->items), by_rank);
	plan->proposed = plan->item_count < l->invitations_left ?
		plan->item_count : l->invitations_left;
	if (!(noted = calloc(plan->proposed + 1, sizeof(*noted))))
		return -1;
	for (size_t i = 0; i < plan->item_count; i++) {
		candidate *c = &plan->items[i];
		c->order = i;
		/* Until given one of the month's notes, a drafted note is held. */
		c->item.held_note = c->draft;
		if (i < plan->proposed && c->has_priority)
			noted[n++] = c;
	}
	qsort(noted, n, sizeof(*noted), by_priority);
	give = l->notes_left < 0 ? n : (size_t)l->notes_left < n ?
		(size_t)l->notes_left : n;
	for (size_t i = 0; i < give; i++) {
		noted[i]->item.note = noted[i]->draft;
		noted[i]->item.held_note = NULL;
	}
	free(noted);
	return 0;
}

int advisor_plan_new(advisor_plan **out, advisor_engine *engine,
	const advisor_network *net, const char *const *people,
	size_t people_count, const advisor_plan_options *opts,
	advisor_error *err)
{
	static const char fn[] = "advisor_plan_new";
	advisor_plan_options defaults = ADVISOR_PLAN_OPTIONS_INIT;
	advisor_plan *plan = NULL;
	unsigned char *seen = NULL;
	size_t cap = 0;
	adv_date day;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: out is NULL", fn);
	*out = NULL;
	if (!engine || !net || (!people && people_count))
		return adv_error_set(err, ADVISOR_EINVAL, "%s: engine and network "
			"are required (and people, with a count)", fn);
	if (!opts)
		opts = &defaults;
	if ((rc = adv_check_version(err, "advisor_plan_options", opts->version,
			ADVISOR_PLAN_OPTIONS_VERSION)) < 0)
		return rc;
	if (opts->intent_count && !opts->intents)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: intents is NULL with "
			"intent_count %zu", fn, opts->intent_count);
	if ((rc = day_of(&day, opts->as_of, fn, err)) < 0)
		return rc;
	if (!(plan = calloc(1, sizeof(*plan))) ||
	    !(seen = calloc(net->people_count + 1, 1))) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		goto done;
	}
	if ((rc = limits_fill(&plan->limits, engine, net, day, err)) < 0)
		goto done;
	const char *as_of = plan->limits.as_of;

	/* The candidates, each advised once. */
	for (size_t i = 0; people ? i < people_count : i < net->people_count; i++) {
		const adv_person *p;
		advisor_result *r = NULL;
		if (people) {
			int nomem = 0;
			if (!people[i]) {
				rc = adv_error_set(err, ADVISOR_EINVAL, "%s: people[%zu] "
					"is NULL", fn, i);
				goto done;
			}
			p = adv_network_person(net, people[i]);
			if (!p)
				p = adv_network_person_by_url(net, people[i], &nomem);
			if (nomem) {
				rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
				goto done;
			}
			if (!p || p == &net->me) {
				rc = adv_error_set(err, p ? ADVISOR_EINVAL :
					ADVISOR_ENOTFOUND, "%s: people[%zu]: %s \"%s\"", fn, i,
					p ? "that is you, not someone to invite:" :
					"no person with id", people[i]);
				goto done;
			}
		} else {
			p = &net->people[i];
			/* Connections, and those whose invitation waits for
			 * your answer (triage's), are no one to invite. */
			const adv_event *w;
			if (adv_person_connected(p, day.day, NULL) ||
			    ((w = adv_pending_invitation(net, p,
					day.day, NULL)) && w->direction == ADV_DIRECTION_IN))
				continue;
		}
		size_t at = (size_t)(p - net->people);
		if (seen[at])
			continue;
		seen[at] = 1;
		if (adv_person_connected(p, day.day, NULL)) {
			plan->considered++;
			plan->verdicts[ADVISOR_ALREADY_CONNECTED]++;
			continue;
		}
		/* Their invitation waits for your answer: yours would be a
		 * second one; triage's, and not proposed. */
		const adv_event *in = adv_pending_invitation(net, p, day.day, NULL);
		if (in && in->direction == ADV_DIRECTION_IN) {
			plan->considered++;
			continue;
		}
		if ((rc = advise_one(&r, engine, net, p, opts, as_of, err)) < 0 ||
		    (rc = take(plan, &cap, net, p, r, 1, engine, err)) < 0)
			goto done;
	}
	/* Your invitations old enough to withdraw, of everyone. */
	for (size_t i = 0; i < net->people_count; i++) {
		const adv_person *p = &net->people[i];
		const adv_event *w;
		advisor_result *r = NULL;
		if (seen[i] || adv_person_connected(p, day.day, NULL) ||
		    !(w = adv_pending_invitation(net, p, day.day, NULL)) ||
		    w->direction != ADV_DIRECTION_OUT)
			continue;
		if ((rc = advise_one(&r, engine, net, p, opts, as_of, err)) < 0 ||
		    (rc = take(plan, &cap, net, p, r, 0, engine, err)) < 0)
			goto done;
	}
	if (plan->withdrawal_count)
		qsort(plan->withdrawals, plan->withdrawal_count,
			sizeof(*plan->withdrawals), by_invited_on);

	/* The policy's ranking and notes, then the limits. */
	asking a;
	memset(&a, 0, sizeof(a));
	a.e = engine;
	a.net = net;
	a.limits = &plan->limits;
	a.items = plan->items;
	a.count = plan->item_count;
	if (plan->item_count && (rc = ask(&a, ask_ranks, day, err)) < 0)
		goto done;
	for (size_t i = 0; i < plan->item_count; i++) {
		advisor_result_free(plan->items[i].result);
		plan->items[i].result = NULL;
	}
	if (allot(plan) < 0) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		goto done;
	}
	*out = plan;
	plan = NULL;
	rc = ADVISOR_OK;
done:
	free(seen);
	advisor_plan_free(plan);
	return rc;
}

/* ------------------------------------------------------------------------
 * Reading a plan
 * ------------------------------------------------------------------------ */

const advisor_limits *advisor_plan_limits(const advisor_plan *plan)
{
	return plan ? &plan->limits.pub : NULL;
}

size_t advisor_plan_invitation_count(const advisor_plan *plan)
{
	return plan ? plan->proposed : 0;
}

const advisor_plan_item *advisor_plan_invitation(const advisor_plan *plan,
	size_t i)
{
	return plan && i < plan->proposed ? &plan->items[i].item : NULL;
}

size_t advisor_plan_later_count(const advisor_plan *plan)
{
	return plan ? plan->item_count - plan->proposed : 0;
}

const advisor_plan_item *advisor_plan_later(const advisor_plan *plan,
	size_t i)
{
	return plan && i < plan->item_count - plan->proposed ?
		&plan->items[plan->proposed + i].item : NULL;
}

size_t advisor_plan_withdrawal_count(const advisor_plan *plan)
{
	return plan ? plan->withdrawal_count : 0;
}

const advisor_withdrawal *advisor_plan_withdrawal(
	const advisor_plan *plan, size_t i)
{
	return plan && i < plan->withdrawal_count ? &plan->withdrawals[i] : NULL;
}

size_t advisor_plan_candidate_count(const advisor_plan *plan)
{
	return plan ? plan->considered : 0;
}

size_t advisor_plan_verdict_count(const advisor_plan *plan,
	advisor_verdict verdict)
{
	return plan && (unsigned)verdict <= ADVISOR_INVITED ?
		plan->verdicts[verdict] : 0;
}

static void json_key(adv_buf *b, const char *key)
{
	adv_buf_json_string(b, key);
	adv_buf_puts(b, ":");
}

static void json_str_or_null(adv_buf *b, const char *s)
{
	if (s)
		adv_buf_json_string(b, s);
	else
		adv_buf_puts(b, "null");
}

static void json_uint(adv_buf *b, long long n)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", n);
	adv_buf_puts(b, num);
}

static void json_items(adv_buf *b, const advisor_plan *plan, size_t from,
	size_t to)
{
	adv_buf_puts(b, "[");
	for (size_t i = from; i < to; i++) {
		const advisor_plan_item *it = &plan->items[i].item;
		adv_buf_puts(b, i > from ? ",{" : "{");
		json_key(b, "person");
		adv_buf_json_string(b, it->person);
		adv_buf_puts(b, ",");
		json_key(b, "name");
		adv_buf_json_string(b, it->name);
		adv_buf_puts(b, ",");
		json_key(b, "verdict");
		adv_buf_json_string(b, advisor_verdict_name(it->verdict));
		adv_buf_puts(b, ",");
		json_key(b, "score");
		adv_buf_json_number(b, it->score);
		adv_buf_puts(b, ",");
		json_key(b, "rank");
		adv_buf_json_number(b, it->rank);
		adv_buf_puts(b, ",");
		json_key(b, "rule");
		json_str_or_null(b, it->rule);
		adv_buf_puts(b, ",");
		json_key(b, "note");
		json_str_or_null(b, it->note);
		if (it->held_note) {
			adv_buf_puts(b, ",");
			json_key(b, "held_note");
			adv_buf_json_string(b, it->held_note);
		}
		adv_buf_puts(b, ",");
		json_key(b, "added");
		adv_buf_puts(b, it->added ? "true}" : "false}");
	}
	adv_buf_puts(b, "]");
}

int advisor_plan_to_json(char **out, const advisor_plan *plan,
	advisor_error *err)
{
	adv_buf b = { NULL, 0, 0, 0 };
	const advisor_limits *l;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_plan_to_json: out is NULL");
	*out = NULL;
	if (!plan)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_plan_to_json: plan is NULL");
	l = &plan->limits.pub;
	adv_buf_puts(&b, "{");
	json_key(&b, "as_of");
	adv_buf_json_string(&b, l->as_of);
	adv_buf_puts(&b, ",\"limits\":{");
	json_key(&b, "invitations_a_week");
	json_uint(&b, l->invitations_a_week);
	adv_buf_puts(&b, ",\"sent_this_week\":");
	json_uint(&b, l->sent_this_week);
	adv_buf_puts(&b, ",\"invitations_left\":");
	json_uint(&b, l->invitations_left);
	adv_buf_puts(&b, ",\"week_frees_on\":");
	json_str_or_null(&b, l->week_frees_on);
	adv_buf_puts(&b, ",\"notes_a_month\":");
	if (l->notes_a_month < 0)
		adv_buf_puts(&b, "null");
	else
		json_uint(&b, l->notes_a_month);
	adv_buf_puts(&b, ",\"notes_this_month\":");
	json_uint(&b, l->notes_this_month);
	adv_buf_puts(&b, ",\"notes_left\":");
	if (l->notes_left < 0)
		adv_buf_puts(&b, "null");
	else
		json_uint(&b, l->notes_left);
	adv_buf_puts(&b, ",\"notes_reset_on\":");
	adv_buf_json_string(&b, l->notes_reset_on);
	adv_buf_puts(&b, "},\"invitations\":");
	json_items(&b, plan, 0, plan->proposed);
	adv_buf_puts(&b, ",\"later\":");
	json_items(&b, plan, plan->proposed, plan->item_count);
	adv_buf_puts(&b, ",\"withdraw\":[");
	for (size_t i = 0; i < plan->withdrawal_count; i++) {
		const advisor_withdrawal *w = &plan->withdrawals[i];
		adv_buf_puts(&b, i ? ",{" : "{");
		json_key(&b, "person");
		adv_buf_json_string(&b, w->person);
		adv_buf_puts(&b, ",\"name\":");
		adv_buf_json_string(&b, w->name);
		adv_buf_puts(&b, ",\"invited_on\":");
		adv_buf_json_string(&b, w->invited_on);
		adv_buf_puts(&b, ",\"days\":");
		json_uint(&b, w->days);
		adv_buf_puts(&b, ",\"expires_on\":");
		json_str_or_null(&b, w->expires_on);
		adv_buf_puts(&b, ",\"detail\":");
		json_str_or_null(&b, w->detail);
		adv_buf_puts(&b, "}");
	}
	adv_buf_puts(&b, "],\"candidates\":");
	json_uint(&b, (long long)plan->considered);
	adv_buf_puts(&b, ",\"verdicts\":{");
	int first = 1;
	for (int v = ADVISOR_CONNECT; v <= ADVISOR_INVITED; v++) {
		if (!plan->verdicts[v])
			continue;
		if (!first)
			adv_buf_puts(&b, ",");
		first = 0;
		json_key(&b, advisor_verdict_name((advisor_verdict)v));
		json_uint(&b, (long long)plan->verdicts[v]);
	}
	adv_buf_puts(&b, "}}");
	if (b.failed || !b.data) {
		free(b.data);
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	}
	*out = b.data;
	return ADVISOR_OK;
}
