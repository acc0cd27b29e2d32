package dev.kcb.report.compare;

import dev.kcb.report.charts.ChangeChart;
import dev.kcb.report.model.InputException;
import dev.kcb.report.model.Run;
import dev.kcb.report.model.RunLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code compare BASELINE CANDIDATE}: per entry and metric, improved / regressed / unchanged / missing / new.
 * Exit 0 when nothing regressed, 1 when something did, 2 on unusable input (one line on stderr, no stack trace).
 * {@code compare RUN} of a kafka-clients version matrix ({@code ./run.sh --client-version A,B,C}) compares each version
 * with the one before it (A → B, B → C), each step in its own {@code RUN/compare-A-vs-B/}; exit 1 when any step regressed.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two runs: per benchmark entry (benchmark, mode, params) and headline metric, "
                + "improved / regressed / unchanged / missing / new.",
                "regressed = worse by more than --threshold %% AND one-sided p_worse < --alpha (t-test; "
                        + "pooled iterations when a joint F-test over both sides finds no fork effect at 0.25, "
                        + "else per-fork means with the nested t, or Welch when the sides differ in shape).",
                "Writes compare.md, compare.json and compare.png. Exit: 0 no regression, 1 regression, 2 unusable input.",
                "compare RUN, for a version matrix (./run.sh --client-version A,B,C): each version against the one before it,"
                        + " RUN/compare-A-vs-B/ and so on; exit 1 when any step regressed."})
public class CompareCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int REGRESSION = 1;
    public static final int BAD_INPUT = 2;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "results dir, jmh.json, or saved baseline name")
    String baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", arity = "0..1",
            description = "results dir, jmh.json, or saved baseline name; none when BASELINE is a version matrix's results dir")
    String candidate;

    /** The defaults of --threshold and --alpha, which run.sh ab uses and the report's A/B section repeats. */
    public static final double DEFAULT_THRESHOLD_PCT = 5;
    public static final double DEFAULT_ALPHA = 0.01;

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "5",
            description = "minimum change in %% for a verdict other than unchanged (default: ${DEFAULT-VALUE})")
    double thresholdPct;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.01",
            description = "significance level; CIs are at 1-A confidence (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "${sys:kcb.home:-.}/results",
            description = "results root, where saved baselines live under baselines/ (default: the project's results/, ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--out", paramLabel = "DIR",
            description = "output dir (default: CANDIDATE/compare-vs-<baseline id>/ when CANDIDATE is a results dir,"
                    + " else <results>/compare-<baseline id>-vs-<candidate id>/)")
    Path out;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            if (!(thresholdPct >= 0) || !(alpha > 0 && alpha < 1)) {
                throw new InputException("--threshold must be >= 0 and --alpha in (0, 1)");
            }
            RunLoader loader = new RunLoader(results);
            if (candidate == null) {
                return versionSteps(loader.loadMatrix(baseline), stdout);
            }
            Run base = loader.load(baseline);
            Run cand = loader.load(candidate);
            RunComparison c = compare(base, cand, outputDir(base, cand).toAbsolutePath().normalize(), stdout);
            return c.count(Verdict.REGRESSED) > 0 ? REGRESSION : OK;
        } catch (InputException e) {
            stderr.println("compare: " + e.getMessage());
            stderr.flush();
            return BAD_INPUT;
        } catch (IOException | RuntimeException e) {
            stderr.println("compare: failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            stderr.flush();
            return BAD_INPUT;
        }
    }

    /** One comparison, its files written to {@code dir} and its table printed. */
    private RunComparison compare(Run base, Run cand, Path dir, PrintWriter stdout) throws IOException {
        RunComparison c = new RunComparison(base, cand, thresholdPct, alpha);
        if (c.sharedEntries() == 0) {
            throw new InputException("nothing to compare: " + base.label() + " and " + cand.label()
                    + " share no benchmark entries (same benchmark, mode and params)");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("compare.md"), CompareOutput.markdown(c));
        Files.writeString(dir.resolve("compare.json"), CompareOutput.json(c));
        ChangeChart.write(c.rows(), base, cand, thresholdPct, alpha, dir.resolve("compare.png"));
        stdout.print(CompareOutput.console(c));
        stdout.println("wrote " + dir.resolve("compare.md") + ", compare.json, compare.png");
        stdout.flush();
        return c;
    }

    /** A version matrix: each version against the one before it, in the matrix's order. */
    private int versionSteps(List<Run> versions, PrintWriter stdout) throws IOException {
        if (versions.isEmpty()) {
            throw new InputException("compare needs BASELINE and CANDIDATE, or one version matrix's results dir"
                    + " (./run.sh --client-version A,B); " + baseline + " is not one");
        }
        if (versions.size() < 2) {
            throw new InputException(baseline + ": a version matrix of one version has nothing to compare");
        }
        Path root = out != null ? out : Path.of(baseline);
        List<String> summary = new java.util.ArrayList<>();
        long regressed = 0;
        for (int i = 1; i < versions.size(); i++) {
            Run base = versions.get(i - 1);
            Run cand = versions.get(i);
            stdout.println();
            stdout.println("kafka-clients " + base.label() + " -> " + cand.label() + ":");
            RunComparison c = compare(base, cand, root.resolve("compare-" + safe(base.label()) + "-vs-" + safe(cand.label()))
                    .toAbsolutePath().normalize(), stdout);
            regressed += c.count(Verdict.REGRESSED);
            summary.add(base.label() + " -> " + cand.label() + ": " + c.count(Verdict.REGRESSED) + " regression(s), "
                    + c.count(Verdict.IMPROVED) + " improvement(s)");
        }
        stdout.println();
        stdout.println("versions: " + String.join("; ", summary));
        stdout.flush();
        return regressed > 0 ? REGRESSION : OK;
    }

    /**
     * --out; else beside the candidate when it is a results dir; else under the results root (the project's
     * {@code results/} when run.sh runs it), never the current directory.
     */
    private Path outputDir(Run base, Run cand) {
        if (out != null) {
            return out;
        }
        if (Files.isDirectory(Path.of(candidate))) {
            return Path.of(candidate).resolve("compare-vs-" + safe(base.id()));
        }
        return results.resolve("compare-" + safe(base.id()) + "-vs-" + safe(cand.id()));
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Usage errors (missing arguments, unknown or malformed options): one line on stderr, exit 2, no usage dump.
     * Picocli's default handler prints the message plus the full usage help and exits 2 as well.
     */
    static final CommandLine.IParameterExceptionHandler USAGE_ERROR = (e, args) -> {
        PrintWriter err = e.getCommandLine().getErr();
        String msg = e.getMessage() == null ? e.toString() : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        err.println("compare: " + msg + " (try --help)");
        err.flush();
        return BAD_INPUT;
    };

    /** The command line as the CLI uses it: {@link #USAGE_ERROR} for usage errors. */
    public static CommandLine commandLine() {
        return new CommandLine(new CompareCommand()).setParameterExceptionHandler(USAGE_ERROR);
    }

    /** Runs the command as the CLI would, with the given writers; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
