package dev.kcb.report.compare;

import org.apache.commons.math3.distribution.FDistribution;

import java.util.Arrays;
import java.util.Locale;

/**
 * One side's mean, the estimated variance of that mean, its degrees of freedom, and how they were obtained
 * (see {@link Statistics} for the procedure).
 *
 * @param mean           the point estimate (mean of fork means; with balanced forks also the mean of all iterations)
 * @param varianceOfMean estimated variance of {@code mean} (the squared standard error)
 * @param df             degrees of freedom of {@code varianceOfMean}
 * @param method         which samples were used
 * @param forkEffectP    p-value of the preliminary F-test for a fork effect that decided this side (in a comparison the
 *                       joint test over both sides, so both sides show the same value); NaN when not done
 */
public record SideEstimate(double mean, double varianceOfMean, double df, Method method, double forkEffectP) {

    public enum Method {
        /** No significant fork effect: all F*I iterations as one sample, df = F*I - 1. */
        POOLED_ITERATIONS("pooled iterations", "P"),
        /** Per-fork means (or per-fork percentiles), df = F - 1. */
        FORK_MEANS("per-fork means", "F"),
        /** One fork: its iterations treated as independent, df = I - 1. */
        ONE_FORK_ITERATIONS("iterations of one fork as independent", "1"),
        /** No samples. */
        NONE("no raw data", "-");

        private final String label;
        private final String marker;

        Method(String label, String marker) {
            this.label = label;
            this.marker = marker;
        }

        public String label() {
            return label;
        }

        /** One-character marker for tables. */
        public String marker() {
            return marker;
        }

        public String id() {
            return switch (this) {
                case POOLED_ITERATIONS -> "pooledIterations";
                case FORK_MEANS -> "forkMeans";
                case ONE_FORK_ITERATIONS -> "iterations";
                case NONE -> "none";
            };
        }
    }

    /** One side's one-way ANOVA sums of squares: between forks (dfB = F-1) and within forks (dfW = F(I-1)). */
    record Anova(double grand, double ssb, double ssw, int forks, int its) {
        int dfB() {
            return forks - 1;
        }

        int dfW() {
            return forks * (its - 1);
        }

        /** Null when the side has no balanced per-iteration values from 2+ forks with 2+ iterations each. */
        static Anova of(Samples s) {
            if (s.n() == 0 || !s.perFork() || !s.balancedIterations() || s.iterations()[0].length < 2) {
                return null;
            }
            double[][] y = s.iterations();
            int its = y[0].length;
            double grand = Arrays.stream(y).flatMapToDouble(Arrays::stream).average().orElseThrow();
            double ssb = 0;
            double ssw = 0;
            for (double[] fork : y) {
                double fm = Arrays.stream(fork).average().orElseThrow();
                ssb += its * (fm - grand) * (fm - grand);
                for (double v : fork) {
                    ssw += (v - fm) * (v - fm);
                }
            }
            return new Anova(grand, ssb, ssw, y.length, its);
        }
    }

    /**
     * The preliminary test of the fork effect on the sides given (both sides of a comparison, or one): F =
     * [sum SSB / sum dfB] / [sum SSW / sum dfW] against F(sum dfB, sum dfW). Returns {F, p, df1, df2}.
     */
    static double[] forkEffectTest(Anova... sides) {
        double ssb = 0;
        double ssw = 0;
        int df1 = 0;
        int df2 = 0;
        for (Anova a : sides) {
            ssb += a.ssb();
            ssw += a.ssw();
            df1 += a.dfB();
            df2 += a.dfW();
        }
        return forkEffectTest(ssb, ssw, df1, df2);
    }

    /** The F-test of between-fork sums of squares {@code ssb} ({@code df1}) against within-fork {@code ssw} ({@code df2}): {F, p, df1, df2}. */
    static double[] forkEffectTest(double ssb, double ssw, int df1, int df2) {
        double msb = ssb / df1;
        double msw = ssw / df2;
        double f;
        double p;
        if (msw > 0) {
            f = msb / msw;
            p = 1 - new FDistribution(null, df1, df2).cumulativeProbability(f);
        } else {
            // no within-fork noise: any fork difference is a fork effect; none at all is untestable
            f = msb > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
            p = msb > 0 ? 0 : Double.NaN;
        }
        return new double[]{f, p, df1, df2};
    }

    /** One side on its own: the preliminary test on this side's ANOVA alone (see {@link Statistics} for the joint test). */
    public static SideEstimate of(Samples s) {
        return of(s, PoolingRule.DEFAULT);
    }

    public static SideEstimate of(Samples s, PoolingRule rule) {
        Anova a = Anova.of(s);
        if (a == null) {
            return fixed(s);
        }
        double[] test = forkEffectTest(a);
        return of(s, a, rule.pool(test), test[1]);
    }

    /** A side without a preliminary test: no data, one fork, or per-fork values only. */
    static SideEstimate fixed(Samples s) {
        int n = s.n();
        double mean = s.mean();
        if (n == 0) {
            return new SideEstimate(mean, Double.NaN, Double.NaN, Method.NONE, Double.NaN);
        }
        if (!s.perFork()) {
            return new SideEstimate(mean, s.variance() / n, n - 1, Method.ONE_FORK_ITERATIONS, Double.NaN);
        }
        return new SideEstimate(mean, s.variance() / n, n - 1, Method.FORK_MEANS, Double.NaN);
    }

    /** A side with its ANOVA, after the preliminary test decided whether to pool (p is that test's p-value). */
    static SideEstimate of(Samples s, Anova a, boolean pool, double p) {
        int forks = a.forks();
        int its = a.its();
        if (!pool) {
            // per-fork means; MSB/(F*I) is the same number as var(fork means)/F
            return new SideEstimate(s.mean(), a.ssb() / a.dfB() / (forks * its), a.dfB(), Method.FORK_MEANS, p);
        }
        double sAll = (a.ssb() + a.ssw()) / (forks * its - 1);
        return new SideEstimate(a.grand(), sAll / (forks * its), forks * its - 1, Method.POOLED_ITERATIONS, p);
    }

    /** "pooled iterations (fork effect p=0.61)", "per-fork means (fork effect p=0.03)", "per-fork means". */
    public String describe() {
        if (!Double.isFinite(forkEffectP)) {
            return method.label();
        }
        String p = forkEffectP < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.2f", forkEffectP);
        if (p.equals("0.00")) {
            p = String.format(Locale.ROOT, "%.3f", forkEffectP);
        }
        return method.label() + " (fork effect p=" + p + ")";
    }
}
