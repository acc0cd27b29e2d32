package dev.kcb.report.charts;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.EnvSummary;
import dev.kcb.report.model.Measure;
import dev.kcb.report.model.Run;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kafka-clients version matrix ({@code ./run.sh --client-version A,B,C}) drawn against the version: per benchmark and
 * headline (acked or consumed MB/s, client and broker CPU per record, allocation per record, sync and end-to-end p99),
 * the version on the x axis in the matrix's order and one line per configuration, with JMH's 99.9% interval as error
 * bars. The runs are the versions' results, each labelled with its version (see RunLoader#loadMatrix).
 */
public final class VersionCharts {
    /** The headlines drawn against the version, in page order. */
    static final List<Measure> HEADLINES = List.of(Measure.ACKED_MBPS, Measure.CONSUMED_MBPS, Measure.CLIENT_CPU, Measure.BROKER_CPU,
            Measure.CLIENT_ALLOC, Measure.SYNC_P99, Measure.E2E_P99);

    private VersionCharts() {
    }

    /** The chart file name of one benchmark method's headline: {@code versions-sendAsync-client-cpu-per-record}. */
    public static String name(String method, Measure m) {
        return "versions-" + method + "-" + m.name().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
    }

    public static List<RenderedChart> charts(List<Run> versions) {
        List<RenderedChart> out = new ArrayList<>();
        if (versions.size() < 2) {
            return out;
        }
        List<String> labels = versions.stream().map(Run::label).toList();
        ChartTheme theme = new ChartTheme();
        LineChartBuilder builder = new LineChartBuilder(theme);
        String footer = EnvSummary.line(versions);
        Set<String> benchmarks = new LinkedHashSet<>();
        versions.forEach(r -> r.results().forEach(b -> benchmarks.add(b.benchmark())));
        for (String benchmark : benchmarks) {
            // params with one value in every entry go to the subtitle; a line is named by the others
            Map<String, Set<String>> values = new java.util.TreeMap<>();
            versions.forEach(r -> r.results().stream().filter(b -> b.benchmark().equals(benchmark))
                    .forEach(b -> b.config().forEach((k, v) -> values.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(v))));
            String held = values.entrySet().stream().filter(e -> e.getValue().size() == 1)
                    .map(e -> e.getKey() + "=" + e.getValue().iterator().next()).collect(java.util.stream.Collectors.joining(", "));
            for (Measure m : HEADLINES) {
                Map<Sweep.SeriesKey, List<Sweep.Point>> series = new LinkedHashMap<>();
                String method = null;
                for (int i = 0; i < versions.size(); i++) {
                    for (BenchmarkResult b : versions.get(i).results()) {
                        boolean latencyOfThroughput = m == Measure.SYNC_P99 && !"sample".equals(b.mode());
                        if (!b.benchmark().equals(benchmark) || latencyOfThroughput || !m.presentIn(b) || !Double.isFinite(m.value(b))) {
                            continue;
                        }
                        method = b.method();
                        String config = b.config().entrySet().stream().filter(e -> values.get(e.getKey()).size() > 1)
                                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
                        config = config.isEmpty() ? b.method() : config;
                        series.computeIfAbsent(new Sweep.SeriesKey(null, 0, config), k -> new ArrayList<>())
                                .add(new Sweep.Point(labels.get(i), i + 1, m.value(b), m.error(b)));
                    }
                }
                if (series.values().stream().mapToInt(List::size).max().orElse(0) < 2) {
                    continue; // fewer than two versions have it: nothing to draw a line through
                }
                Chart<?, ?> chart = builder.build(new Sweep.Panel(Map.of(), series), "kafka-clients version", m);
                LineChartBuilder.categoryTicks((XYChart) chart, labels);
                ((XYChart) chart).getStyler().setLegendVisible(true);
                String title = method + ": " + m.name() + " by kafka-clients version (" + m.unitNote() + ")";
                String subtitle = "one line per config · " + (m.higherIsBetter() ? "higher" : "lower") + " is better"
                        + (held.isEmpty() ? "" : " · " + held);
                String caption = (m.higherIsBetter() ? "Higher" : "Lower") + " is better. The same broker, JMH and configs in one run;"
                        + " only the client differs, forks interleaved across versions. Each point is the config's mean over its"
                        + " measured iterations, with JMH's 99.9% interval; `./run.sh compare RUN` judges each version against the one before.";
                out.add(new RenderedChart(benchmark, name(method, m), title, caption, new Figure(title, subtitle, footer, chart)));
            }
        }
        return out;
    }
}
