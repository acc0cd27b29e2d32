package dev.kcb.report;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.RunLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of two real runs of this suite's quick profile (./run.sh on the local broker, 2 cores; their
 * jmh.json, run.json and .hlog files are checked in under fixtures/real-quick-run*): what a user gets from
 * {@code ./run.sh report results/latest --svg --publish docs/benchmarks}.
 */
class RealRunReportTest {
    /** The charts the quick profile's sweeps give: acks x linger at 100 B, message size at linger 5, sync, consumer, e2e. */
    private static final List<String> EXPECTED = List.of(
            "producer-acked-mbps-vs-linger-message-size-100.png",
            "producer-acked-mbps-vs-size-linger-ms-5.png",
            "producer-acked-records-vs-size-linger-ms-5.png",
            "producer-sync-latency.png",
            "consumer-mbps-vs-message-size.png",
            "consumer-records-vs-message-size.png",
            "e2e-end-to-end-distribution.png",
            "e2e-end-to-end-latency-vs-rate.png",
            "e2e-end-to-end-achieved-vs-rate.png");

    @TempDir
    static Path tmp;
    static Path out;
    static Fixtures.Result result;

    @BeforeAll
    static void render() {
        out = tmp.resolve("out");
        result = cli("report", fixture("real-quick-run").toString(), "--out", out.toString(), "--charts-dir",
                tmp.resolve("charts").toString(), "--svg", "--publish", tmp.resolve("docs").toString());
    }

    @Test
    void everyChartOfTheQuickProfileRendersAtThePublishedSize() throws IOException {
        assertThat(result.exit()).as(result.err()).isZero();
        for (String name : EXPECTED) {
            BufferedImage img = ImageIO.read(out.resolve(name).toFile());
            assertThat(img).as(name).isNotNull();
            assertThat(img.getWidth()).as(name).isEqualTo(900);
            assertThat(img.getHeight()).as(name).isEqualTo(540);
            assertThat(tmp.resolve("docs").resolve(name)).as("published " + name).exists();
        }
    }

    @Test
    void theMarkdownHasARowForEveryConfigAndTheRealEnvironment() throws IOException {
        String md = Files.readString(out.resolve("report.md"));
        List<BenchmarkResult> results = RunLoader.readJmh(fixture("real-quick-run/jmh.json"));
        assertThat(results).hasSize(14);
        for (BenchmarkResult r : results) {
            assertThat(md).as(r.key()).contains("| " + String.join(" | ", r.params().values()) + " | ");
        }
        assertThat(md).contains("| Broker mode | `local` |").contains("| CPUs | `2` |").contains("| Kafka client | `4.4.0` |");
    }

    @Test
    void svgOutputParsesAsXml() throws Exception {
        List<Path> svgs;
        try (Stream<Path> all = Files.list(out)) {
            svgs = all.filter(p -> p.toString().endsWith(".svg")).toList();
        }
        assertThat(svgs).hasSizeGreaterThanOrEqualTo(EXPECTED.size());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Path svg : svgs) {
            assertThat(f.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getTagName()).isEqualTo("svg");
        }
    }

    @Test
    void twoRealRunsOverlayOneSeriesPerRun() throws IOException {
        Path o = tmp.resolve("overlay");
        Fixtures.Result r = cli("report", fixture("real-quick-run-b").toString(), fixture("real-quick-run").toString(),
                "--label", "first", "--label", "second", "--out", o.toString(), "--charts-dir", tmp.resolve("c2").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(o.resolve("report.md"));
        assertThat(md).contains("**first**").contains("**second**").contains("| first | 1 | 16384 |").contains("| second | 1 | 16384 |");
        assertThat(o.resolve("producer-acked-mbps-vs-linger-message-size-100.png")).exists();
    }
}
