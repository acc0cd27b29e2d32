package dev.kcb.bench.latency;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Carries {@link EndToEndLatencyBenchmark}'s per-iteration latency percentiles into JMH's results, so they land in
 * jmh.json as secondary metrics beside the score: {@code e2e.p50 ... e2e.p99.99, e2e.max}, the same for
 * {@code ack.}, in {@code us}; {@code achievedRate} and {@code targetRate} in records/s; {@code rateShortfall} in %.
 *
 * <p>Why a profiler: JMH 1.37 has two ways to add secondary metrics. {@code @AuxCounters} names a metric after a
 * Java field or method (no {@code e2e.p99}) and either divides it by time (OPERATIONS) or sums it over iterations
 * (EVENTS): a percentile must be neither. An {@link InternalProfiler} runs in the fork, is called after each
 * iteration (after the benchmark's {@code Level.Iteration} teardown, which drains the iteration's records), and
 * returns {@link ScalarResult}s with any name, unit and aggregation policy. Percentiles and rates use AVG (the
 * trial's score is the mean of its iterations' values, and each iteration is one sample for {@code compare});
 * {@code max} uses MAX. The per-iteration histograms themselves go to the run's {@code latency/*.hlog}.
 *
 * <p>Other benchmarks hand it a histogram by name ({@link #publish(String, Histogram)}): TransactionalProducerBenchmark's
 * and ConsumerPollBenchmark's commit latency become {@code commit.p50 ... commit.max}, in {@code us}.
 *
 * <p>The suite runner adds this profiler to every EndToEndLatencyBenchmark, TransactionalProducerBenchmark and
 * ConsumerPollBenchmark configuration. In a plain JMH run add
 * it yourself: {@code -prof dev.kcb.bench.latency.LatencyProfiler}; without it the percentiles are only printed.
 */
public final class LatencyProfiler implements InternalProfiler {
    /** Percentiles reported for each latency, with their metric-name suffix. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    static final String[] SUFFIXES = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private static final AtomicReference<LatencyProbe.Interval> LAST = new AtomicReference<>();
    private static volatile boolean attached;

    /** Other benchmarks' latency histograms of this iteration, by metric prefix ({@code commit}); merged across threads. */
    private static final java.util.Map<String, Histogram> NAMED = new java.util.TreeMap<>();

    /** Called by the benchmark's iteration teardown, in the fork. */
    static void publish(LatencyProbe.Interval interval) {
        LAST.set(interval);
    }

    /**
     * Called from any benchmark's iteration teardown, in the fork: this thread's histogram (µs) of one latency, reported
     * as {@code <prefix>.p50 ... <prefix>.p99.99, <prefix>.max}. Threads publishing the same prefix are added together.
     */
    public static void publish(String prefix, Histogram histogram) {
        synchronized (NAMED) {
            Histogram sum = NAMED.get(prefix);
            if (sum == null) {
                NAMED.put(prefix, histogram.copy());
            } else {
                sum.add(histogram);
            }
        }
    }

    /** Whether JMH runs this profiler in this fork (the benchmark says so once when not). */
    public static boolean attached() {
        return attached;
    }

    @Override
    public String getDescription() {
        return "end-to-end and ack latency percentiles and achieved rate of EndToEndLatencyBenchmark, and commit latency"
                + " percentiles, as secondary metrics";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        attached = true;
        LAST.set(null);
        synchronized (NAMED) {
            NAMED.clear();
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        LatencyProbe.Interval interval = LAST.getAndSet(null);
        List<ScalarResult> out = new ArrayList<>(interval == null ? List.of() : results(interval));
        synchronized (NAMED) {
            NAMED.forEach((prefix, h) -> latency(out, prefix, h));
            NAMED.clear();
        }
        return out;
    }

    static List<ScalarResult> results(LatencyProbe.Interval interval) {
        List<ScalarResult> out = new ArrayList<>();
        latency(out, "e2e", interval.histograms().e2e());
        latency(out, "ack", interval.histograms().ack());
        out.add(new ScalarResult("achievedRate", interval.achievedRate(), "records/s", AggregationPolicy.AVG));
        out.add(new ScalarResult("targetRate", interval.targetRate(), "records/s", AggregationPolicy.AVG));
        // signed, so the trial's mean is exactly 1 - mean(achievedRate) / targetRate
        out.add(new ScalarResult("rateShortfall", 100.0 * (1 - interval.achievedRate() / interval.targetRate()), "%",
                AggregationPolicy.AVG));
        return out;
    }

    private static void latency(List<ScalarResult> out, String prefix, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        for (int i = 0; i < PERCENTILES.length; i++) {
            out.add(new ScalarResult(prefix + "." + SUFFIXES[i], h.getValueAtPercentile(PERCENTILES[i]), "us", AggregationPolicy.AVG));
        }
        out.add(new ScalarResult(prefix + ".max", h.getMaxValue(), "us", AggregationPolicy.MAX));
    }
}
