package dev.kcb.report.compare;

/**
 * The statistics of one baseline-vs-candidate comparison.
 *
 * @param baseline     the baseline point estimate (mean of its samples)
 * @param candidate    the candidate point estimate
 * @param change       candidate / baseline - 1 (a fraction; signed: negative means the number went down)
 * @param ciLow        lower bound of the two-sided (1 - 2 alpha) confidence interval of {@code change}; NaN when unknown or unbounded
 * @param ciHigh       upper bound; NaN when unknown or unbounded
 * @param pHigher      one-sided p-value of the t-test against "the candidate's mean is higher"; NaN when not
 *                     computable
 * @param pLower       one-sided p-value against "the candidate's mean is lower"; NaN when not computable
 * @param df           degrees of freedom of the t-test (Welch-Satterthwaite, or 2(F-1) for the nested test); NaN
 *                     when not computable
 * @param test         which t-test gave p, df and the interval
 * @param insufficient too few samples to tell (fewer than 2 per side, or no variance on either side)
 * @param baselineEstimate  how the baseline mean's variance was estimated (pooled iterations, per-fork means, ...)
 * @param candidateEstimate the same for the candidate
 */
public record Comparison(double baseline, double candidate, double change, double ciLow, double ciHigh,
                         double pHigher, double pLower, double df, TestKind test, boolean insufficient, SideEstimate baselineEstimate,
                         SideEstimate candidateEstimate) {

    /** One-sided p in the worse direction (lower for higher-is-better metrics): the regression test. */
    public double pWorse(boolean higherIsBetter) {
        return higherIsBetter ? pLower : pHigher;
    }

    /** One-sided p in the better direction: the improvement test. */
    public double pBetter(boolean higherIsBetter) {
        return higherIsBetter ? pHigher : pLower;
    }

    /**
     * The one-sided p-value in the direction of the observed change (the smaller of the two); below alpha exactly
     * when the (1 - 2 alpha) interval excludes 0 on that side. NaN when not computable.
     */
    public double p() {
        return Math.min(pHigher, pLower);
    }
}
