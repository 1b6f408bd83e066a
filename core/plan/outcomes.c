/*
 * outcomes.c - what became of the invitations you sent: accepted (and how
 * many days it took), pending (censored), or ended (withdrawn, ignored or
 * expired), each with the features the policy gave it, and the counts per
 * rule, per verdict and note versus none with their Wilson intervals.
 *
 * Everything is read from the network as the data folder made it: an
 * export's outgoing invitations, which a re-import marks "accepted" or
 * "ended" once the export no longer lists them, and those `advisor sent`
 * and `advisor withdrew` recorded (docs/data-format.md, "Re-imports",
 * "Invitations you record").  The features come from the decision log's
 * line for the person on or before the day sent, else from advising again
 * as of that day, with the invitation hidden and the person judged as not
 * yet a connection (the overlay of network/events.h): the facts of that
 * day, on today's links, which carry no date.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/engine.h"
#include "json/buf.h"
#include "network/events.h"
#include "network/network.h"
#include "plan/outcomes.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/error.h"
#include "util/file.h"

/* An outcome and the rules behind it; the public struct first, so that an
 * advisor_outcome pointer is one of these. */
typedef struct outcome {
	advisor_outcome pub;
	advisor_reason *rules;
	size_t rule_count;
	int32_t sent_day;
} outcome;

struct advisor_outcomes {
	adv_arena arena;
	char as_of[ADV_DATE_BUF];
	outcome *items;
	size_t count, cap;
	advisor_outcome_group *groups;
	size_t group_count;
};

void adv_wilson(double *low, double *high, size_t successes, size_t trials,
	double z)
{
	if (trials == 0) {
		*low = 0.0;
		*high = 1.0;
		return;
	}
	if (successes > trials)
		successes = trials;
	double n = (double)trials, p = (double)successes / n, z2 = z * z;
	double denom = 1.0 + z2 / n;
	double centre = (p + z2 / (2.0 * n)) / denom;
	double half = z / denom * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
	*low = centre - half < 0.0 ? 0.0 : centre - half;
	*high = centre + half > 1.0 ? 1.0 : centre + half;
	/* Exactly 0 or 1 at the ends, whatever the rounding. */
	if (successes == 0)
		*low = 0.0;
	if (successes == trials)
		*high = 1.0;
}

const char *advisor_outcome_state_name(advisor_outcome_state s)
{
	switch (s) {
	case ADVISOR_OUTCOME_PENDING: return "pending";
	case ADVISOR_OUTCOME_ACCEPTED: return "accepted";
	case ADVISOR_OUTCOME_ENDED: return "ended";
	}
	return "unknown";
}

const char *advisor_outcome_basis_name(advisor_outcome_basis b)
{
	switch (b) {
	case ADVISOR_OUTCOME_LOGGED: return "logged";
	case ADVISOR_OUTCOME_REJUDGED: return "rejudged";
	}
	return "unknown";
}

void advisor_outcomes_options_init(advisor_outcomes_options *opts)
{
	if (opts)
		*opts = (advisor_outcomes_options)ADVISOR_OUTCOMES_OPTIONS_INIT;
}

/* ------------------------------------------------------------------------
 * The decision log
 * ------------------------------------------------------------------------ */

typedef struct log_line {
	const char *person;
	int32_t logged;
	size_t seq;         /* its line, for ties */
	advisor_verdict verdict;
	const char **rules;
	double *scores;     /* what each rule added, or NULL (older lines) */
	size_t rule_count;
} log_line;

typedef struct decision_log {
	log_line *lines;
	size_t count, cap;
} decision_log;

static int verdict_of(const char *name, advisor_verdict *out)
{
	for (int v = ADVISOR_CONNECT; v <= ADVISOR_INVITED; v++)
		if (strcmp(advisor_verdict_name((advisor_verdict)v), name) == 0) {
			*out = (advisor_verdict)v;
			return 0;
		}
	return -1;
}

static void log_warn(const advisor_outcomes_options *opts, const char *path,
	size_t line, const char *why)
{
	char msg[512];
	if (!opts || !opts->warning)
		return;
	snprintf(msg, sizeof(msg), "%.300s: line %zu: %s; skipped", path, line,
		why);
	opts->warning(opts->warning_payload, msg);
}

/* One line of the log into dl (strings in the arena); 1 if kept, 0 if
 * skipped (with the reason in *why), -1 out of memory. */
static int read_log_line(decision_log *dl, adv_arena *a, const char *text,
	size_t len, size_t seq, const char **why)
{
	cJSON *doc = cJSON_ParseWithLength(text, len);
	const cJSON *person, *logged, *verdict, *rules, *direction, *scores, *r;
	adv_date day;
	log_line l;
	int rc = 0;

	*why = "not a JSON object";
	if (!doc || !cJSON_IsObject(doc))
		goto done;
	person = cJSON_GetObjectItemCaseSensitive(doc, "person");
	logged = cJSON_GetObjectItemCaseSensitive(doc, "logged");
	verdict = cJSON_GetObjectItemCaseSensitive(doc, "verdict");
	rules = cJSON_GetObjectItemCaseSensitive(doc, "rules");
	direction = cJSON_GetObjectItemCaseSensitive(doc, "direction");
	scores = cJSON_GetObjectItemCaseSensitive(doc, "scores");
	*why = "not a line of the decision log (person, logged, verdict, rules)";
	if (!cJSON_IsString(person) || !*person->valuestring ||
	    !cJSON_IsString(logged) || !cJSON_IsString(verdict) ||
	    !cJSON_IsArray(rules))
		goto done;
	if (adv_date_parse_day(&day, logged->valuestring) < 0) {
		*why = "logged is not a day (YYYY-MM-DD)";
		goto done;
	}
	memset(&l, 0, sizeof(l));
	if (verdict_of(verdict->valuestring, &l.verdict) < 0) {
		*why = "an unknown verdict";
		goto done;
	}
	cJSON_ArrayForEach(r, rules)
		if (!cJSON_IsString(r)) {
			*why = "rules holds something other than names";
			goto done;
		}
	if (scores && (!cJSON_IsArray(scores) ||
			cJSON_GetArraySize(scores) != cJSON_GetArraySize(rules))) {
		*why = "scores is not a number for each rule";
		goto done;
	}
	cJSON_ArrayForEach(r, scores)
		if (!cJSON_IsNumber(r)) {
			*why = "scores is not a number for each rule";
			goto done;
		}
	*why = NULL;
	/* Advice on their invitation to you says nothing of yours. */
	if (cJSON_IsString(direction) &&
	    strcmp(direction->valuestring, "incoming") == 0)
		goto done;
	rc = -1;
	l.logged = day.day;
	l.seq = seq;
	l.rule_count = (size_t)cJSON_GetArraySize(rules);
	if (!(l.person = adv_arena_strdup(a, person->valuestring)))
		goto done;
	if (l.rule_count && !(l.rules = adv_arena_alloc(a,
			l.rule_count * sizeof(*l.rules))))
		goto done;
	size_t i = 0;
	cJSON_ArrayForEach(r, rules)
		if (!(l.rules[i++] = adv_arena_strdup(a, r->valuestring)))
			goto done;
	if (scores && l.rule_count) {
		if (!(l.scores = adv_arena_alloc(a, l.rule_count *
				sizeof(*l.scores))))
			goto done;
		i = 0;
		cJSON_ArrayForEach(r, scores)
			l.scores[i++] = r->valuedouble;
	}
	if (dl->count == dl->cap) {
		size_t ncap = dl->cap ? dl->cap * 2 : 64;
		log_line *n = realloc(dl->lines, ncap * sizeof(*n));
		if (!n)
			goto done;
		dl->lines = n;
		dl->cap = ncap;
	}
	dl->lines[dl->count++] = l;
	rc = 1;
done:
	cJSON_Delete(doc);
	return rc;
}

static int by_person_day(const void *a, const void *b)
{
	const log_line *x = a, *y = b;
	int c = strcmp(x->person, y->person);
	if (c)
		return c;
	if (x->logged != y->logged)
		return x->logged < y->logged ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int read_log(decision_log *dl, adv_arena *a,
	const advisor_outcomes_options *opts, advisor_error *err)
{
	const char *path = opts ? opts->decision_log : NULL;
	char *text = NULL;
	size_t len = 0;
	struct stat st;
	int rc;

	if (!path)
		return ADVISOR_OK;
	if (stat(path, &st) < 0 && errno == ENOENT)
		return ADVISOR_OK;
	if ((rc = adv_read_file(&text, &len, path, ADVISOR_DEFAULT_MAX_BYTES,
			NULL, err)) < 0)
		return rc;
	size_t line = 0;
	for (size_t at = 0; at < len;) {
		const char *s = text + at;
		const char *nl = memchr(s, '\n', len - at);
		size_t n = nl ? (size_t)(nl - s) : len - at;
		at += n + (nl != NULL);
		line++;
		size_t k = 0;
		while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
			k++;
		if (k == n)
			continue;
		const char *why;
		int kept = read_log_line(dl, a, s, n, line, &why);
		if (kept < 0) {
			free(text);
			return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory "
				"reading the decision log", path);
		}
		if (!kept && why)
			log_warn(opts, path, line, why);
	}
	free(text);
	if (dl->count)
		qsort(dl->lines, dl->count, sizeof(*dl->lines), by_person_day);
	return ADVISOR_OK;
}

/* The latest line of advice on sending to `person` logged on or before
 * `day`, or NULL.  Advice given once they were invited or connected is no
 * advice on sending. */
static const log_line *logged_advice(const decision_log *dl,
	const char *person, int32_t day)
{
	size_t lo = 0, hi = dl->count;
	const log_line *found = NULL;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(dl->lines[mid].person, person) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < dl->count &&
			strcmp(dl->lines[i].person, person) == 0; i++) {
		const log_line *l = &dl->lines[i];
		if (l->logged > day)
			break;
		if (l->verdict != ADVISOR_INVITED &&
		    l->verdict != ADVISOR_ALREADY_CONNECTED)
			found = l;
	}
	return found;
}

/* ------------------------------------------------------------------------
 * The invitations and their states
 * ------------------------------------------------------------------------ */

static const char *extra_string(const adv_event *e, const char *name)
{
	const cJSON *v = e->extra ?
		cJSON_GetObjectItemCaseSensitive(e->extra, name) : NULL;
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int extra_true(const adv_event *e, const char *name)
{
	const cJSON *v = e->extra ?
		cJSON_GetObjectItemCaseSensitive(e->extra, name) : NULL;
	return cJSON_IsTrue(v);
}

static int32_t extra_day(const adv_event *e, const char *name)
{
	const char *s = extra_string(e, name);
	adv_date d;
	return s && adv_date_parse_day(&d, s) == 0 ? d.day : INT32_MIN;
}

static char *day_string(adv_arena *a, int32_t day)
{
	char buf[ADV_DATE_BUF];
	adv_date_format(buf, (adv_date){ day, ADV_DATE_DAY });
	return adv_arena_strdup(a, buf);
}

static outcome *new_outcome(advisor_outcomes *o)
{
	if (o->count == o->cap) {
		size_t ncap = o->cap ? o->cap * 2 : 64;
		outcome *n = realloc(o->items, ncap * sizeof(*n));
		if (!n)
			return NULL;
		o->items = n;
		o->cap = ncap;
	}
	outcome *x = &o->items[o->count++];
	memset(x, 0, sizeof(*x));
	return x;
}

/* The rules of a result, copied into the arena. */
static int take_result(outcome *x, adv_arena *a, const advisor_result *r)
{
	x->pub.verdict = advisor_result_verdict(r);
	x->pub.basis = ADVISOR_OUTCOME_REJUDGED;
	x->pub.score = advisor_result_score(r);
	x->rule_count = advisor_result_reason_count(r);
	if (!x->rule_count)
		return 0;
	if (!(x->rules = adv_arena_alloc(a, x->rule_count * sizeof(*x->rules))))
		return -1;
	for (size_t i = 0; i < x->rule_count; i++) {
		const advisor_reason *why = advisor_result_reason(r, i);
		x->rules[i] = (advisor_reason){ NULL, why->score, NULL, why->vetoed };
		if (!(x->rules[i].rule = adv_arena_strdup(a, why->rule)) ||
		    (why->detail && !(x->rules[i].detail =
				adv_arena_strdup(a, why->detail))))
			return -1;
	}
	return 0;
}

static const advisor_rule_info *rule_named(const advisor_engine *e,
	const char *name)
{
	for (size_t i = 0; i < advisor_engine_rule_count(e); i++) {
		const advisor_rule_info *r = advisor_engine_rule(e, i);
		if (strcmp(r->name, name) == 0)
			return r;
	}
	return NULL;
}

/* The features of a line of the log: its verdict and rules with their
 * scores as logged, or, for a line from before the log kept scores, as
 * the engine scores each rule now. */
static int take_logged(outcome *x, adv_arena *a, const advisor_engine *e,
	const log_line *l)
{
	x->pub.verdict = l->verdict;
	x->pub.basis = ADVISOR_OUTCOME_LOGGED;
	if (!(x->pub.logged = day_string(a, l->logged)))
		return -1;
	x->rule_count = l->rule_count;
	if (!x->rule_count)
		return 0;
	if (!(x->rules = adv_arena_alloc(a, x->rule_count * sizeof(*x->rules))))
		return -1;
	int connect = l->verdict == ADVISOR_CONNECT ||
		l->verdict == ADVISOR_CONNECT_WITH_NOTE;
	for (size_t i = 0; i < l->rule_count; i++) {
		const advisor_rule_info *info = rule_named(e, l->rules[i]);
		int veto = info && strcmp(info->kind, "veto") == 0;
		x->rules[i] = (advisor_reason){ l->rules[i], 0.0, NULL, 0 };
		if (veto && i == 0 && !connect)
			x->rules[i].vetoed = 1;
		else if (l->scores)
			x->rules[i].score = l->scores[i];
		else if (info && !veto && !info->off)
			x->rules[i].score = info->score;
		x->pub.score += x->rules[i].score;
	}
	return 0;
}

/* Advise again on an invitation to p as of the day it was sent, with it
 * hidden (hidden[0]; the rest, earlier ones it superseded) and p not yet
 * a connection. */
static int rejudge(outcome *x, adv_arena *a, advisor_engine *engine,
	const advisor_network *net, const adv_person *p,
	const adv_event *const *hidden, size_t nhidden, advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_result *r = NULL;
	advisor_error why;
	int rc;

	req.person = adv_str(net, p->id);
	req.direction = ADVISOR_OUTGOING;
	req.as_of = x->pub.sent;
	engine->vm.overlay = (adv_event_overlay){ .hidden = hidden,
		.count = nhidden, .unconnected = p };
	rc = advisor_advise(&r, engine, net, &req, &why);
	engine->vm.overlay = (adv_event_overlay){ 0 };
	if (rc < 0) {
		rc = adv_error_set(err, rc, "advisor_outcomes_new: advising on %s "
			"as of %s, the day the invitation was sent: %s", req.person,
			req.as_of, why.message);
		if (err) {
			memcpy(err->path, why.path, sizeof(err->path));
			memcpy(err->field, why.field, sizeof(err->field));
		}
		return rc;
	}
	rc = take_result(x, a, r) < 0 ? ADVISOR_ENOMEM : ADVISOR_OK;
	advisor_result_free(r);
	if (rc < 0)
		return adv_error_set(err, rc, "advisor_outcomes_new: out of memory");
	return ADVISOR_OK;
}

typedef struct sent_inv {
	const adv_event *e;
	int32_t withdrawn_on;   /* INT32_MIN: not withdrawn */
} sent_inv;

static int by_event_day(const void *a, const void *b)
{
	const sent_inv *x = a, *y = b;
	if (x->e->date.day != y->e->date.day)
		return x->e->date.day < y->e->date.day ? -1 : 1;
	return x->e < y->e ? -1 : x->e > y->e;
}

/* The outcomes of p's invitations, appended to o. */
static int person_outcomes(advisor_outcomes *o, advisor_engine *engine,
	const advisor_network *net, const adv_person *p, int32_t as_of,
	const decision_log *dl, advisor_error *err)
{
	sent_inv stack[8], *inv = stack;
	const adv_event *wd_stack[8], **wd = wd_stack;
	const adv_event *hidden_stack[8], **hidden = hidden_stack;
	size_t n = 0, nw = 0;
	int rc = ADVISOR_OK;

	if (p->event_count > 8) {
		inv = malloc(p->event_count * sizeof(*inv));
		wd = malloc(p->event_count * sizeof(*wd));
		hidden = malloc(p->event_count * sizeof(*hidden));
		if (!inv || !wd || !hidden) {
			rc = adv_error_set(err, ADVISOR_ENOMEM,
				"advisor_outcomes_new: out of memory");
			goto done;
		}
	}
	for (uint32_t i = 0; i < p->event_count; i++) {
		const adv_event *e = &net->events[p->first_event + i];
		if (e->type != ADV_EV_INVITATION ||
		    e->direction != ADV_DIRECTION_OUT ||
		    e->date.precision != ADV_DATE_DAY)
			continue;
		const char *status = extra_string(e, "status");
		if (status && strcmp(status, "withdrawn") == 0) {
			if (e->date.day <= as_of)
				wd[nw++] = e;
		}
		else if (e->date.day <= as_of)
			inv[n++] = (sent_inv){ e, INT32_MIN };
	}
	if (!n)
		goto done;
	qsort(inv, n, sizeof(*inv), by_event_day);
	/* A withdrawal goes with the invitation of its invited_on, else with
	 * the latest one sent before it. */
	for (size_t k = 0; k < nw; k++) {
		int32_t on = extra_day(wd[k], "invited_on"), day = wd[k]->date.day;
		sent_inv *match = NULL;
		for (size_t i = 0; i < n; i++)
			if (inv[i].e->date.day == on)
				match = &inv[i];
		for (size_t i = 0; !match && i < n; i++)
			if (inv[i].e->date.day <= day &&
			    (i + 1 == n || inv[i + 1].e->date.day > day))
				match = &inv[i];
		if (match && (match->withdrawn_on == INT32_MIN ||
				day < match->withdrawn_on))
			match->withdrawn_on = day;
	}
	/* A connection made after as_of was none yet (events.h). */
	int connected = adv_person_connected(p, as_of, NULL);
	for (size_t i = 0; i < n; i++) {
		const adv_event *e = inv[i].e;
		const char *status = extra_string(e, "status");
		/* A status a re-import set after as_of was not yet so: an
		 * acceptance by a connection made later, an end after its
		 * last_seen (the day of the last import that listed it). */
		if (status && ((strcmp(status, "accepted") == 0 &&
				p->connected && !connected) ||
			       (strcmp(status, "ended") == 0 &&
				extra_day(e, "last_seen") > as_of)))
			status = NULL;
		outcome *x = new_outcome(o);
		int32_t ended = INT32_MIN;

		if (!x) {
			rc = adv_error_set(err, ADVISOR_ENOMEM,
				"advisor_outcomes_new: out of memory");
			goto done;
		}
		x->sent_day = e->date.day;
		x->pub.days = -1;
		const char *msg = adv_str(net, e->message);
		x->pub.with_note = (msg && *msg) || extra_true(e, "with_note");
		if (inv[i].withdrawn_on != INT32_MIN) {
			x->pub.state = ADVISOR_OUTCOME_ENDED;
			x->pub.withdrawn = 1;
			ended = inv[i].withdrawn_on;
		} else if (status && strcmp(status, "accepted") == 0) {
			x->pub.state = ADVISOR_OUTCOME_ACCEPTED;
		} else if (status && strcmp(status, "ended") == 0) {
			x->pub.state = ADVISOR_OUTCOME_ENDED;
			ended = extra_day(e, "last_seen");
		} else if (i + 1 < n) {
			/* Waiting with a later one sent: it waits no more. */
			x->pub.state = ADVISOR_OUTCOME_ENDED;
		} else if (connected) {
			x->pub.state = ADVISOR_OUTCOME_ACCEPTED;
		} else {
			x->pub.state = ADVISOR_OUTCOME_PENDING;
			x->pub.days = as_of - e->date.day;
		}
		if (x->pub.state == ADVISOR_OUTCOME_ACCEPTED &&
		    p->connected_on.precision == ADV_DATE_DAY &&
		    p->connected_on.day >= e->date.day)
			x->pub.days = p->connected_on.day - e->date.day;
		if (x->pub.state == ADVISOR_OUTCOME_ENDED && ended != INT32_MIN) {
			if (ended >= e->date.day)
				x->pub.days = ended - e->date.day;
			if (!(x->pub.ended_on = day_string(&o->arena, ended)))
				goto nomem;
		}
		if (!(x->pub.person = adv_arena_strdup(&o->arena,
				adv_str(net, p->id))) ||
		    !(x->pub.sent = day_string(&o->arena, e->date.day)))
			goto nomem;
		const log_line *l = logged_advice(dl, x->pub.person, e->date.day);
		if (l) {
			if (take_logged(x, &o->arena, engine, l) < 0)
				goto nomem;
		} else {
			/* This one, and those before it that never got a status:
			 * neither waited when it was sent. */
			size_t nh = 0;
			hidden[nh++] = e;
			for (size_t k = 0; k < i; k++)
				if (!extra_string(inv[k].e, "status"))
					hidden[nh++] = inv[k].e;
			if ((rc = rejudge(x, &o->arena, engine, net, p, hidden, nh,
					err)) < 0)
				goto done;
		}
	}
	goto done;
nomem:
	rc = adv_error_set(err, ADVISOR_ENOMEM, "advisor_outcomes_new: out of "
		"memory");
done:
	if (inv != stack)
		free(inv);
	if (wd != wd_stack)
		free(wd);
	if (hidden != hidden_stack)
		free((void *)hidden);
	return rc;
}

/* ------------------------------------------------------------------------
 * The groups
 * ------------------------------------------------------------------------ */

static int by_sent(const void *a, const void *b)
{
	const outcome *x = a, *y = b;
	if (x->sent_day != y->sent_day)
		return x->sent_day < y->sent_day ? -1 : 1;
	return strcmp(x->pub.person, y->pub.person);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Does outcome x belong to group g? */
static int member(const outcome *x, const advisor_outcome_group *g)
{
	switch (g->kind) {
	case ADVISOR_GROUP_ALL: return 1;
	case ADVISOR_GROUP_RULE:
		for (size_t i = 0; i < x->rule_count; i++)
			if (strcmp(x->rules[i].rule, g->name) == 0)
				return 1;
		return 0;
	case ADVISOR_GROUP_VERDICT:
		return strcmp(advisor_verdict_name(x->pub.verdict), g->name) == 0;
	case ADVISOR_GROUP_NOTE:
		return x->pub.with_note == (strcmp(g->name, "note") == 0);
	}
	return 0;
}

static void count_group(const advisor_outcomes *o, advisor_outcome_group *g,
	double *days)
{
	size_t known = 0;
	for (size_t i = 0; i < o->count; i++) {
		const outcome *x = &o->items[i];
		if (!member(x, g))
			continue;
		g->sent++;
		switch (x->pub.state) {
		case ADVISOR_OUTCOME_ACCEPTED:
			g->accepted++;
			if (x->pub.days >= 0)
				days[known++] = x->pub.days;
			break;
		case ADVISOR_OUTCOME_PENDING: g->pending++; break;
		case ADVISOR_OUTCOME_ENDED: g->ended++; break;
		}
	}
	size_t resolved = g->accepted + g->ended;
	g->rate = resolved ? (double)g->accepted / (double)resolved : 0.0;
	adv_wilson(&g->low, &g->high, g->accepted, resolved, ADV_Z95);
	g->days_known = known;
	if (known) {
		qsort(days, known, sizeof(*days), by_double);
		g->median_days = known % 2 ? days[known / 2]
			: (days[known / 2 - 1] + days[known / 2]) / 2.0;
	}
}

static int make_groups(advisor_outcomes *o)
{
	const char **names = NULL;
	double *days = NULL;
	size_t nn = 0, total = 0;
	int rc = -1;

	for (size_t i = 0; i < o->count; i++)
		total += o->items[i].rule_count;
	if ((total && !(names = malloc(total * sizeof(*names)))) ||
	    (o->count && !(days = malloc(o->count * sizeof(*days)))))
		goto done;
	for (size_t i = 0; i < o->count; i++)
		for (size_t k = 0; k < o->items[i].rule_count; k++)
			names[nn++] = o->items[i].rules[k].rule;
	if (nn)
		qsort(names, nn, sizeof(*names), by_name);
	size_t rules = 0;
	for (size_t i = 0; i < nn; i++)
		if (!i || strcmp(names[i], names[i - 1]) != 0)
			names[rules++] = names[i];
	size_t cap = 1 + rules + (ADVISOR_INVITED + 1) + 2;
	if (!(o->groups = calloc(cap, sizeof(*o->groups))))
		goto done;
	advisor_outcome_group *g = o->groups;
	*g++ = (advisor_outcome_group){ .kind = ADVISOR_GROUP_ALL, .name = "all" };
	for (size_t i = 0; i < rules; i++)
		*g++ = (advisor_outcome_group){ .kind = ADVISOR_GROUP_RULE,
			.name = names[i] };
	for (int v = ADVISOR_CONNECT; v <= ADVISOR_INVITED; v++)
		*g++ = (advisor_outcome_group){ .kind = ADVISOR_GROUP_VERDICT,
			.name = advisor_verdict_name((advisor_verdict)v) };
	*g++ = (advisor_outcome_group){ .kind = ADVISOR_GROUP_NOTE,
		.name = "note" };
	*g++ = (advisor_outcome_group){ .kind = ADVISOR_GROUP_NOTE,
		.name = "no_note" };
	/* Counted, then those with no outcome dropped (all stays). */
	size_t kept = 0;
	for (size_t i = 0; i < cap; i++) {
		count_group(o, &o->groups[i], days);
		if (i == 0 || o->groups[i].sent)
			o->groups[kept++] = o->groups[i];
	}
	o->group_count = kept;
	rc = 0;
done:
	free(names);
	free(days);
	return rc;
}

/* ------------------------------------------------------------------------
 * The API
 * ------------------------------------------------------------------------ */

int advisor_outcomes_new(advisor_outcomes **out, advisor_engine *engine,
	const advisor_network *net, const advisor_outcomes_options *opts,
	advisor_error *err)
{
	static const char fn[] = "advisor_outcomes_new";
	advisor_outcomes *o = NULL;
	decision_log dl = { NULL, 0, 0 };
	adv_date as_of;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: out is NULL", fn);
	*out = NULL;
	if (!engine || !net)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: engine and network "
			"are required", fn);
	if (opts && (rc = adv_check_version(err, "advisor_outcomes_options",
			opts->version, ADVISOR_OUTCOMES_OPTIONS_VERSION)) < 0)
		return rc;
	if (opts && opts->as_of) {
		if (adv_date_parse_day(&as_of, opts->as_of) < 0)
			return adv_error_set(err, ADVISOR_EINVAL, "%s: as_of: "
				"\"%.40s\" is not a day (YYYY-MM-DD)", fn, opts->as_of);
	} else {
		as_of = adv_date_today();
	}
	if (!(o = calloc(1, sizeof(*o))))
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
	adv_arena_init(&o->arena);
	adv_date_format(o->as_of, (adv_date){ as_of.day, ADV_DATE_DAY });
	if ((rc = read_log(&dl, &o->arena, opts, err)) < 0)
		goto done;
	for (size_t i = 0; i < net->people_count; i++)
		if ((rc = person_outcomes(o, engine, net, &net->people[i],
				as_of.day, &dl, err)) < 0)
			goto done;
	if (o->count)
		qsort(o->items, o->count, sizeof(*o->items), by_sent);
	if (make_groups(o) < 0) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
		goto done;
	}
	*out = o;
	o = NULL;
	rc = ADVISOR_OK;
done:
	free(dl.lines);
	advisor_outcomes_free(o);
	return rc;
}

size_t advisor_outcomes_count(const advisor_outcomes *o)
{
	return o ? o->count : 0;
}

const advisor_outcome *advisor_outcomes_get(const advisor_outcomes *o,
	size_t i)
{
	return o && i < o->count ? &o->items[i].pub : NULL;
}

size_t advisor_outcome_rule_count(const advisor_outcome *o)
{
	return o ? ((const outcome *)o)->rule_count : 0;
}

const advisor_reason *advisor_outcome_rule(const advisor_outcome *o,
	size_t i)
{
	const outcome *x = (const outcome *)o;
	return x && i < x->rule_count ? &x->rules[i] : NULL;
}

size_t advisor_outcomes_group_count(const advisor_outcomes *o)
{
	return o ? o->group_count : 0;
}

const advisor_outcome_group *advisor_outcomes_group(
	const advisor_outcomes *o, size_t i)
{
	return o && i < o->group_count ? &o->groups[i] : NULL;
}

static const char *group_kind_name(advisor_outcome_group_kind k)
{
	switch (k) {
	case ADVISOR_GROUP_ALL: return "all";
	case ADVISOR_GROUP_RULE: return "rule";
	case ADVISOR_GROUP_VERDICT: return "verdict";
	case ADVISOR_GROUP_NOTE: return "note";
	}
	return "unknown";
}

static void put_count(adv_buf *b, const char *key, size_t n)
{
	char num[32];
	snprintf(num, sizeof(num), ",\"%s\":%zu", key, n);
	adv_buf_puts(b, num);
}

static void put_number(adv_buf *b, const char *key, double x)
{
	adv_buf_puts(b, ",\"");
	adv_buf_puts(b, key);
	adv_buf_puts(b, "\":");
	/* Four decimals: a rate reads the same on every machine. */
	adv_buf_json_number(b, round(x * 10000.0) / 10000.0);
}

static void put_day(adv_buf *b, const char *key, const char *day)
{
	adv_buf_puts(b, ",\"");
	adv_buf_puts(b, key);
	adv_buf_puts(b, "\":");
	if (day)
		adv_buf_json_string(b, day);
	else
		adv_buf_puts(b, "null");
}

int advisor_outcomes_to_json(char **out, const advisor_outcomes *o,
	advisor_error *err)
{
	adv_buf b = { NULL, 0, 0, 0 };

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_outcomes_to_json: out is NULL");
	*out = NULL;
	if (!o)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_outcomes_to_json: outcomes is NULL");
	adv_buf_puts(&b, "{\"as_of\":");
	adv_buf_json_string(&b, o->as_of);
	adv_buf_puts(&b, ",\"groups\":[");
	for (size_t i = 0; i < o->group_count; i++) {
		const advisor_outcome_group *g = &o->groups[i];
		adv_buf_puts(&b, i ? ",{\"kind\":" : "{\"kind\":");
		adv_buf_json_string(&b, group_kind_name(g->kind));
		adv_buf_puts(&b, ",\"name\":");
		adv_buf_json_string(&b, g->name);
		put_count(&b, "sent", g->sent);
		put_count(&b, "accepted", g->accepted);
		put_count(&b, "pending", g->pending);
		put_count(&b, "ended", g->ended);
		put_number(&b, "rate", g->rate);
		put_number(&b, "low", g->low);
		put_number(&b, "high", g->high);
		put_count(&b, "days_known", g->days_known);
		put_number(&b, "median_days", g->median_days);
		adv_buf_puts(&b, "}");
	}
	adv_buf_puts(&b, "],\"outcomes\":[");
	for (size_t i = 0; i < o->count; i++) {
		const outcome *x = &o->items[i];
		adv_buf_puts(&b, i ? ",{\"person\":" : "{\"person\":");
		adv_buf_json_string(&b, x->pub.person);
		put_day(&b, "sent", x->pub.sent);
		adv_buf_puts(&b, x->pub.with_note ? ",\"with_note\":true"
			: ",\"with_note\":false");
		adv_buf_puts(&b, ",\"state\":");
		adv_buf_json_string(&b, advisor_outcome_state_name(x->pub.state));
		if (x->pub.days >= 0)
			put_count(&b, "days", (size_t)x->pub.days);
		else
			adv_buf_puts(&b, ",\"days\":null");
		adv_buf_puts(&b, x->pub.withdrawn ? ",\"withdrawn\":true"
			: ",\"withdrawn\":false");
		put_day(&b, "ended_on", x->pub.ended_on);
		adv_buf_puts(&b, ",\"verdict\":");
		adv_buf_json_string(&b, advisor_verdict_name(x->pub.verdict));
		adv_buf_puts(&b, ",\"basis\":");
		adv_buf_json_string(&b, advisor_outcome_basis_name(x->pub.basis));
		put_day(&b, "logged", x->pub.logged);
		put_number(&b, "score", x->pub.score);
		adv_buf_puts(&b, ",\"rules\":[");
		for (size_t k = 0; k < x->rule_count; k++) {
			adv_buf_puts(&b, k ? ",{\"rule\":" : "{\"rule\":");
			adv_buf_json_string(&b, x->rules[k].rule);
			put_number(&b, "score", x->rules[k].score);
			adv_buf_puts(&b, x->rules[k].vetoed ? ",\"vetoed\":true}"
				: ",\"vetoed\":false}");
		}
		adv_buf_puts(&b, "]}");
	}
	adv_buf_puts(&b, "]}");
	if (b.failed || !b.data) {
		free(b.data);
		return adv_error_set(err, ADVISOR_ENOMEM,
			"advisor_outcomes_to_json: out of memory");
	}
	*out = b.data;
	return ADVISOR_OK;
}

void advisor_outcomes_free(advisor_outcomes *o)
{
	if (!o)
		return;
	free(o->items);
	free(o->groups);
	adv_arena_free(&o->arena);
	free(o);
}
