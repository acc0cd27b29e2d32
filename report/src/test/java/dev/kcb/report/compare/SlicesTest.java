package dev.kcb.report.compare;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paired-slices test ({@link Statistics#compareSlices}) on synthetic data laid out the way ab's sliced forks take
 * it: F forks of K pairs, A B B A ..., each fork with its own level (the JVM's JIT, the broker's state at the time),
 * a drift through the fork, and iteration noise.
 */
class SlicesTest {
    static final double ALPHA = 0.01;
    static final int SEEDS = 1000;

    /**
     * @param forkSd     SD of each fork's level, shared by both sides of the fork
     * @param drift      rise per iteration within a fork
     * @param noise      SD of each iteration
     * @param sideByFork SD of a per-fork factor on the candidate only (one JVM favouring one config)
     * @param shift      the candidate's true change
     */
    static Samples[] sliced(Random rnd, int forks, int pairs, double forkSd, double drift, double noise, double sideByFork, double shift) {
        return sliced(rnd, forks, pairs, forkSd, drift, noise, sideByFork, shift, 0);
    }

    /**
     * As above, with ab's two orders: in forks 0, 2, ... the baseline's client is built first, in forks 1, 3, ... the
     * candidate's, and the first-built client runs {@code firstBuilt} faster (AbSlices.SWAP).
     */
    static Samples[] sliced(Random rnd, int forks, int pairs, double forkSd, double drift, double noise, double sideByFork, double shift,
                            double firstBuilt) {
        double[][] a = new double[forks][pairs];
        double[][] b = new double[forks][pairs];
        for (int f = 0; f < forks; f++) {
            double level = 100 * (1 + forkSd * rnd.nextGaussian());
            double interaction = 1 + sideByFork * rnd.nextGaussian();
            int ia = 0;
            int ib = 0;
            for (int j = 0; j < 2 * pairs; j++) {
                double v = level * (1 + drift * j) * (1 + noise * rnd.nextGaussian());
                boolean baselineFirst = f % 2 == 0;
                if (((j + 1) >> 1 & 1) == 0) {
                    a[f][ia++] = v * (baselineFirst ? 1 + firstBuilt : 1);
                } else {
                    b[f][ib++] = v * interaction * (1 + shift) * (baselineFirst ? 1 : 1 + firstBuilt);
                }
            }
        }
        return new Samples[]{Samples.ofForks(a, Double.NaN), Samples.ofForks(b, Double.NaN)};
    }

    record Rates(double lower, double slicesForks) {
    }

    static Rates rates(int forks, int pairs, double forkSd, double drift, double noise, double sideByFork, double shift,
                       boolean slices) {
        Random rnd = new Random(11);
        int flagged = 0;
        int perFork = 0;
        for (int s = 0; s < SEEDS; s++) {
            Samples[] x = sliced(rnd, forks, pairs, forkSd, drift, noise, sideByFork, shift);
            Comparison c = slices ? Statistics.compareSlices(x[0], x[1], ALPHA) : Statistics.comparePaired(x[0], x[1], ALPHA);
            if (c.pLower() < ALPHA) {
                flagged++;
            }
            if (c.test() == TestKind.SLICES_FORKS) {
                perFork++;
            }
        }
        return new Rates(flagged / (double) SEEDS, perFork / (double) SEEDS);
    }

    static final double TOLERANCE = 3 * Math.sqrt(ALPHA * (1 - ALPHA) / SEEDS);

    @Test
    void aaFalseAlarmsStayAtAlphaWhateverTheForksLevelsAndDrift() {
        // forks 10% apart and a 0.3% rise per iteration (8% over a fork): both cancel inside the pairs
        assertThat(rates(4, 14, 0.10, 0.003, 0.12, 0, 0, true).lower()).isLessThanOrEqualTo(ALPHA + TOLERANCE);
        assertThat(rates(4, 14, 0, 0, 0.12, 0, 0, true).lower()).isLessThanOrEqualTo(ALPHA + TOLERANCE);
    }

    @Test
    void pairingIterationsCatchesATenPercentSlowdownMoreOftenThanTheForksMeans() {
        // ab's defaults: 4 forks of 14 pairs, iterations as noisy as measured here (12-13%). Measured: 0.77 against
        // 0.61 for the same forks' means paired; 0.96 with 6 forks. A quarter of the time the preliminary F-test
        // rejects by chance (its level is 0.25) and the test falls back to 4 fork means, 3 df: that is its price.
        double slices = rates(4, 14, 0.10, 0.003, 0.12, 0, -0.10, true).lower();
        double forkMeans = rates(4, 14, 0.10, 0.003, 0.12, 0, -0.10, false).lower();
        assertThat(slices).isGreaterThan(0.7);
        assertThat(forkMeans).isLessThan(slices - 0.1);
        assertThat(rates(6, 14, 0.10, 0.003, 0.12, 0, -0.10, true).lower()).isGreaterThan(0.9);
    }

    @Test
    void forksThatDisagreeOnTheRatioSwitchToPerForkMeansAndKeepFalseAlarmsNearAlpha() {
        // each JVM favours one side by its own 5%: the pooled pairs would count 56 pairs where there are 4 forks
        // Above alpha all the same: the sometimes-pool rule's known price when a real fork effect is pooled (see
        // Statistics). Here 3.4% with the two fork orders modelled, against at most 3% blind to them (the bound this
        // test had); with 12% noise over 4000 seeds, 2.9% against 2.7%. The orders' gain: RealSlicesPowerTest.
        Rates r = rates(4, 14, 0.05, 0, 0.05, 0.05, 0, true);
        assertThat(r.slicesForks()).isGreaterThan(0.5);
        assertThat(r.lower()).isLessThanOrEqualTo(0.04);
    }

    @Test
    void theFirstBuiltClientsAdvantageCancelsByOrderInsteadOfPassingForAForkEffect() {
        // 4 forks of 14 pairs, 12% noise, the first-built client 4% faster: the forks' mean ratios alternate by 8%
        int byOrder = 0;
        int orderBlind = 0;
        int flagged = 0;
        Random rnd = new Random(5);
        for (int s = 0; s < SEEDS; s++) {
            Samples[] x = sliced(rnd, 4, 14, 0.05, 0, 0.12, 0, 0, 0.04);
            double[][] d = lnRatios(x[0], x[1]);
            Comparison c = Statistics.compareSlices(x[0], x[1], ALPHA);
            byOrder += c.test() == TestKind.SLICES_FORKS ? 1 : 0;
            orderBlind += Statistics.slicesTest(x[0], x[1], d, false, ALPHA).test() == TestKind.SLICES_FORKS ? 1 : 0;
            flagged += c.pLower() < ALPHA ? 1 : 0;
        }
        // by order, the forks disagree only as often as the F-test's level (0.25) says; blind to it, far more often,
        // and each such run falls back to 4 fork means (3 df)
        assertThat(byOrder / (double) SEEDS).isBetween(0.18, 0.32);
        assertThat(orderBlind / (double) SEEDS).isGreaterThan(byOrder / (double) SEEDS + 0.2);
        assertThat(flagged / (double) SEEDS).isLessThanOrEqualTo(ALPHA + TOLERANCE);
    }

    @Test
    void aRealAaRunWhoseOrdersDisagreedPoolsByOrder() {
        // acked bytes/s of 20261202-194314-ab: A/A sendAsync, linger.ms=5 on both sides, 4 forks x 10 pairs of 4 s,
        // local broker; the first-built client was faster by 0.9%, 1.0%, 10.6% and 6.0% in forks 1-4
        double[][] a = {
                {83448972, 90642775, 106651100, 102874693, 88918503, 109725400, 114075009, 88496084, 78190727, 103029804},
                {102136108, 97614950, 88803474, 82292666, 105448069, 101147859, 99685285, 102308190, 99105238, 84977209},
                {120254739, 141212436, 145251891, 99312889, 108818357, 86399819, 109574555, 93259132, 99102204, 103268891},
                {88554692, 126764656, 105205339, 86717773, 93945249, 70692780, 96190219, 97513735, 92835904, 100810541}};
        double[][] b = {
                {80679069, 77297604, 108525563, 108161802, 101082546, 100486084, 101711449, 101522754, 88127789, 88704764},
                {120931398, 92489803, 96161018, 98851359, 102864896, 90498507, 81594294, 94175404, 98959532, 97511574},
                {98388812, 116029491, 86490314, 92274042, 93346877, 93656950, 109222316, 86669787, 102267446, 108217354},
                {125558592, 128546060, 135481468, 93853411, 92025191, 83012327, 86404619, 109189209, 95623077, 77231490}};
        Samples base = Samples.ofForks(a, Double.NaN);
        Samples cand = Samples.ofForks(b, Double.NaN);
        Comparison c = Statistics.compareSlices(base, cand, ALPHA);
        assertThat(c.test()).isEqualTo(TestKind.SLICES_POOLED);
        assertThat(c.df()).isEqualTo(38);
        assertThat(c.change() * 100).isBetween(-1.2, -1.0);
        assertThat(c.ciLow() * 100).isBetween(-6.9, -6.7);
        assertThat(c.ciHigh() * 100).isBetween(4.7, 4.9);
        // what compare said before it modelled the order: the 4 fork means, 3 df
        Comparison blind = Statistics.slicesTest(base, cand, lnRatios(base, cand), false, ALPHA);
        assertThat(blind.test()).isEqualTo(TestKind.SLICES_FORKS);
        assertThat(blind.df()).isEqualTo(3);
        assertThat(blind.ciLow() * 100).isBetween(-15.7, -15.5);
        assertThat(blind.ciHigh() * 100).isBetween(15.7, 15.9);
    }

    static double[][] lnRatios(Samples base, Samples cand) {
        double[][] d = new double[base.iterations().length][];
        for (int f = 0; f < d.length; f++) {
            d[f] = new double[base.iterations()[f].length];
            for (int i = 0; i < d[f].length; i++) {
                d[f][i] = Math.log(cand.iterations()[f][i] / base.iterations()[f][i]);
            }
        }
        return d;
    }

    @Test
    void oneForkPoolsItsPairsAndMismatchedSidesFallBack() {
        Samples a = new Samples(new double[]{100, 104, 98, 101}, 1, false, Double.NaN);
        Samples b = new Samples(new double[]{95, 99, 93, 97}, 1, false, Double.NaN);
        Comparison c = Statistics.compareSlices(a, b, ALPHA);
        assertThat(c.test()).isEqualTo(TestKind.SLICES_POOLED);
        assertThat(c.df()).isEqualTo(3);
        assertThat(c.change()).isBetween(-0.06, -0.04);
        assertThat(c.ciLow()).isLessThan(c.change());
        assertThat(c.ciHigh()).isGreaterThan(c.change());
        Samples shorter = new Samples(new double[]{95, 99, 93}, 1, false, Double.NaN);
        assertThat(Statistics.compareSlices(a, shorter, ALPHA).test()).isNotEqualTo(TestKind.SLICES_POOLED);
    }
}
