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
 * @param forkEffectP    p-value of the preliminary F-test for a fork effect (MSB/MSW); NaN when not done
 */
public record SideEstimate(double mean, double varianceOfMean, double df, Method method, double forkEffectP) {

    /** The preliminary ("sometimes-pool") level of the fork-effect F-test: liberal, as Bancroft (1964) advises. */
    public static final double POOLING_LEVEL = 0.25;

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

    public static SideEstimate of(Samples s) {
        return of(s, POOLING_LEVEL);
    }

    public static SideEstimate of(Samples s, double poolingLevel) {
        int n = s.n();
        double mean = s.mean();
        if (n == 0) {
            return new SideEstimate(mean, Double.NaN, Double.NaN, Method.NONE, Double.NaN);
        }
        if (!s.perFork()) {
            return new SideEstimate(mean, s.variance() / n, n - 1, Method.ONE_FORK_ITERATIONS, Double.NaN);
        }
        SideEstimate forkMeans = new SideEstimate(mean, s.variance() / n, n - 1, Method.FORK_MEANS, Double.NaN);
        if (!s.balancedIterations() || s.iterations()[0].length < 2) {
            return forkMeans; // no per-iteration values (histograms), unbalanced forks, or one iteration per fork
        }
        double[][] y = s.iterations();
        int forks = y.length;
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
        int dfB = forks - 1;
        int dfW = forks * (its - 1);
        double msb = ssb / dfB;
        double msw = ssw / dfW;
        double p;
        if (msw > 0) {
            p = 1 - new FDistribution(null, dfB, dfW).cumulativeProbability(msb / msw);
        } else {
            p = msb > 0 ? 0 : Double.NaN; // no within-fork noise: any fork difference is a fork effect
        }
        if (!(p >= poolingLevel)) {
            // significant (or untestable): per-fork means; MSB/(F*I) is the same number as var(fork means)/F
            return new SideEstimate(mean, msb / (forks * its), dfB, Method.FORK_MEANS, p);
        }
        double sAll = (ssb + ssw) / (forks * its - 1);
        return new SideEstimate(grand, sAll / (forks * its), forks * its - 1, Method.POOLED_ITERATIONS, p);
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
