package dev.kcb.report.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One entry of a JMH JSON result array: one benchmark method, in one mode, with one set of params.
 *
 * @param benchmark  fully qualified method, e.g. "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync"
 * @param mode       JMH's short mode name: "thrpt", "avgt", "sample", "ss"
 * @param threads    JMH threads ({@code -t}); JMH sums the threads' @AuxCounters, so a rate at N threads is their total
 * @param params     JMH params, sorted by name; empty when the benchmark has none
 * @param secondary  secondary metrics by name, without the "·" prefix older JMH versions wrote
 * @param partitions partitions of the trial topics (the fork's {@code -Dkcb.partitions}); 0 when unknown (a plain JMH run)
 */
public record BenchmarkResult(String benchmark, String mode, int threads, int forks,
                              Map<String, String> params, Metric primary, Map<String, Metric> secondary,
                              String jdkVersion, String vmName, String jmhVersion, int partitions) {

    /** JMH's thread count as a dimension: charted and compared like a param, but not a JMH @Param. */
    public static final String THREADS = "threads";
    /** The topic's partitions as a dimension, like {@link #THREADS}. */
    public static final String PARTITIONS = "partitions";

    public BenchmarkResult {
        params = new TreeMap<>(params);
    }

    /** An entry whose topic partitions are unknown. */
    public BenchmarkResult(String benchmark, String mode, int threads, int forks, Map<String, String> params, Metric primary,
                           Map<String, Metric> secondary, String jdkVersion, String vmName, String jmhVersion) {
        this(benchmark, mode, threads, forks, params, primary, secondary, jdkVersion, vmName, jmhVersion, 0);
    }

    /**
     * What charts sweep and hold fixed: the params, plus {@code threads} and (when known) {@code partitions}. A
     * benchmark @Param of either name wins over them.
     */
    public Map<String, String> dimensions() {
        Map<String, String> d = new TreeMap<>(params);
        d.putIfAbsent(THREADS, String.valueOf(threads));
        if (partitions > 0) {
            d.putIfAbsent(PARTITIONS, String.valueOf(partitions));
        }
        return d;
    }

    /**
     * What makes a config: the params, plus threads and partitions where they are not 1. So a single-thread,
     * single-partition entry (every result before threads were swept) keeps the params alone, and entries at
     * {@code -t 1} and {@code -t 2} never pass for the same config.
     */
    public Map<String, String> config() {
        Map<String, String> c = new TreeMap<>(params);
        if (threads != 1) {
            c.putIfAbsent(THREADS, String.valueOf(threads));
        }
        if (partitions > 1) {
            c.putIfAbsent(PARTITIONS, String.valueOf(partitions));
        }
        return c;
    }

    /** "ProducerSendBenchmark.sendAsync": the class simple name and the method. */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    /** The method name alone, e.g. "sendAsync". */
    public String method() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(dot + 1);
    }

    /**
     * Identity across runs: benchmark, mode and {@link #config()} (params, and threads and partitions where not 1).
     * Two runs' entries with the same key are the same config.
     */
    public String key() {
        Map<String, String> c = new java.util.TreeMap<>(config());
        c.entrySet().removeIf(e -> e.getValue().equals(ADDED_PARAMS.get(e.getKey())));
        return benchmark + " [" + mode + "] " + label(c);
    }

    /**
     * Params the suite added after its first runs, each with the value every earlier run ran at without naming it
     * (random payloads, null keys; idempotence, fetch sizes and assignment as Kafka's defaults). A param at that value is left
     * out of {@link #key()}, so a baseline saved before the param existed still matches today's run of the same config.
     */
    static final Map<String, String> ADDED_PARAMS = Map.of("payload", "random", "enableIdempotence", "default", "mode", "assign",
            "maxPartitionFetchBytes", "1048576", "fetchMaxBytes", "52428800", "keys", "none");

    /** "acks=1, lingerMs=5" in name order; "" when there are no params. */
    public String paramsLabel() {
        return label(params);
    }

    /** As {@link #paramsLabel()}, with threads and partitions where they are not 1: "acks=1, partitions=2, threads=2". */
    public String configLabel() {
        return label(config());
    }

    private static String label(Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    public Metric secondary(String name) {
        return secondary.get(name);
    }
}
