/*
 * fields.h - advisor_fields, the public set of typed fields (strings,
 * numbers, booleans by name), and its JSON object for the layers that
 * take one: the builder's events, the annotation store.
 */
#ifndef ADV_FIELDS_H
#define ADV_FIELDS_H

#include <cjson/cJSON.h>

#include "advisor.h"

/*
 * The fields as a JSON object, members in the order their names were first
 * set; owned by f and valid until its next change or advisor_fields_free().
 * NULL for a NULL f.  Every string in it is valid UTF-8 and every number
 * finite, so it can be written as JSON as it is.
 */
const cJSON *adv_fields_object(const advisor_fields *f);

#endif
