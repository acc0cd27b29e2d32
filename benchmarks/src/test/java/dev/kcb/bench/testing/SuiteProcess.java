package dev.kcb.bench.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the suite the way run.sh does — {@code java -cp benchmarks.jar dev.kcb.bench.suite.SuiteRunner ARGS} — in
 * its own process, so tests exercise the shipped jar, real forks and real exit codes.
 */
public final class SuiteProcess {
    /** What the process did: exit code, everything it printed (stdout and stderr merged), and how long it took. */
    public record Outcome(int exitCode, String output, long millis, Process process) {
    }

    private SuiteProcess() {
    }

    public static Outcome run(Path resultsDir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return run(resultsDir, timeoutSeconds, Map.of(), args);
    }

    public static Outcome run(Path resultsDir, long timeoutSeconds, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Process p = start(resultsDir, env, args);
        return await(p, resultsDir, timeoutSeconds);
    }

    /** Runs a subcommand ({@code calibrate}, {@code clients}): its options, --results-dir included, follow its name. */
    public static Outcome runSubcommand(Path resultsDir, long timeoutSeconds, String subcommand, String... args)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(subcommand, "--results-dir", resultsDir.toString()));
        all.addAll(List.of(args));
        return await(startRaw(resultsDir, Map.of(), all), resultsDir, timeoutSeconds);
    }

    public static Process start(Path resultsDir, Map<String, String> env, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--results-dir", resultsDir.toString()));
        all.addAll(List.of(args));
        return startRaw(resultsDir, env, all);
    }

    private static Process startRaw(Path resultsDir, Map<String, String> env, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Dkcb.home=" + TestBroker.home(),
                // other checkouts on a shared machine may run JMH at the same time; the tests check behaviour, not speed
                "-Djmh.ignoreLock=true",
                "-cp", TestBroker.benchmarksJar().toString(), "dev.kcb.bench.suite.SuiteRunner"));
        cmd.addAll(args);
        Files.createDirectories(resultsDir);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(resultsDir.resolve("suite-output.log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    public static Outcome await(Process p, Path resultsDir, long timeoutSeconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("suite did not finish within " + timeoutSeconds + " s; output:\n"
                    + Files.readString(resultsDir.resolve("suite-output.log")));
        }
        return new Outcome(p.exitValue(), Files.readString(resultsDir.resolve("suite-output.log")),
                (System.nanoTime() - start) / 1_000_000, p);
    }

    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
