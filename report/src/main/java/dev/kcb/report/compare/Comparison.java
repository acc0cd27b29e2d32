package dev.kcb.report.compare;

/**
 * The statistics of one baseline-vs-candidate comparison.
 *
 * @param baseline     the baseline point estimate (mean of its samples)
 * @param candidate    the candidate point estimate
 * @param change       candidate / baseline - 1 (a fraction; signed: negative means the number went down)
 * @param ciLow        lower bound of the (1 - alpha) confidence interval of {@code change}; NaN when unknown or unbounded
 * @param ciHigh       upper bound; NaN when unknown or unbounded
 * @param p            two-sided p-value of the Welch t-test; NaN when not computable
 * @param df           Welch-Satterthwaite degrees of freedom; NaN when not computable
 * @param insufficient too few samples to tell (fewer than 2 per side, or no variance on either side)
 * @param baselineEstimate  how the baseline mean's variance was estimated (pooled iterations, per-fork means, ...)
 * @param candidateEstimate the same for the candidate
 */
public record Comparison(double baseline, double candidate, double change, double ciLow, double ciHigh,
                         double p, double df, boolean insufficient, SideEstimate baselineEstimate,
                         SideEstimate candidateEstimate) {
}
