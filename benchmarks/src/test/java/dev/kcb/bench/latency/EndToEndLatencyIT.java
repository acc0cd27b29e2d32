package dev.kcb.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.Payloads;
import dev.kcb.bench.common.Topics;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** End-to-end latency against a real local broker, at a low rate: what a user would check of a result. */
class EndToEndLatencyIT {
    private static final int RATE = 500;

    /**
     * Three seconds at 500 records/s through the probe the benchmark uses: percentiles ordered, the target rate met,
     * and every record consumed exactly once — by the probe's consumer, and in the topic as read back independently.
     */
    @Test
    void everyRecordArrivesExactlyOnceAtTheTargetRate() throws Exception {
        BenchTarget target = TestBroker.target();
        try (Topics topic = Topics.create(target, "e2e-it")) {
            LatencyProbe.Interval interval;
            long sent;
            try (LatencyProbe probe = LatencyProbe.open(
                    target.clientProps(ClientConfigs.Kind.PRODUCER, Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "0")),
                    target.clientProps(ClientConfigs.Kind.CONSUMER, Map.of()), topic.name(), 1, Payloads.random(100, 1), RATE)) {
                probe.beginInterval(); // forget the smoke record
                long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < end) {
                    probe.sendNext();
                }
                interval = probe.endInterval();
                sent = probe.sent();
                assertThat(probe.consumedDistinct()).isEqualTo(sent);
                assertThat(probe.duplicates()).isZero();
                assertThat(probe.missing()).isZero();
            }

            Histogram e2e = interval.histograms().e2e();
            Histogram ack = interval.histograms().ack();
            assertThat(interval.sent()).isBetween(RATE * 3L - 5, RATE * 3L + 5);
            assertThat(e2e.getTotalCount()).isEqualTo(interval.sent());
            assertThat(ack.getTotalCount()).isEqualTo(interval.sent());
            for (Histogram h : List.of(e2e, ack)) {
                assertThat(h.getValueAtPercentile(50)).isPositive().isLessThanOrEqualTo(h.getValueAtPercentile(99));
                assertThat(h.getValueAtPercentile(99)).isLessThanOrEqualTo(h.getMaxValue());
            }
            assertThat(interval.achievedRate()).isBetween(RATE * 0.95, RATE * 1.05);
            assertThat(interval.belowTarget()).isFalse();

            // read the topic back: sequence numbers 0 (the smoke record) .. sent-1, each exactly once
            BitSet seen = new BitSet();
            long records = 0;
            TopicPartition tp = new TopicPartition(topic.name(), 0);
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(target.clientProps(ClientConfigs.Kind.CONSUMER, Map.of()))) {
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                long endOffset = c.endOffsets(List.of(tp)).get(tp);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (c.position(tp) < endOffset && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                        int seq = (int) Stamp.sequence(r.value());
                        assertThat(seen.get(seq)).as("sequence %d twice", seq).isFalse();
                        seen.set(seq);
                        records++;
                    }
                }
            }
            assertThat(records).isEqualTo(sent);
            assertThat(seen.nextClearBit(0)).isEqualTo((int) sent);
        }
    }

    /** The smoke profile through the shipped jar: the metrics land in jmh.json, the histograms in an .hlog. */
    @Test
    void suiteRunWritesPercentilesToJmhJsonAndHistogramsToHlog(@TempDir Path results) throws Exception {
        SuiteProcess.Outcome run = SuiteProcess.run(results, 170, "--broker", "local", "--profile", "smoke", "--run-id", "e2e",
                "--no-report", "EndToEndLatency");
        assertThat(run.exitCode()).as(run.output()).isZero();
        Path runDir = results.resolve("e2e");
        JsonNode entries = new ObjectMapper().readTree(runDir.resolve("jmh.json").toFile());
        assertThat(entries).hasSize(1);
        JsonNode secondary = entries.get(0).get("secondaryMetrics");
        for (String prefix : List.of("e2e", "ack")) {
            double p50 = secondary.get(prefix + ".p50").get("score").asDouble();
            double p90 = secondary.get(prefix + ".p90").get("score").asDouble();
            double p99 = secondary.get(prefix + ".p99").get("score").asDouble();
            double p999 = secondary.get(prefix + ".p99.9").get("score").asDouble();
            double p9999 = secondary.get(prefix + ".p99.99").get("score").asDouble();
            double max = secondary.get(prefix + ".max").get("score").asDouble();
            assertThat(p50).isPositive();
            assertThat(List.of(p50, p90, p99, p999, p9999, max)).isSorted();
            assertThat(secondary.get(prefix + ".p99").get("scoreUnit").asText()).isEqualTo("us");
        }
        double targetRate = secondary.get("targetRate").get("score").asDouble();
        assertThat(secondary.get("achievedRate").get("score").asDouble()).isBetween(targetRate * 0.95, targetRate * 1.05);
        assertThat(run.output()).doesNotContain("BELOW TARGET");

        List<Path> logs;
        try (Stream<Path> s = Files.list(runDir.resolve("latency"))) {
            logs = s.toList();
        }
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).getFileName().toString()).startsWith("endToEnd_acks=").endsWith("_targetRate=" + (int) targetRate + ".hlog");
        int untagged = 0;
        int acks = 0;
        HistogramLogReader reader = new HistogramLogReader(logs.get(0).toFile());
        while (reader.hasNext()) {
            var h = reader.nextIntervalHistogram();
            if (h == null) {
                break;
            }
            if ("ack".equals(h.getTag())) {
                acks++;
            } else {
                untagged++;
            }
        }
        int iterations = entries.get(0).get("measurementIterations").asInt();
        assertThat(untagged).isEqualTo(iterations);
        assertThat(acks).isEqualTo(iterations);
    }
}
