package dev.kcb.bench.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh TransactionalProducerBenchmark} briefly on a real local broker: committed records counted, no
 * transaction aborted, commit latency percentiles in jmh.json, and a read_committed consumer on the trial's topic (which
 * the trial deletes at its end, so the consumer reads while the run goes) sees the committed records.
 */
class TransactionsIT {
    @TempDir
    Path results;

    @Test
    void aShortTransactionalRunCommitsWhatItCountsAndAbortsNothing() throws Exception {
        String bootstrap = TestBroker.shared().bootstrapServers();
        AtomicLong seen = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> readCommitted(bootstrap, seen, stop), "read-committed");
        reader.start();
        SuiteProcess.Outcome o;
        try {
            o = SuiteProcess.run(results, 240, "--broker", "external", "--bootstrap-servers", bootstrap, "--profile", "smoke",
                    "--run-id", "txn", "TransactionalProducerBenchmark", "-p", "recordsPerTransaction=100",
                    "-f", "1", "-wi", "1", "-w", "1", "-i", "2", "-r", "1");
        } finally {
            stop.set(true);
            reader.join(30_000);
        }
        assertThat(o.exitCode()).as(o.output()).isZero();
        JsonNode jmh = new ObjectMapper().readTree(results.resolve("txn/jmh.json").toFile());
        assertThat(jmh).hasSize(1);
        JsonNode n = jmh.get(0);
        assertThat(n.path("benchmark").asText()).isEqualTo("dev.kcb.bench.producer.TransactionalProducerBenchmark.send");
        JsonNode m = n.path("secondaryMetrics");
        assertThat(m.path("ackedRecords").path("score").asDouble()).isPositive();
        assertThat(m.path("ackedBytes").path("score").asDouble()).isEqualTo(1024 * m.path("ackedRecords").path("score").asDouble(),
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(m.path("commits").path("score").asDouble()).isPositive();
        assertThat(m.has("abortedTransactions")).isTrue();
        assertThat(m.path("abortedTransactions").path("score").asDouble()).isZero();
        assertThat(m.path("sendErrors").path("score").asDouble()).isZero();
        double p50 = m.path("commit.p50").path("score").asDouble();
        double p99 = m.path("commit.p99").path("score").asDouble();
        assertThat(m.path("commit.p50").path("scoreUnit").asText()).isEqualTo("us");
        assertThat(p50).isPositive();
        assertThat(p99).isGreaterThanOrEqualTo(p50);
        // 100 records per transaction: committed records are whole transactions
        assertThat(m.path("ackedRecords").path("score").asDouble() / m.path("commits").path("score").asDouble())
                .isCloseTo(100.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(o.output()).contains("Headline numbers", "TransactionalProducerBenchmark.send");
        assertThat(seen.get()).as("records a read_committed consumer saw on the trial's topic").isPositive();
    }

    /** Reads every kcb-txn-* topic with isolation.level=read_committed until told to stop. */
    private static void readCommitted(String bootstrap, AtomicLong seen, AtomicBoolean stop) {
        Properties p = new Properties();
        p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "txn-it-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(Pattern.compile("kcb-txn-.*"));
            while (!stop.get()) {
                seen.addAndGet(c.poll(Duration.ofMillis(200)).count());
            }
        } catch (RuntimeException e) {
            // the trial deletes its topic at the end: the reader may see that; what it read until then is the evidence
            System.err.println("[TransactionsIT] reader stopped: " + e);
        }
    }
}
