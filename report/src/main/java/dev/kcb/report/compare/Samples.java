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
 */
public record Samples(double[] values, int forks, boolean perFork, double fallback) {

    public static Samples none(double fallback) {
        return new Samples(new double[0], 0, false, fallback);
    }

    public int n() {
        return values.length;
    }

    /** The point estimate: the mean of the samples (the mean of fork means with several forks), else the fallback. */
    public double mean() {
        return values.length == 0 ? fallback : Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Sample variance (n-1); NaN with fewer than two samples. */
    public double variance() {
        if (values.length < 2) {
            return Double.NaN;
        }
        double m = mean();
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return ss / (values.length - 1);
    }

    public Samples scaled(double factor) {
        return new Samples(Arrays.stream(values).map(v -> v * factor).toArray(), forks, perFork, fallback * factor);
    }

    /** "3 forks", "5 iterations (1 fork)" or "no raw data". */
    public String describe() {
        if (values.length == 0) {
            return "no raw data";
        }
        return perFork ? values.length + " forks" : values.length + " iterations (1 fork)";
    }
}
