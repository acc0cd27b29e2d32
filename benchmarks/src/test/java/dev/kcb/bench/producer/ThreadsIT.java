package dev.kcb.bench.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -t 2} on a 2-partition topic, each thread with its own producer and both sharing one, against a real
 * local broker. Before the trial's shared state waited for every thread's teardown ({@code TrialUsers}), the first
 * thread to finish deleted the topic while the other thread's producer was still flushing: that producer's last
 * batches got UNKNOWN_TOPIC_ID and expired 30 s later, failing the run about every other time.
 */
class ThreadsIT {
    @TempDir
    Path results;

    @Test
    void twoThreadsWithOwnAndSharedProducersCountAckedRecordsOfBoth() throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.run(results, 240, "--broker", "local", "--run-id", "threads", "--partitions", "2",
                "ProducerSendBenchmark.sendAsync", "-t", "2", "-p", "sharedProducer=false,true", "-p", "acks=1",
                "-p", "lingerMs=5", "-p", "batchSize=16384", "-p", "messageSize=100", "-p", "compressionType=none",
                "-f", "1", "-wi", "1", "-w", "1", "-i", "2", "-r", "1");
        assertThat(o.exitCode()).as(o.output()).isZero();
        assertThat(o.output()).doesNotContain("UNKNOWN_TOPIC_ID", "Expiring");
        JsonNode jmh = new ObjectMapper().readTree(results.resolve("threads/jmh.json").toFile());
        assertThat(jmh).hasSize(2);
        for (JsonNode n : jmh) {
            assertThat(n.path("threads").asInt()).isEqualTo(2);
            assertThat(n.path("secondaryMetrics").path("ackedRecords").path("score").asDouble()).isPositive();
            assertThat(n.path("secondaryMetrics").path("sendErrors").path("score").asDouble()).isZero();
        }
    }
}
