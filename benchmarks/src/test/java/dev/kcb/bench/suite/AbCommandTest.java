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
}
