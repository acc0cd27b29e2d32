package dev.kcb.bench.host;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How steady this machine's CPU is, measured once before the broker starts: one thread walks a random cycle
 * through an 8 MiB array (a chain of cache misses, as a broker and a client touching fresh buffers make) for
 * {@link #DURATION}, counted in windows of {@link #WINDOW}. The first {@link #SKIPPED} are dropped (the JIT
 * compiles the loop there). The result is the windows' median rate and their CV.
 *
 * <p>On this project's idle 2-core VM, twelve probes gave CVs of 0.5–5.3%: the walk runs steadily, then dips by
 * 10–18% for 0.2–0.6 s every few seconds. A CV over {@link #UNSTEADY_CV_PERCENT} means more than that: something
 * else on the machine or its host was taking CPU or memory bandwidth at that moment; while that goes on, intervals
 * are wider. It is a snapshot: one A/A here started at 11.0% and still gave −2.8% to +3.8%. The run records the
 * probe in {@code run.json} ({@code host.speedProbe}), shows it on the report page, and says so in one line. The
 * probe never adjusts, weights or drops a measurement.
 *
 * <p>It runs before the broker starts, so no broker or fork competes with it; it says nothing about the minutes that
 * follow, which is why the steal profiler ({@link StealProfiler}) is still recorded per iteration.
 */
public final class HostSpeedProbe {
    public static final Duration DURATION = Duration.ofMillis(2300);
    public static final Duration WINDOW = Duration.ofMillis(100);
    /** Windows dropped at the start: the loop is interpreted, then compiled, in its first few hundred ms. */
    static final int SKIPPED = 3;
    /** Above this CV (%) the run says the host was unsteady; an idle 2-core VM gave 0.5–5.3%. */
    public static final double UNSTEADY_CV_PERCENT = 10.0;
    private static final int ARRAY_INTS = 2 * 1024 * 1024; // 8 MiB
    private static final int STEPS_PER_CHECK = 2_000;

    private HostSpeedProbe() {
    }

    /** The windows' rates (steps per second) after the skipped ones, their median and CV. */
    public record Result(long windowMillis, double[] rates, double median, double cvPercent) {
        public boolean unsteady() {
            return cvPercent > UNSTEADY_CV_PERCENT;
        }

        public String summary() {
            return String.format("CV %.1f%% over %d windows of %d ms (median %.1fM steps/s)",
                    cvPercent, rates.length, windowMillis, median / 1e6);
        }

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", "one thread walking a random cycle through an 8 MiB array, before the broker started");
            m.put("summary", summary());
            m.put("windowMs", windowMillis);
            m.put("windowsSkipped", SKIPPED);
            m.put("cvPercent", Math.round(cvPercent * 100) / 100.0);
            m.put("medianStepsPerSecond", Math.round(median));
            m.put("stepsPerSecond", Arrays.stream(rates).mapToLong(Math::round).boxed().toList());
            return m;
        }
    }

    /** Summarizes per-window rates (the skipped windows already removed). */
    static Result summarize(long windowMillis, double[] rates) {
        if (rates.length < 2) {
            throw new IllegalArgumentException("need at least 2 windows, got " + rates.length);
        }
        DescriptiveStatistics s = new DescriptiveStatistics(rates);
        return new Result(windowMillis, rates.clone(), s.getPercentile(50), 100 * s.getStandardDeviation() / s.getMean());
    }

    /** Runs the probe on the calling thread for about {@code duration}. */
    public static Result run(Duration duration, Duration window) {
        int[] next = cycle(ARRAY_INTS, new SplittableRandom(42));
        long windowNanos = window.toNanos();
        int windows = (int) (duration.toNanos() / windowNanos);
        double[] rates = new double[Math.max(0, windows - SKIPPED)];
        int p = 0;
        for (int w = 0; w < windows; w++) {
            long start = System.nanoTime();
            long steps = 0;
            long now;
            do {
                for (int i = 0; i < STEPS_PER_CHECK; i++) {
                    p = next[p];
                }
                steps += STEPS_PER_CHECK;
                now = System.nanoTime();
            } while (now - start < windowNanos);
            if (w >= SKIPPED) {
                rates[w - SKIPPED] = steps * 1e9 / (now - start);
            }
        }
        if (p < 0) { // never true; keeps the walk from being optimized away
            throw new AssertionError(p);
        }
        return summarize(window.toMillis(), rates);
    }

    public static Result run() {
        return run(DURATION, WINDOW);
    }

    /** A random single cycle through 0..n-1 (Sattolo's algorithm), so the walk visits every slot before repeating. */
    static int[] cycle(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
