package dev.kcb.report.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads runs: a results dir (jmh.json and, if present, run.json, calibration.json and clients.json; a dir with
 * only those sidecars is a run without JMH results), a bare JMH JSON file from any JMH 1.2x/1.3x run,
 * or a saved baseline name (results/baselines/NAME).
 *
 * <p>Entries that share benchmark, mode, params, threads and partitions ({@link BenchmarkResult#key()}; the suite's
 * {@code ab} command writes one JMH array per
 * interleaved fork) are merged: their forks' raw data are concatenated and score and error recomputed from it
 * the way JMH does (mean of iterations; 99.9% Student-t half-width).
 */
public final class RunLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path resultsRoot;

    /** @param resultsRoot the suite's results dir, where saved baselines live under baselines/ */
    public RunLoader(Path resultsRoot) {
        this.resultsRoot = resultsRoot;
    }

    /**
     * A version matrix's runs ({@code ./run.sh --client-version A,B,C}): one per kafka-clients version, in the matrix's
     * order, each labelled with its version; empty when {@code spec} is not a matrix's results dir.
     */
    public List<Run> loadMatrix(String spec) {
        Path dir = Path.of(spec);
        Path runJson = dir.resolve("run.json");
        if (!Files.isDirectory(dir) || !Files.isRegularFile(runJson)) {
            return List.of();
        }
        JsonNode matrix = readTree(runJson).path("matrix");
        if (!matrix.path("clientVersions").isArray()) {
            return List.of();
        }
        List<Run> out = new java.util.ArrayList<>();
        for (int i = 0; i < matrix.path("clientVersions").size(); i++) {
            String version = matrix.path("clientVersions").get(i).asText();
            String sub = matrix.path("dirs").path(i).asText(version);
            if (!Files.isRegularFile(dir.resolve(sub).resolve("jmh.json"))) {
                throw new InputException("version matrix " + dir + ": no results for kafka-clients " + version + " (" + dir.resolve(sub)
                        + "/jmh.json); did the run finish?");
            }
            out.add(load(dir.resolve(sub).toString()).withLabel(version));
        }
        return out;
    }

    public Run load(String spec) {
        Path p = Path.of(spec);
        if (!Files.exists(p)) {
            Path baseline = resultsRoot.resolve("baselines").resolve(spec);
            if (!spec.contains("/") && Files.isDirectory(baseline)) {
                p = baseline;
            } else {
                throw new InputException("no such run: " + spec + " (expected a results dir, a jmh.json, or a baseline name under "
                        + resultsRoot.resolve("baselines") + ")");
            }
        }
        Path jmhJson;
        Path runJson;
        if (Files.isDirectory(p)) {
            jmhJson = p.resolve("jmh.json");
            runJson = p.resolve("run.json");
            if (!Files.isRegularFile(jmhJson) && !Sidecars.present(p)) {
                throw new InputException("no jmh.json in " + p + " (did the run finish? is this a results dir?)");
            }
        } else {
            jmhJson = p;
            runJson = p.toAbsolutePath().getParent().resolve("run.json");
        }
        List<BenchmarkResult> results = Files.isRegularFile(jmhJson) ? readJmh(jmhJson) : List.of();
        RunInfo info = Files.isRegularFile(runJson) ? new RunInfo(readTree(runJson)) : RunInfo.absent();
        String id = info.present() && !"unknown".equals(info.runId()) ? info.runId() : idFromPath(p);
        return new Run(id, id, jmhJson, info, results, Sidecars.read(jmhJson.toAbsolutePath().getParent()));
    }

    private static String idFromPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return abs.getFileName().toString();
        }
        String file = abs.getFileName().toString();
        Path parent = abs.getParent();
        return file.equals("jmh.json") && parent != null ? parent.getFileName().toString() : file.replaceFirst("\\.json$", "");
    }

    private static JsonNode readTree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InputException(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a JMH JSON result file. Throws {@link InputException} with a one-line reason when it is not one. */
    public static List<BenchmarkResult> readJmh(Path file) {
        JsonNode root = readTree(file);
        if (root == null || !root.isArray()) {
            throw new InputException(file + " is not JMH JSON: expected an array of results (run JMH with -rf json)");
        }
        if (root.isEmpty()) {
            throw new InputException(file + " holds no results (the JMH run produced an empty list)");
        }
        Map<String, BenchmarkResult> merged = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode n : root) {
            index++;
            if (!n.hasNonNull("benchmark") || !n.has("primaryMetric")) {
                throw new InputException(file + " is not JMH JSON: entry " + index + " has no benchmark/primaryMetric");
            }
            BenchmarkResult r = entry(n);
            merged.merge(r.key(), r, RunLoader::mergeForks);
        }
        return List.copyOf(merged.values());
    }

    private static BenchmarkResult entry(JsonNode n) {
        Map<String, String> params = new TreeMap<>();
        n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        Map<String, Metric> secondary = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey().startsWith("\u00b7") ? e.getKey().substring(1) : e.getKey();
            secondary.put(name, metric(e.getValue()));
        }
        return new BenchmarkResult(n.path("benchmark").asText(), n.path("mode").asText("thrpt"),
                n.path("threads").asInt(1), n.path("forks").asInt(0), params, metric(n.path("primaryMetric")),
                secondary, n.path("jdkVersion").asText("unknown"), n.path("vmName").asText("unknown"),
                n.path("jmhVersion").asText("unknown"), partitions(n.path("jvmArgs")));
    }

    /**
     * The fork's topic partitions: the suite hands them to each fork as {@code -Dkcb.partitions=N}, which JMH records in
     * the entry's jvmArgs (the last one counts, as for the JVM). 0 when absent (a plain JMH run) or unreadable.
     */
    static int partitions(JsonNode jvmArgs) {
        int partitions = 0;
        for (JsonNode a : jvmArgs) {
            String s = a.asText();
            if (s.startsWith(PARTITIONS_ARG)) {
                try {
                    partitions = Integer.parseInt(s.substring(PARTITIONS_ARG.length()).trim());
                } catch (NumberFormatException e) {
                    partitions = 0;
                }
            }
        }
        return Math.max(partitions, 0);
    }

    private static final String PARTITIONS_ARG = "-Dkcb.partitions=";

    /** JMH writes non-finite numbers as the strings "NaN", "Infinity"; Jackson reads those as text. */
    private static double number(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Metric metric(JsonNode m) {
        Map<Double, Double> percentiles = new TreeMap<>();
        m.path("scorePercentiles").fields().forEachRemaining(e -> {
            try {
                percentiles.put(Double.parseDouble(e.getKey()), number(e.getValue()));
            } catch (NumberFormatException ignored) {
                // a key JMH never writes; skip it rather than fail the whole report
            }
        });
        List<List<Double>> raw = new ArrayList<>();
        for (JsonNode fork : m.path("rawData")) {
            List<Double> iterations = new ArrayList<>();
            fork.forEach(v -> iterations.add(number(v)));
            raw.add(iterations);
        }
        List<List<List<double[]>>> histogram = new ArrayList<>();
        for (JsonNode fork : m.path("rawDataHistogram")) {
            List<List<double[]>> iterations = new ArrayList<>();
            for (JsonNode iteration : fork) {
                List<double[]> pairs = new ArrayList<>();
                iteration.forEach(pair -> pairs.add(new double[]{number(pair.get(0)), number(pair.get(1))}));
                iterations.add(pairs);
            }
            histogram.add(iterations);
        }
        return new Metric(number(m.get("score")), number(m.get("scoreError")), m.path("scoreUnit").asText(""),
                percentiles, raw, histogram);
    }

    private static BenchmarkResult mergeForks(BenchmarkResult a, BenchmarkResult b) {
        Map<String, Metric> secondary = new LinkedHashMap<>(a.secondary());
        b.secondary().forEach((name, m) -> secondary.merge(name, m, RunLoader::mergeMetric));
        return new BenchmarkResult(a.benchmark(), a.mode(), a.threads(), a.forks() + b.forks(), a.params(),
                mergeMetric(a.primary(), b.primary()), secondary, a.jdkVersion(), a.vmName(), a.jmhVersion(), a.partitions());
    }

    /**
     * Concatenates forks. Score and error are recomputed from the raw iterations as JMH does for throughput and
     * average time; for SampleTime (histograms) the merged score is the count-weighted mean of the histograms.
     * Percentiles cannot be merged from two summaries, so they are dropped unless a histogram lets us recompute them.
     */
    static Metric mergeMetric(Metric a, Metric b) {
        List<List<Double>> raw = new ArrayList<>(a.rawData());
        raw.addAll(b.rawData());
        List<List<List<double[]>>> hist = new ArrayList<>(a.rawHistogram());
        hist.addAll(b.rawHistogram());
        SummaryStatistics s = new SummaryStatistics();
        raw.forEach(f -> f.forEach(v -> {
            if (Double.isFinite(v)) {
                s.addValue(v);
            }
        }));
        double score = s.getN() > 0 ? s.getMean() : Double.NaN;
        double error = Metric.halfWidth(s, 0.001);
        Map<Double, Double> percentiles = Histograms.percentiles(hist);
        if (!hist.isEmpty()) {
            score = Histograms.mean(hist);
        }
        return new Metric(score, error, a.unit(), percentiles, raw, hist);
    }
}
