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

    @Test
    void anAbChartIsTitledWithWhatItChanged() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String ab = "\"ab\":{\"baselineConfig\":{\"properties\":{\"linger.ms\":\"0\"}},\"candidateConfig\":{\"properties\":{\"linger.ms\":\"20\"}}}";
        var a = new dev.kcb.report.model.Run("a", "x-baseline", null, new RunInfo(json.readTree("{\"abSide\":\"baseline\"," + ab + "}")), java.util.List.of());
        var b = new dev.kcb.report.model.Run("b", "x-candidate", null, new RunInfo(json.readTree("{\"abSide\":\"candidate\"," + ab + "}")), java.util.List.of());
        assertThat(ChangeChart.build(java.util.List.of(), a, b, 5, 0.01).title()).isEqualTo("Change per metric, A/B: linger.ms=0 → linger.ms=20");
        var plainA = new dev.kcb.report.model.Run("a", "run-1", null, RunInfo.absent(), java.util.List.of());
        var plainB = new dev.kcb.report.model.Run("b", "run-2", null, RunInfo.absent(), java.util.List.of());
        assertThat(ChangeChart.build(java.util.List.of(), plainA, plainB, 5, 0.01).title()).isEqualTo("Change per metric: run-2 vs run-1");
    }

    @Test
    void anAbsChartNamesThePairedIntervalNotFiellers() {
        java.nio.file.Path run = dev.kcb.report.Fixtures.fixture("real-ab-run");
        var loader = new dev.kcb.report.model.RunLoader(run);
        var a = loader.load(run.resolve("baseline").toString());
        var b = loader.load(run.resolve("candidate").toString());
        var rows = new dev.kcb.report.compare.RunComparison(a, b, 5, 0.01).rows();
        assertThat(ChangeChart.build(rows, a, b, 5, 0.01).subtitle()).contains("98% confidence interval (paired ln ratios)");
        // both dashed threshold lines inside the plot, not across the subtitle above it
        var styler = ((org.knowm.xchart.CategoryChart) ChangeChart.build(rows, a, b, 5, 0.01).body()).getStyler();
        assertThat(styler.getYAxisMax()).isGreaterThan(5.0);
        assertThat(styler.getYAxisMin()).isLessThan(-5.0);
    }
}
