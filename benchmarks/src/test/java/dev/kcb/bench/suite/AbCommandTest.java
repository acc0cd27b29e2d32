package dev.kcb.bench.suite;

import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The A/B side's config is what is being tested, so it wins over the param that sets the same property. */
class AbCommandTest {

    @Test
    void aSidesConfigWinsOverTheParamsAndTheUserFile() {
        Properties user = new Properties();
        user.setProperty("linger.ms", "1");
        Properties side = new Properties();
        side.setProperty("linger.ms", "20");
        BenchTarget t = new BenchTarget("b:9092", user, 1, (short) 1, Map.of(), side);
        Properties p = t.clientProps(ClientConfigs.Kind.PRODUCER, Map.of("linger.ms", "0", "acks", "1"));
        assertThat(p.getProperty("linger.ms")).isEqualTo("20");
        assertThat(p.getProperty("acks")).isEqualTo("1");
    }

    @Test
    void paramsThatEitherSideSetsAreNotSweptTwice() {
        Plan.Config l0 = config("0", "1");
        Plan.Config l5 = config("5", "1");
        Plan.Config l0all = config("0", "all");
        Properties a = new Properties();
        a.setProperty("linger.ms", "0");
        Properties b = new Properties();
        b.setProperty("producer.linger.ms", "20");
        List<Plan.Config> out = AbCommand.sideIndependent(List.of(l0, l5, l0all), a, b);
        assertThat(out).extracting(c -> c.params().get("lingerMs") + "/" + c.params().get("acks")).containsExactly("0/1", "0/all");
    }

    private static Plan.Config config(String linger, String acks) {
        return new Plan.Config("s", "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync",
                Map.of("lingerMs", linger, "acks", acks), 1, 1, 1, 1, 1);
    }

    @Test
    void eachSideSaysWhatItRanNotThePinnedParam() throws Exception {
        String jmh = "[{\"benchmark\":\"x.sendAsync\",\"params\":{\"acks\":\"1\",\"lingerMs\":\"0\",\"batchSize\":\"16384\","
                + "\"messageSize\":\"100\"}},{\"benchmark\":\"x.poll\",\"params\":{\"maxPollRecords\":\"500\"}},{\"benchmark\":\"x.other\"}]";
        Properties a = new Properties();
        a.setProperty("linger.ms", "0");
        a.setProperty("producer.batch.size", "65536");
        Properties b = new Properties();
        b.setProperty("producer.linger.ms", "20");
        b.setProperty("batch.size", "65536");
        var out = new com.fasterxml.jackson.databind.ObjectMapper().readTree(AbCommand.relabel(jmh, a, b));
        var params = out.get(0).path("params");
        assertThat(params.path("lingerMs").asText()).isEqualTo("0→20");
        assertThat(params.path("batchSize").asText()).as("both sides ran 64 KiB, not the pinned 16384").isEqualTo("65536");
        assertThat(params.path("acks").asText()).as("left alone by both sides").isEqualTo("1");
        assertThat(params.path("messageSize").asText()).isEqualTo("100");
        assertThat(out.get(1).path("params").path("maxPollRecords").asText()).isEqualTo("500");
        assertThat(out).hasSize(3);
        // only what the configs set: a candidate that changes acks alone leaves linger as pinned
        Properties c = new Properties();
        c.setProperty("acks", "all");
        var acksOnly = new com.fasterxml.jackson.databind.ObjectMapper().readTree(AbCommand.relabel(jmh, new Properties(), c));
        assertThat(acksOnly.get(0).path("params").path("acks").asText()).isEqualTo("1→all");
        assertThat(acksOnly.get(0).path("params").path("lingerMs").asText()).isEqualTo("0");
    }
}
