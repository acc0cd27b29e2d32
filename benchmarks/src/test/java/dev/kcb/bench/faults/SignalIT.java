package dev.kcb.bench.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a benchmark runs: every process the run started (broker nodes, the JMH fork)
 * is gone, the broker's data dir is removed, and run.json says the run was interrupted.
 */
class SignalIT {
    @TempDir
    Path results;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void signalStopsEveryChildAndRemovesTheDataDir(String signal) throws Exception {
        assumeFalse(ignoredHere(signal), "SIG" + signal + " is ignored by this JVM (SigIgn in /proc/self/status: a "
                + "non-interactive shell's background job, e.g. `mvn verify &`, starts with SIGINT ignored), and the suite "
                + "inherits that as every program does; run the tests in the foreground to test SIG" + signal);
        Process suite = SuiteProcess.start(results, Map.of(), "--broker", "local", "--profile", "smoke", "--run-id", "sig",
                "-wi", "0", "-i", "1", "-r", "60", "ProducerSendBenchmark.sendAsync");
        Path log = results.resolve("suite-output.log");
        // the fork banner: a JMH fork runs (its iteration line only appears when the 60 s iteration ends)
        assertThat(Children.awaitText(log, "# Fork: 1 of 1", suite, 180)).as(Files.readString(log)).isTrue();
        Thread.sleep(2000);
        List<ProcessHandle> children = suite.descendants().toList();
        List<ProcessHandle> nodes = Children.brokerNodes(suite);
        assertThat(nodes).as("broker node running").isNotEmpty();
        assertThat(children.size()).as("broker node(s) and a JMH fork").isGreaterThan(nodes.size());
        Path dataDir = Children.dataDir(nodes.get(0)).orElseThrow();

        new ProcessBuilder("kill", "-" + signal, String.valueOf(suite.pid())).start().waitFor();
        assertThat(suite.waitFor(30, TimeUnit.SECONDS)).as("suite stopped within 30 s of SIG" + signal).isTrue();
        Children.awaitDead(children, 5);
        Children.showUserLines("SIG" + signal + ", exit " + suite.exitValue(), Files.readString(log));

        assertThat(children).as("no orphans").noneMatch(ProcessHandle::isAlive);
        assertThat(Children.brokerNodesWithDataDir(dataDir)).isEmpty();
        assertThat(dataDir).doesNotExist();
        assertThat(new ObjectMapper().readTree(results.resolve("sig/run.json").toFile()).path("status").asText())
                .isEqualTo("interrupted");
    }

    /** Whether this process ignores the signal: the suite, started from it, then inherits SIG_IGN across exec. */
    static boolean ignoredHere(String signal) throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        int number = switch (signal) {
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException(signal);
        };
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16) >> (number - 1) & 1) == 1)
                .orElse(false);
    }
}
