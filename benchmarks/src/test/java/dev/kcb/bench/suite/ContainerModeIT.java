package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.broker.ContainerBroker;
import dev.kcb.bench.testing.SuiteProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Container mode for real: Testcontainers' KafkaContainer with apache/kafka:&lt;kafka.broker.version&gt;.
 * Skipped, saying so, where no Docker engine answers (CI has none). On a machine that cannot pull images,
 * build the image with shared/tools/kafka-image/build-local-image.sh and export TESTCONTAINERS_RYUK_DISABLED=true
 * and TESTCONTAINERS_HOST_OVERRIDE=localhost first.
 */
class ContainerModeIT {

    @Test
    void smokeProfilePassesAgainstTheOfficialImage(@TempDir Path results) throws Exception {
        assumeTrue(ContainerBroker.dockerAvailable(), "no Docker engine answers: container mode not tested here");
        SuiteProcess.Outcome o = SuiteProcess.run(results, 300, "--profile", "smoke", "--broker", "container", "--run-id", "c");
        assertThat(o.exitCode()).as(o.output()).isZero();
        JsonNode run = new ObjectMapper().readTree(results.resolve("c/run.json").toFile());
        assertThat(run.path("broker").path("mode").asText()).isEqualTo("container");
        assertThat(run.path("broker").path("config").path("image").asText()).startsWith("apache/kafka:");
        JsonNode jmh = new ObjectMapper().readTree(results.resolve("c/jmh.json").toFile());
        java.util.List<String> names = new java.util.ArrayList<>();
        jmh.forEach(n -> names.add(n.path("benchmark").asText().replaceAll("^.*\\.([^.]+\\.[^.]+)$", "$1")));
        assertThat(names).contains("ProducerSendBenchmark.sendAsync", "ProducerSendBenchmark.sendSync", "ConsumerPollBenchmark.poll");
        for (com.fasterxml.jackson.databind.JsonNode n : jmh) {
            if (n.path("benchmark").asText().endsWith("sendAsync")) {
                assertThat(n.path("secondaryMetrics").path("ackedRecords").path("score").asDouble()).isPositive();
            }
        }
    }
}
