/*
 * outcomes.h - what the outcomes layer shares with the rest of plan/ and
 * with its tests: the Wilson score interval.
 */
#ifndef ADV_PLAN_OUTCOMES_H
#define ADV_PLAN_OUTCOMES_H

#include <stddef.h>

/* The z of a two-sided 95% interval. */
#define ADV_Z95 1.959963984540054

/* The Wilson score interval of `successes` out of `trials` at z (ADV_Z95
 * for 95%), in *low and *high, both within [0, 1]; 0 and 1 when trials is
 * 0.  successes above trials counts as trials. */
void adv_wilson(double *low, double *high, size_t successes, size_t trials,
	double z);

#endif
