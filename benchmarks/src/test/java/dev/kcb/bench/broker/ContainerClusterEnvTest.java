package dev.kcb.bench.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The env each node of a container cluster gets on top of KafkaContainer's listeners, and the no-Docker check; no Docker needed. */
class ContainerClusterEnvTest {

    @Test
    void threeNodesShareTheClusterIdAndVoteOverNetworkAliases() {
        for (int node = 1; node <= 3; node++) {
            Map<String, String> env = ContainerBroker.clusterEnv(node, 3, "cid");
            assertThat(env).containsEntry("CLUSTER_ID", "cid")
                    .containsEntry("KAFKA_NODE_ID", String.valueOf(node))
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9094,2@kafka-2:9094,3@kafka-3:9094")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_HEAP_OPTS", "-Xmx512m -Xms512m")
                    .containsEntry("KAFKA_LOG_SEGMENT_BYTES", "67108864")
                    .containsEntry("KAFKA_LOG_SEGMENT_DELETE_DELAY_MS", "0");
        }
    }

    @Test
    void twoNodesCannotAskForThreeReplicas() {
        Map<String, String> env = ContainerBroker.clusterEnv(2, 2, "cid");
        assertThat(env).containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "2")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9094,2@kafka-2:9094");
    }

    @Test
    void noDockerAtAllIsSaidInAFewWordsWithoutAskingTestcontainers(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("docker.sock");
        Path present = Files.createFile(tmp.resolve("present.sock"));
        // DOCKER_HOST or an existing socket: Testcontainers is asked (and gives its own details)
        assertThat(DockerEngine.noDefaultSocket("unix:///somewhere.sock", missing)).isNull();
        assertThat(DockerEngine.noDefaultSocket(null, present)).isNull();
        // nothing anywhere: a few words (this machine has neither ~/.docker nor an XDG docker socket in CI)
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of(System.getProperty("user.home"), ".docker")));
        org.junit.jupiter.api.Assumptions.assumeFalse(DockerEngine.namesAnotherEngine(
                Path.of(System.getProperty("user.home"), ".testcontainers.properties")));
        assertThat(DockerEngine.noDefaultSocket(null, missing)).isEqualTo("DOCKER_HOST unset and no " + missing);
    }

    @Test
    void aTestcontainersFileNamesAnotherEngineOnlyWithAHostOrAnotherStrategy(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve(".testcontainers.properties");
        assertThat(DockerEngine.namesAnotherEngine(f)).as("absent").isFalse();
        Files.writeString(f, "docker.client.strategy=org.testcontainers.dockerclient.UnixSocketClientProviderStrategy\n");
        assertThat(DockerEngine.namesAnotherEngine(f)).as("what Testcontainers writes itself").isFalse();
        Files.writeString(f, "docker.host=tcp://build-host:2375\n");
        assertThat(DockerEngine.namesAnotherEngine(f)).isTrue();
        Files.writeString(f, "docker.client.strategy=org.testcontainers.dockerclient.DockerMachineClientProviderStrategy\n");
        assertThat(DockerEngine.namesAnotherEngine(f)).isTrue();
    }
}
