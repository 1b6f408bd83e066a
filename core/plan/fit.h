/*
 * fit.h - the numeric core of tuning: a logistic regression of accepted
 * against ended invitations on the rules that fired, anchored at the
 * policy's current scores.
 *
 * The model reads the policy's own scale: an invitation whose rules add
 * up to `score` is accepted with probability
 *
 *	p = 1 / (1 + exp(-scale * (score - threshold)))
 *
 * so the threshold is where acceptance is even odds, and each point of
 * score multiplies the odds by exp(scale).  score is the sample's offset
 * (what the rules not tuned added: a check that returns its own score)
 * plus the weight of each tuned rule that fired.  The weights minimise
 *
 *	sum over samples of -log(likelihood) + penalty/2 * |w - anchor|^2
 *
 * a Gaussian prior centred on the current scores (in the spirit of
 * SpamAssassin's perceptron and rspamd's rescore, which also start from
 * the scores in use): with few outcomes the scores move little, with many
 * the data decide.  The objective is strictly convex for penalty > 0, so
 * Newton's method (with a backtracking line search) finds its one
 * minimum.  Everything here is a pure function of its arguments.
 */
#ifndef ADV_PLAN_FIT_H
#define ADV_PLAN_FIT_H

#include <stddef.h>
#include <stdint.h>

#include "advisor.h"

/* One resolved invitation. */
typedef struct adv_fit_sample {
	const uint32_t *rules; /* the tuned rules that fired, each below k */
	size_t rule_count;
	double offset;         /* what the rules not tuned added */
	int accepted;          /* 1 accepted, 0 ended */
} adv_fit_sample;

typedef struct adv_fit_params {
	double threshold;
	double scale;          /* logits per point of score, > 0 */
	double penalty;        /* the prior's strength, > 0 */
	unsigned max_iterations; /* 0: 100 */
} adv_fit_params;

typedef struct adv_fit_report {
	unsigned iterations;
	int converged;         /* the step fell below 1e-10 of a point */
	double loss_before;    /* the objective at the anchor */
	double loss_after;     /* at the weights found */
} adv_fit_report;

/* The score of sample s under weights w: its offset plus the weights of
 * the rules that fired. */
double adv_fit_score(const adv_fit_sample *s, const double *w);

/* The probability of acceptance the model gives score. */
double adv_fit_probability(double score, const adv_fit_params *p);

/* How many of the n samples the weights get right: connect (score at or
 * above the threshold) for an accepted one, below it for an ended one. */
size_t adv_fit_agreement(const adv_fit_sample *s, size_t n, const double *w,
	double threshold);

/*
 * Fit: w (k weights) receives the minimum of the objective over samples
 * s[0..n), starting from and anchored at anchor[0..k).  A rule no sample
 * fires keeps its anchor.  ADVISOR_EINVAL (with the reason in err) for a
 * scale or penalty not above 0, a rule index not below k, or a value that
 * is not finite; ADVISOR_ENOMEM.  rep, if not NULL, says how it went.
 */
int adv_fit_logistic(double *w, const double *anchor, size_t k,
	const adv_fit_sample *s, size_t n, const adv_fit_params *p,
	adv_fit_report *rep, advisor_error *err);

#endif
