/*
 * inline.c - a person given inline: someone on a screen, found in the
 * network when they are there, else judged on what the screen shows.
 *
 * Being found follows the rule the data folder uses for a person added by
 * hand (store/annotations.c): the same profile URL is the same person, and
 * so is the same name unless both have profile URLs that differ.  A name
 * several people share is narrowed by company, and else refused: advice
 * about the wrong one of two namesakes would read their history as this
 * person's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/inline.h"
#include "util/error.h"
#include "util/fold.h"
#include "util/url.h"
#include "util/utf8.h"

/* The most namesakes an ambiguous name's message lists. */
#define NAMED_AT_MOST 5

/* A string of the caller's as a string of net (network/schema.h): counted
 * from net's string base, so that adv_str(net, ...) gives it back whether
 * net was built in memory or opened from a snapshot.  Unsigned arithmetic
 * wraps, so the offset need not lie inside net's own strings.  An empty
 * string is no string: a page that shows no headline has none. */
static adv_sref caller_string(const advisor_network *net, const char *s)
{
	return (adv_sref){ s && *s ? (uintptr_t)s - net->text_base : 0 };
}

/* The key of a LinkedIn profile URL, NULL for text that is none (or out of
 * memory: *nomem). */
static char *profile_key(const char *s, int *nomem)
{
	return s && strstr(s, "linkedin.com/") ? adv_url_key(s, nomem) : NULL;
}

/* Do p's profile URL and the one whose key is `key` differ, both being
 * given?  -1 when out of memory. */
static int urls_differ(const adv_person *p, const char *key)
{
	const cJSON *u = p->extra
		? cJSON_GetObjectItemCaseSensitive(p->extra, "profile_url") : NULL;
	int nomem = 0;
	char *k;
	int differ;

	if (!key || !cJSON_IsString(u))
		return 0;
	k = profile_key(u->valuestring, &nomem);
	differ = k && strcmp(k, key) != 0;
	free(k);
	return nomem ? -1 : differ;
}

/* Are a and b the same text, case and accents aside?  -1 when out of
 * memory. */
static int same_folded(const char *a, const char *folded_b)
{
	char *f;
	int same;

	if (!a || !folded_b)
		return 0;
	if (!(f = adv_fold(a, NULL)))
		return -1;
	same = strcmp(f, folded_b) == 0;
	free(f);
	return same;
}

static int check_field(const char *what, const char *s, int required,
	advisor_error *err)
{
	if (!s) {
		if (required)
			return adv_error_set(err, ADVISOR_EINVAL,
				"request: inline person: %s is required", what);
		return ADVISOR_OK;
	}
	size_t len = strlen(s);
	if (adv_utf8_invalid_at(s, len) != len)
		return adv_error_set(err, ADVISOR_EINVAL,
			"request: inline person: %s is not valid UTF-8 text", what);
	if (required && !*s)
		return adv_error_set(err, ADVISOR_EINVAL,
			"request: inline person: %s is empty", what);
	return ADVISOR_OK;
}

static int check_given(const advisor_inline_person *g, advisor_error *err)
{
	int rc = adv_check_version(err, "advisor_inline_person", g->version,
		ADVISOR_INLINE_PERSON_VERSION);
	if (rc < 0)
		return rc;
	const char *names[] = { "name", "profile_url", "headline", "company",
		"title", "location", "industry" };
	const char *values[] = { g->name, g->profile_url, g->headline,
		g->company, g->title, g->location, g->industry };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((rc = check_field(names[i], values[i], i == 0, err)) < 0)
			return rc;
	return ADVISOR_OK;
}

/* The people whose name is the given one and whose profile URL does not
 * say otherwise, narrowed by company when several are: one into *found,
 * none (NULL), or ADVISOR_EAMBIGUOUS. */
static int by_name(const advisor_network *net, const advisor_inline_person *g,
	const char *url_key, const adv_person **found, advisor_error *err)
{
	char *name = adv_fold(g->name, NULL);
	char *company = g->company && *g->company ? adv_fold(g->company, NULL) : NULL;
	size_t *hits = NULL, n = 0, cap = 0;
	int rc = ADVISOR_ENOMEM;

	*found = NULL;
	if (!name || (g->company && *g->company && !company))
		goto done;
	for (size_t i = 0; i < net->people_count; i++) {
		const adv_person *p = &net->people[i];
		int same = same_folded(adv_str(net, p->name), name);
		int differ = same > 0 ? urls_differ(p, url_key) : 0;
		if (same < 0 || differ < 0)
			goto done;
		if (!same || differ)
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			size_t *grown = realloc(hits, ncap * sizeof(*hits));
			if (!grown)
				goto done;
			hits = grown;
			cap = ncap;
		}
		hits[n++] = i;
	}
	rc = ADVISOR_OK;
	if (n == 1)
		*found = &net->people[hits[0]];
	if (n < 2)
		goto done;
	/* Namesakes: the one at the company given, if only one is. */
	size_t at = 0, at_company = 0;
	for (size_t i = 0; company && i < n; i++) {
		int same = same_folded(adv_str(net, net->people[hits[i]].company), company);
		if (same < 0) {
			rc = ADVISOR_ENOMEM;
			goto done;
		}
		if (same) {
			at = hits[i];
			at_company++;
		}
	}
	if (at_company == 1) {
		*found = &net->people[at];
		goto done;
	}
	char list[ADVISOR_ERROR_MESSAGE_MAX / 2];
	size_t used = 0;
	list[0] = '\0';
	for (size_t i = 0; i < n && i < NAMED_AT_MOST && used < sizeof(list); i++) {
		const adv_person *p = &net->people[hits[i]];
		const char *c = adv_str(net, p->company);
		int w = snprintf(list + used, sizeof(list) - used, "%s%s%s%s%s",
			i ? ", " : "", adv_str(net, p->id), c ? " (at " : "",
			c ? c : "", c ? ")" : "");
		if (w < 0)
			break;
		used += (size_t)w;
	}
	adv_utf8_trim_cut(list);
	rc = adv_error_set(err, ADVISOR_EAMBIGUOUS,
		"request: inline person \"%s\" could be %zu people of %s: %s%s; "
		"give their profile URL, or the id of the one you mean", g->name, n,
		net->source ? net->source : "the network", list,
		n > NAMED_AT_MOST ? ", ..." : "");
done:
	if (rc == ADVISOR_ENOMEM)
		adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	free(hits);
	free(name);
	free(company);
	return rc;
}

int adv_inline_resolve(const advisor_network *net,
	const advisor_inline_person *g, const adv_person **found,
	adv_inline *t, advisor_error *err)
{
	int nomem = 0, rc;
	char *url_key = NULL;

	memset(t, 0, sizeof(*t));
	*found = NULL;
	if ((rc = check_given(g, err)) < 0)
		return rc;
	url_key = profile_key(g->profile_url, &nomem);
	if (!nomem && url_key)
		*found = adv_network_person_by_url(net, g->profile_url, &nomem);
	if (nomem) {
		free(url_key);
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	}
	if (!*found)
		rc = by_name(net, g, url_key, found, err);
	free(url_key);
	if (rc < 0 || *found)
		return rc;

	/* Nobody of the network: the fields given, and nothing else. */
	adv_person *p = &t->rec;
#define ABSENT(kind, member, names) ADV_SCHEMA_ABSENT_##kind(p, member)
	ADV_PERSON_SCHEMA(ABSENT)
#undef ABSENT
	p->id = caller_string(net, g->profile_url && *g->profile_url
		? g->profile_url : g->name);
	p->name = caller_string(net, g->name);
	p->headline = caller_string(net, g->headline);
	p->company = caller_string(net, g->company);
	p->title = caller_string(net, g->title);
	p->location = caller_string(net, g->location);
	p->industry = caller_string(net, g->industry);
	p->node = ADV_NO_NODE;
	if (g->profile_url && *g->profile_url) {
		if (!(t->extra = cJSON_CreateObject()) ||
		    !cJSON_AddStringToObject(t->extra, "profile_url", g->profile_url))
			return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		p->extra = t->extra;
	}
	return ADVISOR_OK;
}

void adv_inline_release(adv_inline *t)
{
	cJSON_Delete(t->extra);
	t->extra = NULL;
	t->rec.extra = NULL;
}

void advisor_inline_person_init(advisor_inline_person *person)
{
	static const advisor_inline_person init = ADVISOR_INLINE_PERSON_INIT;

	if (person)
		*person = init;
}
