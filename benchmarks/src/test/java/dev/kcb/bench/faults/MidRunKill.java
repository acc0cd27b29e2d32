package dev.kcb.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker-dies scenario shared by local and container mode: two sendAsync configs (acks=1, then acks=all); the
 * broker is killed while the second one measures; the run must fail in bounded time, name the cause, and keep the
 * first config's result, which the report still reads.
 */
final class MidRunKill {
    private MidRunKill() {
    }

    static Process start(Path results, String brokerMode) throws Exception {
        List<String> args = new ArrayList<>(List.of("--broker", brokerMode, "--profile", "smoke", "--run-id", "killed",
                "-wi", "1", "-w", "2", "-i", "1", "-r", "4", "ProducerSendBenchmark.sendAsync", "-p", "acks=1,all"));
        return SuiteProcess.start(results, Map.of(), args.toArray(String[]::new));
    }

    /**
     * Waits until the second config's fork measures: a line starting "Iteration   1" after "[2/2]". JMH prints
     * "# Warmup Iteration   1" before the trial setup runs, so waiting for that text alone would kill the broker
     * while the fork was still creating its topic.
     */
    static void awaitSecondConfigMeasuring(Path results, Process suite, long startSeconds) throws Exception {
        Path log = results.resolve("suite-output.log");
        assertThat(Children.awaitText(log, "[2/2]", suite, startSeconds)).as("second configuration started").isTrue();
        assertThat(Files.readString(results.resolve("killed/jmh.json"))).contains("\"acks\" : \"1\"");
        assertThat(Children.awaitTextAfter(log, "[2/2]", "\nIteration   1", suite, 60)).isTrue();
    }

    /** The run after the kill: ended within 90 s, exit 1, the cause named; returns its output. */
    static String awaitFailure(Path results, Process suite, long killedNanos, String label, String cause) throws Exception {
        assertThat(suite.waitFor(90, TimeUnit.SECONDS)).as("run ended within 90 s of the kill").isTrue();
        long seconds = (System.nanoTime() - killedNanos) / 1_000_000_000L;
        String out = Files.readString(results.resolve("suite-output.log"));
        Children.showUserLines(label, out);
        assertThat(suite.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains(cause)
                .contains("results of finished configurations are in")
                // killed while measuring, not while the fork was still creating its topic
                .doesNotContain("createTopics");
        System.out.printf("%s -> run exited 1 after %d s%n", label, seconds);
        return out;
    }

    /** The first config's result is kept, the run is recorded as failed, and the report still reads the run. */
    static void assertFinishedResultsKeptAndReportable(Path results) throws Exception {
        JsonNode kept = new ObjectMapper().readTree(results.resolve("killed/jmh.json").toFile());
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).path("params").path("acks").asText()).isEqualTo("1");
        JsonNode run = new ObjectMapper().readTree(results.resolve("killed/run.json").toFile());
        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText()).contains("broker died");
        // the reactor builds report before benchmarks, so report.jar exists when these tests run
        Path reportJar = TestBroker.home().resolve("report/target/report.jar");
        assertThat(reportJar).as("report.jar (built before this module)").exists();
        Process report = new ProcessBuilder(SuiteProcess.javaBin(), "-jar", reportJar.toString(), "report",
                results.resolve("killed").toString()).redirectErrorStream(true)
                .redirectOutput(results.resolve("report-output.log").toFile()).start();
        assertThat(report.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(report.exitValue()).as(Files.readString(results.resolve("report-output.log"))).isZero();
    }
}
