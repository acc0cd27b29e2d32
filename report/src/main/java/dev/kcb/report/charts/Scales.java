package dev.kcb.report.charts;

import java.util.Collection;
import java.util.DoubleSummaryStatistics;

/** When an axis is logarithmic: all values positive and spanning at least ~1.5 decades. */
final class Scales {
    static final double LOG_RATIO = 30.0;

    private Scales() {
    }

    static boolean log(Collection<Double> values) {
        DoubleSummaryStatistics s = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).summaryStatistics();
        return s.getCount() > 1 && s.getMin() > 0 && s.getMax() / s.getMin() >= LOG_RATIO;
    }
}
