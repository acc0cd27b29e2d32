package dev.kcb.report.model;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CPU time the hypervisor took from this VM while a run measured (the benchmarks' {@code host.stealPercent}, per
 * iteration), and whether the throughput moved with it.
 *
 * <p>Why: on a shared 2-core VM the host's steal came and went over tens of seconds (3% to 32% per 2 s iteration on
 * 2026-12-07), and acked MB/s fell as it rose. That noise is the host's, not the client's; no setting of the run
 * removes it, and it widens every interval measured under it. The report says so rather than leaving a reader to
 * blame the suite or the config. Nothing is corrected or left out: the intervals stay as measured.
 *
 * <p>The correlation is within configurations: each iteration's steal minus its fork's mean steal, against its rate
 * divided by its fork's mean rate, minus 1, pooled over the run's throughput configurations. So configurations that
 * differ in speed (or in steal) do not make a correlation of their own.
 *
 * @param configs     configurations with both a throughput and a steal per iteration
 * @param iterations  iterations over them
 * @param meanPercent mean steal over those iterations
 * @param maxPercent  the largest steal of one iteration
 * @param correlation Pearson's r described above; NaN when it cannot be computed (fewer than 3 iterations, no spread)
 */
public record HostSteal(int configs, int iterations, double meanPercent, double maxPercent, double correlation) {

    /** Below this, in every iteration, the page says nothing: 0-2% is the usual background of a VM. */
    public static final double NOTABLE_PERCENT = 5.0;

    /** The steal of the throughput configurations of {@code results}; null when none has both series. */
    public static HostSteal of(List<BenchmarkResult> results) {
        List<Double> steal = new ArrayList<>();
        List<Double> centredSteal = new ArrayList<>();
        List<Double> relativeRate = new ArrayList<>();
        int configs = 0;
        for (BenchmarkResult r : results) {
            KnownBenchmark k = KnownBenchmark.of(r);
            Metric s = Measure.HOST_STEAL.source(r);
            if (k == null || s == null || k.rankBy().percentile() != null || !k.rankBy().higherIsBetter()) {
                continue;
            }
            Metric rate = k.rankBy().source(r);
            if (rate == null || rate.rawData().size() != s.rawData().size()) {
                continue;
            }
            boolean used = false;
            for (int f = 0; f < s.rawData().size(); f++) {
                List<Double> fs = s.rawData().get(f);
                List<Double> fr = rate.rawData().get(f);
                if (fs.size() != fr.size() || fs.isEmpty()) {
                    continue;
                }
                double ms = fs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                double mr = fr.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                for (int i = 0; i < fs.size(); i++) {
                    steal.add(fs.get(i));
                    centredSteal.add(fs.get(i) - ms);
                    relativeRate.add(mr > 0 ? fr.get(i) / mr - 1 : 0.0);
                }
                used = true;
            }
            configs += used ? 1 : 0;
        }
        if (steal.isEmpty()) {
            return null;
        }
        double r = Double.NaN;
        if (steal.size() >= 3) {
            double[] x = centredSteal.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = relativeRate.stream().mapToDouble(Double::doubleValue).toArray();
            r = new PearsonsCorrelation().correlation(x, y);
        }
        return new HostSteal(configs, steal.size(), steal.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                steal.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), r);
    }

    /** Whether the page should say so: some iteration lost at least {@link #NOTABLE_PERCENT} of its CPU time. */
    public boolean notable() {
        return maxPercent >= NOTABLE_PERCENT;
    }

    /** The page's note. */
    public String note() {
        String moved = Double.isNaN(correlation) ? ""
                : String.format(Locale.ROOT, "; an iteration's throughput against its steal, each from its own fork's mean, gave"
                        + " Pearson r = %.2f (%s)", correlation, correlation <= -0.3
                        ? String.format(Locale.ROOT, "throughput fell as steal rose: steal accounts for %.0f%% of the iterations'"
                        + " variance around their means, a share of the intervals' width that is the host's and that no setting of"
                        + " this run removes", 100 * correlation * correlation)
                        : correlation >= 0.3 ? "throughput rose with steal" : "no clear link at this level");
        return String.format(Locale.ROOT, "the hypervisor took CPU time from this VM while it measured (host CPU steal): %.1f%% on average,"
                        + " up to %.1f%% in one iteration, over %d iterations of %d throughput config(s)%s. Compare runs measured at"
                        + " like steal (the tables' steal column).", meanPercent, maxPercent, iterations, configs, moved);
    }
}
