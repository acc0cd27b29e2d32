package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * ab --precision reads compare's own output: the widest interval among a configuration's rows decides. The fixture
 * is compare.json of a real sliced A/A ab here (4 forks, acks=1, linger.ms=5 both sides, 16 KiB, 100 B).
 */
class AbPrecisionTest {
    private static final String SEND_ASYNC = "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync";

    private static JsonNode fixture() throws Exception {
        try (var in = AbPrecisionTest.class.getResourceAsStream("/ab/aa-slices-compare.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static AbPrecision precision(Map<String, String> params) {
        Plan.Config c = new Plan.Config("producer", SEND_ASYNC, params, 1, 12, 2, 28, 2);
        return new AbPrecision(c, 5, 600, Path.of("/tmp/unused"), () -> { });
    }

    @Test
    void theWidestRowOfTheConfigurationDecides() throws Exception {
        AbPrecision.Look look = precision(Map.of("acks", "1", "batchSize", "16384", "messageSize", "100"))
                .widest(fixture(), 4, 430);
        // acked MB/s and acked records/s: [-15.4, +16.8]; send() calls/s (the score): [-11.5, +11.9]
        assertThat(look.metric()).isIn("acked MB/s", "acked records/s");
        assertThat(look.lowPct()).isCloseTo(-15.38, within(0.01));
        assertThat(look.highPct()).isCloseTo(16.78, within(0.01));
        assertThat(look.halfWidth()).isCloseTo(16.08, within(0.01));
        assertThat(look.forks()).isEqualTo(4);
    }

    @Test
    void anotherConfigurationsRowsAreNotItsInterval() throws Exception {
        assertThatThrownBy(() -> precision(Map.of("acks", "all")).widest(fixture(), 4, 430))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no row for ProducerSendBenchmark.sendAsync acks=all");
    }

    @Test
    void costPerRecordRowsDoNotDecide() throws Exception {
        JsonNode c = new ObjectMapper().readTree("{\"rows\":[{\"key\":\"" + SEND_ASYNC + " [thrpt] acks=1\",\"params\":\"acks=1\","
                + "\"label\":\"acked MB/s\",\"group\":\"speed\",\"changePct\":1.0,\"ciLowPct\":-3.0,\"ciHighPct\":4.0},"
                + "{\"key\":\"" + SEND_ASYNC + " [thrpt] acks=1\",\"params\":\"acks=1\",\"label\":\"broker CPU per record\","
                + "\"group\":\"cost\",\"changePct\":15.0,\"ciLowPct\":-99.0,\"ciHighPct\":14000.0}]}");
        AbPrecision.Look look = precision(Map.of("acks", "1")).widest(c, 2, 100);
        assertThat(look.metric()).isEqualTo("acked MB/s");
        assertThat(look.halfWidth()).isEqualTo(3.5);
    }

    @Test
    void aRowWithoutAFiniteIntervalIsInfinitelyWide() throws Exception {
        JsonNode c = new ObjectMapper().readTree("{\"rows\":[{\"key\":\"" + SEND_ASYNC + " [thrpt] acks=1\",\"params\":\"acks=1\","
                + "\"label\":\"acked MB/s\",\"changePct\":1.0,\"ciLowPct\":-3.0,\"ciHighPct\":4.0},"
                + "{\"key\":\"" + SEND_ASYNC + " [thrpt] acks=1\",\"params\":\"acks=1\",\"label\":\"score\",\"changePct\":1.0,"
                + "\"ciLowPct\":null,\"ciHighPct\":null}]}");
        assertThat(precision(Map.of("acks", "1")).widest(c, 2, 100).halfWidth()).isInfinite();
    }

    private static AbPrecision.Look look(int forks, long seconds, double low, double high) {
        return new AbPrecision.Look(forks, seconds, "acked MB/s", (low + high) / 2, low, high);
    }

    @Test
    void itStopsWhenTheHalfWidthReachesTheTarget() {
        AbPrecision p = precision(Map.of("acks", "1")); // target 5%, budget 600 s
        assertThat(p.decide(look(2, 200, -8, 6))).as("half-width 7%").isFalse();
        assertThat(p.stopped()).isNull();
        assertThat(p.decide(look(4, 400, -5, 4.8))).as("half-width 4.9%").isTrue();
        assertThat(p.stopped()).startsWith("precision reached: half-width 4.9% <= 5%");
        assertThat(p.record()).containsEntry("forks", 4).containsEntry("targetHalfWidthPct", 5.0);
        assertThat((java.util.List<?>) p.record().get("looks")).hasSize(2);
    }

    @Test
    void itStopsWhenTwoMoreForksWouldOverrunTheBudget() {
        AbPrecision p = precision(Map.of("acks", "1"));
        assertThat(p.decide(look(2, 250, -8, 6))).as("two more end at 500 s").isFalse();
        assertThat(p.decide(look(4, 410, -7, 6))).as("two more end at 615 s").isTrue();
        assertThat(p.stopped()).startsWith("--max-time: two more forks would end after 10 min 15 s, beyond 10 min");
    }

    @Test
    void maxTimeReadsSecondsMinutesAndHours() {
        assertThat(AbCommand.parseSeconds("600s")).isEqualTo(600);
        assertThat(AbCommand.parseSeconds("10m")).isEqualTo(600);
        assertThat(AbCommand.parseSeconds("1h")).isEqualTo(3600);
        assertThat(AbCommand.parseSeconds("90")).isEqualTo(90);
        assertThatThrownBy(() -> AbCommand.parseSeconds("ten minutes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("600s, 10m or 1h");
    }
}
