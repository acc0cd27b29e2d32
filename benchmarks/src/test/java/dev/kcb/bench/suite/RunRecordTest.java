package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** run.json says, configuration by configuration, what the clients ran with: the swept values, not a file's. */
class RunRecordTest {
    @TempDir
    Path tmp;

    private static Plan plan(String... args) throws Exception {
        return Plan.build(Profile.load("smoke"), new CommandLineOptions(args), SuiteRunner.userParams(List.of(args)));
    }

    @Test
    void eachConfigurationRecordsThePropertiesItsParamsSet() throws Exception {
        Properties user = new Properties();
        user.setProperty("request.timeout.ms", "9999");
        RunRecord record = new RunRecord(tmp, "r", "smoke", List.of(), tmp);
        record.clientConfig(user, "user.properties");
        record.plan(plan("ProducerSendBenchmark.sendAsync", "-p", "acks=1", "-p", "lingerMs=0,20", "-p", "messageSize=100"), List.of());
        record.write();
        JsonNode c = new ObjectMapper().readTree(tmp.resolve("run.json").toFile()).path("clientConfig");
        assertThat(c.path("producer").path("request.timeout.ms").asText()).isEqualTo("9999");
        assertThat(c.path("sweptByParams").path("linger.ms").asText()).isEqualTo("lingerMs");
        assertThat(c.path("sweptByParams").path("acks").asText()).isEqualTo("acks");
        JsonNode ran = c.path("byConfiguration");
        assertThat(ran).hasSize(2);
        assertThat(ran.get(0).path("configuration").asText()).startsWith("ProducerSendBenchmark.sendAsync").contains("lingerMs=0");
        assertThat(ran.get(0).path("producer").path("linger.ms").asText()).isEqualTo("0");
        assertThat(ran.get(1).path("producer").path("linger.ms").asText()).isEqualTo("20");
        assertThat(ran.get(1).path("producer").path("acks").asText()).isEqualTo("1");
        assertThat(ran.get(1).path("producer").has("request.timeout.ms")).as("only what the params set").isFalse();
        assertThat(ran.get(1).has("consumer")).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAbSidesConfigIsWhatRanForThePropertiesItSets() throws Exception {
        RunRecord record = new RunRecord(tmp, "r", "ab", List.of(), tmp);
        record.clientConfig(new Properties(), null);
        Properties candidate = new Properties();
        candidate.setProperty("producer.linger.ms", "50");
        Plan p = plan("ProducerSendBenchmark.sendAsync", "-p", "acks=1", "-p", "lingerMs=0", "-p", "messageSize=100");
        List<Map<String, Object>> ran = (List<Map<String, Object>>) record.clientConfigRan(p.configs(), candidate).get("byConfiguration");
        assertThat(ran).singleElement().satisfies(one ->
                assertThat((Map<String, String>) one.get("producer")).containsEntry("linger.ms", "50").containsEntry("acks", "1"));
    }

    @Test
    void anAbsPlanIsTheConfigurationsItRanNotTheProfilesSweep() throws Exception {
        // both sides set linger.ms=5: the profile's lingerMs 0, 5, 20 is one configuration, run in 4 sliced forks
        Plan p = Plan.build(Profile.load("quick"), new CommandLineOptions("ProducerSendBenchmark.sendAsync", "-p", "acks=1",
                "-p", "batchSize=16384", "-p", "messageSize=100", "-wi", "12"), SuiteRunner.userParams(List.of("-p", "acks=1",
                "-p", "batchSize=16384", "-p", "messageSize=100")));
        Properties side = new Properties();
        side.setProperty("linger.ms", "5");
        List<Plan.Config> configs = AbCommand.sideIndependent(p.configs(), side, side);
        assertThat(p.configs()).hasSize(3);
        AbCommand ab = new AbCommand();
        ab.sideA = side;
        ab.sideB = side;
        CommandLineOptions jmh = new CommandLineOptions("ProducerSendBenchmark.sendAsync", "-wi", "12");
        RunRecord record = new RunRecord(tmp, "r", "ab", List.of(), tmp);
        record.plan(p, List.of());
        record.planRan(ab.ranPlan(configs, List.of(configs.get(0).benchmark()), 8, jmh), 500);
        record.write();
        JsonNode plan = new ObjectMapper().readTree(tmp.resolve("run.json").toFile()).path("plan");
        assertThat(plan.path("configurations").asInt()).isEqualTo(1);
        assertThat(plan.has("steps")).as("the profile's steps, lingerMs 0,5,20 and 4 x 2 s, are not what ran").isFalse();
        JsonNode ran = plan.path("ran");
        assertThat(ran).hasSize(1);
        assertThat(ran.get(0).path("configuration").asText()).contains("lingerMs=5").doesNotContain("lingerMs=0");
        assertThat(ran.get(0).path("interleave").asText()).isEqualTo("slices");
        assertThat(ran.get(0).path("forks").asInt()).isEqualTo(AbCommand.SLICE_FORKS);
        assertThat(ran.get(0).path("warmup").asText()).isEqualTo("12 x 2 s");
        assertThat(ran.get(0).path("measurement").asText()).isEqualTo(AbCommand.SLICE_ITERATIONS + " x 2 s (both sides in turn: "
                + AbCommand.SLICE_ITERATIONS / 2 + " pairs per fork)");
    }
}
