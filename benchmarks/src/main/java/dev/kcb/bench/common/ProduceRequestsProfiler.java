package dev.kcb.bench.common;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the iteration's produce-request figures into jmh.json as secondary metrics:
 * {@code requests.recordsPerRequest} (records), {@code requests.recordsPerBatch} (records per partition batch: a
 * request carries one batch per partition it writes to; derived, see {@link ProduceRequests}), {@code requests.bytesPerRequest} (B, on the wire, headers included),
 * {@code requests.rate} (requests/s, over all producers of the fork), {@code requests.wireBytesPerRecord} (B: what
 * the network and the broker carried per record, beside the value's own size), {@code requests.wireBytes} (B/s of it) and {@code requests.compressionRate}
 * (the producers' compression-rate-avg: compressed over uncompressed batch bytes, 1 without compression). Benchmarks publish a {@link ProduceRequests.Window}
 * per producer from their iteration teardown; threads sharing one producer publish the same key, and the last one
 * counts once. Diagnostics, not verdicts: {@code compare} shows them beside the verdict and does not judge them.
 *
 * <p>The suite runner adds this profiler to producer and end-to-end configurations; in a plain JMH run add
 * {@code -prof dev.kcb.bench.common.ProduceRequestsProfiler}.
 */
public final class ProduceRequestsProfiler implements InternalProfiler {
    private static final Map<Object, ProduceRequests.Window> WINDOWS = new IdentityHashMap<>();

    /** Called from a benchmark's iteration teardown, in the fork. */
    public static void publish(Object producer, ProduceRequests.Window window) {
        synchronized (WINDOWS) {
            WINDOWS.put(producer, window);
        }
    }

    @Override
    public String getDescription() {
        return "records and bytes per produce request, and produce requests/s, from the producers' own metrics";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        synchronized (WINDOWS) {
            WINDOWS.clear();
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        List<ProduceRequests.Window> windows;
        synchronized (WINDOWS) {
            windows = new ArrayList<>(WINDOWS.values());
            WINDOWS.clear();
        }
        return results(windows);
    }

    static List<ScalarResult> results(List<ProduceRequests.Window> windows) {
        double records = 0;
        double requests = 0;
        double bytes = 0;
        double rate = 0;
        double compressed = 0;
        double wireRate = 0;
        double batches = 0;
        for (ProduceRequests.Window w : windows) {
            batches += w.batches(); // NaN for any producer without a batch-size-avg: then no figure at all
            wireRate += w.nanos() > 0 ? w.bytes() * 1e9 / w.nanos() : Double.NaN;
            records += w.records();
            requests += w.requests();
            bytes += w.bytes();
            rate += w.requestsPerSecond();
            compressed += w.compressionRate() * w.records();
        }
        if (requests <= 0 || !Double.isFinite(rate)) {
            return List.of();
        }
        List<ScalarResult> out = new ArrayList<>(List.of(
                new ScalarResult("requests.recordsPerRequest", records / requests, "records", AggregationPolicy.AVG),
                new ScalarResult("requests.bytesPerRequest", bytes / requests, "B", AggregationPolicy.AVG),
                new ScalarResult("requests.rate", rate, "requests/s", AggregationPolicy.AVG)));
        if (records > 0 && batches > 0) {
            out.add(new ScalarResult("requests.recordsPerBatch", records / batches, "records", AggregationPolicy.AVG));
        }
        if (records > 0) {
            out.add(new ScalarResult("requests.wireBytesPerRecord", bytes / records, "B", AggregationPolicy.AVG));
            if (Double.isFinite(wireRate)) {
                out.add(new ScalarResult("requests.wireBytes", wireRate, "B/s", AggregationPolicy.AVG));
            }
            if (Double.isFinite(compressed) && compressed > 0) {
                // producers weighted by their records
                out.add(new ScalarResult("requests.compressionRate", compressed / records, "ratio", AggregationPolicy.AVG));
            }
        }
        return out;
    }
}
