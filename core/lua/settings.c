/*
 * settings.c - a layer's settings.json: numbers and switches without Lua.
 *
 *   { "threshold": 3.5, "note_limit": 200, "interview_open_days": 120,
 *     "rules": { "mutuals": { "score": 0.5 }, "learn": { "off": true } } }
 *
 * Besides threshold, note_limit and rules, a key is one of the policy's
 * own settings (declared by advisor.settings in Lua), given a value of
 * the kind it was declared with.
 *
 * It applies after the layer's own Lua files, so it can tune a rule the
 * same layer declares as well as a lower layer's.  Every mistake is an
 * error naming the file and the JSON path: a settings file that half
 * applies would advise on numbers nobody chose.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json/strict.h"
#include "lua/vm.h"
#include "util/error.h"
#include "util/file.h"

#define SETTINGS_NAME "settings.json"
#define SETTINGS_MAX (1024u * 1024)

static int bad(advisor_error *err, const char *file, const char *path,
	const char *what)
{
	adv_error_set(err, ADVISOR_EPOLICY, "%s: %s: %s", file, path, what);
	adv_error_locate(err, strcmp(path, "the top level") ? path : "", NULL);
	return ADVISOR_EPOLICY;
}

/* A copy that did not fit the policy's memory cap (or memory). */
static int over_cap(const adv_vm *e, const char *file, advisor_error *err)
{
	return adv_error_set(err, ADVISOR_ELIMIT, "%s: memory limit exceeded (%zu bytes)",
		file, e->mem_limit);
}

static int only_keys(const cJSON *obj, const char *const *keys,
	const char *file, const char *path, const char *expected,
	advisor_error *err)
{
	for (const cJSON *c = obj->child; c; c = c->next) {
		int ok = 0;
		for (int i = 0; keys[i] && !ok; i++)
			ok = strcmp(keys[i], c->string) == 0;
		if (!ok) {
			char where[512], what[256];
			snprintf(where, sizeof(where), "%s%s%s", path, *path ? "." : "",
				c->string);
			snprintf(what, sizeof(what), "unknown field; expected %s", expected);
			return bad(err, file, where, what);
		}
	}
	return ADVISOR_OK;
}

static int apply_rule(adv_vm *e, const cJSON *spec, const char *file,
	advisor_error *err)
{
	static const char *const keys[] = { "score", "off", NULL };
	char path[300];
	adv_rule *r = adv_rule_find(e, spec->string);
	const cJSON *v;
	int rc;

	/* Room for ".score" after it, however long the name. */
	snprintf(path, sizeof(path), "rules.%.*s", (int)sizeof(path) - 16,
		spec->string);
	if (!r)
		return bad(err, file, path, "no rule of this name is loaded");
	if (!cJSON_IsObject(spec))
		return bad(err, file, path, "expected an object { \"score\": n, \"off\": bool }");
	if ((rc = only_keys(spec, keys, file, path, "score or off", err)) < 0)
		return rc;
	if ((v = cJSON_GetObjectItemCaseSensitive(spec, "score"))) {
		if (!cJSON_IsNumber(v))
			return bad(err, file, strcat(path, ".score"), "expected a number");
		if (r->has_veto)
			adv_warn(e, "%s: %s.score: rule '%s' is a veto; its score counts only where the veto does not apply",
				file, path, r->name);
		r->score = v->valuedouble;
		adv_rule_free_str(e, r, r->score_where);
		if (!(r->score_where = adv_rule_strdup(e, r, file)))
			return over_cap(e, file, err);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(spec, "off"))) {
		if (!cJSON_IsBool(v))
			return bad(err, file, strcat(path, ".off"), "expected true or false");
		r->off = cJSON_IsTrue(v);
		adv_rule_free_str(e, r, r->off_where);
		r->off_where = NULL;
		if (r->off && !(r->off_where = adv_rule_strdup(e, r, file)))
			return over_cap(e, file, err);
	}
	return ADVISOR_OK;
}

/* A setting the policy declared (advisor.settings in Lua), given a new
 * value of the same kind. */
static int apply_setting(adv_vm *e, const cJSON *v, const char *file,
	advisor_error *err)
{
	static const char *const kinds[] = { NULL, "a number", "a string",
		"true or false" };
	adv_setting *s = adv_setting_find(e, v->string);
	char what[768];

	if (!s) {
		char names[512];
		adv_setting_names(e, names, sizeof(names));
		snprintf(what, sizeof(what), "unknown field; expected threshold, "
			"note_limit, rules or a setting of the policy (%s)", names);
		return bad(err, file, v->string, what);
	}
	adv_setting_kind kind = cJSON_IsNumber(v) ? ADV_SETTING_NUMBER
		: cJSON_IsString(v) ? ADV_SETTING_STRING
		: cJSON_IsBool(v) ? ADV_SETTING_BOOLEAN : 0;
	if (kind != s->kind) {
		snprintf(what, sizeof(what), "expected %s, as %s sets it",
			kinds[s->kind], s->where);
		return bad(err, file, v->string, what);
	}
	/* The copies count against the memory cap as the ones advisor.settings
	 * makes do, and the ones they replace give their charge back. */
	char *where = adv_vm_strdup(e, file);
	char *text = kind == ADV_SETTING_STRING ? adv_vm_strdup(e, v->valuestring) : NULL;
	if (!where || (kind == ADV_SETTING_STRING && !text)) {
		adv_vm_free_str(e, text);
		adv_vm_free_str(e, where);
		return over_cap(e, file, err);
	}
	adv_vm_free_str(e, s->where);
	s->where = where;
	if (kind == ADV_SETTING_STRING) {
		adv_vm_free_str(e, s->string);
		s->string = text;
	} else if (kind == ADV_SETTING_NUMBER) {
		s->number = v->valuedouble;
	} else {
		s->boolean = cJSON_IsTrue(v);
	}
	return ADVISOR_OK;
}

static int apply(adv_vm *e, const cJSON *root, const char *file,
	advisor_error *err)
{
	const cJSON *v;
	int rc;

	if (!cJSON_IsObject(root))
		return bad(err, file, "the top level", "expected an object with threshold, note_limit, rules or the policy's settings");
	for (const cJSON *c = root->child; c; c = c->next)
		if (strcmp(c->string, "threshold") != 0 &&
		    strcmp(c->string, "note_limit") != 0 &&
		    strcmp(c->string, "rules") != 0 &&
		    (rc = apply_setting(e, c, file, err)) < 0)
			return rc;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "threshold"))) {
		if (!cJSON_IsNumber(v))
			return bad(err, file, "threshold", "expected a number");
		e->threshold = v->valuedouble;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "note_limit"))) {
		double n = cJSON_IsNumber(v) ? v->valuedouble : -1;
		if (n < ADV_NOTE_LIMIT_MIN || n > ADV_NOTE_LIMIT_MAX || n != floor(n))
			return adv_error_set(err, ADVISOR_EPOLICY,
				"%s: note_limit: expected a whole number of characters from %d to %d",
				file, ADV_NOTE_LIMIT_MIN, ADV_NOTE_LIMIT_MAX);
		e->note_limit_layer = (unsigned int)n;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "rules"))) {
		if (!cJSON_IsObject(v))
			return bad(err, file, "rules", "expected an object: rule name -> { score, off }");
		for (const cJSON *c = v->child; c; c = c->next)
			if ((rc = apply_rule(e, c, file, err)) < 0)
				return rc;
	}
	return ADVISOR_OK;
}

int adv_settings_load(adv_vm *e, const char *dir, advisor_error *err)
{
	struct stat st;
	char *file, *data = NULL;
	size_t len;
	cJSON *root = NULL;
	int rc;

	if (!(file = malloc(strlen(dir) + sizeof("/" SETTINGS_NAME))))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	sprintf(file, "%s/" SETTINGS_NAME, dir);
	if (lstat(file, &st) < 0) {
		free(file);
		return 1; /* none: nothing to apply */
	}
	advisor_error inner;
	if ((rc = adv_read_plain_file(&data, &len, file, SETTINGS_MAX, &inner)) < 0 ||
	    (rc = adv_json_parse(&root, data, len, file, 0, &inner)) < 0)
		rc = adv_error_wrap(err, ADVISOR_EPOLICY, &inner);
	else
		rc = apply(e, root, file, err);
	cJSON_Delete(root);
	free(data);
	free(file);
	return rc;
}
