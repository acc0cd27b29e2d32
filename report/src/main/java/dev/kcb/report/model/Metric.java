package dev.kcb.report.model;

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

    /** The score's confidence interval is known (JMH writes NaN for one iteration). */
    public boolean hasError() {
        return Double.isFinite(scoreError);
    }
}
