package dev.kcb.report.model;

import java.util.Locale;

/** Reads JMH unit strings. JMH writes rates as "x/s" (ops/s, ops/ms) and times as "time/op" (us/op, ms/op). */
public final class Units {
    private Units() {
    }

    /** Rates are "per time" ("ops/s", "records/s", "MB/s"); anything that is a time per something, or a plain time, is not. */
    public static boolean higherIsBetter(String unit) {
        if (unit == null) {
            return true;
        }
        String u = unit.trim().toLowerCase(Locale.ROOT);
        int slash = u.indexOf('/');
        if (slash >= 0) {
            String denominator = u.substring(slash + 1);
            return isTimeUnit(denominator);
        }
        return !isTimeUnit(u);
    }

    /** Seconds per unit of the given time name ("ns", "us", "ms", "s", "min"), or NaN when it is not a time. */
    public static double secondsPer(String timeUnit) {
        return switch (timeUnit.trim().toLowerCase(Locale.ROOT)) {
            case "ns" -> 1e-9;
            case "us", "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "s", "sec" -> 1.0;
            case "min", "m" -> 60.0;
            default -> Double.NaN;
        };
    }

    public static boolean isTimeUnit(String u) {
        return !Double.isNaN(secondsPer(u));
    }
}
