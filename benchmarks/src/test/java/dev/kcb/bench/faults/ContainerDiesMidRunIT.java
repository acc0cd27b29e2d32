package dev.kcb.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.DockerCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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
        DockerCli.assumeContainerMode();
        Process suite = MidRunKill.start(results, "container");
        String id = null;
        try {
            MidRunKill.awaitSecondConfigMeasuring(results, suite, 240);
            Thread.sleep(1000);
            JsonNode started = new ObjectMapper().readTree(results.resolve("killed/run.json").toFile());
            String image = started.path("broker").path("config").path("image").asText();
            id = started.path("broker").path("config").path("containerId").asText();
            assertThat(image).startsWith("apache/kafka:");
            assertThat(DockerCli.run("ps", "-q", "--no-trunc", "--filter", "ancestor=" + image)).as("docker ps lists the broker")
                    .contains(id);
            DockerCli.run("kill", id);
            long killed = System.nanoTime();
            MidRunKill.awaitFailure(results, suite, killed, "broker container killed",
                    "run.sh: the broker died mid-run: container " + id.substring(0, 12) + " (" + image
                            + ") exited with code 137 (killed: SIGKILL)");
            MidRunKill.assertFinishedResultsKeptAndReportable(results);
            assertThat(DockerCli.containerExists(id)).as("the killed container is removed").isFalse();
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
