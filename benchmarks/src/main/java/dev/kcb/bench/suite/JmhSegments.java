package dev.kcb.bench.suite;

import dev.kcb.bench.common.BenchTarget;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs configurations one JMH invocation each, the way every measuring command does: each writes
 * {@code segments/NNN-<step>.json}, and after each one {@code jmh.json} is rewritten as the concatenation of all
 * segments so far, so a failure keeps what finished.
 */
public final class JmhSegments {
    private final Path runDir;
    private final CommandLineOptions jmh;
    private final List<String> sysProps;
    private final List<Path> files = new ArrayList<>();
    /** The forks' classpath (one kafka-clients version's benchmarks jar, see ClientJars); null: the runner's own. */
    private final Path forkClasspath;

    /** @throws IOException when {@code <runDir>/segments} cannot be created */
    public JmhSegments(Path runDir, CommandLineOptions jmh, List<String> sysProps) throws IOException {
        this(runDir, jmh, sysProps, null);
    }

    /** As above, with the forks on {@code forkClasspath} instead of the runner's classpath. */
    public JmhSegments(Path runDir, CommandLineOptions jmh, List<String> sysProps, Path forkClasspath) throws IOException {
        this.runDir = runDir;
        this.jmh = jmh;
        this.sysProps = List.copyOf(sysProps);
        this.forkClasspath = forkClasspath;
        Files.createDirectories(runDir.resolve("segments"));
    }

    /**
     * Runs one configuration and rewrites jmh.json.
     *
     * @return JMH's results for it (one, for a config with one value per param)
     * @throws RunnerException when the benchmark failed
     * @throws IOException     when jmh.json cannot be written
     */
    public Collection<RunResult> run(Plan.Config c) throws RunnerException, IOException {
        return run(c, List.of());
    }

    /** As {@link #run(Plan.Config)}, with more system properties for this configuration's forks. */
    public Collection<RunResult> run(Plan.Config c, List<String> extraSysProps) throws RunnerException, IOException {
        Path file = nextFile(c, ".json");
        files.add(file);
        String runnerClasspath = System.getProperty("java.class.path");
        try {
            if (forkClasspath != null) {
                // JMH 1.37 gives every fork "-cp <java.class.path>" as it is when the fork starts (Runner.addClasspath)
                // and has no option for it; a -cp in the JVM args would come before JMH's and lose. The runner's
                // own classes are loaded already, and forks run one at a time, so the property is swapped for the
                // run and restored after.
                System.setProperty("java.class.path", forkClasspath.toString());
            }
            return new Runner(SuiteRunner.options(c, jmh, forkProps(c, concat(sysProps, extraSysProps)), file)).run();
        } finally {
            System.setProperty("java.class.path", runnerClasspath);
            ResultFiles.writeAtomically(runDir.resolve("jmh.json"), ResultFiles.concatJmhArrays(files));
        }
    }

    /** The file the last {@link #run} wrote (JMH's own output). */
    public Path lastFile() {
        return files.get(files.size() - 1);
    }

    /** The name the next segment file gets: {@code segments/NNN-<step><suffix>}. */
    public Path nextFile(Plan.Config c, String suffix) {
        return runDir.resolve("segments").resolve(String.format("%03d-%s%s", files.size() + 1, c.step(), suffix));
    }

    /** Adds a segment file written elsewhere (an ab side's part of a sliced fork) and rewrites jmh.json. */
    public void add(Path file) throws IOException {
        files.add(file);
        ResultFiles.writeAtomically(runDir.resolve("jmh.json"), ResultFiles.concatJmhArrays(files));
    }

    /** The fork's system properties, with the configuration's own partitions in place of the run-wide ones. */
    static List<String> forkProps(Plan.Config c, List<String> props) {
        if (c.partitions() == null) {
            return props;
        }
        String prefix = "-D" + BenchTarget.PARTITIONS + "=";
        List<String> out = new ArrayList<>(props.stream().filter(p -> !p.startsWith(prefix)).toList());
        out.add(prefix + c.partitions());
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
