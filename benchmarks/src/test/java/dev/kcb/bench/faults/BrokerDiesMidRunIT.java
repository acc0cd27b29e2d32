package dev.kcb.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the broker while the second of two configurations runs: the run fails within the client timeouts
 * (delivery.timeout.ms=30000 in the producer preset), exits 1 naming the dead broker, and keeps the first
 * configuration's result in jmh.json, which the report still reads.
 */
class BrokerDiesMidRunIT {
    @TempDir
    Path results;

    @Test
    void killedBrokerFailsTheRunInBoundedTimeAndKeepsFinishedResults() throws Exception {
        Process suite = SuiteProcess.start(results, Map.of(), "--broker", "local", "--profile", "smoke", "--run-id", "killed",
                "-wi", "1", "-w", "2", "-i", "1", "-r", "4", "ProducerSendBenchmark.sendAsync", "-p", "acks=1,all");
        Path log = results.resolve("suite-output.log");
        Path jmhJson = results.resolve("killed/jmh.json");
        try {
            assertThat(Children.awaitText(log, "[2/2]", suite, 180)).as("second configuration started").isTrue();
            assertThat(Files.readString(jmhJson)).contains("\"acks\" : \"1\"");
            // let the second fork reach its measured iteration (a line starting "Iteration   1": JMH prints "# Warmup Iteration   1"
            // before the trial setup runs, so that one would kill the broker while the topic is being created), then kill every broker node
            assertThat(Children.awaitTextAfter(log, "[2/2]", "\nIteration   1", suite, 60)).isTrue();
            List<ProcessHandle> nodes = Children.brokerNodes(suite);
            assertThat(nodes).isNotEmpty();
            Path dataDir = Children.dataDir(nodes.get(0)).orElseThrow();
            nodes.forEach(ProcessHandle::destroyForcibly);
            long killed = System.nanoTime();

            assertThat(suite.waitFor(90, TimeUnit.SECONDS)).as("run ended within 90 s of the kill").isTrue();
            long seconds = (System.nanoTime() - killed) / 1_000_000_000L;
            String out = Files.readString(log);
            Children.showUserLines("broker killed", out);
            assertThat(suite.exitValue()).as(out).isEqualTo(1);
            assertThat(out).contains("run.sh: the broker died mid-run: local broker node 1 exited with code 137 (killed: SIGKILL)")
                    .contains("results of finished configurations are in")
                    // killed while measuring, not while the fork was still creating its topic
                    .doesNotContain("createTopics");
            System.out.printf("broker killed -> run exited 1 after %d s%n", seconds);

            JsonNode kept = new ObjectMapper().readTree(jmhJson.toFile());
            assertThat(kept).hasSize(1);
            assertThat(kept.get(0).path("params").path("acks").asText()).isEqualTo("1");
            JsonNode run = new ObjectMapper().readTree(results.resolve("killed/run.json").toFile());
            assertThat(run.path("status").asText()).isEqualTo("failed");
            assertThat(run.path("error").asText()).contains("broker died");
            assertThat(dataDir).doesNotExist();

            // the reactor builds report before benchmarks, so report.jar exists when these tests run
            Path reportJar = TestBroker.home().resolve("report/target/report.jar");
            assertThat(reportJar).as("report.jar (built before this module)").exists();
            Process report = new ProcessBuilder(SuiteProcess.javaBin(), "-jar", reportJar.toString(), "report",
                    results.resolve("killed").toString()).redirectErrorStream(true)
                    .redirectOutput(results.resolve("report-output.log").toFile()).start();
            assertThat(report.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(report.exitValue()).as(Files.readString(results.resolve("report-output.log"))).isZero();
        } finally {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
        }
    }
}
