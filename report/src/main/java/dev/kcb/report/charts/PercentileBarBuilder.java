package dev.kcb.report.charts;

import dev.kcb.report.model.Measure;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latency percentiles as grouped bars (one group per percentile, one bar per series) on a log axis. */
final class PercentileBarBuilder {
    private final ChartTheme theme;

    PercentileBarBuilder(ChartTheme theme) {
        this.theme = theme;
    }

    /** @param series label to result row; returns null when no percentile has a value */
    CategoryChart build(Map<String, Row> series, List<Measure> percentiles) {
        List<Measure> present = percentiles.stream()
                .filter(p -> series.values().stream().anyMatch(r -> Double.isFinite(p.value(r.result())))).toList();
        if (present.isEmpty()) {
            return null;
        }
        List<String> cats = present.stream().map(Measure::name).toList();
        CategoryChart c = theme.bars("percentile", "latency (" + present.get(0).unit() + ", log scale)");
        List<Double> all = new ArrayList<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        series.forEach((label, row) -> {
            List<Double> ys = new ArrayList<>();
            for (Measure p : present) {
                double v = p.value(row.result());
                ys.add(Double.isFinite(v) && v > 0 ? v : null);
                if (Double.isFinite(v) && v > 0) {
                    all.add(v);
                }
            }
            values.put(label, ys);
        });
        c.getStyler().setYAxisLogarithmic(true);
        // bars on a log axis need a floor below the smallest value, at a power of ten, far enough below that the
        // shortest bar is not squashed to a sliver
        double min = all.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double floor = Math.pow(10, Math.floor(Math.log10(min)));
        c.getStyler().setYAxisMin(min / floor < 3 ? floor / 10 : floor);
        values.forEach((label, ys) -> {
            CategorySeries s = c.addSeries(label, cats, ys);
            theme.bar(s, label);
        });
        return c;
    }
}
