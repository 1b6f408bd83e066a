/*
 * request.c - requests and results as JSON, for batch processing and for
 * embedders that speak JSON (a browser extension's native host, say).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "engine/engine.h"
#include "engine/request.h"
#include "json/strict.h"
#include "util/error.h"

#define MAX_INTENTS ADV_MAX_INTENTS

static const char *const request_fields[] = { "person", "direction",
	"intent", "as_of", "drafts", NULL };

/* A request field's error, located: path and field as data too. */
static int bad_field(advisor_error *err, const char *path, int rc)
{
	adv_error_locate(err, path, NULL);
	return rc;
}

/* The fields of a person given inline, in advisor_inline_person's order. */
static const char *const inline_fields[] = { "name", "profile_url",
	"headline", "company", "title", "location", "industry", NULL };

/* person: {...}, a person given inline, into *p (strings in the tree). */
static int read_inline(const cJSON *obj, advisor_inline_person *p,
	advisor_error *err)
{
	const char **slots[] = { &p->name, &p->profile_url, &p->headline,
		&p->company, &p->title, &p->location, &p->industry };
	char path[96];

	*p = (advisor_inline_person)ADVISOR_INLINE_PERSON_INIT;
	for (const cJSON *c = obj->child; c; c = c->next) {
		int k = 0;
		while (inline_fields[k] && strcmp(c->string, inline_fields[k]) != 0)
			k++;
		snprintf(path, sizeof(path), "person.%s", c->string);
		if (!inline_fields[k])
			return bad_field(err, path, adv_error_set(err, ADVISOR_EINVAL,
				"request: %s: unknown field; a person given inline has "
				"name, profile_url, headline, company, title, location, "
				"industry", path));
		if (cJSON_IsNull(c))
			continue;
		if (!cJSON_IsString(c))
			return bad_field(err, path, adv_error_set(err, ADVISOR_EINVAL,
				"request: %s: expected a string", path));
		*slots[k] = c->valuestring;
	}
	if (!p->name || !*p->name)
		return bad_field(err, "person.name", adv_error_set(err, ADVISOR_EINVAL,
			"request: person.name: %s; a person given inline needs their name",
			p->name ? "empty" : "missing"));
	return ADVISOR_OK;
}

int adv_request_read(const cJSON *root, advisor_request *req,
	const char **intents, advisor_inline_person *inline_person,
	advisor_error *err)
{
	const cJSON *v;

	if (!cJSON_IsObject(root))
		return adv_error_set(err, ADVISOR_EINVAL,
			"request: expected an object with person, direction, intent, as_of, drafts");
	for (const cJSON *c = root->child; c; c = c->next) {
		int known = 0;
		for (int i = 0; request_fields[i] && !known; i++)
			known = strcmp(c->string, request_fields[i]) == 0;
		if (!known)
			return bad_field(err, c->string, adv_error_set(err, ADVISOR_EINVAL,
				"request: %s: unknown field; expected person, direction, intent, as_of or drafts",
				c->string));
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "person");
	if (cJSON_IsObject(v)) {
		int rc = read_inline(v, inline_person, err);
		if (rc < 0)
			return rc;
		req->inline_person = inline_person;
	} else if (!cJSON_IsString(v) || !*v->valuestring) {
		return bad_field(err, "person", adv_error_set(err, ADVISOR_EINVAL,
			"request: person: %s; expected a person id or profile URL, "
			"or the person as an object {name, profile_url, headline, ...}",
			!v ? "missing" : cJSON_IsString(v) ? "empty" : "not a string"));
	} else {
		req->person = v->valuestring;
	}

	v = cJSON_GetObjectItemCaseSensitive(root, "direction");
	if (v) {
		if (cJSON_IsString(v) && strcmp(v->valuestring, "outgoing") == 0)
			req->direction = ADVISOR_OUTGOING;
		else if (cJSON_IsString(v) && strcmp(v->valuestring, "incoming") == 0)
			req->direction = ADVISOR_INCOMING;
		else
			return bad_field(err, "direction", adv_error_set(err, ADVISOR_EINVAL,
				"request: direction: expected \"outgoing\" or \"incoming\""));
	}

	v = cJSON_GetObjectItemCaseSensitive(root, "intent");
	if (cJSON_IsString(v)) {
		intents[req->intent_count++] = v->valuestring;
	} else if (cJSON_IsArray(v)) {
		const cJSON *w;
		int i = 0;
		cJSON_ArrayForEach(w, v) {
			if (!cJSON_IsString(w)) {
				char at[32];
				snprintf(at, sizeof(at), "intent[%d]", i);
				return bad_field(err, at, adv_error_set(err, ADVISOR_EINVAL,
					"request: intent[%d]: expected a word", i));
			}
			if (req->intent_count == MAX_INTENTS)
				return adv_error_set(err, ADVISOR_EINVAL,
					"request: intent: more than %d intents", MAX_INTENTS);
			intents[req->intent_count++] = w->valuestring;
			i++;
		}
	} else if (v && !cJSON_IsNull(v)) {
		return bad_field(err, "intent", adv_error_set(err, ADVISOR_EINVAL,
			"request: intent: expected a list of words"));
	}
	req->intents = intents;

	v = cJSON_GetObjectItemCaseSensitive(root, "as_of");
	if (v && !cJSON_IsNull(v)) {
		if (!cJSON_IsString(v))
			return bad_field(err, "as_of", adv_error_set(err, ADVISOR_EINVAL,
				"request: as_of: expected a date YYYY-MM-DD"));
		req->as_of = v->valuestring;
	}

	v = cJSON_GetObjectItemCaseSensitive(root, "drafts");
	if (v) {
		double n = cJSON_IsNumber(v) ? v->valuedouble : 0;
		if (!(n >= 1 && n <= ADVISOR_MAX_DRAFTS) || n != (int)n)
			return bad_field(err, "drafts", adv_error_set(err, ADVISOR_EINVAL,
				"request: drafts: expected a whole number from 1 to %d",
				ADVISOR_MAX_DRAFTS));
		req->drafts = (unsigned int)n;
	}
	return ADVISOR_OK;
}

/* The advice for a request that has been read, as one line of JSON. */
static int advise_to_json(char **out, advisor_engine *engine,
	const advisor_network *net, const advisor_request *req,
	advisor_error *err)
{
	advisor_result *result = NULL;
	int rc = advisor_advise(&result, engine, net, req, err);

	if (rc == ADVISOR_OK)
		rc = advisor_result_to_json(out, result, err);
	advisor_result_free(result);
	return rc;
}

/* ------------------------------------------------------------------------
 * The common request, read without a tree.
 *
 * Nearly every request is a flat object of plain ASCII strings.  Building,
 * checking and freeing a cJSON tree for it cost more than writing the
 * result, so such a request is scanned in place instead.  The scan accepts
 * only what the strict path accepts and reads the same request from it:
 * anything else (escapes, non-ASCII text, numbers, an unknown or repeated
 * field, a bad value, a syntax error) is left to the strict path, so that
 * errors and unusual requests are handled exactly as before.
 * ------------------------------------------------------------------------ */

static char *skip_space(char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* A string of printable ASCII without escapes at *pp, NUL-terminated in
 * place; NULL for anything else. */
static char *plain_string(char **pp)
{
	char *p = *pp, *s;

	if (*p != '"')
		return NULL;
	s = ++p;
	while ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f &&
	       *p != '"' && *p != '\\')
		p++;
	if (*p != '"')
		return NULL;
	*p = '\0';
	*pp = p + 1;
	return s;
}

static int is_null(char **pp)
{
	if (strncmp(*pp, "null", 4) != 0)
		return 0;
	*pp += 4;
	return 1;
}

/* The intent: a word, null, or a list of words. */
static int plain_intents(char **pp, advisor_request *req, const char **intents)
{
	char *p = *pp, *w;

	if (*p == '"') {
		if (!(w = plain_string(&p)))
			return -1;
		intents[req->intent_count++] = w;
	} else if (*p == '[') {
		p = skip_space(p + 1);
		if (*p != ']') {
			for (;;) {
				if (req->intent_count == MAX_INTENTS ||
				    !(w = plain_string(&p)))
					return -1;
				intents[req->intent_count++] = w;
				p = skip_space(p);
				if (*p != ',')
					break;
				p = skip_space(p + 1);
			}
			if (*p != ']')
				return -1;
		}
		p++;
	} else if (!is_null(&p)) {
		return -1;
	}
	*pp = p;
	return 0;
}

/* 0 with req filled (strings point into text, which is changed), or -1:
 * leave this one to the strict path.  text is NUL-terminated at len. */
static int read_plain_request(char *text, size_t len, advisor_request *req,
	const char **intents)
{
	enum { PERSON = 1, DIRECTION = 2, INTENT = 4, AS_OF = 8 };
	char *p = skip_space(text), *key, *v;
	unsigned seen = 0, field;

	if (*p++ != '{')
		return -1;
	p = skip_space(p);
	if (*p == '}')
		return -1; /* no person: the strict path says so */
	for (;;) {
		if (!(key = plain_string(&p)))
			return -1;
		p = skip_space(p);
		if (*p++ != ':')
			return -1;
		p = skip_space(p);
		if (strcmp(key, "person") == 0)
			field = PERSON;
		else if (strcmp(key, "direction") == 0)
			field = DIRECTION;
		else if (strcmp(key, "intent") == 0)
			field = INTENT;
		else if (strcmp(key, "as_of") == 0)
			field = AS_OF;
		else
			return -1;
		if (seen & field)
			return -1;
		seen |= field;
		switch (field) {
		case PERSON:
			if (!(v = plain_string(&p)) || !*v)
				return -1;
			req->person = v;
			break;
		case DIRECTION:
			if (!(v = plain_string(&p)))
				return -1;
			if (strcmp(v, "outgoing") == 0)
				req->direction = ADVISOR_OUTGOING;
			else if (strcmp(v, "incoming") == 0)
				req->direction = ADVISOR_INCOMING;
			else
				return -1;
			break;
		case INTENT:
			if (plain_intents(&p, req, intents) < 0)
				return -1;
			break;
		default: /* AS_OF */
			if (*p == '"') {
				if (!(v = plain_string(&p)))
					return -1;
				req->as_of = v;
			} else if (!is_null(&p)) {
				return -1;
			}
		}
		p = skip_space(p);
		if (*p != ',')
			break;
		p = skip_space(p + 1);
	}
	if (*p++ != '}' || !(seen & PERSON))
		return -1;
	p = skip_space(p);
	if (p != text + len)
		return -1;
	req->intents = intents;
	return 0;
}

/* The request read by the scan above; 1 if it had to be left to the
 * strict path, else advise's return code. */
static int advise_plain(char **out, advisor_engine *engine,
	const advisor_network *net, const char *request, size_t len,
	advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	const char *intents[MAX_INTENTS];
	char small[512], *text = small;
	int rc;

	if (len >= sizeof(small) && !(text = malloc(len + 1)))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	memcpy(text, request, len);
	text[len] = '\0';
	rc = read_plain_request(text, len, &req, intents) < 0 ? 1 :
		advise_to_json(out, engine, net, &req, err);
	if (text != small)
		free(text);
	return rc;
}

/* ------------------------------------------------------------------------ */

static int advise_json(char **out, advisor_engine *engine,
	const advisor_network *net, const char *request, size_t len,
	advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	const char *intents[MAX_INTENTS];
	advisor_inline_person given;
	cJSON *root = NULL;
	char *copy;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_advise_json: out is NULL");
	*out = NULL;
	if (!request)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_advise_json: request is NULL");
	if ((rc = advise_plain(out, engine, net, request, len, err)) <= 0)
		return rc;
	/* The strict parser wants a terminating NUL after the text. */
	if (!(copy = malloc(len + 1)))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	memcpy(copy, request, len);
	copy[len] = '\0';
	rc = adv_json_parse(&root, copy, len, "request", 0, err);
	free(copy);
	if (rc < 0) {
		/* Bad JSON in a request is a bad request, not bad network data. */
		if (err)
			err->code = ADVISOR_EINVAL;
		return ADVISOR_EINVAL;
	}
	if ((rc = adv_request_read(root, &req, intents, &given, err)) == ADVISOR_OK)
		rc = advise_to_json(out, engine, net, &req, err);
	cJSON_Delete(root);
	return rc;
}

int advisor_advise_json(char **out, advisor_engine *engine,
	const advisor_network *net, const char *request, size_t len,
	advisor_error *err)
{
	advisor_error mine;
	advisor_error *use = err ? err : &mine;

	return advise_json(out, engine, net, request, len, use);
}

/* ------------------------------------------------------------------------
 * A request parsed once, for advisor_advise() and advisor_explain().
 * ------------------------------------------------------------------------ */

struct advisor_parsed_request {
	advisor_request req;
	const char *intents[MAX_INTENTS];
	advisor_inline_person given;  /* req.inline_person's, when it has one */
	cJSON *root;      /* the strict reader's tree, or NULL */
	char text[];      /* the request's copy, scanned in place */
};

int advisor_request_parse(advisor_parsed_request **out, const char *json,
	size_t len, advisor_error *err)
{
	advisor_parsed_request *p;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_request_parse: out is NULL");
	*out = NULL;
	if (!json)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_request_parse: json is NULL");
	if (len > SIZE_MAX - sizeof(*p) - 1 ||
	    !(p = malloc(sizeof(*p) + len + 1)))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	p->req = (advisor_request)ADVISOR_REQUEST_INIT;
	p->root = NULL;
	memcpy(p->text, json, len);
	p->text[len] = '\0';
	if (read_plain_request(p->text, len, &p->req, p->intents) == 0) {
		*out = p;
		return ADVISOR_OK;
	}
	/* The scan may have cut the copy: read the request again, strictly. */
	p->req = (advisor_request)ADVISOR_REQUEST_INIT;
	memcpy(p->text, json, len);
	rc = adv_json_parse(&p->root, p->text, len, "request", 0, err);
	if (rc < 0) {
		/* Bad JSON in a request is a bad request, not bad network data. */
		if (err)
			err->code = ADVISOR_EINVAL;
		rc = ADVISOR_EINVAL;
	} else {
		rc = adv_request_read(p->root, &p->req, p->intents, &p->given, err);
	}
	if (rc < 0) {
		advisor_parsed_request_free(p);
		return rc;
	}
	*out = p;
	return ADVISOR_OK;
}

const advisor_request *advisor_parsed_request_get(
	const advisor_parsed_request *p)
{
	return p ? &p->req : NULL;
}

void advisor_parsed_request_free(advisor_parsed_request *p)
{
	if (!p)
		return;
	cJSON_Delete(p->root);
	free(p);
}
