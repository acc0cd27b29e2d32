package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.DockerCli;
import dev.kcb.bench.testing.SuiteProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Container mode for real: Testcontainers' KafkaContainer with apache/kafka:&lt;kafka.broker.version&gt;, one broker
 * and a three-node KRaft cluster ({@code --brokers 3}).
 * Skipped, saying so, where no Docker engine answers (CI has none). On a machine that cannot pull images,
 * build the image with shared/tools/kafka-image/build-local-image.sh and export TESTCONTAINERS_RYUK_DISABLED=true
 * and TESTCONTAINERS_HOST_OVERRIDE=localhost first.
 */
class ContainerModeIT {

    @Test
    void smokeProfilePassesAgainstTheOfficialImage(@TempDir Path results) throws Exception {
        DockerCli.assumeContainerMode();
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
            // the container's cgroup CPU usage, read from the host
            assertThat(n.path("secondaryMetrics").path(dev.kcb.bench.cost.CostProfiler.BROKER_CPU).path("score").asDouble())
                    .as(n.path("benchmark").asText()).isPositive();
        }
        assertThat(run.path("cost").path("brokerCpu").path("source").asText()).startsWith("cgroup CPU usage of 1 container");
    }

    @Test
    void smokeProfilePassesOnAThreeNodeContainerCluster(@TempDir Path results) throws Exception {
        DockerCli.assumeContainerMode();
        SuiteProcess.Outcome o = SuiteProcess.run(results, 420, "--profile", "smoke", "--broker", "container", "--brokers", "3",
                "--run-id", "c3");
        assertThat(o.exitCode()).as(o.output()).isZero();
        System.out.printf("3-node container cluster: smoke run took %d s%n", o.millis() / 1000);
        o.output().lines().filter(l -> l.startsWith("broker") || l.startsWith("ProducerSendBenchmark.sendAsync ")
                || l.startsWith("benchmark ")).forEach(l -> System.out.println("[container cluster] " + l));
        assertThat(o.output()).contains("broker: container KRaft cluster, 3 x apache/kafka:");

        JsonNode run = new ObjectMapper().readTree(results.resolve("c3/run.json").toFile());
        JsonNode broker = run.path("broker");
        assertThat(broker.path("mode").asText()).isEqualTo("container");
        assertThat(broker.path("brokers").asInt()).isEqualTo(3);
        assertThat(broker.path("bootstrapServers").asText().split(",")).hasSize(3);
        assertThat(broker.path("config").path("image").asText()).startsWith("apache/kafka:");
        assertThat(broker.path("config").path("containerIds")).hasSize(3);
        assertThat(broker.path("config").path("nodeConfigs")).hasSize(3).allSatisfy(n -> assertThat(n.path("env")
                .path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText()).isEqualTo("1@kafka-1:9094,2@kafka-2:9094,3@kafka-3:9094"));
        assertThat(run.path("topic").path("replicationFactor").asInt()).isEqualTo(3);
        assertThat(run.path("topic").path("configs").path("min.insync.replicas").asText()).isEqualTo("2");

        JsonNode jmh = new ObjectMapper().readTree(results.resolve("c3/jmh.json").toFile());
        assertThat(jmh).hasSize(4);
        int sendAsync = 0;
        for (JsonNode n : jmh) {
            if (n.path("benchmark").asText().endsWith("sendAsync")) {
                sendAsync++;
                assertThat(n.path("secondaryMetrics").path("ackedRecords").path("score").asDouble()).isPositive();
            }
        }
        assertThat(sendAsync).isEqualTo(1);
        // each node's log is kept in the run dir; no container and no network of the run is left behind
        for (int node = 1; node <= 3; node++) {
            assertThat(results.resolve("c3/broker-" + node + ".log")).content().contains("Kafka Server started");
        }
        for (JsonNode id : broker.path("config").path("containerIds")) {
            assertThat(DockerCli.containerExists(id.asText())).as("container " + id.asText() + " removed").isFalse();
        }
        assertThat(DockerCli.networkExists(broker.path("config").path("network").asText())).as("network removed").isFalse();
    }
}
