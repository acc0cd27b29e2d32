package dev.kcb.bench.suite;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A measured program in its own process (Kafka's perf tools, the client drivers): output (stdout and stderr
 * merged) goes to a log file in the run dir, kept as evidence; a process that overruns its time is killed.
 */
public final class ChildProcess {
    /** What it did: exit code (-1 when killed for overrunning), everything it printed, and where that is kept. */
    public record Outcome(int exitCode, String output, Path log) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The last non-blank line, for one-line error messages. */
        public String lastLine() {
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
        }
    }

    private ChildProcess() {
    }

    public static Outcome run(List<String> command, Path log, Duration timeout) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "$ " + String.join(" ", command) + "\n");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int exit;
        try {
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = p.exitValue();
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                exit = -1;
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        }
        String all = Files.readString(log);
        String output = all.substring(all.indexOf('\n') + 1);
        if (exit == -1) {
            output += "\n(killed after " + timeout.toSeconds() + " s)";
        }
        return new Outcome(exit, output, log);
    }

    /** The java of the running JVM: children run on the same JDK as the runner and its JMH forks. */
    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JVM flags JMH gives a benchmark's forks (its @Fork jvmArgsAppend), read from the benchmark list. */
    public static List<String> jvmArgsOf(String benchmark) {
        var silent = OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(silent, List.of("^" + Pattern.quote(benchmark) + "$"), List.of())) {
            if (e.getJvmArgsAppend().hasValue()) {
                return List.copyOf(e.getJvmArgsAppend().get());
            }
        }
        return List.of();
    }
}
