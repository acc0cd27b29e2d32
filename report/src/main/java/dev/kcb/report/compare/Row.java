package dev.kcb.report.compare;

/**
 * One line of the comparison: one metric of one entry.
 *
 * @param key         BenchmarkResult.key(): benchmark, mode and params
 * @param benchmark   short name, e.g. "ProducerSendBenchmark.sendAsync"
 * @param mode        JMH mode
 * @param params      "acks=1, lingerMs=5" or ""
 * @param metric      metric id ("score", "p99", "ackedBytes", "e2e.p99")
 * @param label       display label ("score", "acked MB/s")
 * @param unit        unit of baseline/candidate values
 * @param baseline    null when the metric is new; the statistics otherwise
 * @param stats       null for missing/new
 * @param detectable  the smallest change this comparison could have detected (80% power, see
 *                    {@link Statistics#minimumDetectable}), a fraction; NaN without an interval
 * @param group       the verdict table it belongs to: speed, or cost per record
 */
public record Row(String key, String benchmark, String mode, String params, String metric, String label, String unit,
                  boolean higherIsBetter, Samples baselineSamples, Samples candidateSamples, Comparison stats,
                  Verdict verdict, double detectable, MetricGroup group) {

    public boolean insufficient() {
        return stats != null && stats.insufficient();
    }

    /** True when a side had one fork, so its iterations were used as if independent. */
    public boolean iterationsAsIndependent() {
        return (baselineSamples != null && !baselineSamples.perFork() && baselineSamples.n() > 0)
                || (candidateSamples != null && !candidateSamples.perFork() && candidateSamples.n() > 0);
    }

    public String verdictLabel() {
        return verdict == Verdict.UNCHANGED && insufficient() ? "unchanged (insufficient data)" : verdict.label();
    }

    public double baselineValue() {
        return stats != null ? stats.baseline() : baselineSamples != null ? baselineSamples.mean() : Double.NaN;
    }

    public double candidateValue() {
        return stats != null ? stats.candidate() : candidateSamples != null ? candidateSamples.mean() : Double.NaN;
    }
}
