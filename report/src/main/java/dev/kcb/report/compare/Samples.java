package dev.kcb.report.compare;

import java.util.Arrays;

/**
 * The samples one side of a comparison contributes to the statistics.
 *
 * @param values      per-fork means (or per-fork percentiles) when the run had two or more forks; otherwise the
 *                    single fork's per-iteration values
 * @param forks       how many forks the values came from
 * @param perFork     true when {@code values} are one number per fork; false when they are iterations of one fork,
 *                    treated as independent although they are not (iterations within a fork are correlated)
 * @param fallback    the value to show when there are no samples (JMH's score or percentile); NaN when unknown
 * @param iterations  with two or more forks and per-iteration values available (throughput/average-time raw data):
 *                    {@code iterations[f]} are fork f's iteration values, whose means are {@code values}; empty when
 *                    not available (histogram metrics, one fork, no raw data). Used by {@link SideEstimate} to
 *                    decide whether iterations may be pooled.
 */
public record Samples(double[] values, int forks, boolean perFork, double fallback, double[][] iterations) {

    public Samples(double[] values, int forks, boolean perFork, double fallback) {
        this(values, forks, perFork, fallback, new double[0][]);
    }

    /** Two or more forks with their iteration values: values are the fork means. */
    public static Samples ofForks(double[][] iterations, double fallback) {
        double[] means = Arrays.stream(iterations).mapToDouble(f -> Arrays.stream(f).average().orElseThrow()).toArray();
        return new Samples(means, iterations.length, true, fallback, iterations);
    }

    public static Samples none(double fallback) {
        return new Samples(new double[0], 0, false, fallback);
    }

    public int n() {
        return values.length;
    }

    /** True when per-iteration values of two or more forks are available and every fork has the same count. */
    public boolean balancedIterations() {
        if (iterations.length < 2) {
            return false;
        }
        int i = iterations[0].length;
        return Arrays.stream(iterations).allMatch(f -> f.length == i);
    }

    /** The point estimate: the mean of the samples (the mean of fork means with several forks), else the fallback. */
    public double mean() {
        return values.length == 0 ? fallback : Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Sample variance (n-1); NaN with fewer than two samples. */
    public double variance() {
        return variance(values);
    }

    static double variance(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double m = Arrays.stream(values).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return ss / (values.length - 1);
    }

    public Samples scaled(double factor) {
        double[][] it = Arrays.stream(iterations)
                .map(f -> Arrays.stream(f).map(v -> v * factor).toArray()).toArray(double[][]::new);
        return new Samples(Arrays.stream(values).map(v -> v * factor).toArray(), forks, perFork, fallback * factor, it);
    }

    /** "3 forks", "5 iterations (1 fork)" or "no raw data". */
    public String describe() {
        if (values.length == 0) {
            return "no raw data";
        }
        return perFork ? values.length + " forks" : values.length + " iterations (1 fork)";
    }
}
