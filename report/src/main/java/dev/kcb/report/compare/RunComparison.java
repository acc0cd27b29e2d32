package dev.kcb.report.compare;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.Run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares two runs entry by entry (matched by {@link BenchmarkResult#key()}) and metric by metric. */
public final class RunComparison {
    private final Run baseline;
    private final Run candidate;
    private final double thresholdPct;
    private final double alpha;
    private final List<Row> rows;

    public RunComparison(Run baseline, Run candidate, double thresholdPct, double alpha) {
        this.baseline = baseline;
        this.candidate = candidate;
        this.thresholdPct = thresholdPct;
        this.alpha = alpha;
        this.rows = compute();
    }

    public static List<Row> compareEntries(List<BenchmarkResult> base, List<BenchmarkResult> cand,
                                           double thresholdPct, double alpha) {
        return compareEntries(base, cand, thresholdPct, alpha, false, Set.of());
    }

    /**
     * With {@code paired}, the two sides are one ab's and fork i of each ran side by side: see
     * {@link Statistics#comparePaired}; the benchmarks in {@code sliced} took turns inside each fork: see
     * {@link Statistics#compareSlices}.
     */
    public static List<Row> compareEntries(List<BenchmarkResult> base, List<BenchmarkResult> cand,
                                           double thresholdPct, double alpha, boolean paired, Set<String> sliced) {
        Map<String, BenchmarkResult> b = index(base);
        Map<String, BenchmarkResult> c = index(cand);
        Set<String> keys = new LinkedHashSet<>(b.keySet());
        keys.addAll(c.keySet());
        List<Row> out = new ArrayList<>();
        for (String key : keys) {
            BenchmarkResult rb = b.get(key);
            BenchmarkResult rc = c.get(key);
            BenchmarkResult any = rb != null ? rb : rc;
            Map<String, MetricSelector.Selected> mb = rb != null ? MetricSelector.select(rb) : Map.of();
            Map<String, MetricSelector.Selected> mc = rc != null ? MetricSelector.select(rc) : Map.of();
            Set<String> ids = new LinkedHashSet<>(mb.keySet());
            ids.addAll(mc.keySet());
            for (String id : ids) {
                MetricSelector.Selected sb = mb.get(id);
                MetricSelector.Selected sc = mc.get(id);
                MetricSelector.Selected def = sb != null ? sb : sc;
                Comparison stats = null;
                Verdict v;
                if (sb == null) {
                    v = Verdict.NEW;
                } else if (sc == null) {
                    v = Verdict.MISSING;
                } else {
                    stats = !paired ? Statistics.compare(sb.samples(), sc.samples(), alpha)
                            : sliced.contains(any.benchmark()) ? Statistics.compareSlices(sb.samples(), sc.samples(), alpha)
                            : Statistics.comparePaired(sb.samples(), sc.samples(), alpha);
                    v = Statistics.verdict(stats, def.higherIsBetter(), thresholdPct, alpha);
                }
                out.add(new Row(key, any.shortName(), any.mode(), any.configLabel(), id, def.label(), def.unit(),
                        def.higherIsBetter(), sb != null ? sb.samples() : null, sc != null ? sc.samples() : null,
                        stats, v, stats == null ? Double.NaN : Statistics.minimumDetectable(stats, alpha, CompareOutput.POWER),
                        def.group()));
            }
        }
        return out;
    }

    private static Map<String, BenchmarkResult> index(List<BenchmarkResult> results) {
        Map<String, BenchmarkResult> m = new LinkedHashMap<>();
        results.forEach(r -> m.putIfAbsent(r.key(), r));
        return m;
    }

    private List<Row> compute() {
        return compareEntries(baseline.results(), candidate.results(), thresholdPct, alpha, paired(),
                paired() ? baseline.info().abSlicedBenchmarks() : Set.of());
    }

    /** True when the two runs are the baseline and candidate sides of one {@code ./run.sh ab}, whose forks alternated. */
    public boolean paired() {
        return baseline.info().abPartnerOf(candidate.info());
    }

    /** Entries present in both runs. */
    public long sharedEntries() {
        Set<String> b = index(baseline.results()).keySet();
        return index(candidate.results()).keySet().stream().filter(b::contains).count();
    }

    public Run baseline() {
        return baseline;
    }

    public Run candidate() {
        return candidate;
    }

    public double thresholdPct() {
        return thresholdPct;
    }

    public double alpha() {
        return alpha;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Produce-request fill of the entries both runs measured it for: shown, not judged. */
    public List<RequestDiagnostic> requestDiagnostics() {
        return RequestDiagnostic.of(baseline.results(), candidate.results());
    }

    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    public long count(MetricGroup group, Verdict v) {
        return rows.stream().filter(r -> r.group() == group && r.verdict() == v).count();
    }

    /** The rows of one verdict table. */
    public List<Row> rows(MetricGroup group) {
        return rows.stream().filter(r -> r.group() == group).toList();
    }

    public long insufficientCount() {
        return rows.stream().filter(Row::insufficient).count();
    }

    public boolean anyIterationsAsIndependent() {
        return rows.stream().anyMatch(r -> r.stats() != null && r.iterationsAsIndependent());
    }

    /**
     * "1 regression, 2 improvements, 10 unchanged" plus missing/new/insufficient when there are any, for throughput
     * and latency; when cost per record was compared, its own counts follow: "...; cost per record: 1 regression, ...".
     */
    public String summary() {
        String speed = summary(rows(MetricGroup.SPEED));
        List<Row> cost = rows(MetricGroup.COST);
        return cost.isEmpty() ? speed : speed + "; " + MetricGroup.COST.title() + ": " + summary(cost);
    }

    private static String summary(List<Row> rows) {
        long reg = rows.stream().filter(r -> r.verdict() == Verdict.REGRESSED).count();
        long imp = rows.stream().filter(r -> r.verdict() == Verdict.IMPROVED).count();
        long unchanged = rows.stream().filter(r -> r.verdict() == Verdict.UNCHANGED).count();
        long insufficient = rows.stream().filter(Row::insufficient).count();
        long missing = rows.stream().filter(r -> r.verdict() == Verdict.MISSING).count();
        long added = rows.stream().filter(r -> r.verdict() == Verdict.NEW).count();
        StringBuilder sb = new StringBuilder();
        sb.append(reg).append(reg == 1 ? " regression, " : " regressions, ");
        sb.append(imp).append(imp == 1 ? " improvement, " : " improvements, ");
        sb.append(unchanged).append(" unchanged");
        if (insufficient > 0) {
            sb.append(" (").append(insufficient).append(" with insufficient data)");
        }
        if (missing > 0) {
            sb.append(", ").append(missing).append(" missing");
        }
        if (added > 0) {
            sb.append(", ").append(added).append(" new");
        }
        return sb.toString();
    }
}
