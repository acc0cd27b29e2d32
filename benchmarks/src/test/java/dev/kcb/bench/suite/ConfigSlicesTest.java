package dev.kcb.bench.suite;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.List;

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
        // one fork overhead for each group instead of one per configuration
        assertThat(ConfigSlices.estimatedSeconds(p)).isEqualTo(p.estimatedSeconds() - (5 + 1) * Plan.FORK_OVERHEAD_SECONDS);
        assertThat(ConfigSlices.describe(p)).hasSize(2);
        assertThat(ConfigSlices.describe(p).get(0)).containsEntry("order", "0 1 2 3 4 5 5 4 3 2 1 0 ...");
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
