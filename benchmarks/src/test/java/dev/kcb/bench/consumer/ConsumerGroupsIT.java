package dev.kcb.bench.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh ConsumerPollBenchmark -p mode=commitSync} on a real local broker: the consumer joins a fresh group and
 * commits after every poll, and the broker holds committed offsets for that group (Admin listConsumerGroupOffsets,
 * asked while the run goes: the trial deletes its topic at the end, and its offsets with it). jmh.json has the commit
 * rate and the commitSync latency.
 */
class ConsumerGroupsIT {
    @TempDir
    Path results;

    @Test
    void subscribeWithCommitSyncLeavesCommittedOffsetsOnTheBroker() throws Exception {
        String bootstrap = TestBroker.shared().bootstrapServers();
        Map<String, Long> committed = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = new Thread(() -> watchOffsets(bootstrap, committed, stop), "offsets");
        watcher.start();
        SuiteProcess.Outcome o;
        try {
            o = SuiteProcess.run(results, 240, "--broker", "external", "--bootstrap-servers", bootstrap, "--profile", "smoke",
                    "--run-id", "groups", "ConsumerPollBenchmark.poll", "-p", "mode=commitSync",
                    "-f", "1", "-wi", "1", "-w", "1", "-i", "2", "-r", "1");
        } finally {
            stop.set(true);
            watcher.join(30_000);
        }
        assertThat(o.exitCode()).as(o.output()).isZero();
        assertThat(committed).as("committed offsets the broker held for the trial's kcb-group-* group").isNotEmpty();
        assertThat(committed.values()).anyMatch(offset -> offset > 0);
        JsonNode n = new ObjectMapper().readTree(results.resolve("groups/jmh.json").toFile()).get(0);
        assertThat(n.path("params").path("mode").asText()).isEqualTo("commitSync");
        JsonNode m = n.path("secondaryMetrics");
        assertThat(m.path("consumedRecords").path("score").asDouble()).isPositive();
        // a commit after every poll: as many commits as polls (the primary score), within rounding of the metric
        assertThat(m.path("commits").path("score").asDouble()).isPositive();
        assertThat(m.path("commit.p50").path("score").asDouble()).isPositive();
        assertThat(m.path("commit.p99").path("score").asDouble()).isGreaterThanOrEqualTo(m.path("commit.p50").path("score").asDouble());
    }

    /** Polls the broker for the kcb-group-* groups' committed offsets until told to stop; keeps the largest seen per partition. */
    private static void watchOffsets(String bootstrap, Map<String, Long> committed, AtomicBoolean stop) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (!stop.get()) {
                for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                    if (!g.groupId().startsWith("kcb-group-")) {
                        continue;
                    }
                    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(g.groupId())
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    offsets.forEach((tp, om) -> {
                        if (om != null) {
                            committed.merge(g.groupId() + "/" + tp, om.offset(), Math::max);
                        }
                    });
                }
                Thread.sleep(300);
            }
        } catch (Exception e) {
            System.err.println("[ConsumerGroupsIT] offsets watcher stopped: " + e);
        }
    }
}
