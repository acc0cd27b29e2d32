package dev.kcb.report.model;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.util.List;
import java.util.Map;

/**
 * One JMH metric (primary or secondary) as JMH wrote it.
 *
 * @param score      JMH's score; {@code NaN} when JMH wrote "NaN"
 * @param scoreError half-width of JMH's 99.9% confidence interval; {@code NaN} when unknown (single iteration)
 * @param unit       e.g. "ops/s", "us/op", "ops/s" for aux counters
 * @param percentiles JMH's scorePercentiles, keyed by percentile in [0,100] ("50.0"); empty when absent
 * @param rawData    per fork, per measurement iteration; empty when absent
 * @param rawHistogram SampleTime only: per fork, per iteration, (value, count) pairs; empty when absent
 */
public record Metric(double score, double scoreError, String unit, Map<Double, Double> percentiles,
                     List<List<Double>> rawData, List<List<List<double[]>>> rawHistogram) {

    /** Whether higher is better for this metric's unit: rates ("ops/s", "MB/s", "records/s") yes, times ("us/op", "ms") no. */
    public boolean higherIsBetter() {
        return Units.higherIsBetter(unit);
    }

    /** The level of {@link #halfWidth()}: the report's intervals are 95%, named on every chart and table. */
    public static final double LEVEL = 0.95;

    /**
     * Half-width of the 95% confidence interval of the mean, computed from {@code rawData}: from the per-fork means
     * (t with forks-1 df) when there are two or more forks, because iterations of one JVM are not independent and
     * forks differ; from the iterations (t with iterations-1 df) when there is one fork, which cannot show the fork
     * effect. NaN with one value in all, or without raw data. JMH's own scoreError (99.9%, over all iterations as if
     * independent) stays in jmh.json as JMH wrote it.
     */
    public double halfWidth() {
        double[] values = rawData.size() >= 2
                ? rawData.stream().filter(f -> !f.isEmpty()).mapToDouble(f -> f.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toArray()
                : rawData.isEmpty() ? new double[0] : rawData.get(0).stream().mapToDouble(Double::doubleValue).toArray();
        if (values.length < 2) {
            return Double.NaN;
        }
        SummaryStatistics s = new SummaryStatistics();
        java.util.Arrays.stream(values).forEach(s::addValue);
        return halfWidth(s, 1 - LEVEL);
    }

    /**
     * Student-t half-width of the two-sided (1 - {@code alpha}) interval of the mean of {@code s}'s values (n-1 df);
     * NaN with fewer than two values. JMH's own error is this at alpha 0.001 over all iterations.
     */
    public static double halfWidth(SummaryStatistics s, double alpha) {
        return s.getN() > 1
                ? new TDistribution(s.getN() - 1).inverseCumulativeProbability(1 - alpha / 2) * s.getStandardDeviation() / Math.sqrt(s.getN())
                : Double.NaN;
    }

    /** The score's confidence interval is known (JMH writes NaN for one iteration). */
    public boolean hasError() {
        return Double.isFinite(scoreError);
    }
}
