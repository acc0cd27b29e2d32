package dev.kcb.bench.suite;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of a plan's configurations take turns in one fork, and what that fork runs. */
class ConfigSlicesTest {

    private static Plan plan(String profile, String... args) throws Exception {
        return Plan.build(Profile.load(profile), new CommandLineOptions(args), SuiteRunner.userParams(List.of(args)));
    }

    private static List<Integer> sizes(Plan p) {
        return ConfigSlices.groups(p).stream().map(List::size).toList();
    }

    /** The group sizes of one step. */
    private static List<Integer> sizes(Plan p, String step) {
        return p.steps().stream().filter(s -> s.name().equals(step)).flatMap(s -> ConfigSlices.groups(s).stream())
                .map(List::size).toList();
    }

    @Test
    void quicksAcksTimesLingerTakesTurnsInOneForkAndItsOneKibPairInAnother() throws Exception {
        Plan p = plan("quick");
        // producer (6), producer-size (2), then sync, consumer and latency one fork each
        assertThat(sizes(p)).containsExactly(6, 2, 1, 1, 1, 1, 1, 1);
        List<Plan.Config> producer = ConfigSlices.groups(p).get(0);
        assertThat(producer).allMatch(c -> c.params().get("messageSize").equals("100"));
        Plan.Config carrier = ConfigSlices.carrier(producer);
        assertThat(carrier.params()).isEqualTo(producer.get(0).params());
        assertThat(carrier.warmupIterations()).isEqualTo(6 * producer.get(0).warmupIterations());
        assertThat(carrier.measurementIterations()).isEqualTo(6 * producer.get(0).measurementIterations());
        assertThat(carrier.forks()).isEqualTo(1);
        // every configuration's own client settings: what it differs in, as the client reads them
        Plan.Config last = producer.get(5);
        assertThat(ConfigSlices.clientConfig(last)).containsEntry("acks", last.params().get("acks"))
                .containsEntry("linger.ms", last.params().get("lingerMs")).containsEntry("batch.size", "16384")
                .doesNotContainKey("messageSize");
        // one fork overhead for each group instead of one per configuration, and a flush after every producer turn:
        // quick's 6 x (1 + 7) turns in one fork and 2 x (3 + 6) in the other
        Plan.Config oneKib = ConfigSlices.groups(p).get(1).get(0);
        assertThat(6 * (producer.get(0).warmupIterations() + producer.get(0).measurementIterations())).isEqualTo(48);
        assertThat(2 * (oneKib.warmupIterations() + oneKib.measurementIterations())).isEqualTo(18);
        assertThat(ConfigSlices.estimatedSeconds(p)).isEqualTo(p.estimatedSeconds() - (5 + 1) * Plan.FORK_OVERHEAD_SECONDS
                + (int) Math.round(48 * ConfigSlices.FLUSH_SECONDS_PER_TURN) + (int) Math.round(18 * ConfigSlices.FLUSH_SECONDS_PER_TURN));
        assertThat(ConfigSlices.describe(p)).hasSize(2);
        assertThat(ConfigSlices.describe(p).get(0)).containsEntry("order", "0 1 2 3 4 5 5 4 3 2 1 0 ...");
    }

    @Test
    void aProducersTurnsCostTheirFlushesAndAConsumersDoNot() {
        // ab's default sliced fork: 12 x 2 s warm-up and 36 x 2 s measured turns; measured here, 126 s a fork for
        // sendAsync (505 s for 4 forks) and 101 s for poll (405 s for 4)
        Plan.Config send = new Plan.Config("ab", "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync", Map.of(), 1, 12, 2, 36, 2);
        Plan.Config poll = new Plan.Config("ab", "dev.kcb.bench.consumer.ConsumerPollBenchmark.poll", Map.of(), 1, 12, 2, 36, 2);
        assertThat(poll.estimatedSeconds()).isEqualTo(96 + Plan.FORK_OVERHEAD_SECONDS);
        assertThat(ConfigSlices.turnsSeconds(poll)).isEqualTo(poll.estimatedSeconds());
        assertThat(ConfigSlices.turnsSeconds(send)).isEqualTo(send.estimatedSeconds() + 24);
        assertThat(ConfigSlices.turnsSeconds(send.withForks(4))).isEqualTo(4 * ConfigSlices.turnsSeconds(send));
    }

    @Test
    void onlyClientSettingsOnOneCodePathTakeTurns() throws Exception {
        // message size is other data: one group per size
        assertThat(sizes(plan("quick", "-p", "messageSize=100,1024"), "producer"))
                .containsExactly(6, 6);
        // compression is another code path: one fork per codec
        assertThat(sizes(plan("quick", "-p", "compressionType=none,lz4"), "producer")).containsExactly(6, 6);
        // "default" leaves a property unset, which a client config file cannot say over the carrier's value
        assertThat(sizes(plan("quick", "-p", "lingerMs=default"), "producer")).containsExactly(1, 1);
        // a segment without slices: one fork each
        assertThat(sizes(plan("standard"), "producer")).isNotEmpty().allMatch(n -> n == 1);
    }
}
