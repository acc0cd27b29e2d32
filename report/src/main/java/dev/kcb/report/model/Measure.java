package dev.kcb.report.model;

/**
 * A number the report shows for a result: a metric (primary or a secondary by name), optionally one of its
 * percentiles, converted into display units. Tables and charts read values only through measures, so a unit
 * conversion (bytes/s to MB/s, us/op to µs) lives in one place.
 *
 * @param name           what it is, e.g. "acked throughput"
 * @param unit           the display unit, e.g. "MB/s"
 * @param metric         secondary metric name, or null for the primary metric
 * @param percentile     a percentile in [0,100] of the metric's distribution, or null for the score
 * @param kind           how the raw value converts to the display unit
 * @param higherIsBetter for best/worst call-outs
 */
public record Measure(String name, String unit, String metric, Double percentile, Kind kind, boolean higherIsBetter) {

    public enum Kind {
        /** shown as JMH wrote it */
        AS_IS,
        /** bytes per second to MB/s (1 MB = 10^6 bytes) */
        BYTES_TO_MB,
        /** a time (metric unit "us/op", "ms", "ns"...) to microseconds */
        TIME_TO_MICROS
    }

    public static final String MB_NOTE = "1 MB = 10⁶ B";

    // producer, async send
    public static final Measure SENDS = new Measure("send rate", "sends/s", null, null, Kind.AS_IS, true);
    public static final Measure ACKED_MBPS = new Measure("acked throughput", "MB/s", "ackedBytes", null, Kind.BYTES_TO_MB, true);
    public static final Measure ACKED_RECORDS = new Measure("acked records", "records/s", "ackedRecords", null, Kind.AS_IS, true);
    public static final Measure SEND_ERRORS = new Measure("send errors", "errors/s", "sendErrors", null, Kind.AS_IS, false);
    /** How full the produce requests were (the producer's own metrics; ProduceRequestsProfiler in the benchmarks). */
    public static final Measure RECORDS_PER_REQUEST = new Measure("records per request", "records", "requests.recordsPerRequest",
            null, Kind.AS_IS, true);
    /**
     * Records per partition batch (ProduceRequestsProfiler: the producer's batch bytes over its batch-size-avg; a
     * request carries a batch per partition): beside records per request, what keys do to batching.
     */
    public static final Measure RECORDS_PER_BATCH = new Measure("records per batch", "records", "requests.recordsPerBatch",
            null, Kind.AS_IS, true);
    /** What the network and the broker carried: request bytes after compression, headers included (ProduceRequestsProfiler). */
    public static final Measure WIRE_MBPS = new Measure("wire throughput", "MB/s", "requests.wireBytes", null, Kind.BYTES_TO_MB, true);
    /** The producer's compression-rate-avg: compressed over uncompressed batch bytes, 1 without compression. Lower saves more. */
    public static final Measure COMPRESSION_RATE = new Measure("compression ratio", "compressed/uncompressed", "requests.compressionRate",
            null, Kind.AS_IS, false);
    // producer, sync send (SampleTime)
    public static final Measure SYNC_P50 = latency("p50", null, 50.0);
    public static final Measure SYNC_P90 = latency("p90", null, 90.0);
    public static final Measure SYNC_P99 = latency("p99", null, 99.0);
    public static final Measure SYNC_P999 = latency("p99.9", null, 99.9);
    // consumer
    public static final Measure POLLS = new Measure("poll rate", "polls/s", null, null, Kind.AS_IS, true);
    public static final Measure CONSUMED_MBPS = new Measure("throughput", "MB/s", "consumedBytes", null, Kind.BYTES_TO_MB, true);
    public static final Measure CONSUMED_RECORDS = new Measure("record rate", "records/s", "consumedRecords", null, Kind.AS_IS, true);
    // offset commits (consumer group modes) and transaction commits: one commit's latency, and commits/s
    public static final Measure COMMITS = new Measure("commit rate", "commits/s", "commits", null, Kind.AS_IS, true);
    public static final Measure COMMIT_P50 = latency("commit p50", "commit.p50", null);
    public static final Measure COMMIT_P99 = latency("commit p99", "commit.p99", null);
    public static final Measure COMMIT_P999 = latency("commit p99.9", "commit.p99.9", null);
    public static final Measure ABORTED = new Measure("aborted transactions", "aborts/s", "abortedTransactions", null, Kind.AS_IS, false);
    // end-to-end latency (secondary metrics already are percentiles, unit "us")
    public static final Measure E2E_P50 = latency("end-to-end p50", "e2e.p50", null);
    public static final Measure E2E_P90 = latency("end-to-end p90", "e2e.p90", null);
    public static final Measure E2E_P99 = latency("end-to-end p99", "e2e.p99", null);
    public static final Measure E2E_P999 = latency("end-to-end p99.9", "e2e.p99.9", null);
    public static final Measure E2E_P9999 = latency("end-to-end p99.99", "e2e.p99.99", null);
    public static final Measure E2E_MAX = latency("end-to-end max", "e2e.max", null);
    public static final Measure ACK_P50 = latency("ack p50", "ack.p50", null);
    public static final Measure ACK_P99 = latency("ack p99", "ack.p99", null);
    public static final Measure ACHIEVED_RATE = new Measure("achieved rate", "records/s", "achievedRate", null, Kind.AS_IS, true);
    public static final Measure TARGET_RATE = new Measure("target rate", "records/s", "targetRate", null, Kind.AS_IS, true);

    // cost per acknowledged (producer, end-to-end) or consumed (consumer) record: the benchmarks' CostProfiler
    public static final Measure CLIENT_CPU = new Measure("client CPU per record", "ns", "cost.clientCpuPerRecord", null, Kind.AS_IS, false);
    public static final Measure BROKER_CPU = new Measure("broker CPU per record", "ns", "cost.brokerCpuPerRecord", null, Kind.AS_IS, false);
    public static final Measure CLIENT_ALLOC = new Measure("client alloc per record", "B", "cost.clientAllocPerRecord", null, Kind.AS_IS, false);
    /** The host's CPU steal over the iterations (the benchmarks' StealProfiler): a condition of the run, not of the client. */
    public static final Measure HOST_STEAL = new Measure("host CPU steal", "%", "host.stealPercent", null, Kind.AS_IS, false);
    /** The three, in table order. */
    public static final java.util.List<Measure> COST = java.util.List.of(CLIENT_CPU, BROKER_CPU, CLIENT_ALLOC);

    private static Measure latency(String name, String metric, Double percentile) {
        return new Measure(name, "µs", metric, percentile, Kind.TIME_TO_MICROS, false);
    }

    /** A measure for a metric this report has no special knowledge of, shown in JMH's own unit. */
    public static Measure raw(String metric, String unit) {
        return new Measure(metric == null ? "score" : metric, unit, metric, null, Kind.AS_IS, Units.higherIsBetter(unit));
    }

    /**
     * A benchmark's primary score named by its JMH mode ("throughput", "average time", ...), in JMH's unit: for
     * benchmarks this report has no special knowledge of, drawn side by side.
     */
    public static Measure score(String mode, String unit) {
        String name = switch (mode) {
            case "thrpt" -> "throughput";
            case "avgt" -> "average time";
            case "sample" -> "sampled time";
            case "ss" -> "single-shot time";
            default -> "score";
        };
        return new Measure(name, unit, null, null, Kind.AS_IS, Units.higherIsBetter(unit));
    }

    /** "acked throughput (MB/s, 1 MB = 10^6 B)" */
    public String title() {
        return name + " (" + unitNote() + ")";
    }

    /** "MB/s, 1 MB = 10^6 B" for byte rates, else the unit. */
    public String unitNote() {
        return kind == Kind.BYTES_TO_MB ? unit + ", " + MB_NOTE : unit;
    }

    /** The metric this reads, or null when the result does not have it. */
    public Metric source(BenchmarkResult r) {
        return metric == null ? r.primary() : r.secondary(metric);
    }

    public boolean presentIn(BenchmarkResult r) {
        Metric m = source(r);
        return m != null && (percentile == null || m.percentiles().containsKey(percentile));
    }

    /** The value in display units; NaN when absent or when JMH wrote NaN. */
    public double value(BenchmarkResult r) {
        Metric m = source(r);
        if (m == null) {
            return Double.NaN;
        }
        double raw = percentile == null ? m.score() : m.percentiles().getOrDefault(percentile, Double.NaN);
        return convert(raw, m.unit());
    }

    /** Half-width of the report's 95% interval ({@link Metric#halfWidth()}) in display units; NaN for percentiles or when unknown. */
    public double error(BenchmarkResult r) {
        Metric m = source(r);
        if (m == null || percentile != null) {
            return Double.NaN;
        }
        return convert(m.halfWidth(), m.unit());
    }

    private double convert(double v, String metricUnit) {
        return switch (kind) {
            case AS_IS -> v;
            case BYTES_TO_MB -> v / 1e6;
            case TIME_TO_MICROS -> {
                String time = metricUnit == null ? "us" : metricUnit.split("/")[0];
                double s = Units.secondsPer(time);
                yield Double.isNaN(s) ? v : v * s / 1e-6;
            }
        };
    }
}
