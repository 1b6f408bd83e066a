/*
 * annotations.h - the annotation store's document, for the data folder
 * (the public calls are in advisor.h, "The user's annotations").
 */
#ifndef ADV_STORE_ANNOTATIONS_H
#define ADV_STORE_ANNOTATIONS_H

#include <cjson/cJSON.h>

#include "advisor.h"

/* The document's tree; belongs to notes.  NULL for NULL. */
const cJSON *adv_annotations_doc(const advisor_annotations *notes);

/* The name the document was made or read with, for messages. */
const char *adv_annotations_name(const advisor_annotations *notes);

#endif
