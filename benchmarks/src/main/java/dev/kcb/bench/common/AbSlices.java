package dev.kcb.bench.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;

/**
 * The two sides of an {@code ./run.sh ab} taking turns inside one fork, one iteration each, in the order A B B A
 * A B B A ... (warm-up and measurement counted separately, each starting with A), or B A A B ... in every second fork
 * ({@link #SWAP}), whose candidate client is also built first.
 *
 * <p>Why: on 2 cores shared with the broker, consecutive 2 s iterations of one config vary by 10-20%, and the level
 * drifts over minutes (the broker's and the client's JIT, page cache). Forks of A and B run one after the other
 * see different moments of that drift, and each pays its own JVM start and warm-up. Inside one fork both sides share
 * the JVM's warm-up and its JIT state, every measured iteration of A has a B next to it, and A B B A makes a drift
 * that is linear over four iterations cancel in the pairs. Several forks are still run, so that the answer does not
 * rest on one JVM's compilation. The price: both configs run in one JVM, so a change that takes a different code
 * path (another compression codec, a serializer) shares its JIT profile with the other side; such a change is better
 * A/B-tested fork by fork ({@code --interleave forks}).
 *
 * <p>The fork learns both side configs from {@link #BASELINE} and {@link #CANDIDATE}; a benchmark that supports
 * slices builds one client per side and switches between them at every iteration setup, outside the timed region,
 * after flushing the side that just ran, so that no record of one side is acknowledged during the other's turn. It
 * appends the side of every measured iteration to {@link #LOG}: the suite splits JMH's per-iteration data by that
 * log, and refuses a log that disagrees with {@link #side(int, int, boolean)}.
 *
 * <p>Config slices: a profile segment may run its configurations the same way, N of them in one fork
 * ({@link #CONFIGS}: one client config file per configuration, holding the params it differs in). They take turns
 * in a serpentine order, 0 1 ... N-1 N-1 ... 1 0 0 1 ..., which for N = 2 is A B B A: a drift that is linear over
 * two rounds adds the same to every configuration. The suite's {@code ConfigSlices} writes the files and splits the
 * fork's result into one entry per configuration.
 */
public final class AbSlices {
    public static final String BASELINE = "kcb.ab.baselineOverlay";
    public static final String CANDIDATE = "kcb.ab.candidateOverlay";
    public static final String LOG = "kcb.ab.sliceLog";
    /**
     * "true" in every second fork: the candidate's client is built first and the candidate runs first (B A A B ...).
     * Measured without it, 11 A/A forks out of 11 had the candidate (the second client built, the second to run)
     * 0 to 7% slower, -2.6% on average: whatever favours the first client is then on each side in half the forks
     * and cancels in the mean.
     */
    public static final String SWAP = "kcb.ab.swap";
    public static final List<String> SIDES = List.of("baseline", "candidate");
    /**
     * Config slices: the client config files of N configurations of one segment, comma-separated, one client per
     * file in each thread, taking turns in the serpentine order of {@link #side(int, int, boolean)}.
     */
    public static final String CONFIGS = "kcb.slices.configs";

    private AbSlices() {
    }

    /** True when this fork runs both sides of an ab in turns. */
    public static boolean enabled() {
        return !System.getProperty(BASELINE, "").isBlank() && !System.getProperty(CANDIDATE, "").isBlank();
    }

    /**
     * The side of this iteration among {@code sides}: rounds of one turn each, every second round in reverse (0 1 2 2 1
     * 0 0 1 2 ...; for an ab's two sides, 0 baseline and 1 candidate, A B B A A B B A ...); {@code swapped} reverses
     * every round (two sides: B A A B ...).
     */
    public static int side(int iteration, int sides, boolean swapped) {
        int round = iteration / sides;
        int at = iteration % sides;
        boolean forward = (round % 2 == 0) != swapped;
        return forward ? at : sides - 1 - at;
    }

    /** True when this fork runs several configurations of a segment in turns ({@link #CONFIGS}). */
    public static boolean configSlices() {
        return !System.getProperty(CONFIGS, "").isBlank();
    }

    /** The label a slice log gives a side: baseline/candidate in an ab, else the configuration's index. */
    public static String label(int side) {
        return configSlices() ? "config" + side : SIDES.get(side);
    }

    /** True when this fork builds and runs the candidate first ({@link #SWAP}). */
    public static boolean swapped() {
        return Boolean.parseBoolean(System.getProperty(SWAP, "false"));
    }

    /** The sides in the order their clients are built: candidate first in a swapped fork. */
    public static int[] creationOrder(int sides) {
        return sides == 2 && swapped() ? new int[] {1, 0} : java.util.stream.IntStream.range(0, sides).toArray();
    }

    /**
     * One target per side: {@code [baseline, candidate]} with each side's client config as the overlay when slices are
     * on; otherwise just {@code [target]}.
     */
    public static BenchTarget[] targets(BenchTarget target) {
        if (enabled() && configSlices()) {
            throw new IllegalStateException("a fork is either an ab's two sides or a segment's config slices, not both");
        }
        if (configSlices()) {
            String[] files = System.getProperty(CONFIGS).split(",");
            BenchTarget[] out = new BenchTarget[files.length];
            for (int i = 0; i < files.length; i++) {
                out[i] = target.withOverlay(ClientConfigs.readUserFile(Path.of(files[i].trim())));
            }
            return out;
        }
        if (!enabled()) {
            return new BenchTarget[] {target};
        }
        Properties a = ClientConfigs.readUserFile(Path.of(System.getProperty(BASELINE)));
        Properties b = ClientConfigs.readUserFile(Path.of(System.getProperty(CANDIDATE)));
        return new BenchTarget[] {target.withOverlay(a), target.withOverlay(b)};
    }

    /**
     * Whose turn each iteration of one thread is: counts warm-up and measured iterations apart (each schedule starts
     * with A, or B in a swapped fork) and logs the side of every measured one (thread 0 only: all threads take the
     * same turns). A benchmark that holds one client per side asks it at every iteration setup.
     */
    public static final class Turns {
        private final boolean swapped = swapped();
        private int warmups;
        private int measurements;

        /** The side (0 baseline, 1 candidate; or a config slice's index) whose client the iteration about to start uses. */
        public int next(org.openjdk.jmh.infra.IterationParams iteration, org.openjdk.jmh.infra.ThreadParams thread, int sides) {
            boolean measured = iteration.getType() == org.openjdk.jmh.runner.IterationType.MEASUREMENT;
            int index = measured ? measurements++ : warmups++;
            int side = side(index, sides, swapped);
            if (measured && thread.getThreadIndex() == 0) {
                logMeasured(index, side);
            }
            return side;
        }
    }

    /** Appends "measurement ITERATION SIDE" to the slice log, when one is set. */
    public static void logMeasured(int iteration, int side) {
        String log = System.getProperty(LOG, "");
        if (log.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(log), "measurement " + iteration + " " + label(side) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the slice log " + log, e);
        }
    }
}
