package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.cost.CostProfiler;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh --client-version 3.9.1,4.4.0} as a user runs it, through run.sh, on a real local broker, at the smoke
 * profile with {@code -p lingerMs=default}: both versions' results and run.json, each fork on its own version's
 * client, the cost per record of each, the report's version charts, and compare's step from 3.9.1 to 4.4.0. The first
 * run builds 3.9.1's benchmarks jar (about a minute; benchmarks/target/clients/3.9.1/), later ones reuse it.
 */
class VersionMatrixIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VERSIONS = List.of("3.9.1", "4.4.0");

    @TempDir
    Path tmp;

    @Test
    void twoVersionsOnOneBrokerEachWithItsOwnDefaultsCostsChartsAndVerdicts() throws Exception {
        Path results = tmp.resolve("results");
        Path log = tmp.resolve("matrix.log");
        ProcessBuilder pb = new ProcessBuilder("bash", TestBroker.home().resolve("run.sh").toString(),
                "--client-version", String.join(",", VERSIONS), "--results-dir", results.toString(), "--run-id", "matrix-it",
                "--broker", "local", "--profile", "smoke", "ProducerSendBenchmark", "-p", "lingerMs=default")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KCB_CHARTS_DIR", tmp.resolve("charts").toString());
        Process p = pb.start();
        if (!p.waitFor(420, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("the matrix did not finish in 420 s:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        // 0: no regression from 3.9.1 to 4.4.0, 1: one; smoke iterations are short, so either may come out
        assertThat(p.exitValue()).as(out).isIn(0, 1);
        assertThat(out).as("run.sh must not rebuild inside mvn verify").doesNotContain("run.sh: building");
        assertThat(out).contains("[1/4] ProducerSendBenchmark.sendAsync").contains("kafka-clients 3.9.1 fork 1/1")
                .contains("[2/4] ProducerSendBenchmark.sendAsync").contains("kafka-clients 4.4.0 fork 1/1");
        assertThat(out.indexOf("[kcb] fork client: kafka-clients 3.9.1")).as("a 3.9.1 fork ran 3.9.1's client, first").isPositive()
                .isLessThan(out.indexOf("[kcb] fork client: kafka-clients 4.4.0"));

        Path run = results.resolve("matrix-it");
        JsonNode top = JSON.readTree(run.resolve("run.json").toFile());
        assertThat(top.path("status").asText()).isEqualTo("ok");
        assertThat(List.of(JSON.treeToValue(top.path("matrix").path("clientVersions"), String[].class))).isEqualTo(VERSIONS);
        for (String v : VERSIONS) {
            JsonNode rec = JSON.readTree(run.resolve(v).resolve("run.json").toFile());
            assertThat(rec.path("kafka").path("clientVersion").asText()).isEqualTo(v);
            assertThat(rec.path("kafka").path("brokerVersion").asText()).isEqualTo(top.path("kafka").path("brokerVersion").asText());
            String lingerDefault = v.startsWith("3.") ? "0" : "5"; // KIP-1030: 5 ms from 4.0
            assertThat(rec.path("clientDefaults").path("producer").path("linger.ms").asText()).isEqualTo(lingerDefault);
            for (JsonNode c : rec.path("clientConfig").path("byConfiguration")) {
                assertThat(c.path("producer").path("linger.ms").asText()).as(v + " " + c.path("configuration").asText())
                        .isEqualTo("unset (client default: " + lingerDefault + ")");
            }
            JsonNode jmh = JSON.readTree(run.resolve(v).resolve("jmh.json").toFile());
            assertThat(jmh).as(v + ": sendAsync and sendSync").hasSize(2);
            for (JsonNode e : jmh) {
                assertThat(e.path("params").path("lingerMs").asText()).isEqualTo("default");
                JsonNode m = e.path("secondaryMetrics");
                double cpu = m.path(CostProfiler.CLIENT_CPU).path("score").asDouble();
                assertThat(cpu).as(v + " " + e.path("benchmark").asText() + " client CPU ns/record").isGreaterThan(0);
                if (e.path("benchmark").asText().endsWith(".sendAsync")) {
                    // saturated, so fixed costs are spread thin; sendSync at linger 5 ms (4.x) makes ~160 sends/s, and a
                    // 1 s smoke iteration's JIT work over those measured 1.5 ms per record
                    assertThat(cpu).as(v + " sendAsync client CPU per record under 1 ms").isLessThan(1_000_000);
                }
                assertThat(m.path(CostProfiler.BROKER_CPU).path("score").asDouble()).as(v + " broker CPU ns/record").isGreaterThan(0);
                assertThat(m.path(CostProfiler.CLIENT_ALLOC).path("score").asDouble()).as(v + " alloc B/record").isGreaterThan(0);
            }
        }

        Path report = run.resolve("report");
        for (String chart : List.of("versions-sendAsync-acked-throughput", "versions-sendAsync-client-CPU-per-record",
                "versions-sendAsync-broker-CPU-per-record", "versions-sendAsync-client-alloc-per-record", "versions-sendSync-p99")) {
            assertThat(report.resolve(chart + ".png")).as(chart).isNotEmptyFile();
        }
        assertThat(Files.readString(report.resolve("report.md"))).contains("versions-sendAsync-acked-throughput.png");

        Path step = run.resolve("compare-3.9.1-vs-4.4.0");
        assertThat(step.resolve("compare.png")).isNotEmptyFile();
        JsonNode verdicts = JSON.readTree(step.resolve("compare.json").toFile());
        assertThat(verdicts.path("rows").size()).as("rows of both groups").isPositive();
        List<String> metrics = new java.util.ArrayList<>();
        verdicts.path("rows").forEach(r -> metrics.add(r.path("group").asText() + ":" + r.path("metric").asText()));
        assertThat(metrics).contains("speed:ackedBytes", "cost:" + CostProfiler.CLIENT_CPU, "cost:" + CostProfiler.BROKER_CPU,
                "cost:" + CostProfiler.CLIENT_ALLOC, "speed:p99");
        assertThat(Files.readString(step.resolve("compare.md"))).contains("client CPU per record");
        assertThat(out).contains("versions: 3.9.1 -> 4.4.0: ");
    }
}
