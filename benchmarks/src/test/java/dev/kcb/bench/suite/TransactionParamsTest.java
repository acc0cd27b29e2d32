package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.common.ParamRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Idempotence, transactions and consumer group params as a user gives them: refused before any broker starts when Kafka
 * would refuse them, and recorded in run.json as the clients resolved them.
 */
class TransactionParamsTest {
    @TempDir
    Path tmp;

    private static Plan plan(String profile, String... args) {
        try {
            return Plan.build(Profile.load(profile), new CommandLineOptions(args), SuiteRunner.userParams(List.of(args)));
        } catch (org.openjdk.jmh.runner.options.CommandLineOptionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void idempotenceWithAcks1IsRefusedInOneLineNamingBothParams() {
        assertThatThrownBy(() -> plan("quick", "ProducerSendBenchmark.sendAsync", "-p", "acks=1", "-p", "enableIdempotence=true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enableIdempotence=true with acks=1")
                .hasMessageContaining("acks=all")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> plan("quick", "ProducerSendBenchmark.sendAsync", "-p", "acks=0,all", "-p", "enableIdempotence=true"))
                .hasMessageContaining("acks=0");
        assertThatThrownBy(() -> plan("quick", "-p", "enableIdempotence=yes")).hasMessageContaining("param enableIdempotence")
                .hasMessageContaining("allowed: true, false, or default");
    }

    @Test
    void idempotenceOffWithAcksAllAndOnWithAcksAllAreLegal() {
        Plan p = plan("quick", "ProducerSendBenchmark.sendAsync", "-p", "acks=all", "-p", "enableIdempotence=true,false",
                "-p", "lingerMs=5", "-p", "messageSize=100");
        assertThat(p.configs()).extracting(c -> c.params().get("enableIdempotence")).containsExactlyInAnyOrder("false", "true");
    }

    @Test
    void theQuickProfileStillRunsAtKafkasDefaultIdempotenceWithinItsBudget() {
        Plan p = plan("quick");
        assertThat(p.configs()).filteredOn(c -> c.benchmark().endsWith("sendAsync"))
                .allMatch(c -> c.params().get("enableIdempotence").equals(ParamRules.DEFAULT));
        assertThat(p.configs()).noneMatch(c -> c.benchmark().contains("Transactional"));
        assertThat(p.estimatedSeconds()).isLessThan(300);
    }

    @Test
    void standardHasATransactionsSegmentAtThreeTransactionSizes() {
        Plan p = plan("standard");
        assertThat(p.steps()).extracting(Plan.Step::name).contains("transactions");
        assertThat(p.configs()).filteredOn(c -> c.benchmark().endsWith("TransactionalProducerBenchmark.send"))
                .extracting(c -> c.params().get("recordsPerTransaction")).containsExactly("100", "1000", "10000");
    }

    @Test
    void consumerModesAndFetchSizesAreCheckedBeforeAnythingStarts() {
        assertThatThrownBy(() -> plan("quick", "ConsumerPollBenchmark", "-p", "mode=subscribe")).hasMessageContaining("param mode")
                .hasMessageContaining("assign, commitSync, commitAsync, autoCommit");
        assertThatThrownBy(() -> plan("quick", "ConsumerPollBenchmark", "-p", "fetchMaxBytes=0")).hasMessageContaining("param fetchMaxBytes");
        assertThatThrownBy(() -> plan("quick", "TransactionalProducerBenchmark", "-p", "recordsPerTransaction=0"))
                .hasMessageContaining("param recordsPerTransaction");
        Plan p = plan("quick", "ConsumerPollBenchmark", "-p", "mode=assign,commitSync", "-p", "maxPartitionFetchBytes=262144");
        assertThat(p.configs()).extracting(c -> c.params().get("mode")).containsExactlyInAnyOrder("assign", "commitSync", "assign", "commitSync");
        assertThat(p.sweptProperties()).containsEntry("max.partition.fetch.bytes", "maxPartitionFetchBytes")
                .containsEntry("fetch.max.bytes", "fetchMaxBytes");
    }

    @Test
    void runJsonRecordsTheIdempotenceTheProducerResolved() throws Exception {
        RunRecord record = new RunRecord(tmp, "r", "quick", List.of(), tmp);
        record.clientConfig(new Properties(), null);
        record.plan(plan("quick", "ProducerSendBenchmark.sendAsync", "-p", "acks=1,all", "-p", "lingerMs=5", "-p", "messageSize=100"), List.of());
        record.write();
        JsonNode c = new ObjectMapper().readTree(tmp.resolve("run.json").toFile()).path("clientConfig");
        assertThat(c.path("sweptByParams").path("enable.idempotence").asText()).isEqualTo("enableIdempotence");
        Map<String, String> byAcks = new java.util.HashMap<>();
        c.path("byConfiguration").forEach(one -> byAcks.put(one.path("producer").path("acks").asText(),
                one.path("producer").path("enable.idempotence").asText()));
        // Kafka's own resolution: on with acks=all, off (silently) with acks=1 when nobody set it
        assertThat(byAcks).containsEntry("all", "unset (client default: true)").containsEntry("1", "unset (client default: false)");
    }

    @Test
    void fetchMaxWaitIsPresetDataThatRunJsonShows() {
        assertThat(dev.kcb.bench.common.ClientConfigs.preset(dev.kcb.bench.common.ClientConfigs.Kind.CONSUMER)
                .getProperty("fetch.max.wait.ms")).isEqualTo("10");
        Properties user = new Properties();
        user.setProperty("consumer.fetch.max.wait.ms", "100");
        assertThat(dev.kcb.bench.common.ClientConfigs.merge(dev.kcb.bench.common.ClientConfigs.Kind.CONSUMER, user, Map.of())
                .getProperty("fetch.max.wait.ms")).as("a --client-config overrides the preset").isEqualTo("100");
    }
}
