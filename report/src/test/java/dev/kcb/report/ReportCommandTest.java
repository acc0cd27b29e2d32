package dev.kcb.report;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.RunLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {
    /** Named by the params the quick-run fixture sweeps; a real run that sweeps others needs this list updated. */
    private static final List<String> EXPECTED_PNGS = List.of(
            "producer-acked-mbps-vs-linger-acks-1-message-size-1000.png",
            "producer-acked-mbps-vs-linger-acks-all-message-size-100.png",
            "producer-acked-mbps-heatmap-acks-1-message-size-1000.png",
            "producer-acked-mbps-heatmap-acks-all-message-size-10000.png",
            "producer-acked-records-vs-size-batch-size-16384-linger-ms-5.png",
            "producer-acked-mbps-vs-size-batch-size-131072-linger-ms-20.png",
            "producer-sync-latency.png",
            "consumer-mbps-vs-message-size.png",
            "consumer-records-vs-message-size.png",
            "consumer-mbps-vs-max-poll-records.png",
            "consumer-records-vs-max-poll-records.png");

    @TempDir
    static Path tmp;
    static Path out;
    static Path charts;
    static Fixtures.Result quick;

    @BeforeAll
    static void renderQuickRun() {
        out = tmp.resolve("out");
        charts = tmp.resolve("charts");
        quick = cli("report", fixture("quick-run").toString(), "--out", out.toString(), "--charts-dir", charts.toString(),
                "--svg", "--publish", tmp.resolve("docs/benchmarks").toString(), "--title", "Quick run");
    }

    @Test
    void quickRunSucceeds() {
        assertThat(quick.exit()).as(quick.err()).isZero();
        assertThat(quick.err()).isEmpty();
        assertThat(quick.out()).contains("report.md").contains("chart(s)");
    }

    @Test
    void everyExpectedPngExistsAndDecodesAtChartSize() throws IOException {
        for (String name : EXPECTED_PNGS) {
            Path png = out.resolve(name);
            assertThat(png).as(name).exists();
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img).as(name).isNotNull();
            assertThat(img.getWidth()).isEqualTo(900);
            assertThat(img.getHeight()).isEqualTo(540);
            assertThat(charts.resolve(name)).as("mirrored " + name).exists();
        }
        try (Stream<Path> all = Files.list(out)) {
            for (Path png : all.filter(p -> p.toString().endsWith(".png")).toList()) {
                assertThat(ImageIO.read(png.toFile())).as(png.toString()).isNotNull();
            }
        }
    }

    @Test
    void anExplicitOutLeavesTheChartsDirAlone() {
        // before: `report RUN --out DIR` also replaced the checkout's charts/ (the default --charts-dir)
        Path elsewhere = tmp.resolve("elsewhere");
        Fixtures.Result r = cli("report", fixture("quick-run").toString(), "--out", elsewhere.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("report: " + elsewhere.resolve("report.md")).doesNotContain("mirrored");
        assertThat(elsewhere.resolve(EXPECTED_PNGS.get(0))).exists();
    }

    @Test
    void markdownHasATableRowForEveryConfig() throws IOException {
        String md = Files.readString(out.resolve("report.md"));
        List<BenchmarkResult> results = RunLoader.readJmh(fixture("quick-run/jmh.json"));
        assertThat(results).isNotEmpty();
        for (BenchmarkResult r : results) {
            String row = "| " + String.join(" | ", r.params().values()) + " | ";
            assertThat(md).as(r.key()).contains(row);
        }
        assertThat(md).startsWith("# Quick run")
                .contains("| Kafka client | `4.4.0` |")
                .contains("**Best** by acked throughput")
                .contains("**Best** by throughput")
                .contains("](producer-sync-latency.png)");
    }

    @Test
    void htmlIsSelfContained() throws IOException {
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("data:image/png;base64,").doesNotContain("src=\"producer-");
        assertThat(html.split("<img ").length - 1).isEqualTo(pngCount(out));
    }

    @Test
    void svgOutputParsesAsXml() throws Exception {
        List<Path> svgs;
        try (Stream<Path> all = Files.list(out)) {
            svgs = all.filter(p -> p.toString().endsWith(".svg")).toList();
        }
        assertThat(svgs).hasSize((int) pngCount(out));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Path svg : svgs) {
            Document doc = f.newDocumentBuilder().parse(svg.toFile());
            assertThat(doc.getDocumentElement().getTagName()).as(svg.toString()).isEqualTo("svg");
        }
    }

    @Test
    void publishWritesReadmeWithRelativeImageLinks() throws IOException {
        Path dir = tmp.resolve("docs/benchmarks");
        String readme = Files.readString(dir.resolve("README.md"));
        List<String> links = readme.lines().filter(l -> l.startsWith("![")).map(l -> l.substring(l.indexOf("](") + 2, l.length() - 1))
                .collect(Collectors.toList());
        assertThat(links).isNotEmpty();
        for (String link : links) {
            assertThat(link).doesNotContain("/").endsWith(".png");
            assertThat(dir.resolve(link)).exists();
        }
    }

    @Test
    void twoRunsOverlayWithSeriesPerRun() throws IOException {
        Path o = tmp.resolve("overlay");
        Fixtures.Result r = cli("report", fixture("quick-run").toString(), fixture("quick-run-b").toString(),
                "--label", "before", "--label", "after", "--out", o.toString(), "--charts-dir", tmp.resolve("c2").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(o.resolve("report.md"));
        assertThat(md).contains("**before**").contains("**after**").contains("| Run |").contains("| before | 1 | 16384 |")
                .contains("| after | 1 | 16384 |").contains("Kafka client | `4.4.0` | `4.3.0` |");
        assertThat(o.resolve("producer-acked-mbps-vs-linger-acks-1-message-size-1000.png")).exists();
        assertThat(o.resolve("producer-sync-latency-acks-all.png")).exists();
    }

    @Test
    void oldPrefixAndPartialRunGiveAPartialReport() throws IOException {
        Path o = tmp.resolve("partial");
        Fixtures.Result r = cli("report", fixture("old-prefix-producer-only").toString(), "--out", o.toString(),
                "--charts-dir", tmp.resolve("c3").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(o.resolve("report.md"));
        assertThat(md).contains("not in this run: Producer: sync send latency, Consumer: poll")
                .contains("No run.json was found").contains("| Kafka client | unknown |")
                .contains("acked throughput (MB/s)");
        assertThat(o.resolve("producer-acked-mbps-vs-linger-message-size-1000.png")).exists();
        try (Stream<Path> all = Files.list(o)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("consumer-") || n.startsWith("producer-sync"));
        }
    }

    @Test
    void nanScoresAreListedNotCharted() throws IOException {
        Path o = tmp.resolve("nan");
        Fixtures.Result r = cli("report", fixture("nan-scores").toString(), "--out", o.toString(), "--charts-dir", tmp.resolve("c4").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning:").contains("NaN").doesNotContain("Exception");
        String md = Files.readString(o.resolve("report.md"));
        assertThat(md).contains("| 1 | 500 | 100 | NaN | ops/s | NaN |").contains("have no score (JMH wrote NaN)");
        assertThat(o.resolve("consumer-mbps-vs-message-size.png")).exists();
    }

    @Test
    void endToEndBenchmarkAndNonNumericSeriesAreCharted() throws IOException {
        Path o = tmp.resolve("future");
        Fixtures.Result r = cli("report", fixture("future-e2e").toString(), "--out", o.toString(), "--charts-dir", tmp.resolve("c5").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(o.resolve("e2e-end-to-end-latency-vs-rate.png")).exists();
        assertThat(o.resolve("e2e-end-to-end-distribution.png")).exists();
        assertThat(o.resolve("producer-acked-mbps-vs-linger.png")).exists();
        assertThat(Files.readString(o.resolve("report.md"))).contains("end-to-end p99 (µs)").contains("**Best** by end-to-end p99");
    }

    @ParameterizedTest
    @ValueSource(strings = {"does-not-exist", "not-jmh", "not-json", "empty"})
    void unusableInputExitsTwoWithOneLine(String name) throws Exception {
        String arg = name.equals("does-not-exist") ? tmp.resolve("nope/jmh.json").toString() : fixture(name).toString();
        Fixtures.Result r = cli("report", arg, "--out", tmp.resolve("bad-" + name).toString(), "--charts-dir", tmp.resolve("cb").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void noRunAndNoLatestExitsTwo() {
        Fixtures.Result r = cli("report", "--results", tmp.resolve("empty-results").toString(), "--charts-dir", tmp.resolve("cc").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: no RUN given").doesNotContain("\tat ");
    }

    @Test
    void defaultRunIsResultsLatestAndOutputGoesBesideIt() throws IOException {
        Path results = tmp.resolve("results");
        Path latest = results.resolve("latest");
        Files.createDirectories(latest);
        Files.copy(fixture("quick-run/jmh.json"), latest.resolve("jmh.json"));
        Files.copy(fixture("quick-run/run.json"), latest.resolve("run.json"));
        Fixtures.Result r = cli("report", "--results", results.toString(), "--charts-dir", tmp.resolve("cd").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(latest.resolve("report/report.md")).exists();
        assertThat(latest.resolve("report/producer-sync-latency.png")).exists();
    }

    /** A run whose acks x linger configurations took turns in one fork says so under Notes, with their turns. */
    @Test
    void configurationsThatTookTurnsInOneForkAreNamedInTheNotes() throws IOException {
        Path run = tmp.resolve("sliced-run");
        Files.createDirectories(run);
        Files.copy(fixture("quick-run/jmh.json"), run.resolve("jmh.json"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode info = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(fixture("quick-run/run.json").toFile());
        info.putObject("plan").set("configSlices", json.readTree("""
                [{"step":"producer","benchmark":"dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync",
                  "configurations":[{"acks":"1","lingerMs":"0"},{"acks":"1","lingerMs":"5"},{"acks":"all","lingerMs":"0"}],
                  "forks":1,"order":"0 1 2 2 1 0 ...","warmupPerConfiguration":"1 x 2 s","measurementPerConfiguration":"8 x 2 s"}]
                """));
        Files.writeString(run.resolve("run.json"), json.writeValueAsString(info));
        Fixtures.Result r = cli("report", run.toString(), "--out", tmp.resolve("sliced-out").toString(), "--charts-dir",
                tmp.resolve("sliced-charts").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(tmp.resolve("sliced-out/report.md"))).contains("configurations that took turns in one fork",
                "producer: 3 configurations of sendAsync in turns 0 1 2 2 1 0 ..., 1 x 2 s warm-up and 8 x 2 s measured each, 1 fork(s)");
        // the committed fixture has none: no such note
        assertThat(Files.readString(out.resolve("report.md"))).doesNotContain("took turns in one fork");
    }

    @Test
    void badOptionsAndNoSubcommandExitTwo() {
        assertThat(cli("report", "--no-such-option").exit()).isEqualTo(2);
        assertThat(cli().exit()).isEqualTo(2);
        Fixtures.Result tooManyLabels = cli("report", fixture("quick-run").toString(), "--label", "a", "--label", "b",
                "--charts-dir", tmp.resolve("ce").toString(), "--out", tmp.resolve("labels").toString());
        assertThat(tooManyLabels.exit()).isEqualTo(2);
        assertThat(tooManyLabels.err()).contains("--label");
    }

    private static long pngCount(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> p.toString().endsWith(".png")).count();
        }
    }
}
