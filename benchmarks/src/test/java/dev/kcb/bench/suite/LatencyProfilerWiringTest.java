package dev.kcb.bench.suite;

import dev.kcb.bench.common.ProduceRequestsProfiler;
import dev.kcb.bench.cost.CostProfiler;
import dev.kcb.bench.latency.LatencyProfiler;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner adds the latency profiler to end-to-end configs only, the produce-request profiler to producer and
 * end-to-end configs, the cost profiler to producer, consumer and end-to-end configs, each once; every profile has a
 * latency segment.
 */
class LatencyProfilerWiringTest {
    private static Options options(String benchmark, String... jmhArgs) throws Exception {
        Plan.Config c = new Plan.Config("s", benchmark, Map.of(), 1, 1, 1, 1, 1);
        return SuiteRunner.options(c, new CommandLineOptions(jmhArgs), List.of("-Dkcb.bootstrap=x:1"), Path.of("out.json"));
    }

    private static List<String> profilers(Options o) {
        return o.getProfilers().stream().map(ProfilerConfig::getKlass).toList();
    }

    @Test
    void endToEndConfigsGetTheLatencyProfilerOnce() throws Exception {
        String e2e = "dev.kcb.bench.latency.EndToEndLatencyBenchmark.endToEnd";
        String requests = ProduceRequestsProfiler.class.getName();
        String cost = CostProfiler.class.getName();
        // the host's steal goes beside every configuration's results
        String steal = dev.kcb.bench.host.StealProfiler.class.getName();
        assertThat(profilers(options(e2e))).containsExactly(LatencyProfiler.class.getName(), requests, cost, steal);
        assertThat(profilers(options(e2e, "-prof", LatencyProfiler.class.getName(), "-prof", requests)))
                .containsExactly(LatencyProfiler.class.getName(), requests, cost, steal);
        assertThat(profilers(options("dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync"))).containsExactly(requests, cost, steal);
        // the consumer's and the transactional producer's commit latency percentiles reach jmh.json through it too
        assertThat(profilers(options("dev.kcb.bench.consumer.ConsumerPollBenchmark.poll"))).containsExactly(LatencyProfiler.class.getName(), cost, steal);
        assertThat(profilers(options("dev.kcb.bench.producer.TransactionalProducerBenchmark.send")))
                .containsExactly(LatencyProfiler.class.getName(), requests, cost, steal);
    }

    @Test
    void producerConsumerAndEndToEndConfigsGetTheCostProfilerOnce() throws Exception {
        String cost = CostProfiler.class.getName();
        // the host's steal goes beside every configuration's results
        String steal = dev.kcb.bench.host.StealProfiler.class.getName();
        for (String b : List.of("dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync", "dev.kcb.bench.producer.ProducerSendBenchmark.sendSync",
                "dev.kcb.bench.consumer.ConsumerPollBenchmark.poll", "dev.kcb.bench.latency.EndToEndLatencyBenchmark.endToEnd")) {
            assertThat(profilers(options(b))).as(b).containsOnlyOnce(cost);
            assertThat(profilers(options(b, "-prof", cost))).as(b).containsOnlyOnce(cost);
        }
    }

    @Test
    void everyProfileHasALatencySegment() {
        for (String name : Profile.NAMES) {
            assertThat(Profile.load(name).segments()).as(name)
                    .anyMatch(s -> s.benchmarkRegex().startsWith("dev.kcb.bench.latency.EndToEndLatencyBenchmark"));
        }
        Profile.Segment quick = Profile.load("quick").segments().stream().filter(s -> s.name().equals("latency")).findFirst().orElseThrow();
        assertThat(quick.params().get("targetRate")).hasSize(2);
    }
}
