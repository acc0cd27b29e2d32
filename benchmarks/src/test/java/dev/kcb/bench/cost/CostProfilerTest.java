package dev.kcb.bench.cost;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.ScalarResult;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-record arithmetic, and the profiler measuring a real workload of this JVM. */
class CostProfilerTest {
    private static Map<String, ScalarResult> byName(List<ScalarResult> results) {
        return results.stream().collect(Collectors.toMap(ScalarResult::getLabel, r -> r));
    }

    @Test
    void eachCounterDeltaIsDividedByTheIterationsRecords() {
        // 0.6 s of client CPU, 2 GB allocated and 1.5 s of broker CPU over 400,000 acknowledged records
        var start = new CostProfiler.Reading(10_000_000_000L, 5_000_000_000L, 70_000_000_000L);
        var end = new CostProfiler.Reading(10_600_000_000L, 7_000_000_000L, 71_500_000_000L);
        Map<String, ScalarResult> r = byName(CostProfiler.results(start, end, 400_000));
        assertThat(r.keySet()).containsExactlyInAnyOrder(CostProfiler.CLIENT_CPU, CostProfiler.BROKER_CPU, CostProfiler.CLIENT_ALLOC);
        assertThat(r.get(CostProfiler.CLIENT_CPU).getScore()).isCloseTo(1500.0, within(1e-9));
        assertThat(r.get(CostProfiler.BROKER_CPU).getScore()).isCloseTo(3750.0, within(1e-9));
        assertThat(r.get(CostProfiler.CLIENT_ALLOC).getScore()).isCloseTo(5000.0, within(1e-9));
        assertThat(r.get(CostProfiler.CLIENT_CPU).getScoreUnit()).isEqualTo("ns/record");
        assertThat(r.get(CostProfiler.BROKER_CPU).getScoreUnit()).isEqualTo("ns/record");
        assertThat(r.get(CostProfiler.CLIENT_ALLOC).getScoreUnit()).isEqualTo("B/record");
    }

    @Test
    void aCounterThatCannotBeReadGivesNoFigureRatherThanAGuess() {
        // no broker source (external cluster): no broker figure; the client's two stay
        var start = new CostProfiler.Reading(1_000, 2_000, -1);
        var end = new CostProfiler.Reading(3_000, 6_000, -1);
        assertThat(byName(CostProfiler.results(start, end, 10)).keySet())
                .containsExactlyInAnyOrder(CostProfiler.CLIENT_CPU, CostProfiler.CLIENT_ALLOC);
        // a broker gone between the two readings
        assertThat(byName(CostProfiler.results(new CostProfiler.Reading(1, 1, 500), new CostProfiler.Reading(2, 2, -1), 1)))
                .doesNotContainKey(CostProfiler.BROKER_CPU);
    }

    @Test
    void anIterationWithoutRecordsReportsNothing() {
        var a = new CostProfiler.Reading(1, 1, 1);
        var b = new CostProfiler.Reading(2, 2, 2);
        assertThat(CostProfiler.results(a, b, 0)).isEmpty();
        assertThat(CostProfiler.results(null, b, 5)).isEmpty();
    }

    @Test
    void theProfilerMeasuresThisJvmsCpuAndAllocationAroundAnIteration() {
        CostProfiler profiler = new CostProfiler();
        profiler.beforeIteration(null, null);
        long sink = 0;
        byte[][] kept = new byte[1000][];
        // 0.2 s of this thread's own CPU time, however busy the machine is
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 200_000_000L;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 1000; i++) {
                kept[i] = new byte[1024];
                sink += kept[i].length + i;
            }
        }
        CostProfiler.countRecords(600);
        CostProfiler.countRecords(400); // two threads' counts are summed
        Map<String, ScalarResult> r = byName(List.copyOf(profiler.afterIteration(null, null, null)).stream()
                .map(ScalarResult.class::cast).toList());
        assertThat(sink).isPositive();
        // 0.2 s of CPU over 1000 records: at least 200 us each, and the process's time holds the thread's
        assertThat(r.get(CostProfiler.CLIENT_CPU).getScore()).isGreaterThanOrEqualTo(200_000);
        assertThat(r.get(CostProfiler.CLIENT_ALLOC).getScore()).as("at least one 1 KiB array per record")
                .isGreaterThan(1024);
        // no broker source given to this JVM
        assertThat(r).doesNotContainKey(CostProfiler.BROKER_CPU);
        // the count starts again for the next iteration
        profiler.beforeIteration(null, null);
        assertThat(profiler.afterIteration(null, null, null)).isEmpty();
    }
}
