package dev.kcb.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cost per record on the page and in compare, from two real smoke runs on the local broker (fixtures/cost-smoke-a
 * and -b: {@code ./run.sh --profile smoke --broker local}, jmh.json and run.json as written).
 */
class CostReportTest {
    @TempDir
    Path tmp;

    private static final List<String> COLUMNS = List.of("client CPU per record (ns)", "broker CPU per record (ns)",
            "client alloc per record (B)");

    @Test
    void everyBenchmarkTableHasTheThreeCostColumnsBesideThroughput() throws Exception {
        Fixtures.Result r = cli("report", fixture("cost-smoke-a").toString(), "--out", tmp.resolve("out").toString(),
                "--charts-dir", tmp.resolve("charts").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(tmp.resolve("out/report.md"));
        List<String> headers = md.lines().filter(l -> l.startsWith("| acks |") || l.startsWith("| fetch.min.bytes |")).toList();
        assertThat(headers).as("sendAsync, sendSync, poll and end-to-end tables").hasSize(4);
        for (String h : headers) {
            assertThat(h).contains(COLUMNS);
        }
        // beside throughput: the producer's row holds acked MB/s and then its cost, from this run's jmh.json
        String header = headers.get(0);
        assertThat(header.indexOf("acked throughput (MB/s)")).isLessThan(header.indexOf("client CPU per record (ns)"));
        String sendAsync = md.lines().filter(l -> l.startsWith("| 1 | 16384 | none | 5 |")).findFirst().orElseThrow();
        assertThat(sendAsync).contains("99,114", "70,782", "5,536");
        assertThat(md).contains("Cost per record, lower is better: client CPU (ns");
        assertThat(md).doesNotContain("broker CPU per record: not available");
    }

    @Test
    void compareOfTheTwoRunsPutsCostInItsOwnVerdictTable() {
        Fixtures.Result r = cli("compare", fixture("cost-smoke-a").toString(), fixture("cost-smoke-b").toString(),
                "--out", tmp.resolve("cmp").toString());
        // the two smoke runs' end-to-end client CPU per record differs by +70% (2 iterations each): a regression
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("0 regressions, 1 improvement, 20 unchanged; cost per record: 1 regression, 0 improvements, 11 unchanged");
        String cost = r.out().substring(r.out().indexOf("Cost per record (client CPU"));
        List<String> e2e = cost.lines().filter(l -> l.startsWith("EndToEndLatencyBenchmark.endToEnd") && l.contains(" per record ")).toList();
        assertThat(e2e).hasSize(3);
        assertThat(e2e.get(0)).contains("client CPU per record (ns/record)", "+70.0%", "regressed");
        assertThat(e2e.get(1)).contains("broker CPU per record (ns/record)");
        assertThat(e2e.get(2)).contains("client alloc per record (B/record)");
    }
}
