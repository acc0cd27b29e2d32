package dev.kcb.bench.suite;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan is what the user is told before the broker starts: count, params, and errors for bad input. */
class PlanTest {

    private static Plan plan(String profile, String... args) throws Exception {
        return Plan.build(Profile.load(profile), new CommandLineOptions(args), SuiteRunner.userParams(List.of(args)));
    }

    @Test
    void quickCoversAcksLingerMessageSizeSyncAndConsumer() throws Exception {
        Plan p = plan("quick");
        assertThat(p.configs()).extracting(Plan.Config::benchmark).anyMatch(b -> b.endsWith("sendAsync"))
                .anyMatch(b -> b.endsWith("sendSync")).anyMatch(b -> b.endsWith("ConsumerPollBenchmark.poll"));
        assertThat(p.configs()).filteredOn(c -> c.benchmark().endsWith("sendAsync"))
                .extracting(c -> c.params().get("acks") + "/" + c.params().get("lingerMs") + "/" + c.params().get("messageSize"))
                .contains("1/0/100", "all/20/100", "1/5/1024", "all/5/1024");
        assertThat(p.estimatedSeconds()).isLessThan(300);
    }

    @Test
    void standardRunsEveryCodecOnTextAt1KiBWithinItsBudget() throws Exception {
        Plan p = plan("standard");
        assertThat(p.configs()).filteredOn(c -> c.params().getOrDefault("payload", "").equals("text"))
                .extracting(c -> c.params().get("compressionType") + "/" + c.params().get("messageSize"))
                .containsExactlyInAnyOrder("none/1024", "lz4/1024", "zstd/1024", "snappy/1024", "gzip/1024");
        // the plan's own estimate (forks, iterations, fork start) plus the broker's warm-up: the README's 27 minutes
        int seconds = p.estimatedSeconds() + p.profile().brokerWarmupSeconds();
        assertThat(seconds).as("standard: %d s", seconds).isLessThanOrEqualTo(27 * 60);
    }

    @Test
    void userParamsReplaceTheProfilesAndIncludesNarrowIt() throws Exception {
        Plan p = plan("quick", "ProducerSendBenchmark.sendAsync", "-p", "lingerMs=7");
        assertThat(p.configs()).allMatch(c -> c.benchmark().endsWith("sendAsync"));
        assertThat(p.configs()).allMatch(c -> c.params().get("lingerMs").equals("7"));
    }

    @Test
    void userIterationOptionsWin() throws Exception {
        Plan p = plan("smoke", "-f", "2", "-wi", "0", "-i", "3", "-r", "4");
        assertThat(p.configs()).allMatch(c -> c.forks() == 2 && c.warmupIterations() == 0 && c.measurementIterations() == 3
                && c.measurementSeconds() == 4);
    }

    @Test
    void badInputIsRejectedBeforeAnythingStarts() {
        assertThatThrownBy(() -> plan("quick", "-p", "acks=2")).hasMessageContaining("param acks").hasMessageContaining("0, 1, all");
        assertThatThrownBy(() -> plan("quick", "-p", "lingerMs=-5")).hasMessageContaining("param lingerMs");
        assertThatThrownBy(() -> plan("quick", "-p", "noSuchParam=1")).hasMessageContaining("unknown param 'noSuchParam'");
        assertThatThrownBy(() -> plan("quick", "NoSuchBenchmark")).hasMessageContaining("no benchmark matches");
        assertThatThrownBy(() -> Profile.load("turbo")).hasMessageContaining("unknown profile 'turbo'")
                .hasMessageContaining("smoke, quick, standard, full");
    }
}
