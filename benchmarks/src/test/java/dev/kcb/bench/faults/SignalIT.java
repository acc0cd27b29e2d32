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
}
