/*
 * recorded.c - a recorded sent invitation met by the exports (the rules
 * are in recorded.h).
 */
#include <stdlib.h>
#include <string.h>

#include "import/recorded.h"
#include "util/date.h"

static const char *string_of(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int is_out_invitation(const cJSON *ev)
{
	const char *type = string_of(ev, "type"), *dir = string_of(ev, "direction");
	return type && strcmp(type, "invitation") == 0 && dir &&
		strcmp(dir, "out") == 0;
}

/* Copy ev's members that target lacks (what you recorded) onto it. */
static int fold(cJSON *target, const cJSON *ev, int *changed)
{
	const cJSON *f;
	cJSON_ArrayForEach(f, ev) {
		if (cJSON_GetObjectItemCaseSensitive(target, f->string))
			continue;
		cJSON *copy = cJSON_Duplicate(f, 1);
		if (!copy || !cJSON_AddItemToObject(target, f->string, copy)) {
			cJSON_Delete(copy);
			return -1;
		}
		*changed = 1;
	}
	return 0;
}

int adv_recorded_merge(cJSON *person, const cJSON *ev, const char *imported,
	int *handled, int *changed)
{
	cJSON *events = cJSON_GetObjectItemCaseSensitive(person, "events");
	const char *rec = string_of(ev, "recorded"), *date = string_of(ev, "date");
	adv_date sent, d;
	cJSON *e;

	*handled = 0;
	if (!rec || strcmp(rec, "sent") != 0 || !is_out_invitation(ev) ||
	    !date || adv_date_parse(&sent, date) < 0 || !cJSON_IsArray(events))
		return 0;
	*handled = 1;
	cJSON_ArrayForEach(e, events) {
		const char *ed = string_of(e, "date");
		if (cJSON_Compare(e, ev, 1))
			return 0;   /* merged before: there already */
		const char *er = string_of(e, "recorded");
		/* The export's (or one merged before, which took what you
		 * recorded), never a withdrawal. */
		if (!is_out_invitation(e) || (er && strcmp(er, "sent") != 0) || !ed ||
		    adv_date_parse(&d, ed) < 0 ||
		    abs(d.day - sent.day) > ADV_RECORDED_DAYS)
			continue;
		return fold(e, ev, changed);
	}
	cJSON *copy = cJSON_Duplicate(ev, 1);
	if (!copy)
		return -1;
	adv_date at;
	if (imported && adv_date_parse(&at, imported) == 0 &&
	    at.day - sent.day > ADV_RECORDED_DAYS) {
		/* An export made since does not list it: answered, or gone. */
		int accepted = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(person,
			"connected"));
		if (!cJSON_AddStringToObject(copy, "status", accepted ? "accepted"
				: "ended") ||
		    (!accepted && !cJSON_AddStringToObject(copy, "last_seen", date))) {
			cJSON_Delete(copy);
			return -1;
		}
	}
	if (!cJSON_AddItemToArray(events, copy)) {
		cJSON_Delete(copy);
		return -1;
	}
	*changed = 1;
	return 0;
}
