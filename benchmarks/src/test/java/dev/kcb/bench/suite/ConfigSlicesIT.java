package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sliced segment against the real local broker: three batch.size configurations of sendAsync at 1 KiB take turns
 * in one fork ({@link ConfigSlices}). batch.size is the setting whose effect the producer's own counters show: a
 * 2 KiB batch cannot carry more than 2 KiB per request on one partition, so each configuration's bytes per request prove
 * that its iterations ran on its own producer and were given back to it, not to a neighbour.
 */
class ConfigSlicesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path results;
    static SuiteProcess.Outcome outcome;
    static Path runDir;

    @BeforeAll
    static void run() throws Exception {
        // quick's 1 KiB segment takes turns (smoke's configurations run one fork each: the fault tests kill the
        // broker between two of them)
        outcome = SuiteProcess.run(results, 300, "--profile", "quick", "--segment", "producer-size", "--broker", "local",
                "--run-id", "slices-it", "-p", "acks=1", "-p", "batchSize=2048,16384,131072", "-wi", "1", "-i", "2",
                "-w", "1", "-r", "1");
        runDir = results.resolve("slices-it");
    }

    @Test
    void theThreeConfigurationsTakeTurnsInOneFork() throws Exception {
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("[1-3/3] 3 configurations in one fork, taking turns by iteration (0 1 2 2 1 0 ...",
                "Headline numbers");
        // one JMH run: its own file, with every configuration's turns, stays as JMH wrote it
        List<Path> jmhFiles;
        try (var s = Files.list(runDir.resolve("slices/segments"))) {
            jmhFiles = s.filter(p -> p.getFileName().toString().matches("\\d{3}-producer-size\\.json")).toList();
        }
        assertThat(jmhFiles).hasSize(1);
        JsonNode fork = JSON.readTree(jmhFiles.get(0).toFile()).get(0);
        assertThat(fork.path("measurementIterations").asInt()).isEqualTo(6);
        assertThat(fork.path("warmupIterations").asInt()).isEqualTo(3);
        JsonNode forkAcked = fork.at("/secondaryMetrics/ackedRecords/rawData/0");
        assertThat(forkAcked).hasSize(6);

        JsonNode run = JSON.readTree(runDir.resolve("run.json").toFile());
        JsonNode group = run.at("/plan/configSlices/0");
        assertThat(group.path("configurations")).hasSize(3);
        assertThat(group.path("order").asText()).startsWith("0 1 2 2 1 0");

        // jmh.json: one entry per configuration, with its own params and its own turns: 0 and 5, 1 and 4, 2 and 3
        Map<String, JsonNode> byBatch = new LinkedHashMap<>();
        for (JsonNode e : JSON.readTree(runDir.resolve("jmh.json").toFile())) {
            byBatch.put(e.at("/params/batchSize").asText(), e);
        }
        assertThat(byBatch).containsOnlyKeys("2048", "16384", "131072");
        int[][] turns = {{0, 5}, {1, 4}, {2, 3}};
        List<String> order = List.of("2048", "16384", "131072");
        for (int i = 0; i < 3; i++) {
            JsonNode e = byBatch.get(order.get(i));
            assertThat(e.path("measurementIterations").asInt()).isEqualTo(2);
            assertThat(e.at("/configSlices/config").asInt()).isEqualTo(i);
            assertThat(e.at("/configSlices/from").asText()).isEqualTo(jmhFiles.get(0).toString());
            JsonNode acked = e.at("/secondaryMetrics/ackedRecords/rawData/0");
            List<Double> mine = new ArrayList<>();
            acked.forEach(v -> mine.add(v.asDouble()));
            assertThat(mine).containsExactly(forkAcked.get(turns[i][0]).asDouble(), forkAcked.get(turns[i][1]).asDouble());
            assertThat(e.at("/secondaryMetrics/sendErrors/score").asDouble()).isZero();
            assertThat(e.at("/secondaryMetrics/ackedRecords/score").asDouble()).isPositive();
        }
        double small = byBatch.get("2048").at("/secondaryMetrics/requests.bytesPerRequest/score").asDouble();
        double large = byBatch.get("131072").at("/secondaryMetrics/requests.bytesPerRequest/score").asDouble();
        assertThat(small).as("bytes per request at batch.size 2048").isPositive().isLessThan(2048 + 512);
        assertThat(large).as("bytes per request at batch.size 131072").isGreaterThan(2 * 2048 + 1024);
    }
}
