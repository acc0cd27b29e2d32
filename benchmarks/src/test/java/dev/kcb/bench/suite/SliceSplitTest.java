package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.common.AbSlices;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SliceSplitTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One sliced fork of 8 measured iterations: value 10 x (iteration + 1), so every iteration is recognisable. */
    static final String FORK = """
            [{"benchmark":"dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync","mode":"thrpt","forks":1,
              "measurementIterations":8,"params":{"acks":"1"},
              "primaryMetric":{"score":45,"scoreError":1,"scoreConfidence":[44,46],"scoreUnit":"ops/s",
                               "rawData":[[10,20,30,40,50,60,70,80]]},
              "secondaryMetrics":{"ackedRecords":{"score":4.5,"scoreUnit":"ops/s","rawData":[[1,2,3,4,5,6,7,8]]}}}]
            """;

    static String log(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("measurement ").append(i).append(' ').append(AbSlices.SIDES.get(AbSlices.side(i, 2, false))).append('\n');
        }
        return sb.toString();
    }

    @Test
    void theSidesTakeTurnsABBA() {
        assertThat(java.util.stream.IntStream.range(0, 8).map(i -> AbSlices.side(i, 2, false)).boxed().toList())
                .containsExactly(0, 1, 1, 0, 0, 1, 1, 0);
    }

    @Test
    void eachSideKeepsItsOwnIterationsInOrderWithItsSummaryRecomputed() throws Exception {
        Map<String, String> parts = SliceSplit.split(FORK, SliceSplit.sides(log(8), false), false, "slices/segments/001-producer.json");
        JsonNode a = JSON.readTree(parts.get("baseline")).get(0);
        JsonNode b = JSON.readTree(parts.get("candidate")).get(0);
        // A B B A A B B A: baseline ran iterations 0, 3, 4, 7; candidate 1, 2, 5, 6: pair k = k-th of each
        assertThat(a.at("/primaryMetric/rawData/0").toString()).isEqualTo("[10.0,40.0,50.0,80.0]");
        assertThat(b.at("/primaryMetric/rawData/0").toString()).isEqualTo("[20.0,30.0,60.0,70.0]");
        assertThat(a.at("/secondaryMetrics/ackedRecords/rawData/0").toString()).isEqualTo("[1.0,4.0,5.0,8.0]");
        assertThat(a.at("/primaryMetric/score").asDouble()).isEqualTo(45.0);
        assertThat(b.at("/secondaryMetrics/ackedRecords/score").asDouble()).isEqualTo(4.5);
        assertThat(a.at("/primaryMetric/scorePercentiles/0.0").asDouble()).isEqualTo(10.0);
        assertThat(b.at("/primaryMetric/scorePercentiles/100.0").asDouble()).isEqualTo(70.0);
        assertThat(a.at("/primaryMetric/scoreError").asDouble()).isPositive();
        assertThat(a.get("measurementIterations").asInt()).isEqualTo(4);
        assertThat(a.at("/abSlices/side").asText()).isEqualTo("baseline");
        assertThat(a.at("/abSlices/order").asText()).startsWith("A B B A");
        assertThat(b.at("/abSlices/from").asText()).isEqualTo("slices/segments/001-producer.json");
        assertThat(a.at("/params/acks").asText()).isEqualTo("1");
    }

    @Test
    void aLogThatDoesNotMatchTheScheduleOrJmhsIterationsIsRefused() {
        assertThatThrownBy(() -> SliceSplit.sides("measurement 0 baseline\nmeasurement 1 baseline\n", false))
                .hasMessageContaining("A B B A");
        assertThatThrownBy(() -> SliceSplit.sides("measurement 1 candidate\n", false)).hasMessageContaining("schedule");
        assertThat(SliceSplit.sides("measurement 0 candidate\nmeasurement 1 baseline\n", true)).containsExactly(1, 0);
        assertThatThrownBy(() -> SliceSplit.sides("measurement 0 baseline\n", true)).hasMessageContaining("B A A B");
        assertThatThrownBy(() -> SliceSplit.split(FORK, SliceSplit.sides(log(6), false), false, "x"))
                .hasMessageContaining("6 measured iterations, JMH 8");
        assertThatThrownBy(() -> SliceSplit.split(FORK, List.of(), false, "x")).hasMessageContaining("0 measured iterations");
    }

    @Test
    void configSlicesGoRoundInASerpentineWhichForTwoSidesIsABBA() {
        assertThat(java.util.stream.IntStream.range(0, 9).map(i -> AbSlices.side(i, 3, false)).boxed().toList())
                .containsExactly(0, 1, 2, 2, 1, 0, 0, 1, 2);
        // two sides: A B B A A B B A ..., and B A A B B A A B ... swapped
        assertThat(java.util.stream.IntStream.range(0, 16).map(i -> AbSlices.side(i, 2, false)).boxed().toList())
                .containsExactly(0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0);
        assertThat(java.util.stream.IntStream.range(0, 16).map(i -> AbSlices.side(i, 2, true)).boxed().toList())
                .containsExactly(1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1);
        assertThat(SliceSplit.configOrder(4)).isEqualTo("0 1 2 3 3 2 1 0");
        assertThat(SliceSplit.configOrder(2)).isEqualTo("0 1 1 0");
        assertThat(SliceSplit.order(true)).isEqualTo("B A A B");
    }

    /** Four configurations' turns: 0 1 2 3 3 2 1 0. */
    static String configLog(int n, int sides) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("measurement ").append(i).append(" config").append(AbSlices.side(i, sides, false)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void eachConfigurationGetsItsOwnTurnsAndItsOwnParams() throws Exception {
        List<Map<String, String>> params = List.of(Map.of("acks", "1", "lingerMs", "0"), Map.of("acks", "1", "lingerMs", "5"),
                Map.of("acks", "all", "lingerMs", "0"), Map.of("acks", "all", "lingerMs", "5"));
        List<String> parts = SliceSplit.splitConfigs(FORK, SliceSplit.sides(configLog(8, 4), SliceSplit.configLabels(4), false),
                params, "slices/segments/001-producer.json");
        assertThat(parts).hasSize(4);
        // 0 1 2 3 3 2 1 0: config 0 ran iterations 0 and 7, config 3 iterations 3 and 4
        JsonNode c0 = JSON.readTree(parts.get(0)).get(0);
        JsonNode c3 = JSON.readTree(parts.get(3)).get(0);
        assertThat(c0.at("/primaryMetric/rawData/0").toString()).isEqualTo("[10.0,80.0]");
        assertThat(c3.at("/primaryMetric/rawData/0").toString()).isEqualTo("[40.0,50.0]");
        assertThat(c3.at("/secondaryMetrics/ackedRecords/rawData/0").toString()).isEqualTo("[4.0,5.0]");
        assertThat(c3.at("/secondaryMetrics/ackedRecords/score").asDouble()).isEqualTo(4.5);
        assertThat(c0.at("/primaryMetric/score").asDouble()).isEqualTo(45.0);
        assertThat(c3.get("measurementIterations").asInt()).isEqualTo(2);
        // JMH recorded the carrier's acks=1; the part says what the configuration ran
        assertThat(c3.at("/params/acks").asText()).isEqualTo("all");
        assertThat(c3.at("/params/lingerMs").asText()).isEqualTo("5");
        assertThat(c3.at("/configSlices/config").asInt()).isEqualTo(3);
        assertThat(c3.at("/configSlices/of").asInt()).isEqualTo(4);
        assertThat(c3.at("/configSlices/from").asText()).isEqualTo("slices/segments/001-producer.json");
        assertThat(c3.at("/configSlices/order").asText()).startsWith("0 1 2 3 3 2 1 0 ...");
        assertThat(c3.has("abSlices")).isFalse();
    }

    @Test
    void aConfigLogOutOfTurnIsRefused() {
        List<String> labels = SliceSplit.configLabels(3);
        assertThatThrownBy(() -> SliceSplit.sides("measurement 0 config0\nmeasurement 1 config2\n", labels, false))
                .hasMessageContaining("0 1 2 2 1 0");
        assertThatThrownBy(() -> SliceSplit.sides("measurement 0 baseline\n", labels, false)).hasMessageContaining("schedule");
        assertThat(SliceSplit.sides("measurement 0 config0\nmeasurement 1 config1\nmeasurement 2 config2\nmeasurement 3 config2\n",
                labels, false)).containsExactly(0, 1, 2, 2);
    }
}
