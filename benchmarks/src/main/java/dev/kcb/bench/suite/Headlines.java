package dev.kcb.bench.suite;

import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.cost.CostProfiler;
import dev.kcb.bench.host.StealProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The table printed at the end of a run: the numbers people look for, per configuration. MB = 10^6 bytes. For
 * end-to-end latency the p50/p99 columns are {@code e2e.p50}/{@code e2e.p99}; for a transactional producer or a
 * committing consumer, {@code commit.p50}/{@code commit.p99} (one commit's latency); acked columns of the
 * transactional producer count committed records. Configs whose achieved rate fell
 * more than 5% short of the target are marked and listed.
 */
final class Headlines {
    private Headlines() {
    }

    /**
     * One row: a configuration's result and the params it ran with (JMH's own, except for a configuration that took
     * turns in one fork with others: see {@link ConfigSlices}).
     */
    record Row(RunResult result, Map<String, String> params) {
        static Row of(RunResult r) {
            BenchmarkParams bp = r.getParams();
            Map<String, String> params = new LinkedHashMap<>();
            bp.getParamsKeys().forEach(k -> params.put(k, bp.getParam(k)));
            return new Row(r, params);
        }
    }

    static void print(Collection<RunResult> results, PrintStream out) {
        printRows(results.stream().map(Row::of).toList(), out);
    }

    static void printRows(List<Row> rows, PrintStream out) {
        if (rows.isEmpty()) {
            return;
        }
        String fmt = "%-34s %-52s %12s %12s %12s %10s %10s %12s %12s %12s %8s%n";
        out.println();
        out.println("Headline numbers (MB = 10^6 bytes; compare within a run, as ratios; cost per acked or consumed record:"
                + " client CPU, broker CPU (blank when not measured: run.json says why), client heap allocation;"
                + " steal: the CPU time the host took from this VM, mean over the iterations)");
        out.printf(fmt, "benchmark", "params", "acked MB/s", "acked rec/s", "consumer MB/s", "p50 us", "p99 us",
                "cpu ns/rec", "broker ns/rec", "alloc B/rec", "steal %");
        List<String> belowTarget = new ArrayList<>();
        for (Row row : rows) {
            RunResult r = row.result();
            BenchmarkParams bp = r.getParams();
            String name = bp.getBenchmark().replaceAll("^.*\\.([^.]+\\.[^.]+)$", "$1");
            String params = row.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))
                    + runShape(bp);
            Result<?> ackedBytes = r.getSecondaryResults().get("ackedBytes");
            Result<?> ackedRecords = r.getSecondaryResults().get("ackedRecords");
            Result<?> consumedBytes = r.getSecondaryResults().get("consumedBytes");
            boolean sample = bp.getMode().shortLabel().equals("sample");
            String p50 = sample ? fmt(r.getPrimaryResult().getStatistics().getPercentile(50)) : "";
            String p99 = sample ? fmt(r.getPrimaryResult().getStatistics().getPercentile(99)) : "";
            Result<?> e2e50 = r.getSecondaryResults().get("e2e.p50");
            Result<?> e2e99 = r.getSecondaryResults().get("e2e.p99");
            if (e2e50 == null) {
                // transactions and consumer group commits: the latency of one commit
                e2e50 = r.getSecondaryResults().get("commit.p50");
                e2e99 = r.getSecondaryResults().get("commit.p99");
            }
            if (e2e50 != null && e2e99 != null) {
                // end-to-end latency: the same columns, from the latency profiler's percentiles
                p50 = fmt(e2e50.getScore());
                p99 = fmt(e2e99.getScore());
            }
            Result<?> achieved = r.getSecondaryResults().get("achievedRate");
            Result<?> target = r.getSecondaryResults().get("targetRate");
            if (achieved != null && target != null && achieved.getScore() < 0.95 * target.getScore()) {
                name = name + " (!)";
                belowTarget.add(String.format(Locale.ROOT, "%s %s: achieved %s records/s, %.1f%% below the target %s",
                        name, params, fmt(achieved.getScore()), 100 * (1 - achieved.getScore() / target.getScore()), fmt(target.getScore())));
            }
            out.printf(fmt, name, params,
                    ackedBytes == null || sample ? "" : fmt(ackedBytes.getScore() / 1e6),
                    ackedRecords == null || sample ? "" : fmt(ackedRecords.getScore()),
                    consumedBytes == null ? "" : fmt(consumedBytes.getScore() / 1e6), p50, p99,
                    score(r, CostProfiler.CLIENT_CPU), score(r, CostProfiler.BROKER_CPU), score(r, CostProfiler.CLIENT_ALLOC),
                    score(r, StealProfiler.STEAL));
        }
        if (!belowTarget.isEmpty()) {
            out.println("(!) below target rate by more than 5%: these latencies are those of a lower load than asked for");
            belowTarget.forEach(l -> out.println("    " + l));
        }
    }

    private static String score(RunResult r, String metric) {
        Result<?> m = r.getSecondaryResults().get(metric);
        return m == null ? "" : fmt(m.getScore());
    }

    /** " threads=2 partitions=2": JMH threads and the fork's topic partitions, each where it is not 1. */
    static String runShape(BenchmarkParams bp) {
        StringBuilder sb = new StringBuilder();
        if (bp.getThreads() != 1) {
            sb.append(' ').append(Plan.THREADS).append('=').append(bp.getThreads());
        }
        String prefix = "-D" + BenchTarget.PARTITIONS + "=";
        bp.getJvmArgs().stream().filter(a -> a.startsWith(prefix)).reduce((a, b) -> b).map(a -> a.substring(prefix.length()))
                .filter(p -> !p.equals("1")).ifPresent(p -> sb.append(' ').append(Plan.PARTITIONS).append('=').append(p));
        return sb.toString();
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return v >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
