package dev.kcb.report.charts;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.Measure;
import dev.kcb.report.model.Numbers;
import dev.kcb.report.model.ParamNames;
import dev.kcb.report.model.Run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The generic layout rule for every chart: find the params that vary; the x axis is the swept param, each series is
 * another varying param (or, when several runs are overlaid, the run), and every other varying param is held fixed,
 * giving one panel (one chart) per fixed combination.
 */
public final class Sweep {
    /** Numbers in numeric order, then words ("0", "1", "all"). */
    public static final Comparator<String> VALUE_ORDER = (a, b) -> {
        double x = Numbers.parse(a);
        double y = Numbers.parse(b);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            return Double.compare(x, y);
        }
        if (Double.isNaN(x) != Double.isNaN(y)) {
            return Double.isNaN(x) ? 1 : -1;
        }
        return a.compareTo(b);
    };

    public record Point(String xValue, double x, double y, double error) {
    }

    /**
     * A line: the run it comes from (null when only one run is drawn) and/or the series param's value (null when
     * nothing else varies). Overlaid runs keep the param's colour and differ in line style.
     */
    public record SeriesKey(String run, int runIndex, String value) {
        public String label() {
            return run == null ? value : value == null ? run : run + " · " + value;
        }

        /** What picks the colour: the param value when there is one, else the run. */
        public String colourKey() {
            return value != null ? value : run;
        }
    }

    /**
     * @param fixed  the varying params held fixed in this panel, by name
     * @param series each line's points, in x order
     */
    public record Panel(Map<String, String> fixed, Map<SeriesKey, List<Point>> series) {
        public int maxSeriesPoints() {
            return series.values().stream().mapToInt(List::size).max().orElse(0);
        }

        /** Every point's x is a number (linger.ms), so the x axis has an order; else categories (keys=none, uniform:1000). */
        public boolean numeric() {
            return series.values().stream().flatMap(List::stream).allMatch(p -> Double.isFinite(p.x()));
        }

        /** "acks=1, message size=100"; "" when nothing is held fixed. */
        public String fixedLabel() {
            return fixed.entrySet().stream().map(e -> ParamNames.assignment(e.getKey(), e.getValue())).collect(Collectors.joining(", "));
        }
    }

    private Sweep() {
    }

    /**
     * Params with more than one distinct value among the rows, in name order. JMH threads and topic partitions count as
     * params here ({@link BenchmarkResult#dimensions()}): entries at -t 1 and -t 2 are swept or held apart like any param's.
     */
    public static List<String> varying(Collection<Row> rows) {
        Map<String, Set<String>> values = new TreeMap<>();
        rows.forEach(r -> r.result().dimensions().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v)));
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }

    /**
     * Params with the same value in every row: the conditions every panel shares. Threads and partitions are left out
     * at 1, the default nobody needs told.
     */
    public static Map<String, String> constant(Collection<Row> rows) {
        List<String> varying = varying(rows);
        Map<String, String> out = new TreeMap<>();
        rows.forEach(r -> r.result().dimensions().forEach((k, v) -> {
            boolean unremarkable = (k.equals(BenchmarkResult.THREADS) || k.equals(BenchmarkResult.PARTITIONS))
                    && v.equals("1") && !r.result().params().containsKey(k);
            if (!varying.contains(k) && !unremarkable) {
                out.put(k, v);
            }
        }));
        return out;
    }

    /**
     * The series param: the first preferred one that varies and is not x, else any other varying param, else null.
     * Threads and partitions are a series only when preferred: else they are held fixed, one panel each, so that a
     * line never joins a 1-thread point to a 2-thread one and a chart of one thread count reads as before.
     */
    public static String chooseSeries(List<String> varying, String x, List<String> preferred) {
        for (String p : preferred) {
            if (varying.contains(p) && !p.equals(x)) {
                return p;
            }
        }
        return varying.stream().filter(p -> !p.equals(x) && !p.equals(BenchmarkResult.THREADS) && !p.equals(BenchmarkResult.PARTITIONS))
                .findFirst().orElse(null);
    }

    /** Rows grouped by their values of the given params (in VALUE_ORDER), one group per combination. */
    public static Map<Map<String, String>, List<Row>> group(Collection<Row> rows, List<String> params) {
        Comparator<Map<String, String>> order = (a, b) -> {
            for (String p : params) {
                int c = VALUE_ORDER.compare(a.getOrDefault(p, ""), b.getOrDefault(p, ""));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        Map<Map<String, String>, List<Row>> groups = new TreeMap<>(order);
        for (Row r : rows) {
            Map<String, String> key = new LinkedHashMap<>();
            params.forEach(p -> key.put(p, r.param(p) == null ? "-" : r.param(p)));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /**
     * Panels for a line chart of {@code measure} against {@code x}: one line per value of {@code seriesParam} (one
     * line when null) and, when {@code runs} has several, per run. Points with no value (absent, NaN) are left out.
     */
    public static List<Panel> panels(Collection<Row> rows, String x, String seriesParam, List<Run> runs, Measure measure) {
        boolean byRun = runs.size() > 1;
        List<String> fixedParams = new ArrayList<>(varying(rows));
        fixedParams.remove(x);
        fixedParams.remove(seriesParam);
        List<Panel> panels = new ArrayList<>();
        group(rows, fixedParams).forEach((fixed, members) -> {
            Map<SeriesKey, List<Point>> series = new LinkedHashMap<>();
            List<Row> sorted = new ArrayList<>(members);
            if (seriesParam != null) {
                sorted.sort(Comparator.comparing((Row r) -> r.param(seriesParam), Comparator.nullsLast(VALUE_ORDER))
                        .thenComparingInt(r -> runs.indexOf(r.run())));
            }
            for (Row r : sorted) {
                double y = measure.value(r.result());
                String xv = r.param(x);
                if (xv == null || !Double.isFinite(y)) {
                    continue;
                }
                SeriesKey key = new SeriesKey(byRun ? r.run().label() : null, runs.indexOf(r.run()),
                        seriesParam == null ? (byRun ? null : measure.name()) : ParamNames.assignment(seriesParam, r.param(seriesParam)));
                series.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Point(xv, Numbers.parse(xv), y, measure.error(r.result())));
            }
            series.values().forEach(points -> points.sort(Comparator.comparing(Point::xValue, VALUE_ORDER)));
            panels.add(new Panel(fixed, series));
        });
        return panels;
    }
}
