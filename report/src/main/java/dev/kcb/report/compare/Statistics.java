package dev.kcb.report.compare;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The test and the interval.
 *
 * <p><b>Model.</b> Each side is a balanced one-way random-effects layout, y<sub>fi</sub> = &mu; + a<sub>f</sub> +
 * e<sub>fi</sub> with F forks &times; I iterations: a<sub>f</sub> is the fork effect (JIT decisions, heap layout,
 * broker state that last for a whole JVM), e<sub>fi</sub> the iteration noise. Per side we compute MSB (between
 * forks, F-1 df) and MSW (within forks, F(I-1) df).
 *
 * <p><b>Variance of each side's mean: the "sometimes-pool" rule</b> (Paull 1950; Bancroft 1964), in
 * {@link SideEstimate}. A preliminary F-test of the fork effect, MSB/MSW against F(F-1, F(I-1)), at the liberal
 * level {@link SideEstimate#POOLING_LEVEL} = 0.25 (liberal so that a real fork effect is rarely pooled away):
 * <ul>
 *   <li>not significant: fork-to-fork variation is indistinguishable from iteration noise, so all iterations are
 *       used: Var(mean) = s&sup2;<sub>all</sub>/(F&middot;I) with F&middot;I-1 df ("pooled iterations");</li>
 *   <li>significant: per-fork means, Var(mean) = MSB/(F&middot;I) = s&sup2;<sub>fork means</sub>/F with F-1 df
 *       ("per-fork means"), which is correct whatever the fork effect.</li>
 * </ul>
 * With 3 forks the per-fork route has only 2 df per side, which is what makes it weak (a 10% change at 5% iteration
 * CV is found only about half the time at alpha 0.01); pooling buys F&middot;I-1 = 14 df when the data allow it.
 * The price of any preliminary test is that the final test is no longer exactly at level alpha: when a small real
 * fork effect is pooled, Var(mean) is somewhat underestimated. On the synthetic A/A data in the tests the raw
 * p &lt; alpha rate stays near alpha and the "regressed" rate (which also needs the change to exceed the threshold)
 * well below it; with a large fork effect the F-test almost always rejects and pooling switches off. The worst case
 * is in between: with 3 forks, a fork SD of 3% and 5% iteration CV the F-test often misses the fork effect, and the
 * raw p &lt; alpha rate is about 1.7% at alpha 0.01 (the "regressed" rate about 0.7%), in an off-line simulation.
 * Power with 3 forks &times; 5 iterations, 1% fork SD, 5% CV: a 10% slowdown is "regressed" about 69% of the time
 * at alpha 0.01 (per-fork means alone: about 50%), because a side is pooled only about two times in three.
 *
 * <p>Not pooled, ever: one fork (its iterations are used as if independent, and the output says so, because the
 * fork effect cannot be estimated); SampleTime histogram metrics (mean, p50, p99 from per-fork merged histograms:
 * a fork's percentile is not a mean of iteration percentiles and iterations hold different numbers of samples, so
 * they stay one value per fork); forks with unequal iteration counts; one iteration per fork.
 *
 * <p><b>Test: Welch's unequal-variance t</b>, t = (m<sub>B</sub> - m<sub>A</sub>) / sqrt(V<sub>A</sub> +
 * V<sub>B</sub>) with the Welch-Satterthwaite df computed from each side's variance and df above; two-sided. Why
 * Welch and not Mann-Whitney U: with per-fork means (3 to 5 per side) Mann-Whitney cannot reach small p-values at
 * all (with 3 vs 3 its smallest two-sided p is 0.1); means of many operations are close to normal; and baseline and
 * candidate may have different noise, which Welch allows and Student's t does not.
 *
 * <p><b>Interval: Fieller's interval for the ratio of means</b> candidate/baseline, minus 1, with the same variances
 * and df as the test. Unlike "CI of the difference divided by the baseline mean", it accounts for the uncertainty of
 * the baseline mean, and it is consistent with the test: the interval excludes 0 % exactly when p &lt; alpha. When
 * the baseline mean itself is not distinguishable from zero the Fieller set is unbounded and the bounds are reported
 * as NaN ("unbounded").
 */
public final class Statistics {
    private Statistics() {
    }

    public static Comparison compare(Samples base, Samples cand, double alpha) {
        return compare(SideEstimate.of(base), SideEstimate.of(cand), alpha);
    }

    public static Comparison compare(SideEstimate a, SideEstimate b, double alpha) {
        double mA = a.mean();
        double mB = b.mean();
        double change = mB / mA - 1;
        double vA = a.varianceOfMean();
        double vB = b.varianceOfMean();
        boolean insufficient = !(a.df() >= 1) || !(b.df() >= 1) || !Double.isFinite(vA) || !Double.isFinite(vB)
                || (vA == 0 && vB == 0) || !Double.isFinite(mA) || !Double.isFinite(mB) || mA == 0;
        if (insufficient) {
            return new Comparison(mA, mB, Double.isFinite(change) ? change : Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, true, a, b);
        }
        double v = vA + vB;
        double df = v * v / (vA * vA / a.df() + vB * vB / b.df());
        TDistribution dist = new TDistribution(null, df);
        double t = Math.abs(mB - mA) / Math.sqrt(v);
        double p = Math.min(1, 2 * dist.cumulativeProbability(-t));
        double tCrit = dist.inverseCumulativeProbability(1 - alpha / 2);
        double[] ratio = fieller(mA, mB, vA, vB, tCrit);
        return new Comparison(mA, mB, change, ratio[0] - 1, ratio[1] - 1, p, df, false, a, b);
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
     * p &lt; alpha; improved symmetrically. Direction comes from the metric, so a gain is never a regression.
     */
    public static Verdict verdict(Comparison c, boolean higherIsBetter, double thresholdPct, double alpha) {
        if (c.insufficient() || !Double.isFinite(c.p()) || !Double.isFinite(c.change())) {
            return Verdict.UNCHANGED;
        }
        double betterBy = (higherIsBetter ? c.change() : -c.change()) * 100;
        if (c.p() < alpha && betterBy < -thresholdPct) {
            return Verdict.REGRESSED;
        }
        if (c.p() < alpha && betterBy > thresholdPct) {
            return Verdict.IMPROVED;
        }
        return Verdict.UNCHANGED;
    }
}
