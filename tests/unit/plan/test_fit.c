/*
 * test_fit.c - the numeric core of tuning (core/plan/fit.h): the anchored
 * logistic regression against answers known in closed form, the penalty's
 * pull, agreement, and arguments it refuses.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "plan/fit.h"

static const uint32_t RULE0[] = { 0 }, RULE1[] = { 1 }, BOTH[] = { 0, 1 };

/* n samples firing `rules`, the first `accepted` of them accepted. */
static size_t add(adv_fit_sample *s, size_t at, size_t n, size_t accepted,
	const uint32_t *rules, size_t rule_count, double offset)
{
	for (size_t i = 0; i < n; i++) {
		s[at + i].rules = rules;
		s[at + i].rule_count = rule_count;
		s[at + i].offset = offset;
		s[at + i].accepted = i < accepted;
	}
	return at + n;
}

static void fit(double *w, const double *anchor, size_t k,
	const adv_fit_sample *s, size_t n, double scale, double penalty)
{
	adv_fit_params p = { 3, scale, penalty, 0 };
	adv_fit_report rep;
	advisor_error err;

	cr_assert_eq(adv_fit_logistic(w, anchor, k, s, n, &p, &rep, &err),
		ADVISOR_OK, "%s", err.message);
	cr_expect(rep.converged, "not converged after %u iterations", rep.iterations);
	cr_expect_leq(rep.loss_after, rep.loss_before + 1e-12);
}

Test(fit, one_rule_gives_the_acceptance_rate_on_the_policys_scale)
{
	/* Accepted 8 times in 10: p = 0.8 = sigmoid(w - 3), so w = 3 + ln 4. */
	adv_fit_sample s[10];
	double anchor[] = { 3 }, w[1];

	add(s, 0, 10, 8, RULE0, 1, 0);
	fit(w, anchor, 1, s, 10, 1, 1e-9);
	cr_expect_float_eq(w[0], 3 + log(4), 1e-6, "w = %.9f", w[0]);
	/* Two logits a point: half as far from the threshold. */
	fit(w, anchor, 1, s, 10, 2, 1e-9);
	cr_expect_float_eq(w[0], 3 + log(4) / 2, 1e-6, "w = %.9f", w[0]);
	/* What the other rules added counts: an offset of 1, a point less. */
	add(s, 0, 10, 8, RULE0, 1, 1);
	fit(w, anchor, 1, s, 10, 1, 1e-9);
	cr_expect_float_eq(w[0], 2 + log(4), 1e-6, "w = %.9f", w[0]);
}

Test(fit, rules_seen_apart_are_fitted_apart_and_one_never_seen_keeps_its_score)
{
	adv_fit_sample s[14];
	double anchor[] = { 3, 3, 1.5 }, w[3];
	size_t n = add(s, 0, 10, 9, RULE0, 1, 0);

	n = add(s, n, 4, 1, RULE1, 1, 0);
	fit(w, anchor, 3, s, n, 1, 1e-9);
	cr_expect_float_eq(w[0], 3 + log(9), 1e-6, "w0 = %.9f", w[0]);
	cr_expect_float_eq(w[1], 3 - log(3), 1e-6, "w1 = %.9f", w[1]);
	cr_expect_eq(w[2], 1.5);
}

Test(fit, data_that_agree_with_the_scores_leave_them_where_they_are)
{
	adv_fit_sample s[10];
	double anchor[] = { 3 + log(4) }, w[1];

	add(s, 0, 10, 8, RULE0, 1, 0);
	fit(w, anchor, 1, s, 10, 1, 1);
	cr_expect_float_eq(w[0], anchor[0], 1e-9, "w = %.12f", w[0]);
}

Test(fit, the_penalty_keeps_an_always_accepted_rule_finite)
{
	/* All 10 accepted: without the prior the score would grow without
	 * end.  At the minimum the gradient is 0:
	 * 10 (sigmoid(w - 3) - 1) + (w - 3) = 0. */
	adv_fit_sample s[10];
	double anchor[] = { 3 }, w[1];

	add(s, 0, 10, 10, RULE0, 1, 0);
	fit(w, anchor, 1, s, 10, 1, 1);
	double u = w[0] - 3;
	cr_expect_gt(u, 0);
	cr_expect_float_eq(10 * (1 / (1 + exp(-u)) - 1) + u, 0, 1e-9, "u = %.9f", u);
	/* Stronger, it pulls harder; very strong, nothing moves. */
	double w_strong[1], w_huge[1];
	fit(w_strong, anchor, 1, s, 10, 1, 10);
	cr_expect_lt(w_strong[0], w[0]);
	cr_expect_gt(w_strong[0], 3);
	fit(w_huge, anchor, 1, s, 10, 1, 1e9);
	cr_expect_float_eq(w_huge[0], 3, 1e-6);
}

Test(fit, rules_that_always_fire_together_share_the_change)
{
	/* Only the prior tells them apart: by symmetry, the same move each,
	 * and their sum where one rule alone would be with half the prior. */
	adv_fit_sample s[10];
	double anchor[] = { 1.5, 1.5 }, w[2];

	add(s, 0, 10, 2, BOTH, 2, 0);
	fit(w, anchor, 2, s, 10, 1, 1);
	cr_expect_float_eq(w[0], w[1], 1e-9);
	cr_expect_lt(w[0], 1.5);
	double one[1], anchor1[] = { 3 };
	add(s, 0, 10, 2, RULE0, 1, 0);
	fit(one, anchor1, 1, s, 10, 1, 0.5);
	cr_expect_float_eq(w[0] + w[1], one[0], 1e-9, "%.9f + %.9f vs %.9f",
		w[0], w[1], one[0]);
}

Test(fit, agreement_counts_connect_for_accepted_and_not_for_ended)
{
	adv_fit_sample s[6];
	double w[] = { 3, 0.5 };
	size_t n = add(s, 0, 3, 2, RULE0, 1, 0); /* score 3: right, right, wrong */
	n = add(s, n, 3, 1, RULE1, 1, 0);        /* 0.5: wrong, right, right */

	cr_expect_eq(adv_fit_agreement(s, n, w, 3), 4);
	cr_expect_eq(adv_fit_agreement(s, n, w, 0.5), 3);
	cr_expect_eq(adv_fit_agreement(s, 0, w, 3), 0);
	cr_expect_float_eq(adv_fit_score(&s[0], w), 3, 1e-12);
	adv_fit_params p = { 3, 1, 1, 0 };
	cr_expect_float_eq(adv_fit_probability(3, &p), 0.5, 1e-12);
	cr_expect_float_eq(adv_fit_probability(3 + log(4), &p), 0.8, 1e-12);
	cr_expect_eq(adv_fit_probability(-1e6, &p), 0);
	cr_expect_eq(adv_fit_probability(1e6, &p), 1);
}

Test(fit, far_offsets_stay_finite)
{
	adv_fit_sample s[4];
	double anchor[] = { 3 }, w[1];
	size_t n = add(s, 0, 2, 0, RULE0, 1, 800); /* ended at 803 points */

	n = add(s, n, 2, 2, RULE0, 1, -800);       /* accepted at -797 */
	fit(w, anchor, 1, s, n, 1, 1);
	cr_expect(isfinite(w[0]));
}

Test(fit, refuses_what_it_cannot_fit_and_leaves_the_anchor)
{
	adv_fit_sample s[1];
	uint32_t bad[] = { 2 };
	double anchor[] = { 3, 1 }, w[2] = { 9, 9 };
	adv_fit_params p = { 3, 1, 1, 0 };
	advisor_error err;

	add(s, 0, 1, 1, bad, 1, 0);
	cr_expect_eq(adv_fit_logistic(w, anchor, 2, s, 1, &p, NULL, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "sample 0: rule 2 is not below 2"), "%s", err.message);
	add(s, 0, 1, 1, RULE0, 1, 0);
	p.penalty = 0;
	cr_expect_eq(adv_fit_logistic(w, anchor, 2, s, 1, &p, NULL, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "the penalty is 0; it must be above 0"), "%s", err.message);
	p.penalty = 1;
	p.scale = -1;
	cr_expect_eq(adv_fit_logistic(w, anchor, 2, s, 1, &p, NULL, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "the scale is -1"), "%s", err.message);
	p.scale = 1;
	s[0].offset = NAN;
	cr_expect_eq(adv_fit_logistic(w, anchor, 2, s, 1, &p, NULL, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "sample 0: its offset is not a finite number"), "%s", err.message);
	cr_expect_eq(adv_fit_logistic(NULL, anchor, 2, s, 1, &p, NULL, &err), ADVISOR_EINVAL);
	/* No samples: nothing to learn, the anchor. */
	adv_fit_report rep;
	cr_expect_eq(adv_fit_logistic(w, anchor, 2, NULL, 0, &p, &rep, &err), ADVISOR_OK);
	cr_expect_eq(w[0], 3);
	cr_expect_eq(w[1], 1);
	cr_expect_eq(rep.loss_after, 0);
}
