package dev.kcb.bench.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keys do to batching, on the real broker: on 4 partitions at linger 0, null keys (the sticky partitioner) fill
 * one partition's batch at a time, and 1000 uniform keys split every request into a batch per partition, so fewer
 * records go in each batch. Acked bytes stay the values' bytes; the keys' own bytes are on the wire. A bad keys value
 * is refused before any broker starts.
 */
class KeysIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path results;

    @Test
    void uniformKeysOverFourPartitionsMakeSmallerBatchesThanNullKeys() throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.run(results, 240, "--broker", "external", "--bootstrap-servers",
                TestBroker.shared().bootstrapServers(), "--run-id", "keys", "ProducerSendBenchmark.sendAsync",
                "-p", "keys=none,uniform:1000", "-p", "partitions=4", "-p", "acks=1", "-p", "lingerMs=0",
                "-p", "batchSize=16384", "-p", "messageSize=100", "-f", "1", "-wi", "1", "-w", "1", "-i", "2", "-r", "1");
        assertThat(o.exitCode()).as(o.output()).isZero();
        Map<String, JsonNode> byKeys = new HashMap<>();
        for (JsonNode n : JSON.readTree(results.resolve("keys/jmh.json").toFile())) {
            byKeys.put(n.path("params").path("keys").asText(), n.path("secondaryMetrics"));
        }
        assertThat(byKeys).containsOnlyKeys("none", "uniform:1000");
        double none = byKeys.get("none").path("requests.recordsPerBatch").path("score").asDouble();
        double keyed = byKeys.get("uniform:1000").path("requests.recordsPerBatch").path("score").asDouble();
        System.out.printf("records per batch: none %.1f, uniform:1000 %.1f; per request: none %.1f, uniform:1000 %.1f%n", none, keyed,
                byKeys.get("none").path("requests.recordsPerRequest").path("score").asDouble(),
                byKeys.get("uniform:1000").path("requests.recordsPerRequest").path("score").asDouble());
        assertThat(none).as("records per batch, null keys").isGreaterThan(1.0);
        assertThat(keyed).as("records per batch, 1000 keys on 4 partitions, against null keys' " + none).isGreaterThan(0).isLessThan(0.8 * none);
        for (JsonNode s : byKeys.values()) {
            // a request carries one batch per partition, so never fewer records than its batches
            assertThat(s.path("requests.recordsPerRequest").path("score").asDouble())
                    .isGreaterThanOrEqualTo(0.99 * s.path("requests.recordsPerBatch").path("score").asDouble());
            assertThat(s.path("ackedBytes").path("score").asDouble() / s.path("ackedRecords").path("score").asDouble())
                    .as("acked value bytes per record, keys not counted").isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-6));
        }
        // keys of 1 to 3 bytes (plus their varint length) ride on the wire beside the 100 B values
        assertThat(byKeys.get("uniform:1000").path("requests.wireBytesPerRecord").path("score").asDouble())
                .isGreaterThan(byKeys.get("none").path("requests.wireBytesPerRecord").path("score").asDouble());
        JsonNode run = JSON.readTree(results.resolve("keys/run.json").toFile());
        assertThat(run.toString()).contains("uniform:1000");
        assertThat(run.path("keys").path("seed").asLong()).isEqualTo(dev.kcb.bench.common.Keys.SEED);
    }

    @Test
    void aBadKeysValueIsRefusedBeforeAnyBrokerStarts() throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.run(results, 60, "--broker", "local", "ProducerSendBenchmark.sendAsync",
                "-p", "keys=zipf:0");
        assertThat(o.exitCode()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains("invalid value 'zipf:0' for param keys; allowed: none, uniform:N, zipf:N").doesNotContain("broker up");
        assertThat(o.millis()).isLessThan(20_000);
    }
}
