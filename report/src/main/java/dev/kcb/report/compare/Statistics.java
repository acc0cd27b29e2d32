package dev.kcb.report.compare;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;

/**
 * The test and the interval.
 *
 * <p><b>Model.</b> Each side is a balanced one-way random-effects layout, y<sub>fi</sub> = &mu; + a<sub>f</sub> +
 * e<sub>fi</sub> with F forks &times; I iterations: a<sub>f</sub> is the fork effect (JIT decisions, heap layout,
 * broker state that last for a whole JVM), e<sub>fi</sub> the iteration noise. Per side we compute MSB (between
 * forks, F-1 df) and MSW (within forks, F(I-1) df).
 *
 * <p><b>Variance of each side's mean: the "sometimes-pool" rule</b> (Paull 1950; Bancroft 1964) with <b>one joint
 * preliminary test</b>. Both sides are the same benchmark under the same harness, so the fork (between-JVM) variance
 * component is tested once on both together: F = [(SSB<sub>A</sub>+SSB<sub>B</sub>)/(df<sub>bA</sub>+df<sub>bB</sub>)]
 * / [(SSW<sub>A</sub>+SSW<sub>B</sub>)/(df<sub>wA</sub>+df<sub>wB</sub>)] against F(2(F-1), 2F(I-1)) (with 3&times;5
 * per side: F(4, 24) instead of F(2, 12) per side). It has more df, so it finds a real fork effect more reliably, and
 * with no fork effect it leaves both sides pooled (1 - level) of the time instead of (1 - level)&sup2; as two separate
 * tests do. Level: {@link PoolingRule#DEFAULT} = Bancroft's 0.25 (liberal so that a real fork effect is rarely pooled
 * away; the Bancroft-Han tables give about 0.24 for these df). Paull's rule (pool when F &lt; 2&middot;F<sub>0.50</sub>,
 * about 0.20 here) pools more and gains about 3 points of power, but makes the intermediate case below worse, so it is
 * not the default ({@link PoolingRule#PAULL}). The joint F is exact under "no fork effect and equal iteration
 * variance"; a real difference between the sides (a 10% change scales one side's sums by 0.81) only makes it
 * approximate. Outcome, for both sides alike:
 * <ul>
 *   <li>not significant: all iterations are used: Var(mean) = s&sup2;<sub>all</sub>/(F&middot;I) with F&middot;I-1 df
 *       ("pooled iterations");</li>
 *   <li>significant: per-fork means, Var(mean) = MSB/(F&middot;I) = s&sup2;<sub>fork means</sub>/F with F-1 df
 *       ("per-fork means"), which is correct whatever the fork effect.</li>
 * </ul>
 * A side without per-iteration values (see below) keeps its fixed method; the joint test then uses the other side only.
 *
 * <p><b>Price of the preliminary test.</b> The final test is not exactly at level alpha: when a small real fork effect
 * is pooled, Var(mean) is underestimated. Large fork effects are almost always detected and switch pooling off;
 * the worst case is in between. Measured "regressed" rates at alpha 0.01, threshold 5%, 1000 seeds (StatisticsTest):
 * A/A 3&times;5 with 1% fork SD, 5% CV: 0.003; fork SD 5%, CV 2% (stress): 0.013 (0.004 over 20,000 other seeds);
 * 5&times;5, fork SD 3%, CV 5%: 0.007; no fork effect: 0.001; but 3&times;5 with fork SD 3% and CV 5% (the F-test
 * misses the effect about 25% of the time): 0.017 (0.014 over 20,000 seeds), i.e. above alpha.
 *
 * <p><b>Power</b> (10% slowdown, 3 forks &times; 5 iterations, 5% CV, alpha 0.01, threshold 5%, 1000 seeds): 0.92
 * with independent forks (the spec's case), 0.89 with an extra 1% fork SD; 1.00 at 5 forks. When the joint test
 * rejects (about a third of the time), the nested t below has 4 df; Welch on the same fork means had 2 to 4 and
 * gave 0.85 and 0.80. Earlier procedures: separate per-side tests at 0.25, two-sided: 0.69; joint test,
 * two-sided: 0.71.
 *
 * <p>Not pooled, ever: one fork (its iterations are used as if independent, and the output says so, because the
 * fork effect cannot be estimated); SampleTime histogram metrics (mean, p50, p99 from per-fork merged histograms:
 * a fork's percentile is not a mean of iteration percentiles and iterations hold different numbers of samples, so
 * they stay one value per fork); forks with unequal iteration counts; one iteration per fork.
 *
 * <p><b>Test: a t-test, one-sided per direction.</b> t = (m<sub>B</sub> - m<sub>A</sub>) / sqrt(V<sub>A</sub> +
 * V<sub>B</sub>), with V and df from one of two forms:
 * <ul>
 *   <li><b>nested t</b> ({@link TestKind#NESTED}) when both sides use per-fork means and have the same forks
 *       &times; iterations (an {@code ab} run or two runs of one profile): the textbook test of a nested
 *       (hierarchical) design. The fork-mean variance is estimated once from both sides, MSB = (SSB<sub>A</sub> +
 *       SSB<sub>B</sub>) / (dfB<sub>A</sub> + dfB<sub>B</sub>), V<sub>A</sub> = V<sub>B</sub> = MSB/(F&middot;I),
 *       with 2(F-1) df. With equal sizes the statistic is the same number as Welch's; only the df differ (Welch:
 *       between F-1 and 2(F-1)), and with 3 forks that is the difference between t<sub>0.99</sub> = 3.7 and up to
 *       7.0. Equal sizes also make it robust to unequal variances (Scheff&eacute;); simulated with the candidate at
 *       twice the baseline's noise, its A/A rate stays within a few tenths of a percent of Welch's.</li>
 *   <li><b>Welch's unequal-variance t</b> ({@link TestKind#WELCH}) otherwise (pooled iterations, sides of
 *       different shapes, per-fork histogram values, one fork), with Welch-Satterthwaite df from each side's
 *       variance and df above.</li>
 * </ul>
 * A regression check asks a directional question per metric ("is the candidate worse?", and separately
 * "is it better?"), so "regressed" needs p<sub>worse</sub> &lt; alpha and "improved" p<sub>better</sub> &lt; alpha.
 * That puts the whole alpha on the A/A "regressed" rate, which is what the spec bounds; a two-sided test spends only
 * alpha/2 on it. Why not Mann-Whitney U: with per-fork means (3 to 5 per side) it cannot reach small p-values at
 * all (with 3 vs 3 its smallest one-sided p is 0.05), and means of many operations are close to normal.
 *
 * <p><b>Interval: Fieller's interval for the ratio of means</b> candidate/baseline, minus 1, with the same variances
 * and df as the test, at two-sided confidence 1 - 2 alpha (98% for alpha 0.01): its bounds are the two one-sided
 * 1 - alpha bounds. Unlike "CI of the difference divided by the baseline mean", it accounts for the uncertainty of
 * the baseline mean, and it is consistent with the tests: the interval lies entirely on the worse side of 0 exactly
 * when p<sub>worse</sub> &lt; alpha, and on the better side exactly when p<sub>better</sub> &lt; alpha. When
 * the baseline mean itself is not distinguishable from zero the Fieller set is unbounded and the bounds are reported
 * as NaN ("unbounded").
 */
public final class Statistics {
    private Statistics() {
    }

    public static Comparison compare(Samples base, Samples cand, double alpha) {
        return compare(base, cand, alpha, PoolingRule.DEFAULT);
    }

    /**
     * Both sides' estimates with one joint preliminary test of the fork effect over every side that has per-iteration
     * values (usually both): pooled on both sides, or per-fork means on both.
     */
    public static Comparison compare(Samples base, Samples cand, double alpha, PoolingRule rule) {
        SideEstimate.Anova a = SideEstimate.Anova.of(base);
        SideEstimate.Anova b = SideEstimate.Anova.of(cand);
        SideEstimate.Anova[] tested = java.util.stream.Stream.of(a, b).filter(java.util.Objects::nonNull)
                .toArray(SideEstimate.Anova[]::new);
        if (tested.length == 0) {
            return compare(SideEstimate.fixed(base), SideEstimate.fixed(cand), alpha);
        }
        double[] test = SideEstimate.forkEffectTest(tested);
        boolean pool = rule.pool(test);
        SideEstimate ea = a == null ? SideEstimate.fixed(base) : SideEstimate.of(base, a, pool, test[1]);
        SideEstimate eb = b == null ? SideEstimate.fixed(cand) : SideEstimate.of(cand, b, pool, test[1]);
        if (!pool && a != null && b != null && a.forks() == b.forks() && a.its() == b.its() && a.ssb() + b.ssb() > 0) {
            // nested ANOVA: one fork-mean variance from both sides, 2(F-1) df
            double msb = (a.ssb() + b.ssb()) / (a.dfB() + b.dfB());
            double v = msb / (a.forks() * a.its());
            return compare(ea.mean(), eb.mean(), v, v, a.dfB() + b.dfB(), TestKind.NESTED, alpha, ea, eb);
        }
        return compare(ea, eb, alpha);
    }

    /**
     * <b>Paired forks</b> ({@link TestKind#PAIRED}), for the two sides of one {@code ./run.sh ab}: its forks ran
     * in pairs on one broker (A B, B A, A B, ...), so fork i of each side saw the same broker state, page cache and machine drift. Each
     * pair gives d<sub>i</sub> = ln(B<sub>i</sub>/A<sub>i</sub>) from the two forks' means; the test is the one-sample
     * t on the d<sub>i</sub> (n-1 df), the change is exp(mean d) - 1 (the geometric mean of the pair ratios), and the
     * (1 - 2 alpha) interval is exp(mean d &plusmn; t<sub>1-alpha</sub> s<sub>d</sub>/&radic;n) - 1. Drift that is slow
     * against a pair's length cancels in d<sub>i</sub>; what is left is the pairs' own noise. This is a property
     * of how the data were taken, decided before looking at them: it is used exactly when both sides are one ab's
     * and have the same number of forks (three or more), never chosen by which test gives the narrower interval.
     * Falls back to {@link #compare(Samples, Samples, double)} otherwise.
     */
    public static Comparison comparePaired(Samples base, Samples cand, double alpha) {
        int n = base.n();
        if (!base.perFork() || !cand.perFork() || n != cand.n() || n < 3) {
            return compare(base, cand, alpha);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.log(cand.values()[i] / base.values()[i]);
        }
        return logRatio(base, cand, d, TestKind.PAIRED, alpha);
    }

    /**
     * The one-sample t on ln ratios {@code d} (n-1 df), as a change and its interval; insufficient when they have no
     * spread (or are not finite).
     */
    private static Comparison logRatio(Samples base, Samples cand, double[] d, TestKind kind, double alpha) {
        double mean = Arrays.stream(d).average().orElse(Double.NaN);
        return logRatio(base, cand, mean, Samples.variance(d) / d.length, d.length - 1, kind, alpha);
    }

    /**
     * The t on a mean ln ratio with the given variance of that mean and df, as a change and its interval;
     * insufficient when there is no spread (or it is not finite).
     */
    private static Comparison logRatio(Samples base, Samples cand, double mean, double varOfMean, double df, TestKind kind,
                                       double alpha) {
        if (!Double.isFinite(mean) || !Double.isFinite(varOfMean) || varOfMean == 0 || !(df >= 1)) {
            return new Comparison(base.mean(), cand.mean(), Double.isFinite(mean) ? Math.expm1(mean) : Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, kind, true,
                    SideEstimate.fixed(base), SideEstimate.fixed(cand));
        }
        double se = Math.sqrt(varOfMean);
        TDistribution dist = new TDistribution(null, df);
        double t = mean / se;
        double tCrit = dist.inverseCumulativeProbability(1 - alpha);
        return new Comparison(base.mean(), cand.mean(), Math.expm1(mean), Math.expm1(mean - tCrit * se),
                Math.expm1(mean + tCrit * se), dist.cumulativeProbability(-t), dist.cumulativeProbability(t), df,
                kind, false, SideEstimate.fixed(base), SideEstimate.fixed(cand));
    }

    /**
     * <b>Paired slices</b>, for an {@code ./run.sh ab} whose sides took turns inside each fork (A B B A ...; see the
     * suite's AbSlices). Iteration k of the baseline and iteration k of the candidate in fork f ran next to each other
     * in one JVM, so d<sub>fk</sub> = ln(B<sub>fk</sub>/A<sub>fk</sub>) has the fork's JIT state, the broker's state and
     * the machine's drift cancelled; what is left is the iterations' own noise.
     *
     * <p><b>The order is part of the design.</b> ab runs its sliced forks in two orders that alternate: fork 1, 3, 5 ...
     * builds the baseline's client first and runs A B B A; fork 2, 4, 6 ... builds the candidate's first and runs B A A B
     * (AbSlices.SWAP), because whichever client is built first runs faster in its JVM (2.6% on average in 12 A/A
     * forks here, 0.9-10.6% in another run's four). With as many forks of each order, that advantage cancels exactly
     * in the mean of d; but it makes the two orders' forks disagree by twice the advantage, and a test of "do the forks
     * disagree?" that ignores the order reads that designed difference as a fork effect. So, as in the analysis of a
     * two-period crossover, the order is a fixed effect: with an even number F of forks, the preliminary test compares
     * each fork's mean ratio with the mean of its own order's forks (F-2 df), and the pooled pairs vary about their
     * order's mean (F&middot;K-2 df). When that test still finds the forks disagreeing, the interval comes from the F
     * forks' own mean ratios (F-1 df), as before: the order's share of their spread can only widen it. With an odd F (a
     * -f the user chose) there is no balance to use and the order is not modelled. This follows from how the data
     * were taken, never from which analysis gives the narrower interval.
     *
     * <p>The d<sub>fk</sub> are then a one-way layout, forks &times; pairs, and the same sometimes-pool rule as
     * {@link #compare} decides their variance ({@link PoolingRule#DEFAULT}, an F-test of the forks' mean ratios
     * against the spread within forks):
     * <ul>
     *   <li>not significant ({@link TestKind#SLICES_POOLED}): all F&middot;K ln ratios;</li>
     *   <li>significant ({@link TestKind#SLICES_FORKS}): the F fork means of d: right whatever makes forks differ (a
     *       JIT decision that favours one config in one JVM).</li>
     * </ul>
     * With one fork, or one fork of each order, the pairs are pooled (the fork effect cannot be tested). The change is
     * exp(mean d) - 1, the interval exp(mean d &plusmn; t se) - 1. Used when run.json says the benchmark ran in slices,
     * never chosen by which test gives the narrower interval. Falls back to {@link #comparePaired} when the sides'
     * iterations do not pair up.
     */
    public static Comparison compareSlices(Samples base, Samples cand, double alpha) {
        double[][] a = slices(base);
        double[][] b = slices(cand);
        if (a == null || b == null || a.length != b.length) {
            return comparePaired(base, cand, alpha);
        }
        int forks = a.length;
        int k = a[0].length;
        double[][] d = new double[forks][k];
        for (int f = 0; f < forks; f++) {
            if (a[f].length != k || b[f].length != k) {
                return comparePaired(base, cand, alpha);
            }
            for (int i = 0; i < k; i++) {
                d[f][i] = Math.log(b[f][i] / a[f][i]);
            }
        }
        if (forks * k < 3 || k < 2) {
            return comparePaired(base, cand, alpha);
        }
        return slicesTest(base, cand, d, forks % 2 == 0, alpha);
    }

    /**
     * The pooled-or-forks t on ln ratios {@code d[fork][pair]}; with {@code byOrder}, forks 0, 2, 4 ... and 1, 3, 5 ...
     * are the two orders (see {@link #compareSlices}), whose means are removed from the fork-effect test and from the
     * residuals. Package-private for the tests.
     */
    static Comparison slicesTest(Samples base, Samples cand, double[][] d, boolean byOrder, double alpha) {
        int forks = d.length;
        int k = d[0].length;
        int groups = byOrder ? 2 : 1;
        double[] forkMean = Arrays.stream(d).mapToDouble(f -> Arrays.stream(f).average().orElseThrow()).toArray();
        // the mean of each order's forks (one group without byOrder); with equal forks per order and equal pairs per
        // fork, the mean of d is the mean of these
        double[] groupMean = new double[groups];
        for (int f = 0; f < forks; f++) {
            groupMean[f % groups] += forkMean[f] / (forks / groups);
        }
        double mean = Arrays.stream(groupMean).average().orElseThrow();
        double ssb = 0;
        double ssw = 0;
        for (int f = 0; f < forks; f++) {
            ssb += k * (forkMean[f] - groupMean[f % groups]) * (forkMean[f] - groupMean[f % groups]);
            for (double v : d[f]) {
                ssw += (v - forkMean[f]) * (v - forkMean[f]);
            }
        }
        int dfB = forks - groups;
        int dfW = forks * (k - 1);
        boolean pooled = true;
        if (dfB >= 1) {
            pooled = PoolingRule.DEFAULT.pool(SideEstimate.forkEffectTest(ssb, ssw, dfB, dfW));
        }
        if (!pooled) {
            // the forks' own mean ratios, order and all (F-1 df): with a real fork effect the order's share of their
            // spread only widens the interval, and 1 df more is worth more than it at 4 forks (t 4.54 against 6.96)
            return logRatio(base, cand, forkMean, TestKind.SLICES_FORKS, alpha);
        }
        // every pair about its order's mean: F*K - groups df
        double var = (ssb + ssw) / (forks * k - groups) / (forks * k);
        double df = forks * k - groups;
        return logRatio(base, cand, mean, var, df, TestKind.SLICES_POOLED, alpha);
    }

    /** A side's iterations by fork (one row for a single fork); null without per-iteration values. */
    private static double[][] slices(Samples s) {
        if (s.iterations().length > 0) {
            return s.iterations();
        }
        return s.n() > 0 && !s.perFork() ? new double[][] {s.values()} : null;
    }

    /**
     * The smallest change this comparison could have detected: the true change at which the one-sided test at alpha
     * would flag it with probability {@code power} (0.8 by convention), given the standard error and df it
     * measured, (t<sub>1-alpha</sub> + t<sub>power</sub>) &times; se, as a fraction of the baseline. For the paired
     * test se is that of mean ln-ratio, so the figure is exp(...) - 1. NaN when the comparison has no interval.
     * What "unchanged" means: a change smaller than this could have passed unseen.
     */
    public static double minimumDetectable(Comparison c, double alpha, double power) {
        if (c.insufficient() || !Double.isFinite(c.df()) || !Double.isFinite(c.ciLow()) || !Double.isFinite(c.ciHigh())) {
            return Double.NaN;
        }
        TDistribution dist = new TDistribution(null, c.df());
        double tA = dist.inverseCumulativeProbability(1 - alpha);
        double k = (tA + dist.inverseCumulativeProbability(power)) / tA;
        if (c.test().logRatio()) {
            // the interval is exp(mean +- tA se) - 1, so tA se = half the width of its log
            double halfLog = (Math.log1p(c.ciHigh()) - Math.log1p(c.ciLow())) / 2;
            return Math.expm1(k * halfLog);
        }
        // Fieller's interval is close to change +- tA se/baseline for these precisions: half its width
        return k * (c.ciHigh() - c.ciLow()) / 2;
    }

    public static Comparison compare(SideEstimate a, SideEstimate b, double alpha) {
        double vA = a.varianceOfMean();
        double vB = b.varianceOfMean();
        double v = vA + vB;
        double df = v * v / (vA * vA / a.df() + vB * vB / b.df());
        return compare(a.mean(), b.mean(), vA, vB, df, TestKind.WELCH, alpha, a, b);
    }

    private static Comparison compare(double mA, double mB, double vA, double vB, double df, TestKind kind,
                                      double alpha, SideEstimate a, SideEstimate b) {
        double change = mB / mA - 1;
        boolean insufficient = !(a.df() >= 1) || !(b.df() >= 1) || !Double.isFinite(vA) || !Double.isFinite(vB)
                || (vA == 0 && vB == 0) || !Double.isFinite(mA) || !Double.isFinite(mB) || mA == 0;
        if (insufficient) {
            return new Comparison(mA, mB, Double.isFinite(change) ? change : Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, kind, true, a, b);
        }
        double v = vA + vB;
        TDistribution dist = new TDistribution(null, df);
        double t = (mB - mA) / Math.sqrt(v);
        double pHigher = dist.cumulativeProbability(-t); // H1: candidate mean > baseline mean
        double pLower = dist.cumulativeProbability(t);   // H1: candidate mean < baseline mean
        // two-sided (1 - 2 alpha) interval = the two one-sided (1 - alpha) bounds
        double tCrit = dist.inverseCumulativeProbability(1 - alpha);
        double[] ratio = fieller(mA, mB, vA, vB, tCrit);
        return new Comparison(mA, mB, change, ratio[0] - 1, ratio[1] - 1, pHigher, pLower, df, kind, false, a, b);
    }

    /**
     * Fieller's interval for mB/mA with independent means: all r with (mB - r mA)^2 &le; t^2 (seB + r^2 seA),
     * where seA, seB are the squared standard errors. Returns {NaN, NaN} when the set is unbounded.
     */
    static double[] fieller(double mA, double mB, double seA, double seB, double t) {
        double t2 = t * t;
        double a = mA * mA - t2 * seA;
        if (a <= 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double b = -2 * mA * mB;
        double c = mB * mB - t2 * seB;
        double disc = b * b - 4 * a * c;
        if (disc < 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double sq = Math.sqrt(disc);
        double r1 = (-b - sq) / (2 * a);
        double r2 = (-b + sq) / (2 * a);
        return new double[]{Math.min(r1, r2), Math.max(r1, r2)};
    }

    /**
     * The verdict rule: regressed only when the change is in the worse direction by more than the threshold AND
     * the one-sided p<sub>worse</sub> &lt; alpha; improved symmetrically with p<sub>better</sub>. Direction comes from the metric, so a gain is never a regression.
     */
    public static Verdict verdict(Comparison c, boolean higherIsBetter, double thresholdPct, double alpha) {
        if (c.insufficient() || !Double.isFinite(c.p()) || !Double.isFinite(c.change())) {
            return Verdict.UNCHANGED;
        }
        double betterBy = (higherIsBetter ? c.change() : -c.change()) * 100;
        if (c.pWorse(higherIsBetter) < alpha && betterBy < -thresholdPct) {
            return Verdict.REGRESSED;
        }
        if (c.pBetter(higherIsBetter) < alpha && betterBy > thresholdPct) {
            return Verdict.IMPROVED;
        }
        return Verdict.UNCHANGED;
    }
}
