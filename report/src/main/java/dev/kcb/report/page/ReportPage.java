package dev.kcb.report.page;

import dev.kcb.report.charts.ChartCatalog;
import dev.kcb.report.charts.ClientsChart;
import dev.kcb.report.charts.RenderedChart;
import dev.kcb.report.compare.CompareCommand;
import dev.kcb.report.compare.CompareOutput;
import dev.kcb.report.compare.MetricGroup;
import dev.kcb.report.compare.Row;
import dev.kcb.report.compare.RunComparison;
import dev.kcb.report.compare.Verdict;
import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.HostSteal;
import dev.kcb.report.model.KnownBenchmark;
import dev.kcb.report.model.Measure;
import dev.kcb.report.model.Numbers;
import dev.kcb.report.model.ParamNames;
import dev.kcb.report.model.Run;
import dev.kcb.report.model.TargetRate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What the page says: environment, then per benchmark the call-outs, the table of every config and the charts. */
public final class ReportPage {
    /** Benchmarks a full suite run has; the page says which of them a run left out. */
    private static final Set<KnownBenchmark> CORE = EnumSet.of(KnownBenchmark.PRODUCER_ASYNC, KnownBenchmark.PRODUCER_SYNC, KnownBenchmark.CONSUMER_POLL,
            KnownBenchmark.END_TO_END);
    private static final Map<KnownBenchmark, String> SCORE_MEANING = Map.of(
            KnownBenchmark.TRANSACTIONAL, "Score: sends/s handed to `send()` inside transactions, commits included (JMH ops/s). Acked MB/s and"
                    + " records/s count committed records only; commit p50/p99 are the latency of one `commitTransaction()`, in µs; aborted"
                    + " transactions must be 0 (any fails the run). 1 MB = 10^6 bytes.",
            KnownBenchmark.PRODUCER_ASYNC, "Score: sends/s handed to `send()` (JMH ops/s). Acked MB/s and records/s count what the broker acknowledged; 1 MB = 10^6 bytes.",
            KnownBenchmark.PRODUCER_SYNC, "Score: mean latency of a `send().get()` round trip (JMH sample mode); percentiles from JMH's histogram.",
            KnownBenchmark.CONSUMER_POLL, "Score: `poll()` calls/s (JMH ops/s). Consumed MB/s and records/s count what the polls returned; 1 MB = 10^6 bytes.",
            KnownBenchmark.END_TO_END, "Score: records/s handed to `send()` on an open-loop schedule at the target rate (JMH ops/s)."
                    + " The numbers to read are the latencies, in µs, from each record's due time on the schedule (not the `send()` call,"
                    + " so a stalled producer cannot hide its stall) to its receipt by a consumer in the same JVM (end-to-end) or to its"
                    + " producer callback (ack); each is the mean of the measured iterations' percentiles. Lower is better.");

    private final List<Run> runs;
    private final List<RenderedChart> charts;
    private final List<String> notes;
    /** The two sides of one {@code ab} run compared, or null. */
    private final RunComparison abVerdict;

    /** @param notes extra remarks for the page (charts left out and why) */
    public ReportPage(List<Run> runs, List<RenderedChart> charts, List<String> notes) {
        this(runs, charts, notes, null);
    }

    /** @param abVerdict the comparison of an ab run's two sides, shown as the page's first section; null for none */
    public ReportPage(List<Run> runs, List<RenderedChart> charts, List<String> notes, RunComparison abVerdict) {
        this.runs = runs;
        this.charts = charts;
        this.notes = notes;
        this.abVerdict = abVerdict;
    }

    /** The chart file of the A/B section, written by the report command beside the other charts. */
    public static final String AB_CHART = "ab-change";

    /**
     * The comparison to show when {@code runs} are the baseline and candidate sides of one {@code ab} run, in that
     * order, with the thresholds {@code ./run.sh ab} uses; null otherwise.
     */
    public static RunComparison abVerdict(List<Run> runs) {
        if (runs.size() != 2 || !"baseline".equals(runs.get(0).info().get("abSide"))
                || !"candidate".equals(runs.get(1).info().get("abSide"))) {
            return null;
        }
        RunComparison c = new RunComparison(runs.get(0), runs.get(1), CompareCommand.DEFAULT_THRESHOLD_PCT, CompareCommand.DEFAULT_ALPHA);
        return c.sharedEntries() == 0 ? null : c;
    }

    /** The title of this suite's pages. */
    public static final String SUITE_TITLE = "Kafka client benchmarks";
    private static final String SUITE_PACKAGE = "dev.kcb.bench";

    /**
     * The page title the input calls for: {@link #SUITE_TITLE} for this suite's benchmarks (and for runs with only
     * calibrate's or clients' results), else "&lt;package&gt; benchmarks" for the package all benchmarks share
     * ("org.example.bench benchmarks"), else "JMH benchmarks".
     */
    public static String defaultTitle(List<Run> runs) {
        List<String[]> packages = runs.stream().flatMap(r -> r.results().stream())
                .map(b -> ChartCatalog.className(b.benchmark())).map(c -> c.contains(".") ? ChartCatalog.className(c).split("\\.") : new String[0])
                .toList();
        if (packages.isEmpty()) {
            return SUITE_TITLE;
        }
        List<String> common = new ArrayList<>(List.of(packages.get(0)));
        for (String[] p : packages) {
            int n = 0;
            while (n < common.size() && n < p.length && common.get(n).equals(p[n])) {
                n++;
            }
            common = new ArrayList<>(common.subList(0, n));
        }
        String pkg = String.join(".", common);
        if (pkg.equals(SUITE_PACKAGE) || pkg.startsWith(SUITE_PACKAGE + ".")) {
            return SUITE_TITLE;
        }
        return pkg.isEmpty() ? "JMH benchmarks" : pkg + " benchmarks";
    }

    /** @param imageExt "png": which file the page links for each chart */
    public Doc build(String title, String imageExt) {
        Doc doc = new Doc(title);
        doc.add(new Doc.Para(runs.size() == 1
                ? "Run `" + runs.get(0).id() + "` (profile " + runs.get(0).info().profile() + ")"
                + (runs.get(0).results().isEmpty() ? "." : ", " + runs.get(0).results().size() + " configs.")
                : "Runs overlaid: " + runs.stream().map(r -> "**" + r.label() + "** (`" + r.id() + "`)").collect(Collectors.joining(", "))
                + ". Charts draw one series per run."));
        if (abVerdict != null) {
            abSection(doc, imageExt);
        }
        environment(doc);
        List<String> remarks = remarks();
        if (!remarks.isEmpty()) {
            doc.add(new Doc.Heading(2, "Notes"));
            remarks.forEach(r -> doc.add(new Doc.Para("- " + r)));
        }
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            if (run.sidecars().hasCalibration()) {
                SidecarSections.calibration(doc, run, runs.size() > 1);
            }
            if (run.sidecars().hasClients()) {
                SidecarSections.clients(doc, run, runs.size() > 1, ClientsChart.name(i, runs.size()), charts, imageExt);
            }
        }
        Set<String> classes = new java.util.HashSet<>();
        for (String benchmark : benchmarks()) {
            if (classes.add(ChartCatalog.className(benchmark))) {
                classSection(doc, ChartCatalog.className(benchmark), imageExt);
            }
            section(doc, benchmark, imageExt);
        }
        return doc;
    }

    /** A class's own charts (its methods side by side), before the sections of its methods; nothing when it has none. */
    private void classSection(Doc doc, String cls, String imageExt) {
        List<RenderedChart> mine = charts.stream().filter(c -> c.benchmark().equals(cls)).toList();
        if (mine.isEmpty()) {
            return;
        }
        doc.add(new Doc.Heading(2, cls.substring(cls.lastIndexOf('.') + 1) + " — its methods side by side"));
        mine.forEach(c -> doc.add(new Doc.Image(c.name() + "." + imageExt, c.title(), c.caption())));
    }

    /** What an ab run found: compare's verdict table, its notes and its chart, as {@code ./run.sh compare} prints them. */
    private void abSection(Doc doc, String imageExt) {
        doc.add(new Doc.Heading(2, "A/B verdict"));
        doc.add(new Doc.Para("**" + abVerdict.summary() + "** (`" + abVerdict.candidate().label() + "` against `"
                + abVerdict.baseline().label() + "`). " + CompareOutput.abLine(abVerdict)));
        List<Boolean> numeric = new ArrayList<>();
        for (int i = 0; i < CompareOutput.HEADER_CELLS.size(); i++) {
            numeric.add(i >= 3 && i <= 6);
        }
        doc.add(new Doc.Table(CompareOutput.HEADER_CELLS, numeric, verdictCells(abVerdict.rows(MetricGroup.SPEED))));
        List<Row> cost = abVerdict.rows(MetricGroup.COST);
        if (!cost.isEmpty()) {
            doc.add(new Doc.Para(CompareOutput.COST_TITLE + ":"));
            doc.add(new Doc.Table(CompareOutput.HEADER_CELLS, numeric, verdictCells(cost)));
        }
        CompareOutput.notes(abVerdict).forEach(n -> doc.add(new Doc.Para("- " + n)));
        doc.add(new Doc.Image(AB_CHART + "." + imageExt, "Change per metric",
                "Bars: candidate / baseline − 1 per metric; whiskers: the confidence interval; red regressed, green improved."));
    }

    private static List<List<String>> verdictCells(List<Row> rows) {
        return rows.stream().map(r -> {
            String[] cells = CompareOutput.cells(r);
            if (r.verdict() == Verdict.REGRESSED || r.verdict() == Verdict.IMPROVED) {
                cells[cells.length - 1] = "**" + cells[cells.length - 1] + "**";
            }
            return List.of(cells);
        }).toList();
    }

    private void environment(Doc doc) {
        doc.add(new Doc.Heading(2, "Environment"));
        String[][] fields = {
                {"Run id", "runId"}, {"Profile", "profile"}, {"Command", "command"}, {"Start", "start"}, {"End", "end"},
                {"Kafka client", "kafka.clientVersion"}, {"Kafka broker", "kafka.brokerVersion"}, {"Broker mode", "broker.mode"},
                {"Bootstrap servers", "broker.bootstrapServers"}, {"Brokers", "broker.brokers"},
                {"JVM", "jvm.version"}, {"JVM vendor", "jvm.vendor"}, {"OS", "os.name"}, {"CPUs", "host.cpus"},
                {"Host steadiness (before the broker started)", "host.speedProbe.summary"},
                {"Git commit", "git.commit"}, {"Producer config", "clientConfig.producer"}, {"Consumer config", "clientConfig.consumer"}};
        List<String> header = new ArrayList<>(List.of("Field"));
        runs.forEach(r -> header.add(r.label()));
        List<List<String>> rows = new ArrayList<>();
        for (String[] f : fields) {
            List<String> row = new ArrayList<>(List.of(f[0]));
            runs.forEach(r -> row.add(code(r.info().get(f[1]))));
            rows.add(row);
        }
        List<String> jmh = new ArrayList<>(List.of("JMH / JDK (from jmh.json)"));
        runs.forEach(r -> jmh.add(r.results().isEmpty() ? "unknown"
                : "JMH " + r.results().get(0).jmhVersion() + ", " + r.results().get(0).vmName() + " " + r.results().get(0).jdkVersion()));
        rows.add(jmh);
        doc.add(new Doc.Table(header, header.stream().map(h -> false).toList(), rows));
        if (runs.stream().anyMatch(r -> !r.info().present())) {
            doc.add(new Doc.Para("No run.json was found for "
                    + runs.stream().filter(r -> !r.info().present()).map(Run::label).collect(Collectors.joining(", "))
                    + ": its environment is unknown."));
        }
    }

    private List<String> remarks() {
        List<String> out = new ArrayList<>();
        for (Run run : runs) {
            Set<KnownBenchmark> present = EnumSet.noneOf(KnownBenchmark.class);
            run.results().forEach(r -> {
                KnownBenchmark k = KnownBenchmark.of(r);
                if (k != null) {
                    present.add(k);
                }
            });
            List<String> missing = CORE.stream().filter(k -> !present.contains(k)).map(KnownBenchmark::title).toList();
            String who = runs.size() > 1 ? run.label() + ": " : "";
            if (!missing.isEmpty() && !run.results().isEmpty()) {
                out.add(who + "not in this run: " + String.join(", ", missing) + " (no table or chart for it).");
            }
            long below = run.results().stream().filter(r -> KnownBenchmark.of(r) == KnownBenchmark.END_TO_END && TargetRate.below(r)).count();
            if (below > 0) {
                out.add(who + below + " end-to-end latency config(s) fell more than 5% short of their target rate: see the latency section.");
            }
            String noBrokerCpu = run.info().brokerCpuUnavailable();
            if (noBrokerCpu != null) {
                out.add(who + "broker CPU per record: not available (" + noBrokerCpu + "); the client's CPU and allocation per record are measured.");
            }
            for (String g : run.info().configSlices()) {
                out.add(who + "configurations that took turns in one fork, one iteration each (their intervals come from that"
                        + " fork's iterations; the host's drift over the segment fell on all of them alike): " + g + ".");
            }
            HostSteal steal = HostSteal.of(run.results());
            if (steal != null && steal.notable()) {
                out.add(who + steal.note());
            }
            long nan = run.results().stream().filter(r -> Double.isNaN(r.primary().score())).count();
            if (nan > 0) {
                out.add(who + nan + " config(s) have no score (JMH wrote NaN): listed in the tables; NaN values are left out of the charts.");
            }
        }
        out.addAll(notes);
        return out;
    }

    private List<String> benchmarks() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        runs.forEach(r -> r.results().forEach(b -> names.add(b.benchmark())));
        return new ArrayList<>(names);
    }

    private record Entry(Run run, BenchmarkResult result) {
    }

    private void section(Doc doc, String benchmark, String imageExt) {
        List<Entry> entries = new ArrayList<>();
        runs.forEach(run -> run.results().stream().filter(b -> b.benchmark().equals(benchmark)).forEach(b -> entries.add(new Entry(run, b))));
        BenchmarkResult first = entries.get(0).result();
        KnownBenchmark k = KnownBenchmark.of(first);
        doc.add(new Doc.Heading(2, (k == null ? first.shortName() : k.title()) + " — `" + first.shortName() + "`"));
        boolean threaded = entries.stream().anyMatch(e -> e.result().threads() > 1);
        doc.add(new Doc.Para("Mode `" + first.mode() + "`, unit " + first.primary().unit() + ". "
                + (k == null ? "" : SCORE_MEANING.getOrDefault(k, ""))
                + (threaded ? " Configs with threads > 1 ran that many JMH threads (each with its own client unless"
                + " sharedProducer=true); their rates are totals over all threads, as JMH sums the threads' counters." : "")));

        if (entries.stream().anyMatch(e -> Measure.CLIENT_CPU.presentIn(e.result()))) {
            doc.add(new Doc.Para("Cost per record, lower is better: client CPU (ns, the benchmark JVM's process CPU time, GC and JIT"
                    + " included), broker CPU (ns, all nodes) and client heap allocation (B), each over a measured iteration divided"
                    + " by the records " + (k == KnownBenchmark.CONSUMER_POLL ? "consumed" : "acknowledged") + " in it."));
        }
        Measure rank = k == null ? Measure.raw(null, first.primary().unit()) : k.rankBy();
        callout(doc, entries, rank);

        List<Measure> headline = k == null ? List.of() : k.headline().stream()
                .filter(m -> entries.stream().anyMatch(e -> m.presentIn(e.result()))).toList();
        Set<String> params = new TreeSet<>();
        entries.forEach(e -> params.addAll(e.result().config().keySet())); // threads and partitions only where some entry is not at 1
        List<String> header = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        if (runs.size() > 1) {
            header.add("Run");
            numeric.add(false);
        }
        params.forEach(p -> {
            header.add(ParamNames.name(p));
            numeric.add(true);
        });
        header.addAll(List.of("Score ± 95% CI", "Unit"));
        numeric.addAll(List.of(true, false));
        headline.forEach(m -> {
            header.add(m.name() + " (" + m.unit() + ")");
            numeric.add(true);
        });
        List<List<String>> rows = new ArrayList<>();
        for (Entry e : entries) {
            List<String> row = new ArrayList<>();
            if (runs.size() > 1) {
                row.add(e.run().label());
            }
            params.forEach(p -> row.add(e.result().dimensions().getOrDefault(p, "")));
            row.add(Numbers.withError(e.result().primary().score(), e.result().primary().halfWidth()));
            row.add(e.result().primary().unit());
            headline.forEach(m -> row.add(m.presentIn(e.result())
                    ? (m.percentile() == null ? Numbers.withError(m.value(e.result()), m.error(e.result())) : Numbers.format(m.value(e.result())))
                    + (m == Measure.ACHIEVED_RATE && TargetRate.below(e.result()) ? " (below target)" : "")
                    : "–"));
            rows.add(row);
        }
        doc.add(new Doc.Table(header, numeric, rows));
        if (k == KnownBenchmark.END_TO_END) {
            targetRateCheck(doc, entries);
        }

        for (RenderedChart c : charts) {
            if (c.benchmark().equals(benchmark)) {
                doc.add(new Doc.Image(c.name() + "." + imageExt, c.title(), c.caption()));
            }
        }
    }

    /** The latency section's load check: configs whose achieved rate fell more than 5% short of the target. */
    private void targetRateCheck(Doc doc, List<Entry> entries) {
        List<Entry> checked = entries.stream().filter(e -> Double.isFinite(TargetRate.shortfall(e.result()))).toList();
        List<Entry> below = checked.stream().filter(e -> TargetRate.below(e.result())).toList();
        if (checked.isEmpty()) {
            doc.add(new Doc.Para("No achieved rate in these results: whether each config ran at its target load is unknown."));
        } else if (below.isEmpty()) {
            doc.add(new Doc.Para("Every config reached its target rate within 5%: the latencies above are those of the load asked for."));
        } else {
            doc.add(new Doc.Para("**Below target rate** — " + below.size() + " of " + checked.size() + " configs fell more than 5% short;"
                    + " their latencies are those of a lower load than asked for, and are not comparable with the others':"));
            below.forEach(e -> doc.add(new Doc.Para("- " + describe(e, Measure.ACHIEVED_RATE) + ", "
                    + String.format(java.util.Locale.ROOT, "%.1f%%", 100 * TargetRate.shortfall(e.result())) + " below the target")));
        }
    }

    private void callout(Doc doc, List<Entry> entries, Measure rank) {
        List<Entry> ranked = entries.stream().filter(e -> Double.isFinite(rank.value(e.result())))
                .sorted(Comparator.comparingDouble(e -> rank.value(e.result()))).toList();
        if (ranked.size() < 2) {
            return;
        }
        Entry low = ranked.get(0);
        Entry high = ranked.get(ranked.size() - 1);
        Entry best = rank.higherIsBetter() ? high : low;
        Entry worst = rank.higherIsBetter() ? low : high;
        doc.add(new Doc.Para("**Best** by " + rank.name() + ": " + describe(best, rank) + ". **Worst**: " + describe(worst, rank) + "."));
    }

    private String describe(Entry e, Measure m) {
        String params = e.result().config().entrySet().stream().map(p -> ParamNames.assignment(p.getKey(), p.getValue()))
                .collect(Collectors.joining(", "));
        return "**" + Numbers.format(m.value(e.result())) + " " + m.unit() + "** at " + (params.isEmpty() ? "(no params)" : params)
                + (runs.size() > 1 ? " (" + e.run().label() + ")" : "");
    }

    private static String code(String v) {
        return "unknown".equals(v) ? v : "`" + v + "`";
    }
}
