package dev.kcb.bench.calibrate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A calibration ratio concludes only when its 95% interval lies wholly inside, or wholly outside, its band. */
class CalibrationTest {

    @Test
    void theIntervalDecidesNotThePoint() {
        assertThat(Calibration.Ratio.verdict(0.96, 1.04, 0.95, 1.05)).isEqualTo(Calibration.Verdict.AGREES);
        assertThat(Calibration.Ratio.verdict(0.80, 0.90, 0.95, 1.05)).isEqualTo(Calibration.Verdict.DIFFERS);
        assertThat(Calibration.Ratio.verdict(1.06, 1.20, 0.95, 1.05)).isEqualTo(Calibration.Verdict.DIFFERS);
        // a point in the band whose interval leaves it, and a point outside whose interval reaches in: neither concludes
        assertThat(Calibration.Ratio.verdict(0.90, 1.02, 0.95, 1.05)).isEqualTo(Calibration.Verdict.INCONCLUSIVE);
        assertThat(Calibration.Ratio.verdict(1.01, 1.30, 0.95, 1.05)).isEqualTo(Calibration.Verdict.INCONCLUSIVE);
        assertThat(Calibration.Ratio.verdict(Double.NaN, Double.NaN, 0.95, 1.05)).isEqualTo(Calibration.Verdict.NO_INTERVAL);
    }

    @Test
    void repeatsGiveAStudentTIntervalOnTheLogScale() {
        // three tool runs; t(0.975, 2) = 4.3027
        double[] runs = {1_000_000, 1_100_000, 1_050_000};
        Calibration.Measurement m = Calibration.Measurement.ofRepeats("c", "producer", Calibration.Source.TOOL, runs, 100, "");
        double[] ln = {Math.log(runs[0]), Math.log(runs[1]), Math.log(runs[2])};
        double mean = (ln[0] + ln[1] + ln[2]) / 3;
        double sd = Math.sqrt(((ln[0] - mean) * (ln[0] - mean) + (ln[1] - mean) * (ln[1] - mean) + (ln[2] - mean) * (ln[2] - mean)) / 2);
        assertThat(m.recordsPerSec()).isCloseTo(1_050_000, within(1e-6));
        assertThat(m.mbPerSec()).isCloseTo(105.0, within(1e-9));
        assertThat(m.lnHalfWidth95()).isCloseTo(4.3027 * sd / Math.sqrt(3), within(1e-4));
        assertThat(Calibration.Measurement.ofRepeats("c", "producer", Calibration.Source.TOOL, new double[]{1e6}, 100, "").lnHalfWidth95()).isNaN();
        // two warm plain-loop passes still give one: t(0.975, 1) = 12.706
        double h2 = Calibration.Measurement.ofRepeats("c", "producer", Calibration.Source.PLAIN, new double[]{900_000, 1_100_000}, 100, "").lnHalfWidth95();
        assertThat(h2).isCloseTo(12.7062 * Math.abs(Math.log(1.1e6) - Math.log(9e5)) / Math.sqrt(2) / Math.sqrt(2), within(1e-3));
    }

    @Test
    void aRatioCombinesBothSidesIntervals() {
        Case c = new Case("c", 100, java.util.Map.of(), 1000);
        Calibration cal = new Calibration(java.util.List.of(c), 3);
        cal.add(new Calibration.Measurement("c", "producer", Calibration.Source.SUITE, 1_000_000, 100, 0.03, "", null));
        cal.add(new Calibration.Measurement("c", "producer", Calibration.Source.PLAIN, 1_000_000, 100, 0.04, "", null));
        cal.compare(c);
        Calibration.Ratio r = cal.ratios().stream().filter(x -> x.name().equals("suite / plain loop")).findFirst().orElseThrow();
        assertThat(r.value()).isEqualTo(1.0);
        assertThat(r.ciLow()).isCloseTo(Math.exp(-0.05), within(1e-12));
        assertThat(r.ciHigh()).isCloseTo(Math.exp(0.05), within(1e-12));
        assertThat(r.verdict()).isEqualTo(Calibration.Verdict.INCONCLUSIVE);
        assertThat(r.finding()).isFalse();
    }
}
