package dev.kcb.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.report.charts.VersionCharts;
import dev.kcb.report.model.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version matrix's report and compare, from a real run: {@code ./run.sh --client-version 3.9.1,4.4.0 --profile smoke
 * --broker local ProducerSendBenchmark -p lingerMs=default} (fixture real-matrix-run: each version's jmh.json and run.json).
 * At each client's own linger.ms, 0 ms in 3.9.1 and 5 ms in 4.4.0 (KIP-1030), sendSync waits out the linger on every send.
 */
class MatrixReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void reportDrawsEachHeadlineAgainstTheVersion() throws Exception {
        Path out = tmp.resolve("report");
        Fixtures.Result r = cli("report", fixture("real-matrix-run").toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        for (String chart : List.of(VersionCharts.name("sendAsync", Measure.ACKED_MBPS), VersionCharts.name("sendAsync", Measure.CLIENT_CPU),
                VersionCharts.name("sendAsync", Measure.BROKER_CPU), VersionCharts.name("sendAsync", Measure.CLIENT_ALLOC),
                VersionCharts.name("sendSync", Measure.SYNC_P99))) {
            assertThat(out.resolve(chart + ".png")).as(chart).isNotEmptyFile();
        }
        assertThat(out.resolve(VersionCharts.name("sendAsync", Measure.SYNC_P99) + ".png")).as("no latency chart of a throughput benchmark")
                .doesNotExist();
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("versions-sendAsync-acked-throughput.png").contains("**3.9.1**").contains("**4.4.0**");
    }

    @Test
    void aMatrixIsLabelledByItsVersions() {
        Fixtures.Result r = cli("report", fixture("real-matrix-run").toString(), "--out", tmp.resolve("r").toString(), "--label", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("labelled with their versions");
    }

    @Test
    void compareJudgesEachVersionAgainstTheOneBefore() throws Exception {
        Fixtures.Result r = cli("compare", fixture("real-matrix-run").toString(), "--out", tmp.toString());
        assertThat(r.exit()).as("sendSync at 4.4.0's linger.ms 5 regressed: exit 1").isEqualTo(1);
        assertThat(r.out()).contains("kafka-clients 3.9.1 -> 4.4.0:").contains("versions: 3.9.1 -> 4.4.0: 3 regression(s), 0 improvement(s)");
        Path step = tmp.resolve("compare-3.9.1-vs-4.4.0");
        JsonNode json = JSON.readTree(step.resolve("compare.json").toFile());
        List<String> regressed = new java.util.ArrayList<>();
        json.path("rows").forEach(row -> {
            if (row.path("verdict").asText().equals("regressed")) {
                regressed.add(row.path("benchmark").asText().replaceAll(".*\\.", "") + ":" + row.path("metric").asText());
            }
        });
        assertThat(regressed).containsExactlyInAnyOrder("sendSync:score", "sendSync:p50", "sendSync:cost.clientCpuPerRecord");
        assertThat(step.resolve("compare.png")).isNotEmptyFile();
    }

    @Test
    void oneRunThatIsNotAMatrixIsRefused() {
        Fixtures.Result r = cli("compare", fixture("quick-run").toString(), "--out", tmp.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not one");
    }
}
