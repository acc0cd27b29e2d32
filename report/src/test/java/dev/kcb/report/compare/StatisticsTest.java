package dev.kcb.report.compare;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict's error rates on synthetic data with known distributions.
 *
 * <p>Noise model: each fork's mean is off by N(0, 1%) ("fork-to-fork variation": JIT, heap layout, broker state),
 * each iteration by a further N(0, 5%) (5% CV). Default verdict settings: threshold 5%, alpha 0.01.
 */
class StatisticsTest {
    static final int SEEDS = 1000;
    static final double ALPHA = 0.01;
    static final double THRESHOLD = 5;
    static final double FORK_SD = 0.01;
    static final double ITER_CV = 0.05;

    /** Binomial slack: alpha + 3 standard errors of a proportion over SEEDS trials (~0.0194 for alpha 0.01). */
    static double upperBound(double alpha) {
        return alpha + 3 * Math.sqrt(alpha * (1 - alpha) / SEEDS);
    }

    record Rates(double regressed, double improved, double pBelowAlpha) {
    }

    /** Runs SEEDS comparisons of a baseline with mean 1000 ops/s against a candidate with mean 1000 * (1 + shift). */
    static Rates thrptRates(double shift, int forks, int iterations, double forkSd, double alpha) {
        int reg = 0;
        int imp = 0;
        int sig = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Random rnd = new Random(seed);
            BenchmarkResult a = Synthetic.thrpt(Synthetic.raw(rnd, 1000, forks, iterations, forkSd, ITER_CV), Map.of());
            BenchmarkResult b = Synthetic.thrpt(Synthetic.raw(rnd, 1000 * (1 + shift), forks, iterations, forkSd, ITER_CV), Map.of());
            Row row = RunComparison.compareEntries(List.of(a), List.of(b), THRESHOLD, alpha).get(0);
            reg += row.verdict() == Verdict.REGRESSED ? 1 : 0;
            imp += row.verdict() == Verdict.IMPROVED ? 1 : 0;
            sig += row.stats().p() < alpha ? 1 : 0;
        }
        return new Rates(reg / (double) SEEDS, imp / (double) SEEDS, sig / (double) SEEDS);
    }

    @Test
    void aaFalseAlarmRateIsAtMostAlpha() {
        Rates r = thrptRates(0, 3, 5, FORK_SD, ALPHA);
        System.out.printf("A/A 3 forks x 5 it: regressed %.4f, improved %.4f, p<alpha %.4f (alpha %.2f, bound %.4f)%n",
                r.regressed(), r.improved(), r.pBelowAlpha(), ALPHA, upperBound(ALPHA));
        // the test itself is calibrated (p < alpha at most alpha of the time), and the verdict even more so
        assertThat(r.pBelowAlpha()).isLessThanOrEqualTo(upperBound(ALPHA));
        assertThat(r.regressed()).isLessThanOrEqualTo(upperBound(ALPHA));
        assertThat(r.improved()).isLessThanOrEqualTo(upperBound(ALPHA));
    }

    @Test
    void aaFalseAlarmRateWithStrongForkEffectIsAtMostAlpha() {
        // forks differ by 3%: using iterations as samples would be fooled here; per-fork means are not
        Rates r = thrptRates(0, 5, 5, 0.03, ALPHA);
        System.out.printf("A/A 5 forks x 5 it, 3%% fork sd: p<alpha %.4f%n", r.pBelowAlpha());
        assertThat(r.pBelowAlpha()).isLessThanOrEqualTo(upperBound(ALPHA));
        assertThat(r.regressed()).isLessThanOrEqualTo(upperBound(ALPHA));
    }

    @Test
    void aaWithOneForkAndNoForkEffectIsCalibrated() {
        Rates r = thrptRates(0, 1, 10, 0, ALPHA);
        System.out.printf("A/A 1 fork x 10 it (iterations independent): p<alpha %.4f%n", r.pBelowAlpha());
        assertThat(r.pBelowAlpha()).isLessThanOrEqualTo(upperBound(ALPHA));
    }

    @Test
    void tenPercentSlowdownIsDetected() {
        // 5 forks x 5 iterations at alpha 0.01, and 3 forks x 5 iterations at alpha 0.05: at least 90%
        Rates five = thrptRates(-0.10, 5, 5, FORK_SD, ALPHA);
        Rates threeAt5 = thrptRates(-0.10, 3, 5, FORK_SD, 0.05);
        // 3 forks x 5 iterations at alpha 0.01: Welch on 3 vs 3 fork means (df ~4, t_crit 4.6) has only ~50% power
        // with 5% iteration noise; asserted loosely so the number stays visible and does not silently decay
        Rates three = thrptRates(-0.10, 3, 5, FORK_SD, ALPHA);
        System.out.printf("10%% slowdown detected: 5x5 alpha 0.01: %.3f, 3x5 alpha 0.05: %.3f, 3x5 alpha 0.01: %.3f%n",
                five.regressed(), threeAt5.regressed(), three.regressed());
        assertThat(five.regressed()).isGreaterThanOrEqualTo(0.90);
        assertThat(threeAt5.regressed()).isGreaterThanOrEqualTo(0.85);
        assertThat(three.regressed()).isGreaterThanOrEqualTo(0.35);
        assertThat(five.improved() + three.improved() + threeAt5.improved()).isZero();
    }

    @Test
    void tenPercentThroughputGainIsImprovedNeverRegressed() {
        Rates r = thrptRates(+0.10, 5, 5, FORK_SD, ALPHA);
        System.out.printf("10%% gain: improved %.3f, regressed %.3f%n", r.improved(), r.regressed());
        assertThat(r.regressed()).isZero();
        assertThat(r.improved()).isGreaterThanOrEqualTo(0.90);
        Rates three = thrptRates(+0.10, 3, 5, FORK_SD, ALPHA);
        assertThat(three.regressed()).isZero();
    }

    @Test
    void latencyUpTenPercentIsRegressed() {
        int reg = 0;
        int imp = 0;
        int n = 100;
        for (int seed = 0; seed < n; seed++) {
            Random rnd = new Random(seed);
            BenchmarkResult a = Synthetic.sample(Synthetic.histogram(rnd, 1000, 5, 5, 300, 0.01, 0.3));
            BenchmarkResult b = Synthetic.sample(Synthetic.histogram(rnd, 1100, 5, 5, 300, 0.01, 0.3));
            List<Row> rows = RunComparison.compareEntries(List.of(a), List.of(b), THRESHOLD, ALPHA);
            assertThat(rows).extracting(Row::metric).containsExactly("score", "p50", "p99");
            Row mean = rows.get(0);
            assertThat(mean.higherIsBetter()).isFalse();
            assertThat(mean.stats().change()).isPositive();
            reg += mean.verdict() == Verdict.REGRESSED ? 1 : 0;
            imp += rows.stream().anyMatch(r -> r.verdict() == Verdict.IMPROVED) ? 1 : 0;
        }
        System.out.printf("sample mode us/op +10%%: mean regressed in %d/%d%n", reg, n);
        assertThat(reg).isGreaterThanOrEqualTo(90);
        assertThat(imp).isZero();
    }

    @Test
    void latencySecondaryInMicrosIsLowerIsBetter() {
        Random rnd = new Random(7);
        BenchmarkResult a = Synthetic.thrpt(Synthetic.raw(rnd, 1000, 3, 5, 0, 0.01),
                Map.of("e2e.p99", Synthetic.metric(Synthetic.raw(rnd, 2000, 3, 5, 0, 0.01), "us"),
                        "sendErrors", Synthetic.metric(Synthetic.raw(rnd, 1, 3, 5, 0, 0.01), "ops/s")));
        BenchmarkResult b = Synthetic.thrpt(Synthetic.raw(rnd, 1000, 3, 5, 0, 0.01),
                Map.of("e2e.p99", Synthetic.metric(Synthetic.raw(rnd, 2400, 3, 5, 0, 0.01), "us"),
                        "sendErrors", Synthetic.metric(Synthetic.raw(rnd, 100, 3, 5, 0, 0.01), "ops/s")));
        List<Row> rows = RunComparison.compareEntries(List.of(a), List.of(b), THRESHOLD, ALPHA);
        assertThat(rows).extracting(Row::metric).containsExactly("score", "e2e.p99");
        assertThat(rows.get(1).verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(rows.get(1).stats().change()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void ciIsConsistentWithTheTestAndSigned() {
        Random rnd = new Random(3);
        Samples a = MetricSelector.rawSamples(Synthetic.metric(Synthetic.raw(rnd, 1000, 4, 5, 0.01, 0.05), "ops/s"));
        Samples b = MetricSelector.rawSamples(Synthetic.metric(Synthetic.raw(rnd, 800, 4, 5, 0.01, 0.05), "ops/s"));
        assertThat(a.perFork()).isTrue();
        assertThat(a.n()).isEqualTo(4);
        Comparison c = Statistics.compare(a, b, ALPHA);
        assertThat(c.change()).isNegative();
        assertThat(c.ciLow()).isLessThan(c.change());
        assertThat(c.ciHigh()).isGreaterThan(c.change());
        // the Fieller interval excludes 0 exactly when p < alpha
        assertThat(c.p() < ALPHA).isEqualTo(c.ciHigh() < 0 || c.ciLow() > 0);
        assertThat(Statistics.verdict(c, true, THRESHOLD, ALPHA)).isEqualTo(Verdict.REGRESSED);
        // the same numbers as a time per op: going down 20% is an improvement
        assertThat(Statistics.verdict(c, false, THRESHOLD, ALPHA)).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void tooFewSamplesIsInsufficientData() {
        Metric one = new Metric(1000, Double.NaN, "ops/s", Map.of(), List.of(List.of(1000.0)), List.of());
        Metric half = new Metric(500, Double.NaN, "ops/s", Map.of(), List.of(List.of(500.0)), List.of());
        Row r = RunComparison.compareEntries(
                List.of(new BenchmarkResult(Synthetic.SEND_ASYNC, "thrpt", 1, 1, Map.of(), one, Map.of(), "", "", "")),
                List.of(new BenchmarkResult(Synthetic.SEND_ASYNC, "thrpt", 1, 1, Map.of(), half, Map.of(), "", "", "")),
                THRESHOLD, ALPHA).get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(r.verdictLabel()).isEqualTo("unchanged (insufficient data)");
        assertThat(r.stats().change()).isEqualTo(-0.5);

        Metric flat = new Metric(7, Double.NaN, "ops/s", Map.of(), List.of(List.of(7.0, 7.0), List.of(7.0, 7.0)), List.of());
        Samples s = MetricSelector.rawSamples(flat);
        assertThat(Statistics.compare(s, s, ALPHA).insufficient()).isTrue();
    }

    @Test
    void missingAndNewEntries() {
        Random rnd = new Random(1);
        BenchmarkResult a = Synthetic.thrpt(Synthetic.raw(rnd, 1000, 2, 3, 0, 0.05), Map.of(), "acks", "1");
        BenchmarkResult b = Synthetic.thrpt(Synthetic.raw(rnd, 1000, 2, 3, 0, 0.05), Map.of(), "acks", "all");
        List<Row> rows = RunComparison.compareEntries(List.of(a), List.of(b), THRESHOLD, ALPHA);
        assertThat(rows).extracting(Row::verdict).containsExactly(Verdict.MISSING, Verdict.NEW);
    }
}
