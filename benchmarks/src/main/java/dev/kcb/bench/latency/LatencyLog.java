package dev.kcb.bench.latency;

import dev.kcb.bench.common.BenchTarget;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Each measurement iteration's histograms, in HdrHistogram's own log format, at
 * {@code <run dir>/latency/<method>_<param>=<value>_....hlog} (params in name order), so the distributions can be
 * merged and plotted with standard tools ({@code HistogramLogProcessor}, HdrHistogram's plotter). End-to-end
 * intervals are untagged (what those tools read by default); ack intervals carry the tag {@code ack}. Every fork
 * appends its own header and intervals to the same file.
 */
final class LatencyLog implements AutoCloseable {
    static final String ACK_TAG = "ack";

    private final Path file;
    private final PrintStream stream;
    private final HistogramLogWriter writer;

    private LatencyLog(Path file, PrintStream stream, HistogramLogWriter writer) {
        this.file = file;
        this.stream = stream;
        this.writer = writer;
    }

    /** "endToEnd_acks=1_lingerMs=0_targetRate=1000.hlog": the method and every param, in name order. */
    static String fileName(String method, Map<String, String> params) {
        return method + new TreeMap<>(params).entrySet().stream().map(e -> "_" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining()) + ".hlog";
    }

    /** Opens (appending) the log for this config under the run dir ({@code -Dkcb.runDir}); null when none was given. */
    static LatencyLog open(String method, Map<String, String> params, String description) throws IOException {
        String runDir = System.getProperty(BenchTarget.RUN_DIR, "");
        if (runDir.isBlank()) {
            return null;
        }
        Path dir = Path.of(runDir, "latency");
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName(method, params));
        PrintStream stream = new PrintStream(new FileOutputStream(file.toFile(), true), false, "UTF-8");
        HistogramLogWriter writer = new HistogramLogWriter(stream);
        long now = System.currentTimeMillis();
        writer.outputComment(description);
        writer.outputLogFormatVersion();
        writer.outputStartTime(now);
        writer.setBaseTime(now);
        writer.outputLegend();
        stream.flush();
        return new LatencyLog(file, stream, writer);
    }

    void append(Histogram e2e, Histogram ack) {
        e2e.setTag(null);
        writer.outputIntervalHistogram(e2e);
        ack.setTag(ACK_TAG);
        writer.outputIntervalHistogram(ack);
        stream.flush();
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        stream.close();
    }
}
