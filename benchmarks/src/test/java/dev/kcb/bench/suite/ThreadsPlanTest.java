package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * threads and partitions in a segment's params (or -p): each value is its own configuration, run with that many JMH
 * threads and that many partitions, without becoming a JMH @Param.
 */
class ThreadsPlanTest {
    private static final String SEND_ASYNC = "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync";
    private static final String POLL = "dev.kcb.bench.consumer.ConsumerPollBenchmark.poll";

    private static Plan plan(Profile profile, String... args) throws Exception {
        return Plan.build(profile, new CommandLineOptions(args), SuiteRunner.userParams(List.of(args)));
    }

    private static Plan plan(String profile, String... args) throws Exception {
        return plan(Profile.load(profile), args);
    }

    private static String shape(Plan.Config c) {
        return "t" + c.threadCount() + "/p" + c.partitions() + "/" + c.params().getOrDefault("sharedProducer", "-");
    }

    @Test
    void standardsConcurrencySegmentSweepsThreadsAndSharedProducerOnTwoPartitions() throws Exception {
        Plan p = plan(Profile.load("standard").only(List.of("concurrency")));
        assertThat(p.configs()).filteredOn(c -> c.benchmark().equals(SEND_ASYNC)).extracting(ThreadsPlanTest::shape)
                .containsExactlyInAnyOrder("t1/p2/false", "t2/p2/false", "t1/p2/true", "t2/p2/true");
        assertThat(p.configs()).filteredOn(c -> c.benchmark().equals(POLL)).extracting(ThreadsPlanTest::shape)
                .containsExactlyInAnyOrder("t1/p2/-", "t2/p2/-");
        assertThat(p.configs()).hasSize(6).allSatisfy(c -> {
            assertThat(c.params()).doesNotContainKeys(Plan.THREADS, Plan.PARTITIONS); // not JMH @Params
            assertThat(c.params()).containsEntry("messageSize", "100");
        });
        assertThat(p.configs()).filteredOn(c -> c.benchmark().equals(SEND_ASYNC))
                .allSatisfy(c -> assertThat(c.params()).containsEntry("acks", "1").containsEntry("lingerMs", "5")
                        .containsEntry("batchSize", "16384").containsEntry("compressionType", "none"));
        assertThat(p.configs()).filteredOn(c -> c.benchmark().equals(POLL))
                .allSatisfy(c -> assertThat(c.params()).containsEntry("maxPollRecords", "500").containsEntry("fetchMinBytes", "1"));
        assertThat(p.steps().get(0).params()).containsEntry(Plan.THREADS, List.of("1", "2")).containsEntry(Plan.PARTITIONS, List.of("2"));
        assertThat(p.configs().get(0).label()).contains("partitions=2");
        assertThat(p.configs()).filteredOn(c -> c.threadCount() == 2).allMatch(c -> c.label().contains(" threads=2"));
        assertThat(p.configs()).filteredOn(c -> c.threadCount() == 1).noneMatch(c -> c.label().contains("threads="));
    }

    @Test
    void aConcurrencyConfigIsNotARepeatOfTheSameParamsAtOtherThreadsOrPartitions() throws Exception {
        Plan p = plan("standard");
        // acks=1 linger 5 batch 16 KiB 100 B, own producer, 1 thread: in the producer segment (run-wide partitions)
        // and in concurrency (2 partitions); both run
        assertThat(p.configs()).filteredOn(c -> c.benchmark().equals(SEND_ASYNC) && c.params().get("acks").equals("1")
                        && c.params().get("lingerMs").equals("5") && c.params().get("batchSize").equals("16384")
                        && c.params().get("messageSize").equals("100") && c.params().get("sharedProducer").equals("false")
                        && c.threadCount() == 1)
                .extracting(c -> c.step() + "/" + shape(c)).containsExactlyInAnyOrder("producer/t1/pnull/false", "concurrency/t1/p2/false");
        assertThat(Profile.load("quick").segments()).noneMatch(s -> s.params().containsKey(Plan.THREADS) || s.params().containsKey(Plan.PARTITIONS));
        assertThat(plan("quick").configs()).allMatch(c -> c.threads() == null && c.partitions() == null);
    }

    @Test
    void theUsersThreadsReplaceTheSegmentsAndDuplicatesRunOnce() throws Exception {
        Plan t4 = plan(Profile.load("standard").only(List.of("concurrency")), "ProducerSendBenchmark.sendAsync", "-t", "4");
        assertThat(t4.configs()).extracting(ThreadsPlanTest::shape).containsExactlyInAnyOrder("t4/p2/false", "t4/p2/true");
        Plan swept = plan("quick", "ProducerSendBenchmark.sendAsync", "-p", "threads=1,2,4", "-p", "partitions=4", "-p", "lingerMs=5",
                "-p", "acks=1", "-p", "messageSize=100");
        assertThat(swept.configs()).extracting(ThreadsPlanTest::shape).containsExactlyInAnyOrder("t1/p4/false", "t2/p4/false", "t4/p4/false");
        // an ad-hoc -t on a profile without threads: every config, as before
        assertThat(plan("smoke", "-t", "2").configs()).allMatch(c -> c.threadCount() == 2 && c.partitions() == null);
    }

    @Test
    void badThreadsOrPartitionsAreRejectedBeforeAnythingStarts() {
        assertThatThrownBy(() -> plan("quick", "-p", "threads=0")).hasMessageContaining("threads=0").hasMessageContaining(">= 1");
        assertThatThrownBy(() -> plan("quick", "-p", "partitions=two")).hasMessageContaining("partitions=two");
        assertThatThrownBy(() -> plan("quick", "-t", "2", "-p", "threads=1,2")).hasMessageContaining("-t and -p threads");
        assertThatThrownBy(() -> Profile.load("standard").only(List.of("nope"))).hasMessageContaining("no segment 'nope'")
                .hasMessageContaining("concurrency");
    }

    @Test
    void eachConsumerThreadNeedsAPartitionPerConfig() throws Exception {
        // the segment's own partitions count, not the run-wide --partitions 1
        SuiteRunner.checkThreads(1, plan(Profile.load("standard").only(List.of("concurrency"))));
        assertThatThrownBy(() -> SuiteRunner.checkThreads(1, plan("quick", "ConsumerPollBenchmark", "-p", "threads=1,2")))
                .hasMessageContaining("threads=2").hasMessageContaining("own partitions");
        assertThatThrownBy(() -> SuiteRunner.checkThreads(1, plan("quick", "ConsumerPollBenchmark", "-t", "2")))
                .hasMessageContaining("threads=2").hasMessageContaining("--partitions 2");
        SuiteRunner.checkThreads(2, plan("quick", "ConsumerPollBenchmark", "-t", "2"));
        assertThatThrownBy(() -> SuiteRunner.checkThreads(8, plan("quick", "ConsumerPollBenchmark", "-p", "threads=4", "-p", "partitions=2")))
                .hasMessageContaining("threads=4 partitions=2").hasMessageContaining("partitions=4 or more");
    }

    @Test
    void runJsonSaysWhichSegmentsHadTheirOwnPartitions(@TempDir Path dir) throws Exception {
        RunRecord record = new RunRecord(dir, "id", "standard", List.of(), dir);
        record.topic(1, 1, Map.of());
        record.plan(plan("standard"), List.of());
        record.write();
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertThat(run.path("topic").path("partitions").asInt()).isEqualTo(1);
        assertThat(run.path("topic").path("partitionsBySegment").toString()).isEqualTo("{\"concurrency\":[2]}");
        JsonNode step = null;
        for (JsonNode st : run.path("plan").path("steps")) {
            step = st.path("name").asText().equals("concurrency") ? st : step;
        }
        assertThat(step).as("the concurrency step").isNotNull();
        assertThat(step.path("params").path("threads").toString()).isEqualTo("[\"1\",\"2\"]");
    }

    @Test
    void eachConfigRunsWithItsThreadsAndItsForksGetItsPartitions() throws Exception {
        Plan.Config c = new Plan.Config("concurrency", SEND_ASYNC, Map.of("acks", "1"), 1, 1, 1, 1, 1, 2, 2);
        Options o = SuiteRunner.options(c, new CommandLineOptions(), List.of("-Dkcb.bootstrap=x:1"), Path.of("out.json"));
        assertThat(o.getThreads().get()).isEqualTo(2);
        assertThat(o.getParameter(Plan.THREADS).hasValue()).isFalse();
        assertThat(SuiteRunner.options(c.withForks(1).withParams(Map.of()), new CommandLineOptions(), List.of(), Path.of("o.json"))
                .getThreads().get()).isEqualTo(2);
        Plan.Config unset = new Plan.Config("s", SEND_ASYNC, Map.of(), 1, 1, 1, 1, 1);
        assertThat(SuiteRunner.options(unset, new CommandLineOptions(), List.of(), Path.of("o.json")).getThreads().hasValue()).isFalse();

        List<String> runWide = List.of("-Dkcb.bootstrap=x:1", "-Dkcb.partitions=1", "-Dkcb.runDir=/r");
        assertThat(JmhSegments.forkProps(c, runWide)).containsExactly("-Dkcb.bootstrap=x:1", "-Dkcb.runDir=/r", "-Dkcb.partitions=2");
        assertThat(JmhSegments.forkProps(unset, runWide)).isEqualTo(runWide);
    }
}
