package dev.kcb.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.broker.ContainerBroker;
import dev.kcb.bench.testing.DockerCli;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link BrokerDiesMidRunIT} in container mode: {@code docker kill} of the broker container (the apache/kafka one
 * that {@code docker ps} lists) while the second of two configurations runs. The run fails within the client
 * timeouts, exits 1 naming the killed container and its exit code, and keeps the first configuration's result,
 * which the report still reads. Skipped, saying so, where no Docker engine answers (CI has none).
 */
class ContainerDiesMidRunIT {
    @TempDir
    Path results;

    @Test
    void killedBrokerContainerFailsTheRunInBoundedTimeAndKeepsFinishedResults() throws Exception {
        assumeTrue(ContainerBroker.dockerAvailable(), "no Docker engine answers: container mode not tested here");
        Process suite = SuiteProcess.start(results, Map.of(), "--broker", "container", "--profile", "smoke", "--run-id", "killed",
                "-wi", "1", "-w", "2", "-i", "1", "-r", "4", "ProducerSendBenchmark.sendAsync", "-p", "acks=1,all");
        Path log = results.resolve("suite-output.log");
        Path jmhJson = results.resolve("killed/jmh.json");
        String id = null;
        try {
            assertThat(Children.awaitText(log, "[2/2]", suite, 240)).as("second configuration started").isTrue();
            assertThat(Files.readString(jmhJson)).contains("\"acks\" : \"1\"");
            // let the second fork reach its measured iteration (a line starting "Iteration   1": JMH prints "# Warmup Iteration   1"
            // before the trial setup runs, so that one would kill the broker while the topic is being created) (its own, not the first's), then kill the broker's container
            assertThat(Children.awaitTextAfter(log, "[2/2]", "\nIteration   1", suite, 60)).isTrue();
            Thread.sleep(1000);
            JsonNode started = new ObjectMapper().readTree(results.resolve("killed/run.json").toFile());
            String image = started.path("broker").path("config").path("image").asText();
            id = started.path("broker").path("config").path("containerId").asText();
            assertThat(image).startsWith("apache/kafka:");
            assertThat(DockerCli.run("ps", "-q", "--no-trunc", "--filter", "ancestor=" + image)).as("docker ps lists the broker")
                    .contains(id);
            DockerCli.run("kill", id);
            long killed = System.nanoTime();

            assertThat(suite.waitFor(90, TimeUnit.SECONDS)).as("run ended within 90 s of the kill").isTrue();
            long seconds = (System.nanoTime() - killed) / 1_000_000_000L;
            String out = Files.readString(log);
            Children.showUserLines("broker container killed", out);
            assertThat(suite.exitValue()).as(out).isEqualTo(1);
            assertThat(out).contains("run.sh: the broker died mid-run: container " + id.substring(0, 12) + " (" + image
                            + ") exited with code 137 (killed: SIGKILL)")
                    .contains("results of finished configurations are in")
                    // killed while measuring, not while the fork was still creating its topic
                    .doesNotContain("createTopics");
            System.out.printf("broker container killed -> run exited 1 after %d s%n", seconds);

            JsonNode kept = new ObjectMapper().readTree(jmhJson.toFile());
            assertThat(kept).hasSize(1);
            assertThat(kept.get(0).path("params").path("acks").asText()).isEqualTo("1");
            JsonNode run = new ObjectMapper().readTree(results.resolve("killed/run.json").toFile());
            assertThat(run.path("status").asText()).isEqualTo("failed");
            assertThat(run.path("error").asText()).contains("broker died");
            assertThat(DockerCli.containerExists(id)).as("the killed container is removed").isFalse();

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
            suite.waitFor(30, TimeUnit.SECONDS);
            if (id != null && DockerCli.containerExists(id)) {
                DockerCli.run("rm", "-f", id); // the run did not get to remove it
            }
        }
    }
}
