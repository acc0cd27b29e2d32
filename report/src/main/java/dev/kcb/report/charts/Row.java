package dev.kcb.report.charts;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.Run;

/** One result with the run it came from: what chart builders group and plot. */
public record Row(Run run, BenchmarkResult result) {

    /** A param's value, or "threads"/"partitions" (see {@link BenchmarkResult#dimensions()}); null when absent. */
    public String param(String name) {
        return result.dimensions().get(name);
    }
}
