/*
 * result.c - results: freeing them and writing them as JSON.
 *
 * Results are written straight into one buffer rather than through a cJSON
 * tree: a batch writes one per request, and building and printing a tree
 * (printf for every number) cost more than the advice itself.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/fact.h"
#include "engine/result.h"
#include "json/buf.h"
#include "json/strict.h"
#include "util/error.h"

static const char *const verdict_names[] = { "connect", "connect_with_note",
	"wait", "dont_connect", "already_connected", "invited" };

const char *advisor_verdict_name(advisor_verdict verdict)
{
	if ((unsigned)verdict >= sizeof(verdict_names) / sizeof(*verdict_names))
		return "unknown";
	return verdict_names[verdict];
}

/* ------------------------------------------------------------------------
 * Reading a result.  NULL-safe, so that a caller who forgot to check an
 * error code reads "nothing" rather than crashing.
 * ------------------------------------------------------------------------ */

const char *advisor_result_person(const advisor_result *r)
{
	return r ? r->person : NULL;
}

unsigned int advisor_result_transient(const advisor_result *r)
{
	return r && r->transient;
}

advisor_verdict advisor_result_verdict(const advisor_result *r)
{
	return r ? r->verdict : ADVISOR_VERDICT_INVALID;
}

advisor_direction advisor_result_direction(const advisor_result *r)
{
	return r ? r->direction : ADVISOR_OUTGOING;
}

const char *advisor_result_invited_on(const advisor_result *r)
{
	return r && r->invited_on[0] ? r->invited_on : NULL;
}

unsigned int advisor_result_withdraw(const advisor_result *r)
{
	return r ? (unsigned int)r->withdraw : 0;
}

double advisor_result_score(const advisor_result *r)
{
	return r ? r->score : 0;
}

const char *advisor_result_note(const advisor_result *r)
{
	return r ? r->note : NULL;
}

unsigned int advisor_result_no_note_fits(const advisor_result *r)
{
	return r ? r->no_note_fits : 0;
}

size_t advisor_result_draft_count(const advisor_result *r)
{
	return r ? r->draft_count : 0;
}

const char *advisor_result_draft(const advisor_result *r, size_t i)
{
	return r && i < r->draft_count ? r->drafts[i] : NULL;
}

unsigned int advisor_result_below_threshold(const advisor_result *r)
{
	return r ? r->below : 0;
}

double advisor_result_threshold(const advisor_result *r)
{
	return r ? r->threshold : 0;
}

size_t advisor_result_missing_count(const advisor_result *r)
{
	return r ? r->missing_count : 0;
}

const advisor_missing *advisor_result_missing(const advisor_result *r, size_t i)
{
	return r && i < r->missing_count ? &r->missing[i] : NULL;
}

const char *advisor_result_policy(const advisor_result *r)
{
	return r ? r->policy : NULL;
}

size_t advisor_result_reason_count(const advisor_result *r)
{
	return r ? r->reason_count : 0;
}

const advisor_reason *advisor_result_reason(const advisor_result *r, size_t i)
{
	return r && i < r->reason_count ? &r->reasons[i] : NULL;
}

size_t advisor_result_suggestion_count(const advisor_result *r)
{
	return r ? r->suggestion_count : 0;
}

const advisor_suggestion *advisor_result_suggestion(const advisor_result *r,
	size_t i)
{
	return r && i < r->suggestion_count ? &r->suggestions[i] : NULL;
}

void advisor_result_free(advisor_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->suggestion_count; i++) {
		adv_fact_free((advisor_fact *)r->suggestions[i].fact);
		free((char *)r->suggestions[i].why);
	}
	free(r->suggestions);
	for (size_t i = 0; i < r->reason_count; i++) {
		free((char *)r->reasons[i].rule);
		free((char *)r->reasons[i].detail);
	}
	free(r->reasons);
	for (size_t i = 0; i < r->draft_count; i++)
		free(r->drafts[i]);
	free(r->drafts);
	for (size_t i = 0; i < r->missing_count; i++) {
		free((char *)r->missing[i].rule);
		free((char *)r->missing[i].why);
	}
	free(r->missing);
	for (size_t i = 0; i < r->why_not_count; i++)
		free(r->why_not[i]);
	free(r->why_not);
	free(r->person);
	free(r->note);
	free(r->policy);
	free(r);
}

void advisor_string_free(char *s)
{
	free(s);
}

/* ------------------------------------------------------------------------
 * A growing buffer.  Appends never fail; the first allocation failure is
 * remembered and reported once, at the end.
 * ------------------------------------------------------------------------ */

int advisor_result_to_json(char **out, const advisor_result *r,
	advisor_error *err)
{
	adv_buf b = { 0 };

	adv_error_clear(err);
	if (!out || !r)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_result_to_json: out and result are required");
	*out = NULL;
	adv_buf_puts(&b, "{\"person\":");
	adv_buf_json_string(&b, r->person);
	adv_buf_puts(&b, ",\"verdict\":\"");
	adv_buf_puts(&b, advisor_verdict_name(r->verdict));
	adv_buf_puts(&b, "\",\"score\":");
	adv_buf_json_number(&b, r->score);
	adv_buf_puts(&b, ",\"reasons\":[");
	for (size_t i = 0; i < r->reason_count; i++) {
		const advisor_reason *why = &r->reasons[i];
		adv_buf_puts(&b, i ? ",{\"rule\":" : "{\"rule\":");
		adv_buf_json_string(&b, why->rule);
		adv_buf_puts(&b, ",\"score\":");
		adv_buf_json_number(&b, why->score);
		adv_buf_puts(&b, ",\"detail\":");
		adv_buf_json_string(&b, why->detail);
		adv_buf_puts(&b, why->vetoed ? ",\"veto\":true}" : "}");
	}
	adv_buf_puts(&b, "]");
	if (r->note) {
		adv_buf_puts(&b, ",\"note\":");
		adv_buf_json_string(&b, r->note);
	}
	if (r->draft_count) {
		adv_buf_puts(&b, ",\"drafts\":[");
		for (size_t i = 0; i < r->draft_count; i++) {
			if (i)
				adv_buf_puts(&b, ",");
			adv_buf_json_string(&b, r->drafts[i]);
		}
		adv_buf_puts(&b, "]");
	}
	if (r->below) {
		adv_buf_puts(&b, ",\"threshold\":");
		adv_buf_json_number(&b, r->threshold);
		adv_buf_puts(&b, ",\"missing\":[");
		for (size_t i = 0; i < r->missing_count; i++) {
			const advisor_missing *m = &r->missing[i];
			adv_buf_puts(&b, i ? ",{\"rule\":" : "{\"rule\":");
			adv_buf_json_string(&b, m->rule);
			adv_buf_puts(&b, ",\"score\":");
			adv_buf_json_number(&b, m->score);
			adv_buf_puts(&b, ",\"why_not\":");
			adv_buf_json_string(&b, m->why);
			adv_buf_puts(&b, "}");
		}
		adv_buf_puts(&b, "]");
	}
	if (r->no_note_fits) {
		adv_buf_puts(&b, ",\"no_note_fits\":");
		adv_buf_json_number(&b, r->no_note_fits);
	}
	if (r->suggestion_count) {
		adv_buf_puts(&b, ",\"suggestions\":[");
		for (size_t i = 0; i < r->suggestion_count; i++) {
			const advisor_suggestion *sg = &r->suggestions[i];
			adv_buf_puts(&b, i ? ",{\"fact\":{\"type\":" : "{\"fact\":{\"type\":");
			adv_buf_json_string(&b, advisor_fact_type(sg->fact));
			for (size_t k = 0; k < advisor_fact_field_count(sg->fact); k++) {
				adv_buf_puts(&b, ",");
				adv_buf_json_string(&b, advisor_fact_field_name(sg->fact, k));
				adv_buf_puts(&b, ":");
				adv_buf_json_string(&b, advisor_fact_field_value(sg->fact, k));
			}
			adv_buf_puts(&b, "},\"why\":");
			adv_buf_json_string(&b, sg->why);
			adv_buf_puts(&b, "}");
		}
		adv_buf_puts(&b, "]");
	}
	adv_buf_puts(&b, r->direction == ADVISOR_INCOMING
		? ",\"direction\":\"incoming\"" : ",\"direction\":\"outgoing\"");
	if (r->invited_on[0]) {
		adv_buf_puts(&b, ",\"invited_on\":");
		adv_buf_json_string(&b, r->invited_on);
	}
	if (r->withdraw)
		adv_buf_puts(&b, ",\"withdraw\":true");
	if (r->transient)
		adv_buf_puts(&b, ",\"transient\":true");
	adv_buf_puts(&b, ",\"policy\":");
	adv_buf_json_string(&b, r->policy);
	adv_buf_puts(&b, "}");
	if (b.failed) {
		free(b.data);
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory writing the result");
	}
	*out = b.data;
	return ADVISOR_OK;
}
