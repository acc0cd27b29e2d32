package dev.kcb.report.charts;

import dev.kcb.report.model.Measure;
import dev.kcb.report.model.Run;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Methods of one benchmark class side by side: one group of bars per method (one bar per run when several are
 * overlaid), with the report's 95% interval as error bars. For benchmarks without params, which have no sweep to draw.
 */
final class MethodBarBuilder {
    /** Tick label width per character at {@link ChartTheme#TICKS} (12 pt sans), for deciding when labels must slant. */
    private static final int CHAR_PX = 7;

    private final ChartTheme theme;

    MethodBarBuilder(ChartTheme theme) {
        this.theme = theme;
    }

    /** @param rows one class's entries in one mode and unit; null when no method has a value */
    CategoryChart build(List<Row> rows, List<Run> runs, Measure m) {
        List<String> methods = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(r -> r.result().method()).toList()));
        if (rows.stream().noneMatch(r -> Double.isFinite(m.value(r.result())))) {
            return null;
        }
        CategoryChart c = theme.bars("benchmark method", m.name() + " (" + m.unitNote() + ")");
        int longest = methods.stream().mapToInt(String::length).max().orElse(0);
        int plotWidth = ChartTheme.WIDTH * 3 / 4;
        if (methods.size() * (longest + 2) * CHAR_PX > plotWidth) {
            c.getStyler().setXAxisLabelRotation(30);
        }
        boolean byRun = runs.size() > 1;
        double top = 0;
        for (Run run : byRun ? runs : List.of(rows.get(0).run())) {
            List<Double> ys = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String method : methods) {
                Row row = rows.stream().filter(r -> r.run() == run && r.result().method().equals(method)).findFirst().orElse(null);
                double y = row == null ? Double.NaN : m.value(row.result());
                double e = row == null ? Double.NaN : m.error(row.result());
                ys.add(Double.isFinite(y) ? y : null);
                errors.add(Double.isFinite(e) && Double.isFinite(y) ? e : 0.0);
                top = Math.max(top, (Double.isFinite(y) ? y : 0) + errors.get(errors.size() - 1));
            }
            String label = byRun ? run.label() : m.name();
            CategorySeries s = c.addSeries(label, methods, ys, errors);
            theme.bar(s, label);
        }
        ChartTheme.whiskersFromZero(c, top);
        c.getStyler().setLegendVisible(byRun);
        return c;
    }
}
