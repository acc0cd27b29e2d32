package dev.kcb.bench.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a codec saves depends on the data: on the real broker, lz4 shrinks the text payload's batches and wire bytes,
 * and cannot shrink random bytes; a payload file's records are sent as they are, and run.json names the file by
 * size and SHA-256. A missing file is refused before any broker starts.
 */
class PayloadIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path results;

    @Test
    void lz4ShrinksTextNotRandomBytes() throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.run(results, 240, "--broker", "external", "--bootstrap-servers",
                TestBroker.shared().bootstrapServers(), "--run-id", "codec", "ProducerSendBenchmark.sendAsync",
                "-p", "payload=random,text", "-p", "compressionType=lz4", "-p", "acks=1", "-p", "lingerMs=5",
                "-p", "batchSize=16384", "-p", "messageSize=1024", "-f", "1", "-wi", "1", "-w", "1", "-i", "2", "-r", "1");
        assertThat(o.exitCode()).as(o.output()).isZero();
        Map<String, JsonNode> byPayload = new HashMap<>();
        for (JsonNode n : JSON.readTree(results.resolve("codec/jmh.json").toFile())) {
            byPayload.put(n.path("params").path("payload").asText(), n.path("secondaryMetrics"));
        }
        JsonNode text = byPayload.get("text");
        JsonNode random = byPayload.get("random");
        assertThat(text.path("requests.compressionRate").path("score").asDouble()).as("text under lz4").isBetween(0.01, 0.6);
        assertThat(random.path("requests.compressionRate").path("score").asDouble()).as("random under lz4").isGreaterThan(0.95);
        // value bytes per record: 1024; on the wire after compression, far fewer for text, a little more for random
        assertThat(text.path("requests.wireBytesPerRecord").path("score").asDouble()).isLessThan(0.6 * 1024);
        assertThat(random.path("requests.wireBytesPerRecord").path("score").asDouble()).isGreaterThan(1024);
        for (JsonNode s : byPayload.values()) {
            assertThat(s.path("ackedBytes").path("score").asDouble() / s.path("ackedRecords").path("score").asDouble())
                    .as("acked value bytes per record").isCloseTo(1024.0, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void aPayloadFileSendsItsLinesAndRunJsonDescribesIt() throws Exception {
        Path file = Files.writeString(results.resolve("events.jsonl"), "{\"id\":1,\"kind\":\"a\"}\n{\"id\":2,\"kind\":\"bb\"}\n");
        SuiteProcess.Outcome o = SuiteProcess.run(results, 240, "--broker", "external", "--bootstrap-servers",
                TestBroker.shared().bootstrapServers(), "--run-id", "file", "ProducerSendBenchmark.sendAsync",
                "-p", "payload=file:" + file, "-p", "acks=1", "-p", "lingerMs=5", "-p", "batchSize=16384", "-p", "messageSize=100",
                "-f", "1", "-wi", "1", "-w", "1", "-i", "1", "-r", "1");
        assertThat(o.exitCode()).as(o.output()).isZero();
        JsonNode n = JSON.readTree(results.resolve("file/jmh.json").toFile()).get(0).path("secondaryMetrics");
        double perRecord = n.path("ackedBytes").path("score").asDouble() / n.path("ackedRecords").path("score").asDouble();
        assertThat(perRecord).as("the lines' own sizes, 19 and 20 bytes, not messageSize").isBetween(19.0, 20.0);
        JsonNode described = JSON.readTree(results.resolve("file/run.json").toFile()).path("payloadFiles").get(0);
        assertThat(described.path("bytes").asInt()).isEqualTo(41);
        assertThat(described.path("records").asInt()).isEqualTo(2);
        assertThat(described.path("sha256").asText()).hasSize(64);
        assertThat(Files.readString(results.resolve("file/run.json"))).doesNotContain("\\\"kind\\\"");
    }

    @Test
    void aMissingFileIsRefusedBeforeAnyBrokerStarts() throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.run(results, 60, "--broker", "local", "ProducerSendBenchmark.sendAsync",
                "-p", "payload=file:/no/such/events.jsonl");
        assertThat(o.exitCode()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains("param payload (/no/such/events.jsonl does not exist or is not a file)")
                .doesNotContain("broker up");
        assertThat(o.millis()).isLessThan(20_000);
    }
}
