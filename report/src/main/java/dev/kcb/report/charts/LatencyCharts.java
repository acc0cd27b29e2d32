package dev.kcb.report.charts;

import dev.kcb.report.model.LatencyLogs;
import dev.kcb.report.model.Measure;
import dev.kcb.report.model.ParamNames;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end latency benchmark's two charts:
 * <ul>
 *   <li>the percentile distribution: latency against percentile on the usual "nines" axis (0%, 90%, 99%, 99.9%...
 *       equally spaced), one curve per config, from the run's {@code latency/*.hlog} when present (every measured
 *       record), else from the percentiles in jmh.json (five points per config);</li>
 *   <li>latency against target rate: p99 (solid) and p50 (dashed) on one chart, one colour per series param.</li>
 * </ul>
 */
final class LatencyCharts {
    /** The end-to-end percentiles in jmh.json, with their positions on the nines axis. */
    static final Measure[] E2E_PERCENTILES = {Measure.E2E_P50, Measure.E2E_P90, Measure.E2E_P99, Measure.E2E_P999, Measure.E2E_P9999};
    static final double[] E2E_QUANTILES = {50, 90, 99, 99.9, 99.99};
    /** Nines drawn at most (x = -log10(1 - p)): 6 is 99.9999%. */
    static final double MAX_NINES = 6;

    private final ChartTheme theme;

    LatencyCharts(ChartTheme theme) {
        this.theme = theme;
    }

    /** One curve of the distribution chart: its label, colour key and line style, and where it came from. */
    record Curve(String label, String colourKey, int style, Row row) {
    }

    /** The distribution chart; null when no curve has data. {@code fromLogs[0]} says whether any curve came from an .hlog. */
    XYChart distribution(List<Curve> curves, boolean[] fromLogs) {
        XYChart c = theme.xy("percentile", "end-to-end latency");
        double maxX = 1;
        List<Double> allY = new ArrayList<>();
        List<Runnable> adds = new ArrayList<>();
        for (Curve curve : curves) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            Histogram h = LatencyLogs.merged(curve.row().run(), curve.row().result(), null);
            boolean dense = h != null;
            if (dense) {
                fromLogs[0] = true;
                double top = Math.min(MAX_NINES, Math.log10(h.getTotalCount()));
                for (double n = 0; n <= top + 1e-9; n += 0.05) {
                    double q = 100 * (1 - Math.pow(10, -n));
                    xs.add(n);
                    ys.add((double) Math.max(1, h.getValueAtPercentile(q)));
                }
            } else {
                for (int i = 0; i < E2E_PERCENTILES.length; i++) {
                    double v = E2E_PERCENTILES[i].value(curve.row().result());
                    if (Double.isFinite(v) && v > 0) {
                        xs.add(-Math.log10(1 - E2E_QUANTILES[i] / 100));
                        ys.add(v);
                    }
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            maxX = Math.max(maxX, xs.get(xs.size() - 1));
            allY.addAll(ys);
            adds.add(() -> {
                XYSeries s = c.addSeries(curve.label(), xs, ys);
                theme.line(s, curve.colourKey(), curve.style());
                if (dense) {
                    s.setMarker(SeriesMarkers.NONE);
                }
            });
        }
        if (adds.isEmpty()) {
            return null;
        }
        adds.forEach(Runnable::run);
        // x is the number of nines, -log10(1 - p), on a linear axis. Tick labels stay numbers and the axis title says
        // which percentile each is: XChart 3.8's custom tick formatter is unusable here (its tick search formats
        // thousands of candidate labels per chart, and it ignores log axes)
        int nines = (int) Math.ceil(maxX - 1e-9);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax((double) nines);
        c.getStyler().setXAxisDecimalPattern("0.#");
        c.getStyler().setPlotGridVerticalLinesVisible(true);
        boolean logY = Scales.log(allY);
        c.getStyler().setYAxisLogarithmic(logY);
        decades(c, allY, logY);
        c.setYAxisTitle("end-to-end latency (µs" + (logY ? ", log scale" : "") + ")");
        c.setXAxisTitle("percentile, in nines: " + java.util.stream.IntStream.rangeClosed(1, nines)
                .mapToObj(n -> n + " = " + percentileLabel(n)).collect(java.util.stream.Collectors.joining(", ")));
        if (!logY) {
            c.getStyler().setYAxisMin(0.0);
        }
        return c;
    }

    /** 0 to "p0", 1 to "p90", 3 to "p99.9": the percentile n nines up. */
    static String percentileLabel(double nines) {
        if (nines < 1e-6) {
            return "p0";
        }
        double q = 100 * (1 - Math.pow(10, -nines));
        int decimals = (int) Math.max(0, Math.ceil(nines - 1e-6) - 2);
        return String.format(Locale.ROOT, "p%." + decimals + "f", q);
    }

    /**
     * p99 and p50 against target rate for one panel: {@code p99} and {@code p50} are the same panel of
     * {@link Sweep#panels} for the two measures; {@code seriesParam} is their series param (null: one line each).
     * Null when no series has two points.
     */
    XYChart versusRate(Sweep.Panel p99, Sweep.Panel p50, String x, String seriesParam) {
        XYChart c = theme.xy(ParamNames.axisTitle(x), "end-to-end latency");
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int added = 0;
        for (Sweep.Panel panel : List.of(p99, p50)) {
            boolean median = panel == p50;
            for (Map.Entry<Sweep.SeriesKey, List<Sweep.Point>> e : panel.series().entrySet()) {
                if (e.getValue().size() < 2) {
                    continue;
                }
                List<Double> px = new ArrayList<>();
                List<Double> py = new ArrayList<>();
                for (Sweep.Point p : e.getValue()) {
                    px.add(p.x());
                    py.add(p.y());
                }
                xs.addAll(px);
                ys.addAll(py);
                Sweep.SeriesKey key = e.getKey();
                String value = seriesParam == null ? null : key.value();
                String base = key.run() == null ? value : value == null ? key.run() : key.run() + " · " + value;
                String label = (base == null ? "" : base + " · ") + (median ? "p50" : "p99");
                String colourKey = value != null ? value : key.run() != null ? key.run() : "end-to-end";
                // no error bars: a percentile's spread over 3-5 iterations is wide and symmetric bars on a log axis
                // reach down to nothing; the table has the numbers
                XYSeries s = c.addSeries(label, px, py);
                // p99 solid, p50 dashed, in the series' colour; overlaid runs take the next styles
                theme.line(s, colourKey, (median ? 1 : 0) + 2 * Math.max(0, key.runIndex()));
                added++;
            }
        }
        if (added == 0) {
            return null;
        }
        boolean logX = Scales.log(xs);
        boolean logY = Scales.log(ys);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        decades(c, ys, logY);
        c.setXAxisTitle(ParamNames.axisTitle(x) + (logX ? ", log scale" : ""));
        c.setYAxisTitle("end-to-end latency (µs" + (logY ? ", log scale" : "") + ")");
        if (!logY) {
            c.getStyler().setYAxisMin(0.0);
        }
        return c;
    }

    /** A log axis labels only powers of ten: span whole decades so at least two labels show. */
    private static void decades(XYChart c, List<Double> ys, boolean logY) {
        if (!logY) {
            return;
        }
        double min = ys.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(1);
        double max = ys.stream().mapToDouble(Double::doubleValue).max().orElse(10);
        c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        c.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
    }
}
