package dev.kcb.report.charts;

import dev.kcb.report.compare.Comparison;
import dev.kcb.report.compare.Row;
import dev.kcb.report.compare.Verdict;
import dev.kcb.report.model.EnvSummary;
import dev.kcb.report.model.Run;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

import java.awt.BasicStroke;
import java.awt.Color;
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
 * Bar chart of the % change per (entry, metric) of a comparison, with its confidence interval as a whisker: red
 * regressed, green improved, grey unchanged; dashed lines at &plusmn; the threshold. Rows without a change
 * (missing, new, no data) are left out. Framed like the report's charts (title, subtitle, environment footer).
 *
 * <p>The interval is Fieller's, which is asymmetric around the change (often strongly so when the baseline is
 * noisy). XChart draws symmetric error bars only, so the whisker belongs to an invisible series placed at the
 * interval's midpoint with half its width as the error: it spans exactly [low, high].
 */
public final class ChangeChart {
    static final Color RED = new Color(0xD62728);
    static final Color GREEN = new Color(0x2CA02C);
    static final Color GREY = new Color(0x9E9E9E);

    private ChangeChart() {
    }

    public static Figure build(List<Row> rows, Run baseline, Run candidate, double thresholdPct, double alpha) {
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
        int width = Math.max(ChartTheme.WIDTH, Math.min(2400, 160 + 80 * n));
        boolean rotate = plotted.size() > 4 || longest > 90 / n;
        int height = ChartTheme.HEIGHT + (rotate ? Math.min(380, longest * 6) : 0);
        String confidence = trim(100 * (1 - 2 * alpha));
        CategoryChart chart = new ChartTheme().bars(
                "benchmark, params (those shared by all rows of a benchmark omitted) · metric; ↓ = lower is better",
                "change (%)");
        CategoryStyler s = chart.getStyler();
        s.setOverlapped(true);
        s.setAvailableSpaceFill(0.6);
        s.setXAxisLabelRotation(rotate ? 60 : 0);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setErrorBarsColorSeriesColor(false);
        s.setErrorBarsColor(ChartTheme.INK);
        s.setYAxisDecimalPattern("+0.#;-0.#");
        s.setAnnotationLineColor(ChartTheme.MUTED);
        s.setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        // an ab run says what it changed: "linger.ms=0 → linger.ms=20" rather than two run ids
        var abA = baseline.info().abSideConfig();
        var abB = candidate.info().abSideConfig();
        String title = abA.isEmpty() && abB.isEmpty()
                ? "Change per metric: " + candidate.label() + " vs " + baseline.label()
                : "Change per metric, A/B: " + assignments(abA) + " → " + assignments(abB);
        // the interval's method as the rows computed it: Fieller's for two runs, exp(mean ln ratio ± t se) for an ab's pairs
        boolean logRatio = plotted.stream().anyMatch(r -> r.stats() != null && r.stats().test().logRatio());
        boolean fieller = plotted.stream().anyMatch(r -> r.stats() != null && !r.stats().test().logRatio());
        String method = logRatio && fieller ? "Fieller, or paired ln ratios for ab pairs"
                : logRatio ? "paired ln ratios" : "Fieller";
        String subtitle = "bar: candidate / baseline − 1; whisker: " + confidence + "% confidence interval (" + method + "); "
                + "dashed: ±" + trim(thresholdPct) + "% threshold";
        String footer = EnvSummary.line(List.of(baseline, candidate));
        if (plotted.isEmpty()) {
            chart.addSeries("no comparable metrics", List.of("-"), List.of(0.0));
            return new Figure(title, subtitle, footer, chart, width, height);
        }
        addSeries(chart, "regressed", RED, plotted, labels, Verdict.REGRESSED);
        addSeries(chart, "improved", GREEN, plotted, labels, Verdict.IMPROVED);
        addSeries(chart, "unchanged", GREY, plotted, labels, Verdict.UNCHANGED);
        addIntervals(chart, plotted, labels);
        spanThresholds(s, plotted, thresholdPct);
        for (double t : new double[]{thresholdPct, -thresholdPct}) {
            if (thresholdPct > 0) {
                chart.addAnnotation(thresholdLine(t));
            }
        }
        return new Figure(title, subtitle, footer, chart, width, height);
    }

    private static String assignments(java.util.Map<String, String> props) {
        return props.isEmpty() ? "(no overrides)" : props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The y axis spans the bars, their whiskers and both threshold lines (with 5% of the span to spare): XChart ranges
     * the axis on the data alone, and draws an annotation line beyond it across the subtitle.
     */
    static void spanThresholds(CategoryStyler s, List<Row> rows, double thresholdPct) {
        double min = Math.min(0, -thresholdPct);
        double max = Math.max(0, thresholdPct);
        for (Row r : rows) {
            double[] mh = whisker(r.stats());
            double bar = 100 * r.stats().change();
            min = Math.min(min, Math.min(bar, mh[0] - mh[1]));
            max = Math.max(max, Math.max(bar, mh[0] + mh[1]));
        }
        double pad = 0.05 * (max - min);
        s.setYAxisMin(min - pad);
        s.setYAxisMax(max + pad);
    }

    private static AnnotationLine thresholdLine(double y) {
        return new AnnotationLine(y, false, false);
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

    /**
     * The intervals, drawn by an invisible bar series over all categories (so no verdict series needs dummy bars),
     * at each interval's midpoint with its half-width as the symmetric error: the whisker spans exactly [low, high].
     * An unbounded interval (NaN bounds) gets no whisker.
     */
    private static void addIntervals(CategoryChart chart, List<Row> rows, List<String> labels) {
        List<Double> y = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        for (Row r : rows) {
            double[] mh = whisker(r.stats());
            y.add(mh[0]);
            err.add(mh[1]);
        }
        CategorySeries ci = chart.addSeries("CI", labels, y, err);
        Color clear = new Color(0, 0, 0, 0);
        ci.setFillColor(clear);
        ci.setLineColor(clear);
        ci.setShowInLegend(false);
    }

    /** {midpoint, half-width} of the interval in %, or {change, 0} when it is unbounded. */
    static double[] whisker(Comparison c) {
        if (Double.isFinite(c.ciLow()) && Double.isFinite(c.ciHigh())) {
            return new double[]{50 * (c.ciLow() + c.ciHigh()), 50 * (c.ciHigh() - c.ciLow())};
        }
        return new double[]{100 * c.change(), 0};
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

    public static void write(List<Row> rows, Run baseline, Run candidate, double thresholdPct, double alpha, Path png)
            throws IOException {
        build(rows, baseline, candidate, thresholdPct, alpha).writePng(png);
    }
}
