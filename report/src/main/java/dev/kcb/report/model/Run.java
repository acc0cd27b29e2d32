package dev.kcb.report.model;

import java.nio.file.Path;
import java.util.List;

/**
 * One run as the report sees it: the JMH results, the environment (if run.json was found), and a label.
 *
 * @param id      the run id (the results dir name), or the file name for a bare jmh.json
 * @param label   what charts and tables call this run; the id unless the user gave --label
 * @param source  the jmh.json (or first of several) this was read from
 * @param results every entry, in file order (empty for a run that wrote only sidecars, such as {@code clients})
 * @param sidecars calibration.json and clients.json, when the run dir has them
 */
public record Run(String id, String label, Path source, RunInfo info, List<BenchmarkResult> results, Sidecars sidecars) {

    public Run(String id, String label, Path source, RunInfo info, List<BenchmarkResult> results) {
        this(id, label, source, info, results, Sidecars.none());
    }

    public Run withLabel(String newLabel) {
        return new Run(id, newLabel, source, info, results, sidecars);
    }

    /** Entries of one benchmark method ("sendAsync"), or of one fully qualified benchmark. */
    public List<BenchmarkResult> of(String benchmarkOrMethod) {
        return results.stream()
                .filter(r -> r.benchmark().equals(benchmarkOrMethod) || r.method().equals(benchmarkOrMethod)
                        || r.shortName().equals(benchmarkOrMethod))
                .toList();
    }
}
