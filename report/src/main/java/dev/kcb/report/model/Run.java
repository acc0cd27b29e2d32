package dev.kcb.report.model;

import java.nio.file.Path;
import java.util.List;

/**
 * One run as the report sees it: the JMH results, the environment (if run.json was found), and a label.
 *
 * @param id      the run id (the results dir name), or the file name for a bare jmh.json
 * @param label   what charts and tables call this run; the id unless the user gave --label
 * @param source  the jmh.json (or first of several) this was read from
 * @param results every entry, in file order
 */
public record Run(String id, String label, Path source, RunInfo info, List<BenchmarkResult> results) {

    public Run withLabel(String newLabel) {
        return new Run(id, newLabel, source, info, results);
    }

    /** Entries of one benchmark method ("sendAsync"), or of one fully qualified benchmark. */
    public List<BenchmarkResult> of(String benchmarkOrMethod) {
        return results.stream()
                .filter(r -> r.benchmark().equals(benchmarkOrMethod) || r.method().equals(benchmarkOrMethod)
                        || r.shortName().equals(benchmarkOrMethod))
                .toList();
    }
}
