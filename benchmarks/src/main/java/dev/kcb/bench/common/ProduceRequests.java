package dev.kcb.bench.common;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.Map;

/**
 * How full a producer's requests were over a window: the deltas of its own cumulative metrics
 * ({@code producer-metrics}: {@code record-send-total}, {@code request-total}, {@code outgoing-byte-total},
 * {@code compression-rate-avg}) between
 * {@link #start} and {@link #end}. This is what {@code linger.ms} and {@code batch.size} buy or fail to buy: with
 * linger 0 at a low rate a request carries a record or two; at saturation batches fill before any linger expires.
 *
 * <p>Records per partition batch: the producer counts records ({@code record-send-total}) and the bytes of its batches
 * ({@code producer-topic-metrics} {@code byte-total}, each batch's size summed per topic), but has no counter of batches
 * (Kafka 3.9 to 4.4: the batch sensor holds only {@code batch-size-avg} and {@code batch-size-max}). So the window's
 * batches are derived: its batch bytes over {@code batch-size-avg}, the mean size of the same batches over the metric's
 * own sample window ({@code metrics.sample.window.ms} x {@code metrics.num.samples}, 30 s x 2 by default), which takes in
 * up to a minute of the same trial before the window: exact when batch sizes hold steady, and lagging when they change.
 *
 * <p>{@code request-total} counts every request the producer's network client sent, so the rare Metadata,
 * ApiVersions and InitProducerId requests are in it too; over an iteration of produce traffic they are a handful
 * against thousands.
 */
public final class ProduceRequests {
    static final String GROUP = "producer-metrics";
    /**
     * The metrics of {@link #GROUP} read by name. A client version that renames or drops one would fail every producer
     * benchmark's first iteration; ClientInfo checks each version of a matrix for them before anything starts.
     */
    public static final java.util.List<String> METRICS = java.util.List.of("record-send-total", "request-total", "outgoing-byte-total",
            "compression-rate-avg", "batch-size-avg");
    /**
     * The per-topic group whose {@code byte-total} sums the batches' sizes. Its metrics appear with a topic's first batch,
     * so they are read wherever they are at the time (none yet: nothing sent), not checked up front.
     */
    static final String TOPIC_GROUP = "producer-topic-metrics";
    static final String TOPIC_BATCH_BYTES = "byte-total";

    /**
     * One window's deltas: records sent (in requests, not only enqueued), requests, request bytes on the wire,
     * nanoseconds; and the producer's own {@code compression-rate-avg} at its end (compressed over uncompressed batch
     * size, averaged over the metric's own sample window, 2 x 30 s by default; 1 without compression); and the partition
     * batches, derived (see the class comment; NaN when no batch was sent or the producer has no batch-size-avg yet).
     */
    public record Window(double records, double requests, double bytes, long nanos, double compressionRate, double batches) {
        /** Request bytes on the wire per record: the value, key, record and batch headers after compression, and the request's share. */
        public double wireBytesPerRecord() {
            return records > 0 ? bytes / records : Double.NaN;
        }

        public double recordsPerRequest() {
            return requests > 0 ? records / requests : Double.NaN;
        }

        public double recordsPerBatch() {
            return batches > 0 ? records / batches : Double.NaN;
        }

        public double bytesPerRequest() {
            return requests > 0 ? bytes / requests : Double.NaN;
        }

        public double requestsPerSecond() {
            return nanos > 0 ? requests * 1e9 / nanos : Double.NaN;
        }
    }

    private final Metric records;
    private final Metric requests;
    private final Metric bytes;
    private final Metric compression;
    private final Metric batchSize;
    private final Map<MetricName, ? extends Metric> metrics;
    private final double batchBytes0;
    private final double records0;
    private final double requests0;
    private final double bytes0;
    private final long start;

    private ProduceRequests(Map<MetricName, ? extends Metric> metrics) {
        records = find(metrics, METRICS.get(0));
        requests = find(metrics, METRICS.get(1));
        bytes = find(metrics, METRICS.get(2));
        compression = find(metrics, METRICS.get(3));
        batchSize = find(metrics, METRICS.get(4));
        this.metrics = metrics;
        batchBytes0 = batchBytes(metrics);
        records0 = value(records);
        requests0 = value(requests);
        bytes0 = value(bytes);
        start = System.nanoTime();
    }

    /** Starts a window on {@code producer}'s counters. */
    public static ProduceRequests start(Producer<?, ?> producer) {
        return new ProduceRequests(producer.metrics());
    }

    /** The deltas since {@link #start}. */
    public Window end() {
        long nanos = System.nanoTime() - start;
        double meanBatch = value(batchSize);
        double batches = meanBatch > 0 && Double.isFinite(meanBatch) ? (batchBytes(metrics) - batchBytes0) / meanBatch : Double.NaN;
        return new Window(value(records) - records0, value(requests) - requests0, value(bytes) - bytes0, nanos, value(compression), batches);
    }

    /**
     * The bytes of every batch the producer has sent, all topics: {@code byte-total} of {@link #TOPIC_GROUP}. The producer's
     * metrics map is live (a topic's metrics join it when its first batch is sent), so a topic new since {@link #start}
     * counts from zero.
     */
    static double batchBytes(Map<MetricName, ? extends Metric> metrics) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (e.getKey().group().equals(TOPIC_GROUP) && e.getKey().name().equals(TOPIC_BATCH_BYTES)) {
                sum += value(e.getValue());
            }
        }
        return sum;
    }

    /** The {@link #METRICS} a producer does not have, as {@code group:name}; empty when it has them all. */
    public static java.util.List<String> missing(Map<MetricName, ? extends Metric> metrics) {
        return METRICS.stream().filter(name -> metrics.keySet().stream()
                .noneMatch(k -> k.name().equals(name) && k.group().equals(GROUP))).map(name -> GROUP + ":" + name).toList();
    }

    static Metric find(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals(GROUP))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("producer metric " + GROUP + ":" + name + " not found"));
    }

    private static double value(Metric m) {
        Object v = m.metricValue();
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
