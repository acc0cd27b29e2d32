package dev.kcb.bench.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payload param beyond the producer, on the real broker: the consumer reads a topic filled with text, a line
 * file's records or a length-prefixed file's binary records (the fill lz4-compressed through the user's client
 * config), and counts each record's own bytes; end-to-end latency runs on text, which lz4 then shrinks.
 */
class PayloadParamIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path results;

    @Test
    void theConsumerReadsTextAndFileRecordsAtTheirOwnSizes() throws Exception {
        // 20 and 30 bytes a line; 40 and 60 bytes of binary a record, newlines, NULs and invalid UTF-8 inside
        Path lines = Files.writeString(results.resolve("events.jsonl"), "{\"id\":1,\"kind\":\"ab\"}\n{\"id\":2,\"kind\":\"abcdefghijkl\"}\n");
        byte[] a = new byte[40];
        byte[] b = new byte[60];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 3 == 0 ? '\n' : i % 3 == 1 ? 0 : 0xFF);
        }
        Path binary = Files.write(results.resolve("events.bin"),
                ByteBuffer.allocate(8 + a.length + b.length).putInt(a.length).put(a).putInt(b.length).put(b).array());
        Path lz4 = Files.writeString(results.resolve("lz4.properties"), "producer.compression.type=lz4\n");
        SuiteProcess.Outcome o = SuiteProcess.run(results, 240, "--broker", "external", "--bootstrap-servers",
                TestBroker.shared().bootstrapServers(), "--profile", "smoke", "--run-id", "consumer", "--client-config", lz4.toString(),
                "ConsumerPollBenchmark.poll", "-p", "payload=text,file:" + lines + ",lpfile:" + binary, "-p", "messageSize=100",
                "-f", "1", "-wi", "1", "-w", "1", "-i", "1", "-r", "1");
        assertThat(o.exitCode()).as(o.output()).isZero();
        Map<String, Double> perRecord = new HashMap<>();
        for (JsonNode n : JSON.readTree(results.resolve("consumer/jmh.json").toFile())) {
            JsonNode m = n.path("secondaryMetrics");
            assertThat(m.path("consumedRecords").path("score").asDouble()).as(n.path("params").toString()).isPositive();
            perRecord.put(n.path("params").path("payload").asText(),
                    m.path("consumedBytes").path("score").asDouble() / m.path("consumedRecords").path("score").asDouble());
        }
        assertThat(perRecord).hasSize(3);
        assertThat(perRecord.get("text")).as("text: messageSize a record").isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(perRecord.get("file:" + lines)).as("the lines' own sizes, not messageSize").isBetween(20.0, 30.0);
        assertThat(perRecord.get("lpfile:" + binary)).as("the binary records' own sizes").isBetween(40.0, 60.0);
        JsonNode run = JSON.readTree(results.resolve("consumer/run.json").toFile());
        assertThat(run.path("clientConfig").path("producer").path("compression.type").asText()).as("the fill's codec").isEqualTo("lz4");
        Map<String, JsonNode> files = new HashMap<>();
        run.path("payloadFiles").forEach(f -> files.put(f.path("format").asText(), f));
        assertThat(files.get("lines").path("records").asInt()).isEqualTo(2);
        assertThat(files.get("length-prefixed").path("records").asInt()).isEqualTo(2);
        assertThat(files.get("length-prefixed").path("bytes").asInt()).isEqualTo(108);
        assertThat(files.get("length-prefixed").path("sha256").asText()).hasSize(64);
    }

    @Test
    void endToEndRunsOnTextThatLz4Shrinks() throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.run(results, 180, "--broker", "external", "--bootstrap-servers",
                TestBroker.shared().bootstrapServers(), "--profile", "smoke", "--run-id", "e2e", "EndToEndLatencyBenchmark.endToEnd",
                "-p", "payload=text", "-p", "messageSize=1024", "-p", "compressionType=lz4", "-p", "lingerMs=5", "-p", "targetRate=2000",
                "-f", "1", "-wi", "1", "-w", "1", "-i", "1", "-r", "1");
        assertThat(o.exitCode()).as(o.output()).isZero();
        JsonNode n = JSON.readTree(results.resolve("e2e/jmh.json").toFile()).get(0);
        assertThat(n.path("params").path("payload").asText()).isEqualTo("text");
        JsonNode m = n.path("secondaryMetrics");
        assertThat(m.path("e2e.p50").path("score").asDouble()).isPositive();
        // random bytes stay above 0.95 under lz4 (PayloadIT); text, its first 16 bytes the stamp, still shrinks
        assertThat(m.path("requests.compressionRate").path("score").asDouble()).as("text under lz4").isBetween(0.01, 0.8);
    }
}
