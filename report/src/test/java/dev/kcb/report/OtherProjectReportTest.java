package dev.kcb.report;

import dev.kcb.report.charts.ChartCatalog;
import dev.kcb.report.charts.RenderedChart;
import dev.kcb.report.model.Run;
import dev.kcb.report.model.RunLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JMH file from another project ({@code fixtures/other-project}: a real JMH 1.37 run of two small classes,
 * {@code org.example.bench.CodecBenchmark}, four methods without params in thrpt ops/ms, and {@code SortBenchmark.sort}
 * over {@code size}): its page is named after its package, and the methods without params are drawn side by side.
 */
class OtherProjectReportTest {
    @TempDir
    Path tmp;

    private static final String CODEC_CHART = "codec-benchmark-thrpt-ops-ms";

    @Test
    void thePageIsNamedAfterTheBenchmarksPackage() throws Exception {
        Fixtures.Result r = cli("report", fixture("other-project").toString(), "--out", tmp.resolve("out").toString(),
                "--charts-dir", tmp.resolve("charts").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(tmp.resolve("out/report.md"));
        assertThat(md.lines().findFirst().orElseThrow()).isEqualTo("# org.example.bench benchmarks");
        assertThat(md).contains("## CodecBenchmark — its methods side by side")
                .contains("(" + CODEC_CHART + ".png)")
                .contains("sort-benchmark-sort-vs-size.png");
        assertThat(md.indexOf("## CodecBenchmark — its methods")).as("before the methods' own sections")
                .isLessThan(md.indexOf("CodecBenchmark.base64Decode`"));

        Fixtures.Result titled = cli("report", fixture("other-project").toString(), "--out", tmp.resolve("titled").toString(),
                "--charts-dir", "", "--title", "Codecs");
        assertThat(titled.exit()).as(titled.err()).isZero();
        assertThat(Files.readString(tmp.resolve("titled/report.md"))).startsWith("# Codecs\n");
    }

    @Test
    void thisSuitesOwnRunsKeepTheirTitle() throws Exception {
        Fixtures.Result r = cli("report", fixture("real-quick-run").toString(), "--out", tmp.resolve("out").toString(),
                "--charts-dir", "");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(tmp.resolve("out/report.md"))).startsWith("# Kafka client benchmarks\n");
    }

    @Test
    void methodsWithoutParamsAreGroupedBarsWithTheReportsInterval() throws Exception {
        Run run = new RunLoader(tmp).load(fixture("other-project").toString());
        RenderedChart chart = chart(new ChartCatalog(List.of(run)).charts());
        assertThat(chart.benchmark()).isEqualTo("org.example.bench.CodecBenchmark");
        assertThat(chart.title()).isEqualTo("CodecBenchmark throughput by method (ops/ms)");
        assertThat(chart.caption()).startsWith("Higher is better. Throughput of each method of CodecBenchmark")
                .contains("Error bars: 95% confidence interval of the mean, from the per-fork means");
        assertThat(chart.figure().footer()).as("the image names its error bars' level, not only the caption")
                .startsWith("error bars: 95% CI of the mean · ");
        CategoryChart body = (CategoryChart) chart.figure().body();
        assertThat(body.getYAxisTitle()).isEqualTo("throughput (ops/ms)");
        assertThat(body.getXAxisTitle()).isEqualTo("benchmark method");
        CategorySeries s = body.getSeriesMap().values().iterator().next();
        assertThat(body.getSeriesMap()).hasSize(1);
        assertThat(List.<Object>copyOf(s.getXData())).containsExactly("base64Decode", "base64Encode", "hexDecode", "hexEncode");
        var base64Decode = run.results().get(0);
        assertThat(s.getYData().iterator().next().doubleValue()).isEqualTo(base64Decode.primary().score());
        assertThat(s.getExtraValues().iterator().next().doubleValue()).as("95% half-width from the 2 forks' means")
                .isEqualTo(base64Decode.primary().halfWidth()).isPositive();

        Path png = tmp.resolve(CODEC_CHART + ".png");
        chart.figure().writePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(540);
    }

    @Test
    void overlaidRunsGetABarEachPerMethod() {
        RunLoader loader = new RunLoader(tmp);
        Run a = loader.load(fixture("other-project").toString()).withLabel("before");
        Run b = loader.load(fixture("other-project").toString()).withLabel("after");
        CategoryChart body = (CategoryChart) chart(new ChartCatalog(List.of(a, b)).charts()).figure().body();
        assertThat(body.getSeriesMap().keySet()).containsExactly("before", "after");
    }

    @Test
    void benchmarksWithParamsGetNoMethodBars() {
        Run run = new RunLoader(tmp).load(fixture("real-quick-run").toString());
        assertThat(new ChartCatalog(List.of(run)).charts()).noneMatch(c -> c.figure().body() instanceof CategoryChart cc
                && "benchmark method".equals(cc.getXAxisTitle()));
    }

    @Test
    void aSweepWithErrorBarsNamesTheirLevelOnTheImageAndAChartWithoutThemDoesNot() {
        Run run = new RunLoader(tmp).load(fixture("real-quick-run").toString());
        List<RenderedChart> charts = new ChartCatalog(List.of(run)).charts();
        RenderedChart linger = charts.stream().filter(c -> c.name().equals("producer-acked-mbps-vs-linger-message-size-100")).findFirst().orElseThrow();
        assertThat(linger.figure().footer()).startsWith("error bars: 95% CI of the mean · Kafka client 4.4.0");
        RenderedChart distribution = charts.stream().filter(c -> c.name().startsWith("e2e-end-to-end-distribution")).findFirst().orElseThrow();
        assertThat(distribution.figure().footer()).startsWith("Kafka client").doesNotContain("error bars");
    }

    private static RenderedChart chart(List<RenderedChart> charts) {
        return charts.stream().filter(c -> c.name().equals(CODEC_CHART)).findFirst().orElseThrow(
                () -> new AssertionError("no " + CODEC_CHART + " among " + charts.stream().map(RenderedChart::name).toList()));
    }
}
