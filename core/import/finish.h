/*
 * finish.h - the last step of an import or a merge: the network document
 * counted for the summary, printed, and checked by the network loader, so
 * that nothing is written that advisor would then refuse to load.
 */
#ifndef ADV_IMPORT_FINISH_H
#define ADV_IMPORT_FINISH_H

#include <cjson/cJSON.h>

#include "advisor.h"

/* The export files an import reads. */
#define ADV_IMPORT_FILES 9

/* A summary as the library hands it out: the public counts first (so that
 * an advisor_import_summary pointer is one of these), then the files. */
typedef struct adv_summary {
	advisor_import_summary pub;
	advisor_import_file files[ADV_IMPORT_FILES];
	size_t file_count;
	advisor_import_found *found;  /* owned: adv_merge_stats_free's */
	size_t found_count;
} adv_summary;

/* Hand a copy of s out through *out (out may be NULL: nothing is handed
 * out).  ADVISOR_ENOMEM (and *out NULL) or ADVISOR_OK. */
int adv_summary_hand_out(advisor_import_summary **out, const adv_summary *s,
	advisor_error *err);

/* Print doc into *out (free()) after loading it as `name` to check it;
 * fill summary's counts of people, connections, pending invitations,
 * invitation, message, recommendation and endorsement events (summary may
 * be NULL). */
int adv_import_finish(char **out, const cJSON *doc, const char *name,
	advisor_import_summary *summary, advisor_error *err);

/* A person's pending invitation: their latest invitation event when they
 * are not a connection.  0 none, 1 incoming, 2 outgoing. */
int adv_import_pending(const cJSON *person);

#endif
