package dev.kcb.report.charts;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.EnvSummary;
import dev.kcb.report.model.KnownBenchmark;
import dev.kcb.report.model.Measure;
import dev.kcb.report.model.Numbers;
import dev.kcb.report.model.ParamNames;
import dev.kcb.report.model.Run;
import dev.kcb.report.model.TargetRate;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which charts the report draws for which benchmark. Every chart goes through the {@link Sweep} rule, so a param
 * that was not swept simply yields no chart, and a benchmark that was not run yields none at all.
 * Adding a chart for a new benchmark is one more {@link #sweep} (or heat map / percentile) line in {@link #plan}.
 * Benchmarks without params, which have no sweep, get their methods side by side ({@link #methodBars}).
 */
public final class ChartCatalog {
    /** Above this many panels for one chart kind the rest are left out (and the page says so): a page of 50 charts helps no one. */
    public static final int MAX_PANELS = 12;

    private final List<Run> runs;
    private final ChartTheme theme = new ChartTheme();
    private final String footer;
    private final boolean byRun;
    private final List<String> notes = new ArrayList<>();

    public ChartCatalog(List<Run> runs) {
        this.runs = runs;
        this.footer = EnvSummary.line(runs);
        this.byRun = runs.size() > 1;
        if (byRun) {
            runs.forEach(r -> theme.colour(r.label())); // runs get the first colours, in the order given
        }
    }

    /** Notes for the page about charts left out (too many panels). */
    public List<String> notes() {
        return notes;
    }

    public List<RenderedChart> charts() {
        List<RenderedChart> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).sidecars().hasClients()) {
                RenderedChart c = ClientsChart.build(runs.get(i), theme, footer, ClientsChart.name(i, runs.size()));
                if (c != null) {
                    out.add(c);
                }
            }
        }
        for (String benchmark : benchmarks()) {
            List<Row> rows = rows(benchmark);
            plan(benchmark, rows, out::add);
        }
        methodBars(out::add);
        return out;
    }

    /** "org.example.bench.CodecBenchmark" for "org.example.bench.CodecBenchmark.encode": the section a class's chart belongs to. */
    public static String className(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(0, dot);
    }

    /**
     * Benchmarks without params have nothing to sweep. When one class has several such methods in the same mode and
     * unit (and threads), one grouped bar chart puts them side by side, a bar per method (per run, when several are
     * overlaid), as jmh-visualizer does; its section is the class ({@link #className}).
     */
    private void methodBars(Consumer<RenderedChart> out) {
        Map<List<String>, List<Row>> groups = new LinkedHashMap<>();
        for (Run run : runs) {
            for (BenchmarkResult b : run.results()) {
                if (b.params().isEmpty() && KnownBenchmark.of(b) == null) {
                    groups.computeIfAbsent(List.of(className(b.benchmark()), b.mode(), b.primary().unit(), String.valueOf(b.threads())),
                            k -> new ArrayList<>()).add(new Row(run, b));
                }
            }
        }
        MethodBarBuilder builder = new MethodBarBuilder(theme);
        for (Map.Entry<List<String>, List<Row>> g : groups.entrySet()) {
            List<Row> rows = g.getValue();
            if (rows.stream().map(r -> r.result().method()).distinct().count() < 2) {
                continue;
            }
            String cls = g.getKey().get(0);
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            int threads = rows.get(0).result().threads();
            Measure m = Measure.score(g.getKey().get(1), g.getKey().get(2));
            CategoryChart chart = builder.build(rows, runs, m);
            if (chart == null) {
                continue;
            }
            String title = simple + " " + m.name() + " by method (" + m.unit() + ")";
            String subtitle = join(" · ", "one bar per method" + (byRun ? ", one colour per run" : ""),
                    threads == 1 ? "" : threads + " threads (total of all threads)", cls.contains(".") ? cls.substring(0, cls.lastIndexOf('.')) : "");
            Row best = rows.stream().filter(r -> Double.isFinite(m.value(r.result())))
                    .max(Comparator.comparingDouble(r -> m.higherIsBetter() ? m.value(r.result()) : -m.value(r.result()))).orElseThrow();
            boolean errors = rows.stream().anyMatch(r -> Double.isFinite(m.error(r.result())));
            boolean cut = rows.stream().anyMatch(r -> m.value(r.result()) - m.error(r.result()) < 0);
            String caption = (m.higherIsBetter() ? "Higher is better. " : "Lower is better. ") + capitalise(m.name()) + " of each method of "
                    + simple + " (mode " + g.getKey().get(1) + ", no params); " + (m.higherIsBetter() ? "best " : "lowest ")
                    + Numbers.format(m.value(best.result())) + " " + m.unit() + " (" + best.result().method()
                    + (byRun ? ", " + best.run().label() : "") + ")." + (errors ? " " + ERROR_BARS : "")
                    + (cut ? " Whiskers that would reach below zero stop at zero: those intervals are too wide to say much." : "");
            String name = slug(simple) + "-" + slug(g.getKey().get(1)) + "-" + slug(m.unit()) + (threads == 1 ? "" : "-threads-" + threads);
            out.accept(new RenderedChart(cls, name, title, caption, new Figure(title, subtitle, footer(errors), chart)));
        }
    }

    /** Whether a panel draws error bars: some point has an interval. */
    private static boolean hasErrors(Sweep.Panel panel) {
        return panel.series().values().stream().flatMap(List::stream).anyMatch(p -> Double.isFinite(p.error()) && p.error() > 0);
    }

    /** The environment footer, led on a chart with error bars by their level, so that the image says it without its caption. */
    private String footer(boolean errors) {
        return errors ? ERROR_BARS_SHORT + " · " + footer : footer;
    }

    /** The chart's own words for {@link #ERROR_BARS}. */
    static final String ERROR_BARS_SHORT = "error bars: 95% CI of the mean";

    /** What every chart's error bars are (see {@link dev.kcb.report.model.Metric#halfWidth()}). */
    private static final String ERROR_BARS = "Error bars: 95% confidence interval of the mean, from the per-fork means (from the"
            + " iterations of a single fork, which cannot show how forks differ).";

    private List<String> benchmarks() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        runs.forEach(r -> r.results().forEach(b -> names.add(b.benchmark())));
        return new ArrayList<>(names);
    }

    private List<Row> rows(String benchmark) {
        List<Row> rows = new ArrayList<>();
        runs.forEach(run -> run.results().stream().filter(b -> b.benchmark().equals(benchmark)).forEach(b -> rows.add(new Row(run, b))));
        return rows;
    }

    private void plan(String benchmark, List<Row> rows, Consumer<RenderedChart> out) {
        KnownBenchmark k = KnownBenchmark.of(rows.get(0).result());
        List<String> varying = Sweep.varying(rows);
        if (k == null) {
            BenchmarkResult first = rows.get(0).result();
            String noun = first.shortName();
            Measure primary = Measure.raw(null, first.primary().unit());
            varying.forEach(p -> sweep(out, benchmark, noun, slug(noun) + "-vs-" + slug(p), rows, primary, p, List.of()));
            return;
        }
        switch (k) {
            case PRODUCER_ASYNC -> {
                sweep(out, benchmark, "Producer", "producer-acked-mbps-vs-linger", rows, Measure.ACKED_MBPS, "lingerMs", List.of("batchSize"));
                heatMaps(out, benchmark, "Producer", "producer-acked-mbps-heatmap", rows, Measure.ACKED_MBPS, "lingerMs", "batchSize");
                sweep(out, benchmark, "Producer", "producer-acked-records-vs-size", rows, Measure.ACKED_RECORDS, "messageSize", List.of("acks"));
                sweep(out, benchmark, "Producer", "producer-acked-mbps-vs-size", rows, Measure.ACKED_MBPS, "messageSize", List.of("acks"));
                sweep(out, benchmark, "Producer", "producer-acked-mbps-vs-threads", rows, Measure.ACKED_MBPS, BenchmarkResult.THREADS,
                        List.of("sharedProducer"));
                // per codec, a line per payload: what the application produced, what the wire carried, and the ratio
                sweep(out, benchmark, "Producer", "producer-acked-mbps-vs-codec", rows, Measure.ACKED_MBPS, "compressionType", List.of("payload"));
                sweep(out, benchmark, "Producer", "producer-wire-mbps-vs-codec", rows, Measure.WIRE_MBPS, "compressionType", List.of("payload"));
                sweep(out, benchmark, "Producer", "producer-compression-ratio-vs-codec", rows, Measure.COMPRESSION_RATE, "compressionType",
                        List.of("payload"));
                // per keys setting (none, uniform:N, zipf:N), a bar per linger.ms: keys spread each request over the partitions
                sweep(out, benchmark, "Producer", "producer-records-per-request-vs-keys", rows, Measure.RECORDS_PER_REQUEST, "keys",
                        List.of("lingerMs", BenchmarkResult.PARTITIONS));
                sweep(out, benchmark, "Producer", "producer-records-per-batch-vs-keys", rows, Measure.RECORDS_PER_BATCH, "keys",
                        List.of("lingerMs", BenchmarkResult.PARTITIONS));
            }
            case PRODUCER_SYNC -> percentiles(out, benchmark, "Producer sync send", "producer-sync-latency", rows,
                    List.of(Measure.SYNC_P50, Measure.SYNC_P90, Measure.SYNC_P99, Measure.SYNC_P999), List.of("acks"));
            case TRANSACTIONAL -> {
                sweep(out, benchmark, "Transactional producer", "txn-acked-mbps-vs-records-per-transaction", rows, Measure.ACKED_MBPS,
                        "recordsPerTransaction", List.of("messageSize"));
                sweep(out, benchmark, "Transactional producer", "txn-commit-p99-vs-records-per-transaction", rows, Measure.COMMIT_P99,
                        "recordsPerTransaction", List.of("messageSize"));
            }
            case CONSUMER_POLL -> {
                // mode first: consumer throughput per group mode (assign, commitSync, commitAsync, autoCommit), as bars
                List<String> prefs = List.of("mode", "messageSize", "maxPollRecords", "fetchMinBytes", BenchmarkResult.THREADS);
                // partitions differ between segments (concurrency's 2 vs the run-wide 1) without being swept: no chart against them
                List<String> xs = Stream.concat(prefs.stream().filter(varying::contains), varying.stream().filter(p -> !prefs.contains(p)))
                        .filter(p -> !p.equals(BenchmarkResult.PARTITIONS)).toList();
                for (String x : xs) {
                    sweep(out, benchmark, "Consumer", "consumer-mbps-vs-" + slug(x), rows, Measure.CONSUMED_MBPS, x, prefs);
                    sweep(out, benchmark, "Consumer", "consumer-records-vs-" + slug(x), rows, Measure.CONSUMED_RECORDS, x, prefs);
                }
            }
            case END_TO_END -> {
                String method = slug(rows.get(0).result().method());
                List<String> prefs = List.of("lingerMs", "acks");
                latencyVsRate(out, benchmark, "e2e-" + method + "-latency-vs-rate", rows, prefs);
                distributions(out, benchmark, "e2e-" + method + "-distribution", rows, prefs);
                sweep(out, benchmark, "End-to-end", "e2e-" + method + "-achieved-vs-rate", rows, Measure.ACHIEVED_RATE, "targetRate", prefs);
            }
        }
    }

    /** p99 and p50 against target rate, one colour per lingerMs (or acks), one chart per combination of the other varying params. */
    private void latencyVsRate(Consumer<RenderedChart> out, String benchmark, String name, List<Row> rows, List<String> seriesPrefs) {
        String x = "targetRate";
        List<String> varying = Sweep.varying(rows);
        if (!varying.contains(x) || rows.stream().noneMatch(r -> Measure.E2E_P99.presentIn(r.result()))) {
            return;
        }
        String seriesParam = Sweep.chooseSeries(varying, x, seriesPrefs);
        List<Sweep.Panel> p99 = Sweep.panels(rows, x, seriesParam, runs, Measure.E2E_P99);
        List<Sweep.Panel> p50 = Sweep.panels(rows, x, seriesParam, runs, Measure.E2E_P50);
        String constant = constantLabel(rows);
        LatencyCharts builder = new LatencyCharts(theme);
        for (int i : cap(java.util.stream.IntStream.range(0, p99.size()).boxed().toList(), name)) {
            Sweep.Panel panel = p99.get(i);
            XYChart chart = builder.versusRate(panel, p50.get(i), x, seriesParam);
            if (chart == null) {
                continue;
            }
            String title = "End-to-end latency vs target rate (µs)";
            String by = "p99 solid, p50 dashed" + (seriesParam == null ? "" : ", one colour per " + ParamNames.name(seriesParam))
                    + (byRun ? ", runs in marker styles" : "");
            String subtitle = join(" · ", by, panel.fixedLabel(), constant);
            List<String> shortOf = rows.stream().filter(r -> panel.fixed().entrySet().stream().allMatch(f -> f.getValue().equals(r.param(f.getKey()))))
                    .filter(r -> TargetRate.below(r.result())).map(r -> configLabel(r, List.of(x, seriesParam))).toList();
            String caption = "Lower is better. Latency from each record's due time on the open-loop schedule to its receipt by the consumer;"
                    + " each point is the mean of the measured iterations' percentiles. Where p99 turns upward is the load this config"
                    + " stops absorbing." + (shortOf.isEmpty() ? " Every config reached its target rate (within 5%)."
                    : " Below target rate by more than 5% (their latencies are those of a lower load): " + String.join("; ", shortOf) + ".");
            out.accept(new RenderedChart(benchmark, name + suffix(panel.fixed()), title, caption, new Figure(title, subtitle, footer, chart)));
        }
    }

    /** Latency against percentile on the "nines" axis, one line per config, per combination of the params other than rate and series. */
    private void distributions(Consumer<RenderedChart> out, String benchmark, String name, List<Row> rows, List<String> seriesPrefs) {
        if (rows.stream().noneMatch(r -> Measure.E2E_P50.presentIn(r.result()))) {
            return;
        }
        List<String> varying = Sweep.varying(rows);
        String seriesParam = Sweep.chooseSeries(varying, "targetRate", seriesPrefs);
        List<String> fixedParams = new ArrayList<>(varying);
        fixedParams.remove("targetRate");
        fixedParams.remove(seriesParam);
        List<String> lineParams = Stream.of("targetRate", seriesParam).filter(p -> p != null && varying.contains(p)).toList();
        String constant = constantLabel(rows);
        LatencyCharts builder = new LatencyCharts(theme);
        List<Map.Entry<Map<String, String>, List<Row>>> panels = new ArrayList<>(Sweep.group(rows, fixedParams).entrySet());
        for (Map.Entry<Map<String, String>, List<Row>> e : cap(panels, name)) {
            List<Row> members = new ArrayList<>(e.getValue());
            members.sort(Comparator.comparing((Row r) -> r.param("targetRate"), Comparator.nullsLast(Sweep.VALUE_ORDER))
                    .thenComparing(r -> seriesParam == null ? "" : r.param(seriesParam), Comparator.nullsLast(Sweep.VALUE_ORDER))
                    .thenComparingInt(r -> runs.indexOf(r.run())));
            List<LatencyCharts.Curve> curves = new ArrayList<>();
            for (Row r : members) {
                String config = configLabel(r, lineParams);
                String label = join(" · ", byRun ? r.run().label() : "", config.isEmpty() ? r.result().method() : config)
                        + (TargetRate.below(r.result()) ? " (below target)" : "");
                // a colour per config, solid: dashes do not survive a curve of hundreds of short segments
                String colourKey = config.isEmpty() ? r.result().method() : config;
                curves.add(new LatencyCharts.Curve(label, colourKey, byRun ? runs.indexOf(r.run()) : 0, r));
            }
            boolean[] fromLogs = {false};
            XYChart chart = builder.distribution(curves, fromLogs);
            if (chart == null) {
                continue;
            }
            String title = "End-to-end latency by percentile (µs)";
            String by = "one line per config" + (byRun ? ", line style per run" : "");
            String subtitle = join(" · ", by, fixedLabel(e.getKey()), constant);
            String caption = "Lower is better. Each line is one config's latency distribution; moving right, each step adds a nine"
                    + " (90%, 99%, 99.9%...), so the right half is the tail users notice. "
                    + (fromLogs[0] ? "Drawn from every measured record in the run's latency/*.hlog (HdrHistogram logs, also readable by"
                    + " HdrHistogram's own tools); lines without a log use the jmh.json percentiles."
                    : "Drawn from the jmh.json percentiles (p50 to p99.99; no latency/*.hlog next to this run).")
                    + " \"(below target)\" marks configs whose achieved rate fell more than 5% short.";
            out.accept(new RenderedChart(benchmark, name + suffix(e.getKey()), title, caption, new Figure(title, subtitle, footer, chart)));
        }
    }

    /** "target rate=1000 records/s, linger.ms=0": the given params of a row that have values. */
    private static String configLabel(Row r, List<String> params) {
        return params.stream().filter(p -> p != null && r.param(p) != null).map(p -> ParamNames.assignment(p, r.param(p)))
                .collect(Collectors.joining(", "));
    }

    /** One line chart per fixed of the other varying params; nothing when x does not vary or the measure is absent. */
    private void sweep(Consumer<RenderedChart> out, String benchmark, String noun, String name, List<Row> rows,
                       Measure m, String x, List<String> seriesPrefs) {
        List<String> varying = Sweep.varying(rows);
        if (!varying.contains(x) || rows.stream().noneMatch(r -> m.presentIn(r.result()))) {
            return;
        }
        String seriesParam = Sweep.chooseSeries(varying, x, seriesPrefs);
        List<Sweep.Panel> panels = Sweep.panels(rows, x, seriesParam, runs, m).stream().filter(p -> p.maxSeriesPoints() >= 2).toList();
        // a param that would have been the series but was held constant says most about the one line, then the run's
        // shape (threads, partitions: only here when not 1): name them first, before the subtitle runs out of room
        Map<String, String> conditions = new LinkedHashMap<>();
        Map<String, String> held = Sweep.constant(rows);
        Stream.concat(seriesPrefs.stream(), Stream.of(BenchmarkResult.THREADS, BenchmarkResult.PARTITIONS))
                .filter(held::containsKey).forEach(p -> conditions.put(p, held.get(p)));
        conditions.putAll(held);
        String constant = fixedLabel(conditions);
        LineChartBuilder builder = new LineChartBuilder(theme);
        for (Sweep.Panel panel : cap(panels, name)) {
            String title = capitalise(join(" ", noun, m.title()));
            String by = (seriesParam == null ? "" : "one line per " + ParamNames.name(seriesParam))
                    + (byRun ? (seriesParam == null ? "one line per run" : ", runs in line styles") : "");
            boolean summed = m.unit().endsWith("/s") && threaded(rows, panel);
            String subtitle = join(" · ", "vs " + ParamNames.name(x) + (by.isEmpty() ? "" : ", " + by),
                    summed ? "total of all threads" : "", panel.fixedLabel(), constant);
            Chart<?, ?> chart = builder.build(panel, x, m);
            String caption = lineCaption(m, x, seriesParam, panel) + (summed ? " Above 1 thread each point is the total over all"
                    + " threads (JMH sums each thread's counters), not a per-thread rate." : "");
            out.accept(new RenderedChart(benchmark, name + suffix(panel.fixed()), title, caption,
                    new Figure(title, subtitle, footer(hasErrors(panel)), chart)));
        }
    }

    /** Whether any row drawn in this panel ran with more than one JMH thread. */
    private static boolean threaded(List<Row> rows, Sweep.Panel panel) {
        return rows.stream().filter(r -> panel.fixed().entrySet().stream().allMatch(f -> f.getValue().equals(r.param(f.getKey()))))
                .anyMatch(r -> r.result().threads() > 1);
    }

    private void heatMaps(Consumer<RenderedChart> out, String benchmark, String noun, String name, List<Row> rows,
                          Measure m, String x, String y) {
        List<String> varying = Sweep.varying(rows);
        if (!varying.contains(x) || !varying.contains(y)) {
            return;
        }
        List<String> fixedParams = new ArrayList<>(varying);
        fixedParams.remove(x);
        fixedParams.remove(y);
        String constant = constantLabel(rows);
        HeatMapBuilder builder = new HeatMapBuilder(theme);
        List<Map.Entry<String, List<Row>>> panels = new ArrayList<>();
        for (Run run : runs) {
            List<Row> mine = rows.stream().filter(r -> r.run() == run).toList();
            Sweep.group(mine, fixedParams).forEach((fixed, members) -> panels.add(Map.entry(
                    (byRun ? "run " + run.label() + (fixed.isEmpty() ? "" : ", ") : "") + fixedLabel(fixed) + "\u0000" + suffix(fixed) + (byRun ? "-" + slug(run.label()) : ""),
                    members)));
        }
        for (Map.Entry<String, List<Row>> e : cap(panels, name)) {
            String[] parts = e.getKey().split("\u0000", 2);
            HeatMapChart chart = builder.build(e.getValue(), x, y, m);
            if (chart == null) {
                continue;
            }
            String title = noun + " " + m.title();
            String subtitle = join(" · ", ParamNames.name(x) + " × " + ParamNames.name(y), parts[0], constant);
            String caption = (m.higherIsBetter() ? "Darker is better. " : "Darker is worse. ") + "Each cell is one config's "
                    + m.name() + (parts[0].isEmpty() ? "" : " at " + parts[0]) + "; best: " + HeatMapBuilder.best(e.getValue(), x, y, m) + ".";
            out.accept(new RenderedChart(benchmark, name + parts[1], title, caption, new Figure(title, subtitle, footer, chart)));
        }
    }

    private void percentiles(Consumer<RenderedChart> out, String benchmark, String noun, String name, List<Row> rows,
                             List<Measure> percentiles, List<String> seriesPrefs) {
        List<String> varying = Sweep.varying(rows);
        String seriesParam = byRun ? null : Sweep.chooseSeries(varying, null, seriesPrefs);
        List<String> fixedParams = new ArrayList<>(varying);
        fixedParams.remove(seriesParam);
        String constant = constantLabel(rows);
        PercentileBarBuilder builder = new PercentileBarBuilder(theme);
        List<Map.Entry<Map<String, String>, List<Row>>> panels = new ArrayList<>(Sweep.group(rows, fixedParams).entrySet());
        for (Map.Entry<Map<String, String>, List<Row>> e : cap(panels, name)) {
            Map<String, Row> series = new LinkedHashMap<>();
            List<Row> members = new ArrayList<>(e.getValue());
            if (seriesParam != null) {
                members.sort((a, b) -> Sweep.VALUE_ORDER.compare(a.param(seriesParam), b.param(seriesParam)));
            }
            members.forEach(r -> series.put(byRun ? r.run().label()
                    : seriesParam == null ? r.result().method() : ParamNames.assignment(seriesParam, r.param(seriesParam)), r));
            CategoryChart chart = builder.build(series, percentiles);
            if (chart == null) {
                continue;
            }
            Measure top = percentiles.get(percentiles.size() - 1);
            String title = capitalise(join(" ", noun, "latency percentiles (" + top.unit() + ")"));
            String by = byRun ? "one bar per run" : seriesParam == null ? "" : "one bar per " + ParamNames.name(seriesParam);
            String subtitle = join(" · ", by, fixedLabel(e.getKey()), constant);
            String spread = series.entrySet().stream().filter(s -> Double.isFinite(top.value(s.getValue().result())))
                    .map(s -> s.getKey() + ": " + Numbers.format(top.value(s.getValue().result())) + " " + top.unit())
                    .collect(Collectors.joining(", "));
            String caption = "Lower is better; log scale, so equal steps are equal ratios. The tail (" + top.name() + ") is where configs differ most — "
                    + spread + ".";
            out.accept(new RenderedChart(benchmark, name + suffix(e.getKey()), title, caption, new Figure(title, subtitle, footer, chart)));
        }
    }

    private String lineCaption(Measure m, String x, String seriesParam, Sweep.Panel panel) {
        String best = null;
        double bestValue = Double.NaN;
        for (Map.Entry<Sweep.SeriesKey, List<Sweep.Point>> s : panel.series().entrySet()) {
            for (Sweep.Point p : s.getValue()) {
                if (Double.isNaN(bestValue) || (m.higherIsBetter() ? p.y() > bestValue : p.y() < bestValue)) {
                    bestValue = p.y();
                    best = ParamNames.assignment(x, p.xValue()) + (panel.series().size() > 1 ? " (" + s.getKey().label() + ")" : "");
                }
            }
        }
        boolean errors = hasErrors(panel);
        String how = (seriesParam == null ? "" : " for each " + ParamNames.name(seriesParam)) + (byRun ? ", one line per run" : "");
        // "as linger.ms grows" only where the values are numbers, as the axis: keys=none, uniform:1000 ... have no order
        boolean ordered = panel.numeric();
        return (m.higherIsBetter() ? "Higher is better. " : "Lower is better. ") + capitalise(m.name())
                + (ordered ? " as " + ParamNames.name(x) + " grows" : " per " + ParamNames.name(x)) + how
                + (panel.fixed().isEmpty() ? "" : ", at " + panel.fixedLabel()) + "; "
                + (m.higherIsBetter() ? "best " : "lowest ") + Numbers.format(bestValue) + " " + m.unit() + " at " + best + "."
                + (errors ? " " + ERROR_BARS : "");
    }

    private <T> List<T> cap(List<T> panels, String name) {
        if (panels.size() <= MAX_PANELS) {
            return panels;
        }
        notes.add(name + ": " + panels.size() + " combinations of held-fixed params; only the first " + MAX_PANELS + " are drawn.");
        return panels.subList(0, MAX_PANELS);
    }

    private static String constantLabel(List<Row> rows) {
        return fixedLabel(Sweep.constant(rows));
    }

    private static String fixedLabel(Map<String, String> fixed) {
        return fixed.entrySet().stream().map(e -> ParamNames.assignment(e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }

    /** "-acks-1-message-size-100"; threads=1 and partitions=1, the defaults, are left out of file names. */
    private static String suffix(Map<String, String> fixed) {
        return fixed.entrySet().stream()
                .filter(e -> !(("threads".equals(e.getKey()) || "partitions".equals(e.getKey())) && "1".equals(e.getValue())))
                .map(e -> "-" + slug(e.getKey()) + "-" + slug(e.getValue())).collect(Collectors.joining());
    }

    static String slug(String s) {
        return s.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String join(String sep, String... parts) {
        return Stream.of(parts).filter(p -> p != null && !p.isEmpty()).collect(Collectors.joining(sep));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
