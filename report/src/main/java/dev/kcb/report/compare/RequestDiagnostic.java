package dev.kcb.report.compare;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How full the produce requests were on each side, for an entry both runs have: JMH's score of the secondary metrics
 * {@code requests.recordsPerRequest}, {@code requests.bytesPerRequest} and {@code requests.rate} (written by the
 * benchmarks' ProduceRequestsProfiler). Shown beside the verdicts, never judged: fewer records per request is a cost
 * (more requests for the broker to handle) but not a slowdown, and it explains why a linger.ms or batch.size change
 * did or did not move the throughput.
 */
public record RequestDiagnostic(String benchmark, String mode, String params, Fill baseline, Fill candidate) {
    /** One side's records and bytes per produce request and produce requests per second (NaN when absent). */
    public record Fill(double recordsPerRequest, double bytesPerRequest, double requestsPerSecond) {
        static Fill of(BenchmarkResult r) {
            return new Fill(score(r, RECORDS), score(r, BYTES), score(r, RATE));
        }
    }

    static final String RECORDS = "requests.recordsPerRequest";
    static final String BYTES = "requests.bytesPerRequest";
    static final String RATE = "requests.rate";

    /** One per entry that both sides measured with the produce-request metrics, in the baseline's order. */
    static List<RequestDiagnostic> of(List<BenchmarkResult> baseline, List<BenchmarkResult> candidate) {
        Map<String, BenchmarkResult> cand = new LinkedHashMap<>();
        candidate.forEach(r -> cand.putIfAbsent(r.key(), r));
        List<RequestDiagnostic> out = new ArrayList<>();
        for (BenchmarkResult b : baseline) {
            BenchmarkResult c = cand.remove(b.key());
            if (c == null || !b.secondary().containsKey(RECORDS) || !c.secondary().containsKey(RECORDS)) {
                continue;
            }
            out.add(new RequestDiagnostic(b.shortName(), b.mode(), b.configLabel(), Fill.of(b), Fill.of(c)));
        }
        return out;
    }

    private static double score(BenchmarkResult r, String name) {
        Metric m = r.secondary().get(name);
        return m == null ? Double.NaN : m.score();
    }
}
