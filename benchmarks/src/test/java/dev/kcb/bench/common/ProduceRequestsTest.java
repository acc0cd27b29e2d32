package dev.kcb.bench.common;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.ScalarResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The produce-request window reads the client's own metrics, and the profiler sums producers, not threads. */
class ProduceRequestsTest {
    @Test
    void theClientUnderTestStillHasTheMetricsItReads() {
        // the three cumulative counters and compression-rate-avg: a client upgrade that renames one must fail here, not report NaN; the constructor contacts no broker
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            ProduceRequests.Window w = ProduceRequests.start(producer).end();
            assertThat(w.records()).isZero();
            assertThat(w.nanos()).isPositive();
            assertThat(w.recordsPerRequest()).isNaN();
            assertThat(w.wireBytesPerRecord()).isNaN();
            assertThat(w.recordsPerBatch()).as("no batch sent, no batch-size-avg").isNaN();
            producer.close(Duration.ZERO);
        }
    }

    private static Map<String, Double> scores(List<ScalarResult> results) {
        return results.stream().collect(Collectors.toMap(ScalarResult::getLabel, ScalarResult::getScore));
    }

    @Test
    void twoProducersAreSummedAndRatesAdded() {
        var a = new ProduceRequests.Window(1000, 10, 120_000, 1_000_000_000L, 0.5, 40);
        var b = new ProduceRequests.Window(3000, 10, 360_000, 2_000_000_000L, 0.9, 10);
        Map<String, Double> s = scores(ProduceRequestsProfiler.results(List.of(a, b)));
        assertThat(s.get("requests.recordsPerRequest")).isCloseTo(200.0, within(1e-9));
        assertThat(s.get("requests.bytesPerRequest")).isCloseTo(24_000.0, within(1e-9));
        // records over batches, producers summed: 4000 records in 50 batches (a's 4 batches per request, b's 1)
        assertThat(s.get("requests.recordsPerBatch")).isCloseTo(80.0, within(1e-9));
        assertThat(s.get("requests.rate")).isCloseTo(10.0 + 5.0, within(1e-9));
        assertThat(s.get("requests.wireBytesPerRecord")).isCloseTo(120.0, within(1e-9));
        // wire bytes per second, producers added: 120,000 B in 1 s and 360,000 B in 2 s
        assertThat(s.get("requests.wireBytes")).isCloseTo(120_000.0 + 180_000.0, within(1e-6));
        // each producer's compression rate weighted by its records
        assertThat(s.get("requests.compressionRate")).isCloseTo((0.5 * 1000 + 0.9 * 3000) / 4000, within(1e-9));
    }

    @Test
    void aProducerSharedByThreadsCountsOnce() {
        Object shared = new Object();
        ProduceRequestsProfiler p = new ProduceRequestsProfiler();
        p.beforeIteration(null, null);
        ProduceRequestsProfiler.publish(shared, new ProduceRequests.Window(500, 5, 60_000, 1_000_000_000L, 1.0, 5));
        ProduceRequestsProfiler.publish(shared, new ProduceRequests.Window(510, 5, 61_000, 1_000_000_000L, 1.0, 5));
        Map<String, Double> s = scores(List.copyOf(p.afterIteration(null, null, null)).stream()
                .map(ScalarResult.class::cast).toList());
        assertThat(s.get("requests.recordsPerRequest")).isCloseTo(102.0, within(1e-9));
        assertThat(s.get("requests.rate")).isCloseTo(5.0, within(1e-9));
        assertThat(p.afterIteration(null, null, null)).as("cleared after reporting").isEmpty();
    }

    @Test
    void noRequestsGiveNoMetricRatherThanNaN() {
        assertThat(ProduceRequestsProfiler.results(List.of(new ProduceRequests.Window(0, 0, 0, 1_000_000L, Double.NaN, Double.NaN)))).isEmpty();
        assertThat(ProduceRequestsProfiler.results(List.of())).isEmpty();
    }

    @Test
    void aProducerWithoutABatchSizeLeavesRecordsPerBatchOutOfTheSum() {
        // one producer's batch-size-avg had no sample: a sum over the other alone would pass for all of them
        var a = new ProduceRequests.Window(1000, 10, 120_000, 1_000_000_000L, 1.0, 40);
        var b = new ProduceRequests.Window(3000, 10, 360_000, 1_000_000_000L, 1.0, Double.NaN);
        Map<String, Double> s = scores(ProduceRequestsProfiler.results(List.of(a, b)));
        assertThat(s).doesNotContainKey("requests.recordsPerBatch").containsKey("requests.recordsPerRequest");
    }
}
