package dev.kcb.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcb.report.compare.MetricSelector;
import dev.kcb.report.model.LatencyLogs;
import dev.kcb.report.model.Run;
import dev.kcb.report.model.RunLoader;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** The end-to-end latency section, on a real smoke-profile sweep (targetRate 1000/10000/30000 x lingerMs 0/5) with its .hlog files. */
class LatencyReportTest {
    @TempDir
    Path tmp;

    @Test
    void latencySectionChartsTheDistributionFromHlogAndLatencyAgainstRate() throws IOException {
        Path out = tmp.resolve("out");
        Fixtures.Result r = cli("report", fixture("e2e-run").toString(), "--out", out.toString(), "--charts-dir", "");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(out.resolve("e2e-end-to-end-latency-vs-rate.png")).exists();
        assertThat(out.resolve("e2e-end-to-end-distribution.png")).exists();
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("## End-to-end latency").contains("end-to-end p99 (µs)").contains("ack p99 (µs)")
                .contains("Drawn from every measured record in the run's latency/*.hlog")
                .contains("Every config reached its target rate within 5%");
    }

    @Test
    void aConfigBelowTargetRateIsFlaggedAndWithoutLogsTheDistributionUsesJmhJson() throws IOException {
        Path run = tmp.resolve("short");
        Files.createDirectories(run);
        Files.copy(fixture("e2e-run").resolve("run.json"), run.resolve("run.json"));
        ObjectMapper json = new ObjectMapper();
        JsonNode entries = json.readTree(fixture("e2e-run").resolve("jmh.json").toFile());
        ObjectNode achieved = (ObjectNode) entries.get(2).get("secondaryMetrics").get("achievedRate"); // targetRate=30000
        achieved.put("score", 24_000.0);
        json.writeValue(run.resolve("jmh.json").toFile(), entries);

        Path out = tmp.resolve("out2");
        Fixtures.Result r = cli("report", run.toString(), "--out", out.toString(), "--charts-dir", "");
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("**Below target rate** — 1 of 6 configs").contains("20.0% below the target")
                .containsPattern("24,000( ± [0-9,]+)? \\(below target\\)")
                .contains("1 end-to-end latency config(s) fell more than 5% short of their target rate")
                .contains("Drawn from the jmh.json percentiles");
        assertThat(out.resolve("e2e-end-to-end-distribution.png")).exists();
    }

    /** With 2+ forks every fork appends its own header and intervals to the same .hlog: all of them are merged. */
    @Test
    void logsOfSeveralForksAreMerged() throws IOException {
        Path run = tmp.resolve("forks");
        Files.createDirectories(run.resolve("latency"));
        Files.copy(fixture("e2e-run").resolve("jmh.json"), run.resolve("jmh.json"));
        Run one = new RunLoader(tmp).load(fixture("e2e-run").toString());
        Path log = LatencyLogs.file(one, one.results().get(0));
        String text = Files.readString(log);
        Files.writeString(run.resolve("latency").resolve(log.getFileName()), text + text);
        Run two = new RunLoader(tmp).load(run.toString());

        Histogram single = LatencyLogs.merged(one, one.results().get(0), null);
        Histogram doubled = LatencyLogs.merged(two, two.results().get(0), null);
        assertThat(single).isNotNull();
        assertThat(doubled.getTotalCount()).isEqualTo(2 * single.getTotalCount());
        assertThat(LatencyLogs.merged(one, one.results().get(0), LatencyLogs.ACK_TAG).getTotalCount()).isEqualTo(single.getTotalCount());
    }

    @Test
    void compareTreatsLatencyPercentilesAsLowerIsBetterAndAchievedRateAsHigher() {
        Run run = new RunLoader(tmp).load(fixture("e2e-run").toString());
        var selected = MetricSelector.select(run.results().get(0));
        assertThat(selected).containsKeys("e2e.p50", "e2e.p99", "e2e.p99.9", "e2e.p99.99", "ack.p99", "achievedRate");
        Stream.of("e2e.p50", "e2e.p90", "e2e.p99", "e2e.p99.9", "e2e.p99.99", "ack.p50", "ack.p99")
                .forEach(id -> assertThat(selected.get(id).higherIsBetter()).as(id).isFalse());
        assertThat(selected.get("achievedRate").higherIsBetter()).isTrue();
        assertThat(selected.get("e2e.p99").unit()).isEqualTo("us");
        // max is one sample per iteration, too noisy for a verdict; the target rate is an input, not a result
        assertThat(selected).doesNotContainKeys("e2e.max", "ack.max", "targetRate", "rateShortfall");
    }
}
