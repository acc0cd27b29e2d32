package dev.kcb.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Reports of ./run.sh clients and ./run.sh calibrate runs (fixtures copied from real runs on the local broker). */
class SidecarReportTest {

    @Test
    void clientsRunHasAChartAndPublishedFiguresLabelledAsElsewhere(@TempDir Path out) throws Exception {
        Fixtures.Result r = cli("report", fixture("clients-run").toString(), "--out", out.toString(), "--charts-dir", "");
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("## Clients", "![Client throughput: producer and consumer MB/s](clients.png)",
                "| java | kafka-clients 4.4.0 |", "| pykafka | – | – | – | not measured: unmaintained and not packaged in Debian |",
                "| confluent-kafka | – | 21.97 | 16.8–28.7 | published elsewhere, on other hardware |");
        assertThat(out.resolve("clients.png")).isRegularFile();
        assertThat(md).doesNotContain("not in this run"); // a clients run has no JMH results, and says nothing about them
    }

    @Test
    void calibrateRunShowsEveryRowRatiosAndFindingsWithReasons(@TempDir Path out) throws Exception {
        Fixtures.Result r = cli("report", fixture("calibrate-run").toString(), "--out", out.toString(), "--charts-dir", "");
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("## Calibration", "MB = 10^6 bytes", "| 100B-default | producer | Kafka tool, --payload-file |",
                "suite / plain loop", "**Findings**");
        assertThat(md).contains("ProducerPerformance generates random payload bytes for every record");
        // the suite's own sections are still there
        assertThat(md).contains("sendAsync");
    }
}
