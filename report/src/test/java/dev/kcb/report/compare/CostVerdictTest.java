package dev.kcb.report.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cost per record is judged lower-is-better, with the test and threshold of every other metric, in a verdict table
 * of its own, and a regression in it fails compare (exit 1) even when throughput did not move.
 */
class CostVerdictTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /**
     * sendAsync at 50k records/s, 3 forks x 5 iterations, 1% noise; client CPU 2,000 ns, broker CPU 3,000 ns and
     * allocation 500 B per record, each times its factor.
     */
    private Path run(String name, long seed, double cpu, double broker, double alloc) throws Exception {
        Random rnd = new Random(seed);
        ObjectNode e = Synthetic.jmhEntry(Synthetic.SEND_ASYNC, Map.of("acks", "1"),
                Synthetic.raw(rnd, 50_000, 3, 5, 0.005, 0.01), Synthetic.raw(rnd, 50_000, 3, 5, 0.005, 0.01), 100);
        ObjectNode sec = (ObjectNode) e.get("secondaryMetrics");
        sec.set("cost.clientCpuPerRecord", Synthetic.jmhMetric(Synthetic.raw(rnd, 2_000 * cpu, 3, 5, 0.005, 0.01), "ns/record"));
        sec.set("cost.brokerCpuPerRecord", Synthetic.jmhMetric(Synthetic.raw(rnd, 3_000 * broker, 3, 5, 0.005, 0.01), "ns/record"));
        sec.set("cost.clientAllocPerRecord", Synthetic.jmhMetric(Synthetic.raw(rnd, 500 * alloc, 3, 5, 0.005, 0.01), "B/record"));
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("jmh.json"), Synthetic.json(List.of(e)));
        return dir;
    }

    private static CompareCommandTest.Result compare(Path a, Path b, Path out) {
        return CompareCommandTest.run(a.toString(), b.toString(), "--out", out.toString());
    }

    @Test
    void asFastButFortyPercentMoreCpuIsACostRegressionAndFailsCompare() throws Exception {
        Path out = tmp.resolve("out");
        CompareCommandTest.Result r = compare(run("a", 1, 1, 1, 1), run("b", 2, 1.4, 1, 1), out);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(CompareCommand.REGRESSION);
        assertThat(r.out()).contains("0 regressions, 0 improvements, 3 unchanged; cost per record: 1 regression, 0 improvements, 2 unchanged");
        // two tables: throughput first, the cost rows only under the cost heading
        String speed = r.out().substring(0, r.out().indexOf(CompareOutput.COST_TITLE));
        String cost = r.out().substring(r.out().indexOf(CompareOutput.COST_TITLE));
        assertThat(speed).contains("acked MB/s").doesNotContain("per record");
        assertThat(cost.lines().filter(l -> l.contains("client CPU per record (ns/record)")).findFirst().orElseThrow())
                .containsPattern("\\+(3[89]|4[0-2])\\.\\d% \\[").contains("regressed");
        assertThat(cost.lines().filter(l -> l.contains("broker CPU per record")).findFirst().orElseThrow()).endsWith("unchanged");
        assertThat(cost.lines().filter(l -> l.contains("client alloc per record (B/record)")).findFirst().orElseThrow()).endsWith("unchanged");

        JsonNode json = JSON.readTree(out.resolve("compare.json").toFile());
        JsonNode cpu = null;
        for (JsonNode row : json.path("rows")) {
            if (row.path("metric").asText().equals("cost.clientCpuPerRecord")) {
                cpu = row;
            }
            assertThat(row.path("group").asText()).isEqualTo(row.path("metric").asText().startsWith("cost.") ? "cost" : "speed");
        }
        assertThat(cpu).isNotNull();
        assertThat(cpu.path("higherIsBetter").asBoolean(true)).isFalse();
        assertThat(cpu.path("verdict").asText()).isEqualTo("regressed");
        assertThat(json.path("summary").path("cost").path("regressed").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("speed").path("regressed").asInt()).isZero();
        String md = Files.readString(out.resolve("compare.md"));
        assertThat(md).contains(CompareOutput.COST_TITLE + ":").contains("**regressed**");
    }

    @Test
    void lessCpuAndAllocationPerRecordAreImprovements() throws Exception {
        CompareCommandTest.Result r = compare(run("a", 3, 1, 1, 1), run("b", 4, 0.7, 1, 0.8), tmp.resolve("out"));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(CompareCommand.OK);
        assertThat(r.out()).contains("cost per record: 0 regressions, 2 improvements, 1 unchanged");
        assertThat(r.out().lines().filter(l -> l.contains("client CPU per record")).findFirst().orElseThrow())
                .containsPattern(" -(2[89]|3[01])\\.\\d% \\[").contains("improved");
        assertThat(r.out().lines().filter(l -> l.contains("client alloc per record")).findFirst().orElseThrow())
                .containsPattern(" -(1[89]|2[01])\\.\\d% \\[").contains("improved");
    }

    @Test
    void aBrokerCpuRegressionFailsTooAndAChangeWithinTheThresholdDoesNot() throws Exception {
        // the librdkafka #2300 case: the client got no slower, the brokers' CPU per record rose
        CompareCommandTest.Result broker = compare(run("a", 5, 1, 1, 1), run("b", 6, 1, 1.5, 1), tmp.resolve("o1"));
        assertThat(broker.code()).isEqualTo(CompareCommand.REGRESSION);
        assertThat(broker.out().lines().filter(l -> l.contains("broker CPU per record")).findFirst().orElseThrow()).contains("regressed");
        // 3% more CPU: significant at this noise, but inside the 5% threshold
        CompareCommandTest.Result small = compare(run("c", 7, 1, 1, 1), run("d", 8, 1.03, 1, 1), tmp.resolve("o2"));
        assertThat(small.code()).as(small.out()).isEqualTo(CompareCommand.OK);
    }

    @Test
    void costMetricsAreLowerIsBetterWhateverTheirUnitSays() {
        Metric m = new Metric(100, 1, "B/record", Map.of(), List.of(List.of(100.0, 101.0)), List.of());
        Metric ns = new Metric(100, 1, "ns/record", Map.of(), List.of(List.of(100.0, 101.0)), List.of());
        Metric score = new Metric(1, 0, "ops/s", Map.of(), List.of(List.of(1.0, 1.0)), List.of());
        BenchmarkResult r = new BenchmarkResult(Synthetic.SEND_ASYNC, "thrpt", 1, 1, Map.of(), score,
                Map.of("cost.clientAllocPerRecord", m, "cost.brokerCpuPerRecord", ns), "17", "vm", "1.37");
        Map<String, MetricSelector.Selected> s = MetricSelector.select(r);
        assertThat(s.get("cost.clientAllocPerRecord").higherIsBetter()).isFalse();
        assertThat(s.get("cost.clientAllocPerRecord").group()).isEqualTo(MetricGroup.COST);
        assertThat(s.get("cost.brokerCpuPerRecord").higherIsBetter()).isFalse();
        assertThat(s.get("score").group()).isEqualTo(MetricGroup.SPEED);
    }
}
