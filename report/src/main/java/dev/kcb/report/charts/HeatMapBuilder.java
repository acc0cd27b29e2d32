package dev.kcb.report.charts;

import dev.kcb.report.model.Measure;
import dev.kcb.report.model.Numbers;
import dev.kcb.report.model.ParamNames;
import org.knowm.xchart.HeatMapChart;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A measure over two params as a grid of cells (x × y), each cell labelled with its value. */
final class HeatMapBuilder {
    private final ChartTheme theme;

    HeatMapBuilder(ChartTheme theme) {
        this.theme = theme;
    }

    /** Rows must all share the other params; returns null when there are fewer than 2×2 distinct values. */
    HeatMapChart build(List<Row> rows, String x, String y, Measure m) {
        TreeSet<String> xs = new TreeSet<>(Sweep.VALUE_ORDER);
        TreeSet<String> ys = new TreeSet<>(Sweep.VALUE_ORDER);
        rows.forEach(r -> {
            if (Double.isFinite(m.value(r.result()))) {
                xs.add(r.param(x));
                ys.add(r.param(y));
            }
        });
        if (xs.size() < 2 || ys.size() < 2) {
            return null;
        }
        List<String> xl = new ArrayList<>(xs);
        List<String> yl = new ArrayList<>(ys);
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Row r : rows) {
            double v = m.value(r.result());
            if (Double.isFinite(v)) {
                cells.add(new Number[]{xl.indexOf(r.param(x)), yl.indexOf(r.param(y)), v});
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        HeatMapChart c = theme.heatMap(ParamNames.axisTitle(x), ParamNames.axisTitle(y));
        // the colour legend prints its ends unformatted: give it round numbers
        double step = max >= 10 ? 1 : max >= 1 ? 0.1 : 0.001;
        c.getStyler().setMin(Math.floor(min / step) * step);
        c.getStyler().setMax(Math.max(Math.ceil(max / step) * step, Math.floor(min / step) * step + step));
        String pattern = max >= 100 ? "#,##0" : max >= 1 ? "0.0" : "0.000";
        c.getStyler().setHeatMapValueDecimalPattern(pattern);
        c.addSeries(m.title(), xl, yl, cells);
        return c;
    }

    /** For captions: the best cell, e.g. "linger.ms=20 × batch.size=131072 (154.8 MB/s)". */
    static String best(List<Row> rows, String x, String y, Measure m) {
        Row best = null;
        for (Row r : rows) {
            double v = m.value(r.result());
            if (Double.isFinite(v) && (best == null || (m.higherIsBetter() ? v > m.value(best.result()) : v < m.value(best.result())))) {
                best = r;
            }
        }
        return best == null ? "none" : ParamNames.assignment(x, best.param(x)) + " × " + ParamNames.assignment(y, best.param(y))
                + " (" + Numbers.format(m.value(best.result())) + " " + m.unit() + ")";
    }
}
