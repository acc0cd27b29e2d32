package dev.kcb.bench.broker;

import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.Topics;
import dev.kcb.bench.testing.TestBroker;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --brokers 3} in local mode: three KRaft nodes (each broker and controller, a 3-voter quorum) as three
 * JVMs; a topic at the suite's defaults for three brokers (RF 3, min.insync.replicas=2) takes acks=all writes;
 * close stops all three and removes the data dir.
 */
class ThreeBrokerIT {
    @TempDir
    Path logs;

    @Test
    void threeNodeClusterReplicatesAndCleansUp() throws Exception {
        LocalKraftBroker broker = LocalKraftBroker.start(TestBroker.brokerLib(), 3, logs, Duration.ofSeconds(120));
        List<ProcessHandle> nodes = broker.pids().stream().map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
        try {
            assertThat(broker.brokerCount()).isEqualTo(3);
            assertThat(broker.bootstrapServers().split(",")).hasSize(3);
            BenchTarget target = new BenchTarget(broker.bootstrapServers(), new Properties(), 3, (short) 3,
                    Map.of("min.insync.replicas", "2"));
            try (Topics topic = Topics.create(target, "three")) {
                TopicDescription d = topic.admin().describeTopics(List.of(topic.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(topic.name());
                assertThat(d.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(target.clientProps(ClientConfigs.Kind.PRODUCER,
                        Map.of("acks", "all")))) {
                    for (int p = 0; p < 3; p++) {
                        producer.send(new ProducerRecord<>(topic.name(), p, null, new byte[100])).get(60, TimeUnit.SECONDS);
                    }
                }
            }
        } finally {
            broker.close();
        }
        assertThat(nodes).noneMatch(ProcessHandle::isAlive);
        assertThat(broker.dataDir()).doesNotExist();
    }
}
