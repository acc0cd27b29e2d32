package dev.kcb.report.compare;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Power and false alarms of ab's paired verdict with the noise of real A/A runs, not a noise model.
 *
 * <p>The data: acked bytes/s, per fork, of A/A {@code ./run.sh ab} runs on this project's 2-core machine, local broker
 * 4.4.0, sendAsync acks=1, linger.ms=5 on both sides, 16 KiB batches, 100 B, 12 x 2 s warm-up, 4 x 2 s measured,
 * forks in pairs (A B, B A, ...). Under A/A either fork of a pair could have been called A, so a resample draws
 * pairs with replacement and swaps each pair's sides at random; then it scales the candidate by 1, 0.95 or 0.90 and
 * asks the verdict (threshold 5%, alpha 0.01).
 *
 * <p>Measured with these data (2000 resamples each), share flagged "regressed":
 * <pre>
 * pairs   A/A     x0.95   x0.90
 *   5     0.009   0.089   0.336
 *   8     0.010   0.175   0.709   (ab's default)
 *  12     0.008   0.318   0.956
 *  16     0.004   0.435   0.995
 *  24     0.001   0.502   1.000
 * </pre>
 * A 5% change sits on the threshold, so even a perfect measurement flags it only about half the time; the second
 * run's cold first pairs make these rates pessimistic for a run whose broker warm-up reached its plateau.
 */
class RealNoisePowerTest {
    static final double ALPHA = 0.01;
    static final double THRESHOLD = 5;
    static final int TRIALS = 2000;

    /** Per-fork acked bytes/s: {baseline, candidate} of each real A/A ab, pair i = fork i of each side. */
    static final double[][][] RUNS = {
            // 20261201-230306-ab: 5 pairs
            {{47417067, 47244583, 43141727, 41200897, 47057905}, {46716892, 44434714, 45325465, 42665266, 45976569}},
            // 20261201-231305-ab: 8 pairs; its broker warm-up stopped at the maximum while still rising, so its first
            // two pairs ran on a colder broker (kept: that is real noise a verdict must survive)
            {{35963674, 40102557, 58414184, 48637948, 50676329, 51556749, 50614422, 57774637},
                    {37431444, 46788991, 51753676, 52911513, 50322931, 52698591, 55929045, 50386419}},
    };

    /** The share of {@link #TRIALS} resampled comparisons, drawn with one seeded Random, whose verdict is "regressed". */
    static double shareRegressed(long seed, java.util.function.Function<Random, Comparison> resample) {
        Random rnd = new Random(seed);
        int flagged = 0;
        for (int t = 0; t < TRIALS; t++) {
            if (Statistics.verdict(resample.apply(rnd), true, THRESHOLD, ALPHA) == Verdict.REGRESSED) {
                flagged++;
            }
        }
        return flagged / (double) TRIALS;
    }

    static double flaggedRate(double scale, int pairs, long seed) {
        double[][] all = java.util.Arrays.stream(RUNS).flatMap(r -> java.util.stream.IntStream.range(0, r[0].length)
                .mapToObj(i -> new double[]{r[0][i], r[1][i]})).toArray(double[][]::new);
        return shareRegressed(seed, rnd -> {
            double[] a = new double[pairs];
            double[] b = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                double[] pair = all[rnd.nextInt(all.length)];
                boolean swap = rnd.nextBoolean();
                a[i] = swap ? pair[1] : pair[0];
                b[i] = (swap ? pair[0] : pair[1]) * scale;
            }
            return Statistics.comparePaired(new Samples(a, pairs, true, Double.NaN), new Samples(b, pairs, true, Double.NaN), ALPHA);
        });
    }

    @Test
    void falseAlarmsOnRealAaNoiseStayAtOrBelowAlpha() {
        assertThat(flaggedRate(1.0, AbDefaults.PAIRS, 1)).isLessThanOrEqualTo(ALPHA + 3 * Math.sqrt(ALPHA * (1 - ALPHA) / TRIALS));
    }

    @Test
    void aTenPercentSlowdownIsCaughtMostOfTheTimeAtTheDefaultPairsAndAlmostAlwaysAtTwelve() {
        assertThat(flaggedRate(0.90, AbDefaults.PAIRS, 2)).isGreaterThan(0.65);
        assertThat(flaggedRate(0.90, 12, 2)).isGreaterThan(0.9);
    }

    @Test
    void aFivePercentSlowdownSitsOnTheThresholdSoEvenManyPairsCatchItAboutHalfTheTime() {
        // "regressed" needs the estimate itself beyond 5%: a true 5% change lands on either side of it
        assertThat(flaggedRate(0.95, AbDefaults.PAIRS, 3)).isBetween(0.1, 0.3);
        assertThat(flaggedRate(0.95, 24, 3)).isBetween(0.4, 0.6);
    }

    /** ab's default pairs (AbCommand.DEFAULT_FORKS; the report module cannot see the benchmarks module). */
    static final class AbDefaults {
        static final int PAIRS = 8;
    }
}
