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
        List<String> labels = new ArrayList<>();
        List<Row> plotted = new ArrayList<>();
        for (Row r : rows) {
            if (r.stats() != null && Double.isFinite(r.stats().change())) {
                plotted.add(r);
                labels.add(label(r));
            }
        }
        int n = Math.max(1, plotted.size());
        int longest = labels.stream().mapToInt(String::length).max().orElse(10);
        int width = Math.max(900, Math.min(2400, 140 + 70 * n));
        int height = 520 + Math.min(420, longest * 7);
        String confidence = trim(100 * (1 - alpha));
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title(candidateLabel + " vs " + baselineLabel + ": change in % (candidate / baseline - 1), "
                        + "error bars = " + confidence + "% CI")
                .xAxisTitle("benchmark, params and metric (unit; ↓ = lower is better)")
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
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setYAxisDecimalPattern("+0.#;-0.#");
        s.setAntiAlias(true);

        if (plotted.isEmpty()) {
            chart.addSeries("no comparable metrics", List.of("-"), List.of(0.0));
            return chart;
        }
        addSeries(chart, "regressed", RED, plotted, labels, Verdict.REGRESSED);
        addSeries(chart, "improved", GREEN, plotted, labels, Verdict.IMPROVED);
        addSeries(chart, "unchanged", GREY, plotted, labels, Verdict.UNCHANGED);
        return chart;
    }

    private static void addSeries(CategoryChart chart, String name, Color color, List<Row> rows, List<String> labels,
                                  Verdict verdict) {
        List<Double> y = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        boolean any = false;
        for (Row r : rows) {
            Comparison c = r.stats();
            if (r.verdict() == verdict) {
                any = true;
                y.add(100 * c.change());
                double half = 0;
                if (Double.isFinite(c.ciLow()) && Double.isFinite(c.ciHigh())) {
                    half = 100 * Math.max(c.change() - c.ciLow(), c.ciHigh() - c.change());
                }
                err.add(half);
            } else {
                y.add(null);
                err.add(null);
            }
        }
        if (!any) {
            return;
        }
        CategorySeries series = chart.addSeries(name, labels, y, err);
        series.setFillColor(color);
        series.setLineColor(color);
        series.setMarkerColor(color);
    }

    static String label(Row r) {
        String params = r.params().isEmpty() ? "" : " " + r.params();
        String unit = r.unit() == null || r.unit().isEmpty() ? "" : " " + r.unit();
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
