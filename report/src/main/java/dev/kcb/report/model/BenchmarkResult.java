package dev.kcb.report.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One entry of a JMH JSON result array: one benchmark method, in one mode, with one set of params.
 *
 * @param benchmark  fully qualified method, e.g. "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync"
 * @param mode       JMH's short mode name: "thrpt", "avgt", "sample", "ss"
 * @param params     JMH params, sorted by name; empty when the benchmark has none
 * @param secondary  secondary metrics by name, without the "·" prefix older JMH versions wrote
 */
public record BenchmarkResult(String benchmark, String mode, int threads, int forks,
                              Map<String, String> params, Metric primary, Map<String, Metric> secondary,
                              String jdkVersion, String vmName, String jmhVersion) {

    public BenchmarkResult {
        params = new TreeMap<>(params);
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

    /** Identity across runs: benchmark, mode and params. Two runs' entries with the same key are the same config. */
    public String key() {
        return benchmark + " [" + mode + "] " + paramsLabel();
    }

    /** "acks=1, lingerMs=5" in name order; "" when there are no params. */
    public String paramsLabel() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    public Metric secondary(String name) {
        return secondary.get(name);
    }
}
