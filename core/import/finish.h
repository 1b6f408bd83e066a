/*
 * finish.h - the last step of an import or a merge: the network document
 * counted for the summary, printed, and checked by the network loader, so
 * that nothing is written that advisor would then refuse to load.
 */
#ifndef ADV_IMPORT_FINISH_H
#define ADV_IMPORT_FINISH_H

#include <cjson/cJSON.h>

#include "advisor.h"

/* Print doc into *out (free()) after loading it as `name` to check it;
 * fill summary's counts of people, connections, pending invitations,
 * invitation and message events (summary may be NULL). */
int adv_import_finish(char **out, const cJSON *doc, const char *name,
	advisor_import_summary *summary, advisor_error *err);

/* A person's pending invitation: their latest invitation event when they
 * are not a connection.  0 none, 1 incoming, 2 outgoing. */
int adv_import_pending(const cJSON *person);

#endif
