package dev.kcb.report.model;

import java.util.Locale;

/** Number formatting shared by tables, captions and heat-map cells: precision follows magnitude. */
public final class Numbers {
    private Numbers() {
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** "271,431 ± 12,661", or the score alone when the error is unknown. */
    public static String withError(double score, double error) {
        return Double.isFinite(error) && Double.isFinite(score) ? format(score) + " ± " + format(error) : format(score);
    }

    /** Parses a param value as a number; NaN when it is not one ("all", "lz4"). */
    public static double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return Double.NaN;
        }
    }
}
