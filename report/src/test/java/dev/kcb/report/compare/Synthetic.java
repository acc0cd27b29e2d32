package dev.kcb.report.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Synthetic JMH results with known distributions: a per-fork effect plus per-iteration noise, both Gaussian. */
final class Synthetic {
    static final String SEND_ASYNC = "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync";
    static final String SEND_SYNC = "dev.kcb.bench.producer.ProducerSendBenchmark.sendSync";

    private Synthetic() {
    }

    /** forks x iterations values: mean * (1 + N(0, forkSd)) * (1 + N(0, iterCv)). */
    static List<List<Double>> raw(Random rnd, double mean, int forks, int iterations, double forkSd, double iterCv) {
        List<List<Double>> out = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            double forkMean = mean * (1 + forkSd * rnd.nextGaussian());
            List<Double> it = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                it.add(forkMean * (1 + iterCv * rnd.nextGaussian()));
            }
            out.add(it);
        }
        return out;
    }

    static Metric metric(List<List<Double>> raw, String unit) {
        double score = raw.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new Metric(score, Double.NaN, unit, Map.of(), raw, List.of());
    }

    static BenchmarkResult thrpt(List<List<Double>> primary, Map<String, Metric> secondary, String... params) {
        Map<String, String> p = new TreeMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        return new BenchmarkResult(SEND_ASYNC, "thrpt", 1, primary.size(), p, metric(primary, "ops/s"),
                new LinkedHashMap<>(secondary), "17", "OpenJDK", "1.37");
    }

    /** SampleTime histogram: per fork, per iteration, `samples` latencies ~ mean * forkEffect * lognormal(0, cv), 1us buckets. */
    static List<List<List<double[]>>> histogram(Random rnd, double meanUs, int forks, int iterations, int samples,
                                                double forkSd, double cv) {
        List<List<List<double[]>>> out = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            double fm = meanUs * (1 + forkSd * rnd.nextGaussian());
            List<List<double[]>> its = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                TreeMap<Double, Double> counts = new TreeMap<>();
                for (int s = 0; s < samples; s++) {
                    double v = Math.rint(fm * Math.exp(cv * rnd.nextGaussian() - cv * cv / 2));
                    counts.merge(v, 1.0, Double::sum);
                }
                List<double[]> pairs = new ArrayList<>();
                counts.forEach((v, c) -> pairs.add(new double[]{v, c}));
                its.add(pairs);
            }
            out.add(its);
        }
        return out;
    }

    static BenchmarkResult sample(List<List<List<double[]>>> hist) {
        Metric m = new Metric(dev.kcb.report.model.Histograms.mean(hist), Double.NaN, "us/op",
                dev.kcb.report.model.Histograms.percentiles(hist), List.of(), hist);
        return new BenchmarkResult(SEND_SYNC, "sample", 1, hist.size(), Map.of("acks", "all"), m, Map.of(),
                "17", "OpenJDK", "1.37");
    }

    // ---- JMH JSON ---------------------------------------------------------------------------------------------

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JMH-1.37-shaped JSON entry for sendAsync with secondaries ackedRecords, ackedBytes, sendErrors. */
    static ObjectNode jmhEntry(String benchmark, Map<String, String> params, List<List<Double>> primary,
                               List<List<Double>> ackedRecords, int recordBytes) {
        ObjectNode n = JSON.createObjectNode();
        n.put("jmhVersion", "1.37");
        n.put("benchmark", benchmark);
        n.put("mode", "thrpt");
        n.put("threads", 1);
        n.put("forks", primary.size());
        n.put("jdkVersion", "17.0.12");
        n.put("vmName", "OpenJDK 64-Bit Server VM");
        n.put("warmupIterations", 2);
        n.put("measurementIterations", primary.get(0).size());
        ObjectNode p = n.putObject("params");
        params.forEach(p::put);
        n.set("primaryMetric", jmhMetric(primary, "ops/s"));
        ObjectNode sec = n.putObject("secondaryMetrics");
        sec.set("ackedRecords", jmhMetric(ackedRecords, "ops/s"));
        List<List<Double>> bytes = ackedRecords.stream().map(f -> f.stream().map(v -> v * recordBytes).toList()).toList();
        sec.set("ackedBytes", jmhMetric(bytes, "ops/s"));
        List<List<Double>> errors = ackedRecords.stream().map(f -> f.stream().map(v -> 0.0).toList()).toList();
        sec.set("sendErrors", jmhMetric(errors, "ops/s"));
        return n;
    }

    static ObjectNode jmhMetric(List<List<Double>> raw, String unit) {
        ObjectNode m = JSON.createObjectNode();
        double score = raw.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).average().orElse(0);
        m.put("score", score);
        m.put("scoreError", score * 0.02);
        m.putArray("scoreConfidence").add(score * 0.98).add(score * 1.02);
        ObjectNode pct = m.putObject("scorePercentiles");
        pct.put("0.0", score);
        pct.put("50.0", score);
        pct.put("100.0", score);
        m.put("scoreUnit", unit);
        ArrayNode rd = m.putArray("rawData");
        raw.forEach(f -> {
            ArrayNode a = rd.addArray();
            f.forEach(a::add);
        });
        return m;
    }

    static String json(List<ObjectNode> entries) {
        ArrayNode arr = JSON.createArrayNode();
        entries.forEach(arr::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
