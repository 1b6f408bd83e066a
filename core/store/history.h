/*
 * history.h - history.json, the data folder's dated record of what each
 * import showed (docs/data-format.md, "History").
 *
 * Each import appends one record: the day, the invitations the export
 * listed that the previous import did not (sent and received: person,
 * date, note or not) and those it listed that this one does not (accepted
 * or ended), how many they were, the connections (how many, and those new
 * since the previous import with their Connected On), and the withdrawals
 * recorded since the previous record.  Deltas, not the network: the first
 * record lists every invitation of its export and no connection as new.
 */
#ifndef ADV_STORE_HISTORY_H
#define ADV_STORE_HISTORY_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "advisor.h"

#define ADV_HISTORY_FORMAT "advisor-history/1"

/*
 * The new history.json text in *out (malloc): `existing` (len bytes, the
 * file as it is, named `name` in messages; NULL when there is none) with
 * the record of this import appended.  `export_doc` is the new import as
 * the export gave it (before it was accumulated), `older` the previous
 * base.json when it came from an import (else NULL), `notes` the
 * annotations document (for recorded withdrawals; may be NULL), `today`
 * the import's day.  ADVISOR_EDATA naming the file and line when the
 * existing history is not one; ADVISOR_ENOMEM.
 */
int adv_history_append(char **out, const char *existing, size_t len,
	const char *name, const cJSON *export_doc, const cJSON *older,
	const cJSON *notes, const char *today, advisor_error *err);

#endif
