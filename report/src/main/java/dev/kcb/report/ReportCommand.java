package dev.kcb.report;

import dev.kcb.report.charts.ChartCatalog;
import dev.kcb.report.charts.RenderedChart;
import dev.kcb.report.charts.VersionCharts;
import dev.kcb.report.model.InputException;
import dev.kcb.report.model.Run;
import dev.kcb.report.model.RunLoader;
import dev.kcb.report.page.Doc;
import dev.kcb.report.page.HtmlWriter;
import dev.kcb.report.page.MarkdownWriter;
import dev.kcb.report.page.OutputDir;
import dev.kcb.report.page.ReportPage;
import dev.kcb.report.charts.ChangeChart;
import dev.kcb.report.compare.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Charts and a page (report.md, self-contained report.html) for one run, or several overlaid.",
                "Writes to <run dir>/report/ and mirrors the PNGs to the charts dir; with --out DIR, only to DIR (and to --charts-dir if given)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:report written", "1:could not write the output", "2:unusable input or bad options"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", arity = "0..*",
            description = "A results dir, a jmh.json, or a baseline name. Default: <results>/latest.")
    List<String> runs = new ArrayList<>();

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results", description = "Results root (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the report goes (default: <first RUN dir>/report).")
    Path out;

    @Option(names = "--charts-dir", paramLabel = "DIR", defaultValue = "${env:KCB_CHARTS_DIR:-charts}",
            description = "Mirror of the latest report's charts (default: $KCB_CHARTS_DIR, else charts; with --out, only when given).")
    Path chartsDir;

    @Option(names = "--publish", paramLabel = "DIR", description = "Also write DIR/README.md and its images, with relative links (e.g. docs/benchmarks).")
    Path publish;

    @Option(names = "--title", paramLabel = "T", description = "Page title (default: from the benchmarks' package:"
            + " \"Kafka client benchmarks\" for this suite's, else \"<package> benchmarks\", e.g. \"org.example.bench benchmarks\").")
    String title;

    @Option(names = "--svg", description = "Also write each chart as SVG.")
    boolean svg;

    @Option(names = "--label", paramLabel = "L", description = "Label per RUN, in order (default: the run id).")
    List<String> labels = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<Run> loaded = load();
        for (Run r : loaded) {
            long nan = r.results().stream().filter(b -> Double.isNaN(b.primary().score())).count();
            if (nan > 0) {
                stderr.println("warning: " + r.label() + ": " + nan + " config(s) have a NaN score; they are listed in the tables, and a NaN value is never charted");
            }
        }

        Path outDir = OutputDir.prepare(out != null ? out : matrixDir != null ? matrixDir.resolve("report") : runDir(loaded.get(0)).resolve("report"));
        ChartCatalog catalog = new ChartCatalog(loaded);
        List<RenderedChart> charts = new ArrayList<>(catalog.charts());
        if (matrixDir != null) {
            charts.addAll(0, VersionCharts.charts(loaded)); // a matrix's point: each headline against the version
        }
        for (RenderedChart c : charts) {
            c.figure().writePng(outDir.resolve(c.name() + ".png"));
            if (svg) {
                c.figure().writeSvg(outDir.resolve(c.name() + ".svg"));
            }
        }
        // the two sides of an ab run: the page opens with compare's verdict and its chart
        RunComparison ab = ReportPage.abVerdict(loaded);
        if (ab != null) {
            ChangeChart.write(ab.rows(), ab.baseline(), ab.candidate(), ab.thresholdPct(), ab.alpha(),
                    outDir.resolve(ReportPage.AB_CHART + ".png"));
        }
        Doc doc = new ReportPage(loaded, charts, catalog.notes(), ab).build(title != null ? title : ReportPage.defaultTitle(loaded), "png");
        String markdown = MarkdownWriter.write(doc);
        Files.writeString(outDir.resolve("report.md"), markdown);
        Files.writeString(outDir.resolve("report.html"), HtmlWriter.write(doc, outDir));
        stdout.println("report: " + outDir.resolve("report.md") + ", report.html and " + charts.size() + " chart(s)"
                + (svg ? " (PNG + SVG)" : ""));

        // a report with no charts (one config) leaves the last published charts in place rather than emptying the dir;
        // one written to an explicit --out is the user's own and mirrors only when --charts-dir says where
        boolean mirror = out == null || spec.commandLine().getParseResult().hasMatchedOption("--charts-dir");
        if (mirror && !charts.isEmpty() && chartsDir != null && !chartsDir.toString().isEmpty()
                && !chartsDir.toAbsolutePath().normalize().equals(outDir.toAbsolutePath().normalize())) {
            OutputDir.copyImages(outDir, OutputDir.prepare(chartsDir));
            stdout.println("charts: mirrored to " + chartsDir);
        }
        if (publish != null) {
            Path dir = OutputDir.prepare(publish);
            OutputDir.copyImages(outDir, dir);
            Files.writeString(dir.resolve("README.md"), markdown);
            stdout.println("published: " + dir.resolve("README.md"));
        }
        if (charts.isEmpty()) {
            stderr.println("warning: no chart could be drawn (no param was swept over 2+ values); the page has the tables only");
        }
        return 0;
    }

    /** The results dir of a version matrix given as the one RUN; null otherwise. */
    private Path matrixDir;

    private List<Run> load() {
        if (runs.size() == 1) {
            List<Run> matrix = new RunLoader(results).loadMatrix(runs.get(0));
            if (!matrix.isEmpty()) {
                if (!labels.isEmpty()) {
                    throw new InputException("a version matrix's runs are labelled with their versions: drop --label");
                }
                matrixDir = Path.of(runs.get(0));
                return matrix;
            }
        }
        List<String> specs = new ArrayList<>(runs);
        if (specs.isEmpty()) {
            Path latest = results.resolve("latest");
            if (!Files.exists(latest)) {
                throw new InputException("no RUN given and " + latest + " does not exist: run the suite first, or pass a results dir or jmh.json");
            }
            specs.add(latest.toString());
        }
        if (labels.size() > specs.size()) {
            throw new InputException(labels.size() + " --label(s) for " + specs.size() + " run(s): give at most one label per RUN");
        }
        RunLoader loader = new RunLoader(results);
        List<Run> loaded = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Run r = loader.load(specs.get(i));
            String label = i < labels.size() ? labels.get(i) : r.label();
            int n = seen.merge(label, 1, Integer::sum);
            loaded.add(r.withLabel(n == 1 ? label : label + " #" + n));
        }
        return loaded;
    }

    /** The run's dir: the results dir given, or the dir holding a bare jmh.json. */
    private static Path runDir(Run run) {
        Path parent = run.source().toAbsolutePath().getParent();
        return parent != null ? parent : Path.of(".").toAbsolutePath();
    }
}
