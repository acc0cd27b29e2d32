package dev.kcb.report.model;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The end-to-end latency benchmark's HdrHistogram logs, read back: {@code <run dir>/latency/<method>_<param>=<value>
 * _....hlog} (params in name order; end-to-end intervals untagged, ack intervals tagged {@code ack}). The name is a
 * file-format contract with the benchmark's {@code LatencyLog}, restated here because the report reads files only.
 * A log that is absent or unreadable yields null: the charts then fall back to the percentiles in jmh.json.
 */
public final class LatencyLogs {
    public static final String ACK_TAG = "ack";

    private LatencyLogs() {
    }

    /** The log file a result's histograms would be in. */
    public static Path file(Run run, BenchmarkResult r) {
        String name = r.method() + new TreeMap<>(r.params()).entrySet().stream().map(e -> "_" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining()) + ".hlog";
        Path parent = run.source().toAbsolutePath().getParent();
        return (parent == null ? Path.of(".") : parent).resolve("latency").resolve(name);
    }

    /** Every interval with the given tag (null: untagged, i.e. end-to-end) merged into one histogram; null when there is none. */
    public static Histogram merged(Run run, BenchmarkResult r, String tag) {
        Path file = file(run, r);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Histogram out = null;
        try {
            HistogramLogReader reader = new HistogramLogReader(file.toFile());
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (h instanceof Histogram hist && (tag == null ? h.getTag() == null : tag.equals(h.getTag()))) {
                    if (out == null) {
                        out = new Histogram(hist.getNumberOfSignificantValueDigits());
                        out.setAutoResize(true);
                    }
                    out.add(hist);
                }
            }
        } catch (FileNotFoundException | RuntimeException e) {
            return null; // a damaged log is not worth failing the report for: the jmh.json percentiles remain
        }
        return out == null || out.getTotalCount() == 0 ? null : out;
    }
}
