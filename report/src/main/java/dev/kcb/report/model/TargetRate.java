package dev.kcb.report.model;

/**
 * Whether an end-to-end latency result ran at the load it asked for: its {@code achievedRate} against its
 * {@code targetRate} (the metric, else the param). More than 5% short, its latencies are those of a lower load.
 */
public final class TargetRate {
    public static final double TOLERANCE = 0.05;

    private TargetRate() {
    }

    /** How far short of the target the achieved rate fell, as a fraction (0.12 = 12% below; negative above); NaN when unknown. */
    public static double shortfall(BenchmarkResult r) {
        double achieved = Measure.ACHIEVED_RATE.value(r);
        double target = Measure.TARGET_RATE.value(r);
        if (!Double.isFinite(target)) {
            target = Numbers.parse(r.params().get("targetRate"));
        }
        return Double.isFinite(achieved) && Double.isFinite(target) && target > 0 ? 1 - achieved / target : Double.NaN;
    }

    public static boolean below(BenchmarkResult r) {
        return shortfall(r) > TOLERANCE;
    }
}
