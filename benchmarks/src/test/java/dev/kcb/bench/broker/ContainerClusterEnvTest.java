package dev.kcb.bench.broker;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The env each node of a container cluster gets on top of KafkaContainer's listeners; no Docker needed. */
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
                    .containsEntry("KAFKA_HEAP_OPTS", "-Xmx512m -Xms512m");
        }
    }

    @Test
    void twoNodesCannotAskForThreeReplicas() {
        Map<String, String> env = ContainerBroker.clusterEnv(2, 2, "cid");
        assertThat(env).containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "2")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9094,2@kafka-2:9094");
    }
}
