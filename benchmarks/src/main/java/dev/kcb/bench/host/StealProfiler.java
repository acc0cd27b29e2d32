package dev.kcb.bench.host;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * How much CPU the host took from this machine during each iteration: {@value #STEAL} (%), the "steal" share of all
 * CPUs' time in the aggregate {@code cpu} line of {@code /proc/stat} over the iteration. On a virtual machine the
 * hypervisor runs other guests in that time; here it took 1.7–2.7% on average and bursts of 28–36% within a 2 s
 * window, and the pairs of an {@code ab} whose steal differed were the ones that differed most. Recorded beside the
 * throughput, so that a reader can tell an iteration the host slowed from one the client did; never used to drop,
 * weight or adjust any measurement. Absent where {@code /proc/stat} has no steal column (not Linux).
 *
 * <p>The suite runner adds it to every configuration; in a plain JMH run: {@code -prof dev.kcb.bench.host.StealProfiler}.
 */
public final class StealProfiler implements InternalProfiler {
    public static final String STEAL = "host.stealPercent";
    private static final Path STAT = Path.of("/proc/stat");

    private long[] start;

    /** Jiffies of the aggregate cpu line: {total, steal}; null when unreadable. */
    static long[] parse(String stat) {
        for (String line : stat.lines().toList()) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 9) {
                    return null;
                }
                // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is already in user
                long total = 0;
                for (int i = 1; i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                return new long[]{total, Long.parseLong(f[8])};
            }
        }
        return null;
    }

    /** The steal share between two readings, in percent; NaN when nothing elapsed or a reading is missing. */
    static double percent(long[] before, long[] after) {
        if (before == null || after == null || after[0] <= before[0]) {
            return Double.NaN;
        }
        return 100.0 * (after[1] - before[1]) / (after[0] - before[0]);
    }

    private static long[] read() {
        try {
            return parse(Files.readString(STAT));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String getDescription() {
        return "the host's CPU steal over each iteration, in percent of all CPUs' time (/proc/stat)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        start = read();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        double p = percent(start, read());
        return Double.isNaN(p) ? List.of() : List.of(new ScalarResult(STEAL, p, "%", AggregationPolicy.AVG));
    }
}
