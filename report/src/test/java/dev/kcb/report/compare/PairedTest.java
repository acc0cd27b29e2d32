package dev.kcb.report.compare;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paired test of an ab's forks ({@link Statistics#comparePaired}) on synthetic data with a known drift: fork means
 * that rise over the run (a broker still warming, page cache filling), taken in ab's order.
 */
class PairedTest {
    static final double ALPHA = 0.01;

    /**
     * n pairs in ab's order, A B, B A, A B, ... (see AbCommand): the k-th fork of the run sits at drift 1 + k * drift;
     * B is scaled by (1 + shift); each fork mean also gets N(0, sd).
     */
    static Samples[] ab(Random rnd, int n, double driftPerFork, double sd, double shift) {
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            int first = 2 * i;
            int ka = i % 2 == 0 ? first : first + 1;
            int kb = i % 2 == 0 ? first + 1 : first;
            a[i] = 100 * (1 + driftPerFork * ka) * (1 + sd * rnd.nextGaussian());
            b[i] = 100 * (1 + driftPerFork * kb) * (1 + sd * rnd.nextGaussian()) * (1 + shift);
        }
        return new Samples[]{new Samples(a, n, true, Double.NaN), new Samples(b, n, true, Double.NaN)};
    }

    static double rate(double shift, double drift, boolean paired, int n) {
        return rate(shift, drift, paired, n, false);
    }

    /** How often p_lower (or, with {@code higher}, p_higher) is below alpha over 1000 seeds. */
    static double rate(double shift, double drift, boolean paired, int n, boolean higher) {
        Random rnd = new Random(7);
        int flagged = 0;
        int seeds = 1000;
        for (int s = 0; s < seeds; s++) {
            Samples[] x = ab(rnd, n, drift, 0.02, shift);
            Comparison c = paired ? Statistics.comparePaired(x[0], x[1], ALPHA) : Statistics.compare(x[0], x[1], ALPHA);
            if ((higher ? c.pHigher() : c.pLower()) < ALPHA) {
                flagged++;
            }
        }
        return flagged / (double) seeds;
    }

    @Test
    void pairingCancelsASlowDriftThatTheUnpairedTestCountsAsNoise() {
        // 1% rise per fork: over 10 pairs the run drifts by 20%, which the unpaired test takes for fork-to-fork noise
        double paired = rate(-0.05, 0.01, true, 10);
        double unpaired = rate(-0.05, 0.01, false, 10);
        assertThat(paired).isGreaterThan(0.9);
        assertThat(unpaired).isLessThan(0.5);
    }

    @Test
    void falseAlarmsStayAtAlphaWithAndWithoutDrift() {
        // A B then B A: a linear drift puts B one fork later in half the pairs and earlier in the other half, so it
        // cancels in the mean of the pairs (with A B A B it biased every pair the same way: +3% per pair here)
        for (boolean higher : new boolean[]{false, true}) {
            assertThat(rate(0, 0.0, true, 10, higher)).isLessThanOrEqualTo(StatisticsTest.upperBound(ALPHA));
            assertThat(rate(0, 0.03, true, 10, higher)).isLessThanOrEqualTo(StatisticsTest.upperBound(ALPHA));
        }
    }

    @Test
    void intervalIsTheGeometricMeanRatioAndCoversTheTruth() {
        Samples a = new Samples(new double[]{100, 110, 120, 130}, 4, true, Double.NaN);
        Samples b = new Samples(new double[]{90, 99, 108, 117}, 4, true, Double.NaN);
        Comparison c = Statistics.comparePaired(a, b, ALPHA);
        // every pair is exactly -10%: zero variance, no interval, insufficient
        assertThat(c.insufficient()).isTrue();
        assertThat(c.change()).isCloseTo(-0.10, org.assertj.core.data.Offset.offset(1e-12));

        Samples b2 = new Samples(new double[]{91, 98, 109, 116}, 4, true, Double.NaN);
        Comparison c2 = Statistics.comparePaired(a, b2, ALPHA);
        assertThat(c2.test()).isEqualTo(TestKind.PAIRED);
        assertThat(c2.df()).isEqualTo(3);
        assertThat(c2.ciLow()).isLessThan(-0.10).isGreaterThan(-0.13);
        assertThat(c2.ciHigh()).isGreaterThan(-0.10).isLessThan(-0.07);
        assertThat(c2.pLower()).isLessThan(ALPHA);
    }

    @Test
    void fallsBackWhenTheSidesDoNotPair() {
        Samples a = new Samples(new double[]{100, 110, 120}, 3, true, Double.NaN);
        Samples b = new Samples(new double[]{90, 99}, 2, true, Double.NaN);
        assertThat(Statistics.comparePaired(a, b, ALPHA).test()).isNotEqualTo(TestKind.PAIRED);
    }

    @Test
    void minimumDetectableChangeIsWhatThePowerSays() {
        // 10 pairs, 2% noise per fork mean: a change of the typical printed size is flagged about 80% of the time
        Random rnd = new Random(3);
        double[] mdes = new double[301];
        for (int i = 0; i < mdes.length; i++) {
            Samples[] x = ab(rnd, 10, 0, 0.02, 0);
            mdes[i] = Statistics.minimumDetectable(Statistics.comparePaired(x[0], x[1], ALPHA), ALPHA, 0.8);
        }
        java.util.Arrays.sort(mdes);
        double median = mdes[mdes.length / 2];
        assertThat(median).isBetween(0.02, 0.05);
        assertThat(rate(-median, 0, true, 10)).isBetween(0.65, 0.92);
    }
}
