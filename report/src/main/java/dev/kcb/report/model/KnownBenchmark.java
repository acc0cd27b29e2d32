package dev.kcb.report.model;

import java.util.List;

/**
 * The suite's benchmarks the report knows how to present: what to put in a config table beside the score, and
 * which measure ranks configs for the best/worst call-out. Anything else is shown generically.
 */
public enum KnownBenchmark {
    PRODUCER_ASYNC("ProducerSendBenchmark.sendAsync", "Producer: async send",
            withCost(Measure.ACKED_MBPS, Measure.ACKED_RECORDS, Measure.SEND_ERRORS, Measure.RECORDS_PER_REQUEST,
                    Measure.RECORDS_PER_BATCH, Measure.WIRE_MBPS, Measure.COMPRESSION_RATE), Measure.ACKED_MBPS),
    PRODUCER_SYNC("ProducerSendBenchmark.sendSync", "Producer: sync send latency",
            withCost(Measure.SYNC_P50, Measure.SYNC_P90, Measure.SYNC_P99, Measure.SYNC_P999), Measure.SYNC_P99),
    CONSUMER_POLL("ConsumerPollBenchmark.poll", "Consumer: poll",
            withCost(Measure.CONSUMED_MBPS, Measure.CONSUMED_RECORDS, Measure.COMMITS, Measure.COMMIT_P50, Measure.COMMIT_P99),
            Measure.CONSUMED_MBPS),
    TRANSACTIONAL("TransactionalProducerBenchmark.", "Producer: transactions",
            withCost(Measure.ACKED_MBPS, Measure.ACKED_RECORDS, Measure.COMMITS, Measure.COMMIT_P50, Measure.COMMIT_P99, Measure.COMMIT_P999,
                    Measure.ABORTED, Measure.SEND_ERRORS, Measure.RECORDS_PER_REQUEST, Measure.RECORDS_PER_BATCH), Measure.ACKED_MBPS),
    END_TO_END("EndToEndLatencyBenchmark.", "End-to-end latency",
            withCost(Measure.E2E_P50, Measure.E2E_P99, Measure.E2E_P999, Measure.E2E_MAX, Measure.ACK_P50, Measure.ACK_P99, Measure.ACHIEVED_RATE,
                    Measure.RECORDS_PER_REQUEST, Measure.RECORDS_PER_BATCH),
            Measure.E2E_P99);

    /** The headline measures, then the cost per record beside them, then the host's steal while they were measured. */
    private static List<Measure> withCost(Measure... headline) {
        List<Measure> out = new java.util.ArrayList<>(List.of(headline));
        out.addAll(Measure.COST);
        out.add(Measure.HOST_STEAL);
        return List.copyOf(out);
    }

    private final String shortName;
    private final String title;
    private final List<Measure> headline;
    private final Measure rankBy;

    KnownBenchmark(String shortName, String title, List<Measure> headline, Measure rankBy) {
        this.shortName = shortName;
        this.title = title;
        this.headline = headline;
        this.rankBy = rankBy;
    }

    /** Which known benchmark a result is; null when unknown. A short name ending in "." matches every method of that class. */
    public static KnownBenchmark of(BenchmarkResult r) {
        for (KnownBenchmark k : values()) {
            if (k.shortName.endsWith(".") ? r.shortName().startsWith(k.shortName) : r.shortName().equals(k.shortName)) {
                return k;
            }
        }
        return null;
    }

    public String title() {
        return title;
    }

    /** Secondary numbers for the config table; only those present in the data are shown. */
    public List<Measure> headline() {
        return headline;
    }

    /** Ranks configs for the best/worst call-out. */
    public Measure rankBy() {
        return rankBy;
    }
}
