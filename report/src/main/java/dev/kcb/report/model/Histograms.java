package dev.kcb.report.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Arithmetic on JMH's rawDataHistogram: per fork, per iteration, (value, count) pairs. */
public final class Histograms {
    private Histograms() {
    }

    /** The standard percentiles JMH reports, recomputed from the merged histogram; empty when there is none. */
    public static Map<Double, Double> percentiles(List<List<List<double[]>>> hist) {
        List<double[]> pairs = flatten(hist);
        Map<Double, Double> out = new TreeMap<>();
        if (pairs.isEmpty()) {
            return out;
        }
        pairs.sort((x, y) -> Double.compare(x[0], y[0]));
        double total = pairs.stream().mapToDouble(p -> p[1]).sum();
        for (double q : new double[]{0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0}) {
            double rank = Math.max(1, Math.ceil(q / 100.0 * total));
            double seen = 0;
            for (double[] p : pairs) {
                seen += p[1];
                if (seen >= rank) {
                    out.put(q, p[0]);
                    break;
                }
            }
        }
        return out;
    }

    public static double mean(List<List<List<double[]>>> hist) {
        double sum = 0;
        double count = 0;
        for (double[] p : flatten(hist)) {
            sum += p[0] * p[1];
            count += p[1];
        }
        return count > 0 ? sum / count : Double.NaN;
    }

    /** Per-fork means of a histogram metric: one sample per fork, as the compare statistics want. */
    public static double[] forkMeans(List<List<List<double[]>>> hist) {
        double[] out = new double[hist.size()];
        for (int i = 0; i < hist.size(); i++) {
            out[i] = mean(List.of(hist.get(i)));
        }
        return out;
    }

    private static List<double[]> flatten(List<List<List<double[]>>> hist) {
        List<double[]> pairs = new ArrayList<>();
        hist.forEach(fork -> fork.forEach(pairs::addAll));
        return pairs;
    }
}
