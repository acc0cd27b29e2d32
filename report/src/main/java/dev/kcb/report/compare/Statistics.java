package dev.kcb.report.compare;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The test and the interval.
 *
 * <p><b>Test: Welch's unequal-variance t-test</b> ({@link TTest#tTest(double[], double[])}, two-sided). Why Welch and
 * not Mann-Whitney U: with the per-fork means the suite produces (3 to 5 forks per side) Mann-Whitney cannot reach
 * small p-values at all (with 3 vs 3 its smallest two-sided p is 0.1, so it could never say "regressed" at
 * alpha = 0.01); means of many operations are close to normal, which is what the t-test needs; and baseline and
 * candidate may have different noise, which Welch allows and Student's t does not.
 *
 * <p><b>Interval: Fieller's interval for the ratio of means</b> candidate/baseline, minus 1, with the same
 * Welch-Satterthwaite degrees of freedom as the test. Unlike "CI of the difference divided by the baseline mean",
 * it accounts for the uncertainty of the baseline mean, and it is consistent with the test: the interval contains
 * 0 % exactly when p &ge; alpha. When the baseline mean itself is not distinguishable from zero the Fieller set is
 * unbounded and the bounds are reported as NaN ("unbounded").
 */
public final class Statistics {
    private Statistics() {
    }

    public static Comparison compare(Samples base, Samples cand, double alpha) {
        double mA = base.mean();
        double mB = cand.mean();
        double change = mB / mA - 1;
        double vA = base.variance();
        double vB = cand.variance();
        boolean insufficient = base.n() < 2 || cand.n() < 2 || !Double.isFinite(vA) || !Double.isFinite(vB)
                || (vA == 0 && vB == 0) || !Double.isFinite(mA) || !Double.isFinite(mB) || mA == 0;
        if (insufficient) {
            return new Comparison(mA, mB, Double.isFinite(change) ? change : Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, true);
        }
        double p = new TTest().tTest(base.values(), cand.values());
        double seA = vA / base.n();
        double seB = vB / cand.n();
        double df = (seA + seB) * (seA + seB) / (seA * seA / (base.n() - 1) + seB * seB / (cand.n() - 1));
        double t = new TDistribution(df).inverseCumulativeProbability(1 - alpha / 2);
        double[] ratio = fieller(mA, mB, seA, seB, t);
        return new Comparison(mA, mB, change, ratio[0] - 1, ratio[1] - 1, p, df, false);
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
