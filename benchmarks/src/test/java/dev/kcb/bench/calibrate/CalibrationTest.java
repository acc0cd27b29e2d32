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

    @Test
    void roundsOnBothSidesPairTheRatio() {
        // the machine slowed by half between rounds 2 and 3: both sides alike, so the pairs cancel it
        double[] suite = {1_000_000, 1_020_000, 510_000, 500_000};
        double[] plain = {990_000, 1_000_000, 505_000, 490_000};
        double[] d = new double[4];
        for (int i = 0; i < 4; i++) {
            d[i] = Math.log(suite[i] / plain[i]);
        }
        double mean = java.util.Arrays.stream(d).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum() / 3);
        double h = 3.1824 * sd / 2;  // t(0.975, 3)
        double[] p = Calibration.paired(suite, plain);
        assertThat(p[0]).isCloseTo(Math.exp(mean), within(1e-12));
        assertThat(p[1]).isCloseTo(Math.exp(mean - h), within(1e-4));
        assertThat(p[2]).isCloseTo(Math.exp(mean + h), within(1e-4));
        // paired, it agrees; from the two sides' own spreads (the slowdown in both) it could not conclude
        Case c = new Case("c", 100, java.util.Map.of(), 1000);
        Calibration cal = new Calibration(java.util.List.of(c), 4);
        cal.add(Calibration.Measurement.ofRepeats("c", "producer", Calibration.Source.SUITE, suite, 100, ""));
        cal.add(Calibration.Measurement.ofRepeats("c", "producer", Calibration.Source.PLAIN, plain, 100, ""));
        cal.compare(c);
        Calibration.Ratio r = cal.ratios().get(0);
        assertThat(r.pairs()).isEqualTo(4);
        assertThat(r.verdict()).isEqualTo(Calibration.Verdict.AGREES);
        double unpaired = Math.hypot(Calibration.Measurement.ofRepeats("c", "producer", Calibration.Source.SUITE, suite, 100, "").lnHalfWidth95(),
                Calibration.Measurement.ofRepeats("c", "producer", Calibration.Source.PLAIN, plain, 100, "").lnHalfWidth95());
        assertThat(Calibration.Ratio.verdict(Math.exp(mean - unpaired), Math.exp(mean + unpaired), 0.95, 1.05))
                .isEqualTo(Calibration.Verdict.INCONCLUSIVE);
        // different numbers of rounds (a side that failed a round) do not pair
        assertThat(Calibration.paired(suite, new double[] {1, 2, 3})).isNull();
        assertThat(Calibration.paired(new double[] {1}, new double[] {1})).isNull();
    }
}
