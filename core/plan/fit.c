/*
 * fit.c - the anchored logistic regression of tuning (fit.h has the
 * model).  Newton's method: the gradient and Hessian of the objective in
 * one pass over the samples, the step from a Cholesky factorisation of
 * the Hessian (positive definite: the penalty adds to its diagonal), and
 * a backtracking line search so that every step lowers the objective.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/fit.h"
#include "util/error.h"

#define STEP_TOLERANCE 1e-10 /* of a point of score */
#define HALVINGS 60

double adv_fit_score(const adv_fit_sample *s, const double *w)
{
	double score = s->offset;

	for (size_t j = 0; j < s->rule_count; j++)
		score += w[s->rules[j]];
	return score;
}

double adv_fit_probability(double score, const adv_fit_params *p)
{
	double z = p->scale * (score - p->threshold);

	if (z >= 0)
		return 1.0 / (1.0 + exp(-z));
	return exp(z) / (1.0 + exp(z));
}

size_t adv_fit_agreement(const adv_fit_sample *s, size_t n, const double *w,
	double threshold)
{
	size_t right = 0;

	for (size_t i = 0; i < n; i++)
		right += (adv_fit_score(&s[i], w) >= threshold) == (s[i].accepted != 0);
	return right;
}

/* log(1 + exp(z)) without overflow. */
static double softplus(double z)
{
	return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
}

static double objective(const double *w, const double *anchor, size_t k,
	const adv_fit_sample *s, size_t n, const adv_fit_params *p)
{
	double loss = 0;

	for (size_t i = 0; i < n; i++) {
		double z = p->scale * (adv_fit_score(&s[i], w) - p->threshold);
		loss += softplus(z) - (s[i].accepted ? z : 0);
	}
	for (size_t j = 0; j < k; j++)
		loss += p->penalty / 2 * (w[j] - anchor[j]) * (w[j] - anchor[j]);
	return loss;
}

/* The gradient g and Hessian h (k by k, row-major) at w. */
static void derivatives(double *g, double *h, const double *w,
	const double *anchor, size_t k, const adv_fit_sample *s, size_t n,
	const adv_fit_params *p)
{
	memset(h, 0, k * k * sizeof *h);
	for (size_t j = 0; j < k; j++) {
		g[j] = p->penalty * (w[j] - anchor[j]);
		h[j * k + j] = p->penalty;
	}
	for (size_t i = 0; i < n; i++) {
		double prob = adv_fit_probability(adv_fit_score(&s[i], w), p);
		double gi = p->scale * (prob - (s[i].accepted ? 1 : 0));
		double hi = p->scale * p->scale * prob * (1 - prob);

		for (size_t a = 0; a < s[i].rule_count; a++) {
			uint32_t ra = s[i].rules[a];

			g[ra] += gi;
			for (size_t b = 0; b < s[i].rule_count; b++)
				h[ra * k + s[i].rules[b]] += hi;
		}
	}
}

/* Solve h x = b in place of b, h symmetric positive definite (destroyed:
 * its lower triangle becomes the Cholesky factor).  -1 if it is not. */
static int cholesky_solve(double *h, double *b, size_t k)
{
	for (size_t j = 0; j < k; j++) {
		double d = h[j * k + j];

		for (size_t m = 0; m < j; m++)
			d -= h[j * k + m] * h[j * k + m];
		if (!(d > 0))
			return -1;
		h[j * k + j] = sqrt(d);
		for (size_t i = j + 1; i < k; i++) {
			double v = h[i * k + j];

			for (size_t m = 0; m < j; m++)
				v -= h[i * k + m] * h[j * k + m];
			h[i * k + j] = v / h[j * k + j];
		}
	}
	for (size_t i = 0; i < k; i++) { /* L y = b */
		for (size_t m = 0; m < i; m++)
			b[i] -= h[i * k + m] * b[m];
		b[i] /= h[i * k + i];
	}
	for (size_t i = k; i-- > 0;) { /* L^T x = y */
		for (size_t m = i + 1; m < k; m++)
			b[i] -= h[m * k + i] * b[m];
		b[i] /= h[i * k + i];
	}
	return 0;
}

static int check(const double *anchor, size_t k, const adv_fit_sample *s,
	size_t n, const adv_fit_params *p, advisor_error *err)
{
	static const char fn[] = "adv_fit_logistic";

	if (!isfinite(p->scale) || !(p->scale > 0))
		return adv_error_set(err, ADVISOR_EINVAL, "%s: the scale is %g; "
			"it must be above 0", fn, p->scale);
	if (!isfinite(p->penalty) || !(p->penalty > 0))
		return adv_error_set(err, ADVISOR_EINVAL, "%s: the penalty is %g; "
			"it must be above 0", fn, p->penalty);
	if (!isfinite(p->threshold))
		return adv_error_set(err, ADVISOR_EINVAL, "%s: the threshold is "
			"not a finite number", fn);
	for (size_t j = 0; j < k; j++)
		if (!isfinite(anchor[j]))
			return adv_error_set(err, ADVISOR_EINVAL, "%s: anchor %zu is "
				"not a finite number", fn, j);
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(s[i].offset))
			return adv_error_set(err, ADVISOR_EINVAL, "%s: sample %zu: "
				"its offset is not a finite number", fn, i);
		for (size_t j = 0; j < s[i].rule_count; j++)
			if (s[i].rules[j] >= k)
				return adv_error_set(err, ADVISOR_EINVAL, "%s: sample "
					"%zu: rule %u is not below %zu", fn, i,
					(unsigned)s[i].rules[j], k);
	}
	return ADVISOR_OK;
}

int adv_fit_logistic(double *w, const double *anchor, size_t k,
	const adv_fit_sample *s, size_t n, const adv_fit_params *p,
	adv_fit_report *rep, advisor_error *err)
{
	unsigned max = p && p->max_iterations ? p->max_iterations : 100;
	adv_fit_report r = { 0, 0, 0, 0 };
	double *g = NULL, *h = NULL, *trial = NULL, *x = NULL, loss;
	int rc;

	adv_error_clear(err);
	if (!w || (k && !anchor) || (n && !s) || !p)
		return adv_error_set(err, ADVISOR_EINVAL, "adv_fit_logistic: w, "
			"anchor, samples and parameters are required");
	if ((rc = check(anchor, k, s, n, p, err)) < 0)
		return rc;
	memcpy(w, anchor, k * sizeof *w);
	loss = r.loss_before = objective(w, anchor, k, s, n, p);
	if (k == 0) {
		r.converged = 1;
		goto done;
	}
	if (k > SIZE_MAX / sizeof *h / k ||
	    !(g = malloc(k * sizeof *g)) || !(h = malloc(k * k * sizeof *h)) ||
	    !(trial = malloc(k * sizeof *trial)) ||
	    !(x = malloc(k * sizeof *x))) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "adv_fit_logistic: out of "
			"memory for %zu rules", k);
		goto done;
	}
	while (r.iterations < max && !r.converged) {
		double slope = 0, t = 1, biggest = 0, next = loss;
		int halvings = 0;

		derivatives(g, h, w, anchor, k, s, n, p);
		for (size_t j = 0; j < k; j++)
			trial[j] = g[j];
		if (cholesky_solve(h, trial, k) < 0)
			break; /* cannot happen with penalty > 0; stop where we are */
		for (size_t j = 0; j < k; j++)
			slope -= g[j] * trial[j]; /* the step is -trial */
		r.iterations++;
		for (; halvings < HALVINGS; halvings++, t /= 2) {
			for (size_t j = 0; j < k; j++)
				x[j] = w[j] - t * trial[j];
			next = objective(x, anchor, k, s, n, p);
			if (next <= loss + 1e-4 * t * slope)
				break;
		}
		if (halvings == HALVINGS) {
			r.converged = 1; /* no step lowers it: the minimum, to rounding */
			break;
		}
		for (size_t j = 0; j < k; j++) {
			double step = t * trial[j];

			w[j] -= step;
			if (fabs(step) > biggest)
				biggest = fabs(step);
		}
		loss = next;
		if (biggest < STEP_TOLERANCE)
			r.converged = 1;
	}
done:
	r.loss_after = loss;
	if (rep)
		*rep = r;
	free(g);
	free(h);
	free(trial);
	free(x);
	if (rc < 0)
		memcpy(w, anchor, k * sizeof *w);
	return rc;
}
