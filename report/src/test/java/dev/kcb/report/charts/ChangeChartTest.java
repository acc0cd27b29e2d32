package dev.kcb.report.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.report.compare.Comparison;
import dev.kcb.report.compare.TestKind;
import dev.kcb.report.model.RunInfo;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeChartTest {

    private static Comparison change(double change, double low, double high) {
        return new Comparison(100, 100 * (1 + change), change, low, high, 0.99, 0.01, 8, TestKind.NESTED, false, null, null);
    }

    @Test
    void whiskerSpansExactlyTheAsymmetricInterval() {
        // a real 3-broker acks=1 -> all comparison: -51.7% [-86.8, -3.2]
        double[] w = ChangeChart.whisker(change(-0.517, -0.868, -0.032));
        assertThat(w[0] - w[1]).isCloseTo(-86.8, Offset.offset(1e-9));
        assertThat(w[0] + w[1]).isCloseTo(-3.2, Offset.offset(1e-9));
    }

    @Test
    void unboundedIntervalGetsNoWhisker() {
        double[] w = ChangeChart.whisker(change(0.10, Double.NaN, Double.NaN));
        assertThat(w[0]).isCloseTo(10.0, Offset.offset(1e-9));
        assertThat(w[1]).isZero();
    }

    @Test
    void footerNamesAClusterAndItsReplication() throws Exception {
        ObjectMapper json = new ObjectMapper();
        RunInfo three = new RunInfo(json.readTree("{\"broker\":{\"mode\":\"local\",\"brokers\":3},\"topic\":{\"replicationFactor\":3}}"));
        RunInfo one = new RunInfo(json.readTree("{\"broker\":{\"mode\":\"container\",\"brokers\":1}}"));
        assertThat(three.brokerSetup()).isEqualTo("local, 3 nodes, RF 3");
        assertThat(one.brokerSetup()).isEqualTo("container");
        assertThat(RunInfo.absent().brokerSetup()).isEqualTo("unknown");
    }
}
