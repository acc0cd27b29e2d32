package dev.kcb.report.charts;

import dev.kcb.report.compare.Comparison;
import dev.kcb.report.compare.Row;
import dev.kcb.report.compare.Verdict;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Locale;

/**
 * Bar chart of the % change per (entry, metric) of a comparison, with the confidence interval as error bars:
 * red regressed, green improved, grey unchanged. Rows without a change (missing, new, no data) are left out.
 *
 * <p>XChart draws symmetric error bars only, while the Fieller interval is slightly asymmetric; the bar shows the
 * larger of the two half-widths, so the drawn interval is never narrower than the real one.
 */
public final class ChangeChart {
    static final Color RED = new Color(0xD62728);
    static final Color GREEN = new Color(0x2CA02C);
    static final Color GREY = new Color(0x9E9E9E);

    private ChangeChart() {
    }

    public static CategoryChart build(List<Row> rows, String baselineLabel, String candidateLabel, double alpha) {
        List<Row> plotted = new ArrayList<>();
        for (Row r : rows) {
            if (r.stats() != null && Double.isFinite(r.stats().change())) {
                plotted.add(r);
            }
        }
        Map<String, Set<String>> shared = sharedParams(plotted);
        List<String> labels = new ArrayList<>();
        for (Row r : plotted) {
            labels.add(label(r, shared.getOrDefault(r.benchmark(), Set.of())));
        }
        int n = Math.max(1, plotted.size());
        int longest = labels.stream().mapToInt(String::length).max().orElse(10);
        int width = Math.max(900, Math.min(2400, 140 + 70 * n));
        int height = 520 + Math.min(420, longest * 7);
        String confidence = trim(100 * (1 - alpha));
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title(candidateLabel + " vs " + baselineLabel + ": change in % (candidate / baseline - 1), "
                        + "error bars = " + confidence + "% CI")
                .xAxisTitle("benchmark, params (those shared by all rows of a benchmark omitted) · metric and unit; ↓ = lower is better")
                .yAxisTitle("change (%)")
                .build();
        Styler s = chart.getStyler();
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setAvailableSpaceFill(0.6);
        chart.getStyler().setXAxisLabelRotation(plotted.size() > 4 ? 60 : 0);
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setErrorBarsColorSeriesColor(false);
        chart.getStyler().setErrorBarsColor(new Color(0x333333));
        chart.getStyler().setYAxisDecimalPattern("+0.#;-0.#");
        s.setAntiAlias(true);

        if (plotted.isEmpty()) {
            chart.addSeries("no comparable metrics", List.of("-"), List.of(0.0));
            return chart;
        }
        addSeries(chart, "regressed", RED, plotted, labels, Verdict.REGRESSED);
        addSeries(chart, "improved", GREEN, plotted, labels, Verdict.IMPROVED);
        addSeries(chart, "unchanged", GREY, plotted, labels, Verdict.UNCHANGED);
        addErrorBars(chart, plotted, labels);
        return chart;
    }

    private static void addSeries(CategoryChart chart, String name, Color color, List<Row> rows, List<String> labels,
                                  Verdict verdict) {
        // one series per verdict, overlapped: a bar of height 0 where another verdict owns the category
        List<Double> y = new ArrayList<>();
        boolean any = false;
        for (Row r : rows) {
            any |= r.verdict() == verdict;
            y.add(r.verdict() == verdict ? 100 * r.stats().change() : 0.0);
        }
        if (!any) {
            return;
        }
        CategorySeries series = chart.addSeries(name, labels, y);
        series.setFillColor(color);
        series.setLineColor(color);
        series.setMarkerColor(color);
    }

    /** The intervals, drawn by an invisible bar series over all categories, so no verdict series needs dummy bars. */
    private static void addErrorBars(CategoryChart chart, List<Row> rows, List<String> labels) {
        List<Double> y = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        for (Row r : rows) {
            Comparison c = r.stats();
            y.add(100 * c.change());
            double half = 0;
            if (Double.isFinite(c.ciLow()) && Double.isFinite(c.ciHigh())) {
                half = 100 * Math.max(c.change() - c.ciLow(), c.ciHigh() - c.change());
            }
            err.add(half);
        }
        CategorySeries ci = chart.addSeries("CI", labels, y, err);
        Color clear = new Color(0, 0, 0, 0);
        ci.setFillColor(clear);
        ci.setLineColor(clear);
        ci.setShowInLegend(false);
    }

    /** Per benchmark, the "k=v" params every plotted row of it has: they say nothing on the axis. */
    static Map<String, Set<String>> sharedParams(List<Row> rows) {
        Map<String, Set<String>> shared = new HashMap<>();
        for (Row r : rows) {
            Set<String> mine = new HashSet<>(params(r));
            shared.merge(r.benchmark(), mine, (a, b) -> {
                a.retainAll(b);
                return a;
            });
        }
        return shared;
    }

    private static List<String> params(Row r) {
        return r.params().isEmpty() ? List.of() : List.of(r.params().split(", "));
    }

    static String label(Row r, Set<String> omit) {
        String params = params(r).stream().filter(p -> !omit.contains(p)).collect(Collectors.joining(" "));
        params = params.isEmpty() ? "" : " " + params;
        String unit = r.unit() == null || r.unit().isEmpty() || r.label().endsWith(r.unit()) ? "" : " " + r.unit();
        String method = r.benchmark().substring(r.benchmark().indexOf('.') + 1);
        return method + params + " · " + r.label() + unit + (r.higherIsBetter() ? "" : " ↓");
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    public static void write(List<Row> rows, String baselineLabel, String candidateLabel, double alpha, Path png)
            throws IOException {
        BitmapEncoder.saveBitmap(build(rows, baselineLabel, candidateLabel, alpha), png.toString(),
                BitmapEncoder.BitmapFormat.PNG);
    }
}
