/*
 * fields.c - advisor_fields: named values, each a string, a number or a
 * boolean, kept as a cJSON object so that the layers that take them (the
 * builder's events, the annotation store) copy them into their documents
 * as they are.
 *
 * Every value is checked as it is set (a name that is non-empty UTF-8, a
 * string that is UTF-8, a finite number), so a set of fields is always
 * one a JSON document could hold.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/fields.h"
#include "util/error.h"
#include "util/utf8.h"

struct advisor_fields {
	cJSON *obj;
};

const cJSON *adv_fields_object(const advisor_fields *f)
{
	return f ? f->obj : NULL;
}

int advisor_fields_new(advisor_fields **out, advisor_error *err)
{
	advisor_fields *f;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_fields_new: out is NULL");
	*out = NULL;
	if (!(f = calloc(1, sizeof(*f))) || !(f->obj = cJSON_CreateObject())) {
		free(f);
		return adv_error_set(err, ADVISOR_ENOMEM,
			"advisor_fields_new: out of memory");
	}
	*out = f;
	return ADVISOR_OK;
}

void advisor_fields_free(advisor_fields *f)
{
	if (!f)
		return;
	cJSON_Delete(f->obj);
	free(f);
}

/* The error of a bad value, named by its field (err->field too). */
static int bad_value(advisor_error *err, const char *fn, const char *name,
	const char *why)
{
	adv_error_set(err, ADVISOR_EINVAL, "%s: field \"%s\": %s", fn, name, why);
	adv_error_locate(err, "", name);
	return ADVISOR_EINVAL;
}

/* A usable set and a name that is non-empty UTF-8. */
static int check_name(const advisor_fields *f, const char *fn,
	const char *name, advisor_error *err)
{
	if (!f)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: fields is NULL", fn);
	if (!name || !*name)
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: the field name is %s; expected a non-empty string", fn,
			name ? "empty" : "NULL");
	size_t len = strlen(name), bad = adv_utf8_invalid_at(name, len);
	if (bad != len)
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: the field name is not valid UTF-8 (at byte %zu)", fn, bad);
	return ADVISOR_OK;
}

/* Set name to value (which this takes), replacing an earlier value in its
 * place. */
static int put(advisor_fields *f, const char *fn, const char *name,
	cJSON *value, advisor_error *err)
{
	int ok;

	if (!value)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
	if (cJSON_GetObjectItemCaseSensitive(f->obj, name))
		ok = cJSON_ReplaceItemInObjectCaseSensitive(f->obj, name, value);
	else
		ok = cJSON_AddItemToObject(f->obj, name, value);
	if (!ok) {
		cJSON_Delete(value);
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
	}
	return ADVISOR_OK;
}

int advisor_fields_set_string(advisor_fields *f, const char *name,
	const char *value, advisor_error *err)
{
	static const char fn[] = "advisor_fields_set_string";
	int rc;

	adv_error_clear(err);
	if ((rc = check_name(f, fn, name, err)) < 0)
		return rc;
	if (!value)
		return bad_value(err, fn, name, "the value is NULL");
	size_t len = strlen(value), bad = adv_utf8_invalid_at(value, len);
	if (bad != len) {
		char why[64];
		snprintf(why, sizeof(why), "the value is not valid UTF-8 (at byte %zu)",
			bad);
		return bad_value(err, fn, name, why);
	}
	return put(f, fn, name, cJSON_CreateString(value), err);
}

int advisor_fields_set_number(advisor_fields *f, const char *name,
	double value, advisor_error *err)
{
	static const char fn[] = "advisor_fields_set_number";
	int rc;

	adv_error_clear(err);
	if ((rc = check_name(f, fn, name, err)) < 0)
		return rc;
	if (!isfinite(value))
		return bad_value(err, fn, name,
			"the value is not a finite number (JSON has no NaN or infinity)");
	return put(f, fn, name, cJSON_CreateNumber(value), err);
}

int advisor_fields_set_bool(advisor_fields *f, const char *name, int value,
	advisor_error *err)
{
	static const char fn[] = "advisor_fields_set_bool";
	int rc;

	adv_error_clear(err);
	if ((rc = check_name(f, fn, name, err)) < 0)
		return rc;
	return put(f, fn, name, cJSON_CreateBool(value != 0), err);
}
