/*
 * result.h - what a result holds.
 */
#ifndef ADV_RESULT_H
#define ADV_RESULT_H

#include <stddef.h>

#include "advisor.h"

/* The opaque advisor_result of advisor.h.  Every string is owned. */
struct advisor_result {
	char *person;
	advisor_verdict verdict;
	double score;
	advisor_reason *reasons; /* the deciding one first */
	size_t reason_count;
	char *note;              /* NULL unless connect_with_note */
	char *policy;
	unsigned int no_note_fits; /* the limit no note fits, or 0 */
	char **drafts;           /* when more than one was asked for */
	size_t draft_count;
	advisor_direction direction; /* the one answered, never AUTO */
	char invited_on[ADVISOR_DATE_MAX]; /* the pending invitation's, or "" */
	int withdraw;            /* invited, and the policy says withdraw */
	/* When the scores decided against connecting: the threshold, and the
	 * rules that would have added to the score, with why they did not. */
	int below;               /* non-zero: dont_connect by the scores */
	double threshold;
	advisor_missing *missing;
	size_t missing_count;
	/* For an explanation (engine->why_not_all): each rule's own why_not
	 * for this person, by rule index, NULL where it fired or says
	 * nothing. */
	char **why_not;
	size_t why_not_count;
	int transient;           /* a person given inline, not in the network */
	/* The facts the policy's advisor.suggest proposes; each fact and why
	 * owned. */
	advisor_suggestion *suggestions;
	size_t suggestion_count;
};

#endif
