package dev.kcb.report.charts;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.Measure;
import dev.kcb.report.model.ParamNames;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One panel of a sweep as a chart: lines with JMH confidence-interval error bars when the swept param is numeric,
 * grouped bars when it is not ("lz4", "zstd").
 */
final class LineChartBuilder {
    private final ChartTheme theme;

    LineChartBuilder(ChartTheme theme) {
        this.theme = theme;
    }

    Chart<?, ?> build(Sweep.Panel panel, String x, Measure m) {
        boolean numeric = panel.numeric();
        List<Double> ys = panel.series().values().stream().flatMap(List::stream).map(Sweep.Point::y).toList();
        boolean logY = Scales.log(ys);
        Chart<?, ?> chart = numeric ? xy(panel, x, m, logY) : categories(panel, x, m);
        var styler = (org.knowm.xchart.style.AxesChartStyler) chart.getStyler();
        styler.setYAxisLogarithmic(logY);
        chart.setYAxisTitle(m.name() + " (" + m.unitNote() + (logY ? ", log scale" : "") + ")");
        if (!logY) {
            styler.setYAxisMin(0.0);
        }
        styler.setLegendVisible(panel.series().size() > 1 || panel.series().keySet().iterator().next().run() != null);
        return chart;
    }

    private XYChart xy(Sweep.Panel panel, String x, Measure m, boolean logY) {
        XYChart c = theme.xy(ParamNames.axisTitle(x), m.title());
        List<Double> xs = panel.series().values().stream().flatMap(List::stream).map(Sweep.Point::x).toList();
        boolean logX = Scales.log(xs);
        c.getStyler().setXAxisLogarithmic(logX);
        c.setXAxisTitle(ParamNames.axisTitle(x) + (logX ? ", log scale" : ""));
        if (!logX && COUNTS.contains(x)) {
            wholeNumberTicks(c, xs);
        }
        boolean anyError = panel.series().values().stream().flatMap(List::stream).anyMatch(p -> Double.isFinite(p.error()));
        for (Map.Entry<Sweep.SeriesKey, List<Sweep.Point>> e : panel.series().entrySet()) {
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            List<Double> pe = new ArrayList<>();
            for (Sweep.Point p : e.getValue()) {
                px.add(p.x());
                py.add(p.y());
                double err = Double.isFinite(p.error()) ? p.error() : 0.0;
                pe.add(logY ? Math.min(err, 0.99 * p.y()) : err); // a log axis has no room below zero
            }
            String label = e.getKey().label();
            XYSeries s = anyError ? c.addSeries(label, px, py, pe) : c.addSeries(label, px, py);
            theme.line(s, e.getKey().colourKey(), e.getKey().runIndex());
        }
        return c;
    }

    /**
     * An x axis of categories drawn as lines (kafka-clients versions, in a matrix's order): point i at x = i + 1, and the
     * whole-number ticks labelled with {@code labels}.
     */
    static void categoryTicks(XYChart c, List<String> labels) {
        wholeNumberTicks(c, java.util.stream.IntStream.rangeClosed(1, labels.size()).mapToObj(i -> (double) i).toList());
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
            long i = Math.round(v);
            return Math.abs(v - i) < 1e-9 && i >= 1 && i <= labels.size() ? labels.get((int) i - 1) : "";
        });
    }

    /** Params that are counts (threads, partitions): an axis of them has no ticks between whole numbers. */
    private static final Set<String> COUNTS = Set.of(BenchmarkResult.THREADS, BenchmarkResult.PARTITIONS);

    /**
     * Labels on whole numbers only. XChart picks a decimal step (0.1 for an axis from 1 to 2): a spacing hint of about
     * half the axis per unit makes the step 0.5 or 1, and the label function leaves the halves blank.
     */
    private static void wholeNumberTicks(XYChart c, List<Double> xs) {
        double span = xs.stream().mapToDouble(Double::doubleValue).max().orElse(1) - xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        c.getStyler().setXAxisTickMarkSpacingHint((int) Math.max(74, 0.5 * ChartTheme.WIDTH / Math.max(span, 1)));
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9 ? String.valueOf((long) Math.rint(v)) : "");
    }

    private CategoryChart categories(Sweep.Panel panel, String x, Measure m) {
        CategoryChart c = theme.bars(ParamNames.axisTitle(x), m.title());
        TreeSet<String> all = new TreeSet<>(Sweep.VALUE_ORDER);
        panel.series().values().forEach(ps -> ps.forEach(p -> all.add(p.xValue())));
        List<String> cats = new ArrayList<>(all);
        double top = 0;
        for (Map.Entry<Sweep.SeriesKey, List<Sweep.Point>> e : panel.series().entrySet()) {
            List<Double> ys = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String cat : cats) {
                Sweep.Point p = e.getValue().stream().filter(q -> q.xValue().equals(cat)).findFirst().orElse(null);
                ys.add(p == null ? null : p.y());
                double err = p != null && Double.isFinite(p.error()) ? p.error() : 0.0;
                errors.add(err);
                top = Math.max(top, p == null ? 0 : p.y() + err);
            }
            // the same interval whiskers as the line charts' error bars
            CategorySeries s = c.addSeries(e.getKey().label(), cats, ys, errors);
            theme.bar(s, e.getKey().label());
        }
        ChartTheme.whiskersFromZero(c, top);
        return c;
    }
}
