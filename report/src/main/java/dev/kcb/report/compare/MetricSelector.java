package dev.kcb.report.compare;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.Histograms;
import dev.kcb.report.model.Metric;
import dev.kcb.report.model.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which metrics of an entry are compared, and how their samples are taken.
 *
 * <ul>
 *   <li>the primary metric ("score"); for SampleTime entries with a histogram also p50 and p99 recomputed from it;</li>
 *   <li>headline secondaries: ackedBytes and consumedBytes (shown as MB/s), ackedRecords and consumedRecords
 *       (records/s), achievedRate, and latency percentiles named like {@code e2e.p99} or {@code ack.p99.9};</li>
 *   <li>cost per record ({@link MetricGroup#COST}, lower is better): {@code cost.clientCpuPerRecord} and
 *       {@code cost.brokerCpuPerRecord} (ns/record), {@code cost.clientAllocPerRecord} (B/record).</li>
 * </ul>
 * Everything else (sendErrors, GC profiler counters, ...) is skipped.
 *
 * <p>Samples: with two or more forks, one value per fork (the fork's mean of its iterations, or the fork's
 * percentile from its merged histogram), because iterations of one fork share JIT state, heap layout and broker
 * state and may be correlated. For raw-data metrics the per-iteration values are kept as well, so that
 * {@link SideEstimate} can pool them when the fork effect is not significant. Histogram metrics (SampleTime mean,
 * p50, p99) keep only per-fork values: a fork's percentile is not a mean of iteration percentiles, and iterations
 * hold different numbers of samples, so the balanced one-way layout does not apply; they always use per-fork values.
 * With one fork, the iterations themselves, flagged as "treated as independent".
 */
public final class MetricSelector {
    private static final Pattern LATENCY_SECONDARY = Pattern.compile("(e2e|ack)\\.p[0-9.]+");
    private static final Map<String, String[]> HEADLINE = new LinkedHashMap<>();

    static {
        // name -> {label, display unit, scale}
        HEADLINE.put("ackedBytes", new String[]{"acked MB/s", "MB/s", "1e-6"});
        HEADLINE.put("ackedRecords", new String[]{"acked records/s", "records/s", "1"});
        HEADLINE.put("consumedBytes", new String[]{"consumed MB/s", "MB/s", "1e-6"});
        HEADLINE.put("consumedRecords", new String[]{"consumed records/s", "records/s", "1"});
        HEADLINE.put("achievedRate", new String[]{"achieved rate", null, "1"});
    }

    /** Cost per record, as the benchmarks' CostProfiler names it: name -> label. Lower is better, whatever the unit. */
    static final Map<String, String> COST = new LinkedHashMap<>();

    static {
        COST.put("cost.clientCpuPerRecord", "client CPU per record");
        COST.put("cost.brokerCpuPerRecord", "broker CPU per record");
        COST.put("cost.clientAllocPerRecord", "client alloc per record");
    }

    private static final Set<String> SKIPPED = Set.of("sendErrors");

    private MetricSelector() {
    }

    /** One compared metric of one entry: its id (stable across runs), label, unit, direction and samples. */
    public record Selected(String id, String label, String unit, boolean higherIsBetter, Samples samples, MetricGroup group) {
        Selected(String id, String label, String unit, boolean higherIsBetter, Samples samples) {
            this(id, label, unit, higherIsBetter, samples, MetricGroup.SPEED);
        }
    }

    /** The compared metrics of an entry, in display order, keyed by id. */
    public static Map<String, Selected> select(BenchmarkResult r) {
        Map<String, Selected> out = new LinkedHashMap<>();
        Metric p = r.primary();
        boolean hist = !p.rawHistogram().isEmpty();
        out.put("score", new Selected("score", hist ? "mean" : "score", p.unit(), p.higherIsBetter(),
                hist ? histogramMeans(p) : rawSamples(p)));
        if ("sample".equals(r.mode())) {
            for (double q : new double[]{50.0, 99.0}) {
                String id = "p" + fmtQ(q);
                Samples s = hist ? histogramPercentiles(p, q) : Samples.none(p.percentiles().getOrDefault(q, Double.NaN));
                out.put(id, new Selected(id, id, p.unit(), p.higherIsBetter(), s));
            }
        }
        for (Map.Entry<String, Metric> e : r.secondary().entrySet()) {
            String name = e.getKey();
            Metric m = e.getValue();
            if (SKIPPED.contains(name)) {
                continue;
            }
            String[] h = HEADLINE.get(name);
            if (h != null) {
                double scale = Double.parseDouble(h[2]);
                String unit = h[1] != null ? h[1] : m.unit();
                out.put(name, new Selected(name, h[0], unit, Units.higherIsBetter(unit), rawSamples(m).scaled(scale)));
            } else if (LATENCY_SECONDARY.matcher(name).matches()) {
                // latency percentiles in "us": a time, so lower is better (Units says so for any time unit)
                out.put(name, new Selected(name, name, m.unit(), m.higherIsBetter(), rawSamples(m)));
            }
        }
        // cost per record last, in its own order (client CPU, broker CPU, allocation)
        COST.forEach((name, label) -> {
            Metric m = r.secondary().get(name);
            if (m != null) {
                out.put(name, new Selected(name, label, m.unit(), false, rawSamples(m), MetricGroup.COST));
            }
        });
        return out;
    }

    private static String fmtQ(double q) {
        return q == Math.rint(q) ? String.valueOf((long) q) : String.valueOf(q);
    }

    static Samples rawSamples(Metric m) {
        List<double[]> forks = new ArrayList<>();
        for (List<Double> fork : m.rawData()) {
            double[] v = fork.stream().filter(d -> d != null && Double.isFinite(d)).mapToDouble(Double::doubleValue).toArray();
            if (v.length > 0) {
                forks.add(v);
            }
        }
        if (forks.isEmpty()) {
            return Samples.none(m.score());
        }
        if (forks.size() == 1) {
            return new Samples(forks.get(0), 1, false, m.score());
        }
        return Samples.ofForks(forks.toArray(double[][]::new), m.score());
    }

    static Samples histogramMeans(Metric m) {
        List<List<List<double[]>>> h = m.rawHistogram();
        if (h.size() >= 2) {
            return new Samples(finite(Histograms.forkMeans(h)), h.size(), true, m.score());
        }
        double[] it = h.get(0).stream().mapToDouble(i -> Histograms.mean(List.of(List.of(i)))).toArray();
        return new Samples(finite(it), 1, false, m.score());
    }

    static Samples histogramPercentiles(Metric m, double q) {
        List<List<List<double[]>>> h = m.rawHistogram();
        double fallback = m.percentiles().getOrDefault(q, Double.NaN);
        if (h.size() >= 2) {
            double[] v = h.stream().mapToDouble(f -> Histograms.percentiles(List.of(f)).getOrDefault(q, Double.NaN)).toArray();
            return new Samples(finite(v), h.size(), true, fallback);
        }
        double[] v = h.get(0).stream()
                .mapToDouble(i -> Histograms.percentiles(List.of(List.of(i))).getOrDefault(q, Double.NaN)).toArray();
        return new Samples(finite(v), 1, false, fallback);
    }

    private static double[] finite(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
