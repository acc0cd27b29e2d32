package dev.kcb.bench.calibrate;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for what Kafka's perf tools print. Both tools count a MB as 2^20 bytes; the records carry the
 * tools' own numbers unchanged, and {@link #MIB_TO_MB} converts to this suite's MB (10^6 bytes).
 */
public final class ToolOutput {
    public static final double MIB_TO_MB = 1_048_576 / 1e6;

    /** ProducerPerformance's final line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, p50 ms 50th, ...". */
    public record Producer(long records, double recordsPerSec, double mibPerSec, double avgLatencyMs, double maxLatencyMs,
                           double p50Ms, double p99Ms) {
    }

    /** ConsumerPerformance's summary row (the header names its columns); MB columns in 2^20 bytes. */
    public record Consumer(long records, double mib, double mibPerSec, double recordsPerSec, long rebalanceMs, long fetchMs,
                           double fetchMibPerSec, double fetchRecordsPerSec) {
    }

    private static final String FIGURES = " records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
            + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th";
    private static final Pattern FINAL = Pattern.compile("(\\d+)" + FIGURES);
    /** The extra line {@code --warmup-records} makes it print: the same figures over the records after the warm-up. */
    private static final Pattern STEADY = Pattern.compile("(\\d+) steady state" + FIGURES);

    private ToolOutput() {
    }

    /**
     * The steady-state summary that {@code --warmup-records} adds after the whole run's.
     *
     * @throws IllegalArgumentException when the output has none (no --warmup-records, or the tool failed)
     */
    public static Producer producerSteadyState(String output) {
        Matcher m = last(STEADY, output);
        if (m == null) {
            throw new IllegalArgumentException("no ProducerPerformance steady-state line (\"N steady state records sent, ...\") in its output");
        }
        return producer(m);
    }

    /** @throws IllegalArgumentException when the output has no final summary line (the tool failed or changed format) */
    public static Producer producer(String output) {
        Matcher m = last(FINAL, output);
        if (m == null) {
            throw new IllegalArgumentException("no ProducerPerformance summary line (\"N records sent, ... 99.9th.\") in its output");
        }
        return producer(m);
    }

    private static Matcher last(Pattern pattern, String output) {
        Matcher m = null;
        for (String line : output.lines().toList()) {
            Matcher candidate = pattern.matcher(line);
            if (candidate.find()) {
                m = candidate;
            }
        }
        return m;
    }

    private static Producer producer(Matcher m) {
        return new Producer(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)),
                Double.parseDouble(m.group(8)));
    }

    /** @throws IllegalArgumentException when the output has no header and summary row */
    public static Consumer consumer(String output) {
        List<String> lines = output.lines().map(String::strip).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> header = Arrays.stream(lines.get(i).split(",")).map(String::strip).toList();
                String[] values = lines.get(i + 1).split(",");
                if (values.length != header.size()) {
                    break;
                }
                java.util.function.Function<String, String> col = name -> {
                    int k = header.indexOf(name);
                    if (k < 0) {
                        throw new IllegalArgumentException("ConsumerPerformance output has no column " + name);
                    }
                    return values[k].strip();
                };
                return new Consumer(Long.parseLong(col.apply("data.consumed.in.nMsg")), Double.parseDouble(col.apply("data.consumed.in.MB")),
                        Double.parseDouble(col.apply("MB.sec")), Double.parseDouble(col.apply("nMsg.sec")),
                        Long.parseLong(col.apply("rebalance.time.ms")), Long.parseLong(col.apply("fetch.time.ms")),
                        Double.parseDouble(col.apply("fetch.MB.sec")), Double.parseDouble(col.apply("fetch.nMsg.sec")));
            }
        }
        throw new IllegalArgumentException("no ConsumerPerformance summary (a start.time header and one row) in its output");
    }
}
