package dev.kcb.bench.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ScalarResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The rate schedule and the latency arithmetic on a simulated clock: what the benchmark measures, without a broker. */
class OpenLoopScheduleTest {
    private static final long MS = 1_000_000;

    private final AtomicLong clock = new AtomicLong(5 * MS);
    /** A park that sleeps exactly as asked: advances the simulated clock. */
    private final OpenLoopSchedule schedule = new OpenLoopSchedule(1000, clock::get, clock::addAndGet);

    @Test
    void dueTimesFollowTheRateWithoutDrift() {
        OpenLoopSchedule third = new OpenLoopSchedule(3, clock::get, clock::addAndGet);
        long start = clock.get();
        assertThat(third.awaitNext()).isEqualTo(start);
        assertThat(third.awaitNext()).isEqualTo(start + 333_333_333L);
        assertThat(third.awaitNext()).isEqualTo(start + 666_666_666L);
        assertThat(third.awaitNext()).isEqualTo(start + 1_000_000_000L);
        assertThat(third.dueTime(3_000)).isEqualTo(start + 1_000_000_000_000L); // from the index, not summed intervals
        assertThat(clock.get()).isEqualTo(start + 1_000_000_000L);               // waited until due, not longer
    }

    @Test
    void aLateSenderIsNotWaitedForAndRestartBeginsANewSchedule() {
        long start = clock.get();
        schedule.awaitNext();
        clock.addAndGet(10 * MS); // the send took 10 ms: the next 9 records are already due
        for (int i = 1; i <= 10; i++) {
            long before = clock.get();
            assertThat(schedule.awaitNext()).isEqualTo(start + i * MS);
            assertThat(clock.get()).isEqualTo(before); // no wait
        }
        assertThat(schedule.awaitNext()).isEqualTo(start + 11 * MS);
        assertThat(schedule.issued()).isEqualTo(12);
        schedule.restart();
        long now = clock.get();
        assertThat(schedule.awaitNext()).isEqualTo(now);
        assertThat(schedule.issued()).isEqualTo(1);
    }

    /**
     * 2 s at 1000 records/s, every record received 1 ms after its send, and one send that stalls 50 ms. Measured from
     * the due time, the stall delays the 50 records due during it (51 ms down to 2 ms): 2.5% of the records, so it
     * shows from p99 up. Measured from the actual send, as a closed-loop benchmark would, it disappears.
     */
    @Test
    void aFiftyMillisecondStallShowsInTheHighPercentiles() {
        LatencyRecorder recorder = new LatencyRecorder();
        Histogram naive = new Histogram(3);
        long start = clock.get();
        for (int i = 0; i < 2000; i++) {
            long due = schedule.awaitNext();
            if (i == 1000) {
                clock.addAndGet(50 * MS); // send() blocks for 50 ms (a full buffer, a metadata fetch, a GC pause)
            }
            long sent = clock.get();
            long received = sent + MS;
            recorder.recordEndToEnd(due, received);
            recorder.recordAck(due, sent + MS / 2);
            naive.recordValue(LatencyRecorder.micros(sent, received));
        }
        LatencyProbe.Interval interval = new LatencyProbe.Interval(recorder.interval(), schedule.issued(), clock.get() - start + MS,
                1000, 0);
        Histogram e2e = interval.histograms().e2e();

        assertThat(e2e.getTotalCount()).isEqualTo(2000);
        assertThat(e2e.getValueAtPercentile(50)).isEqualTo(1000);
        assertThat(e2e.getValueAtPercentile(90)).isEqualTo(1000);
        assertThat(e2e.getValueAtPercentile(99)).isBetween(30_000L, 33_000L);     // the 20th-worst record: 31 ms
        assertThat(e2e.getValueAtPercentile(99.9)).isBetween(49_000L, 51_100L);
        assertThat(e2e.getMaxValue()).isCloseTo(51_000L, within(60L));            // 3 significant digits
        assertThat(interval.histograms().ack().getMaxValue()).isCloseTo(50_500L, within(60L));
        assertThat(naive.getMaxValue()).isEqualTo(1000);                          // the coordinated-omission blind spot

        // the open loop caught up: the offered rate is the target, so the latencies are those of the asked-for load
        assertThat(interval.achievedRate()).isCloseTo(1000, within(1.0));
        assertThat(interval.belowTarget()).isFalse();
    }

    @Test
    void aShortfallOfMoreThanFivePercentIsFlagged() {
        LatencyRecorder.Interval none = new LatencyRecorder().interval();
        assertThat(new LatencyProbe.Interval(none, 960, 1_000_000_000L, 1000, 0).belowTarget()).isFalse();
        LatencyProbe.Interval short10 = new LatencyProbe.Interval(none, 900, 1_000_000_000L, 1000, 0);
        assertThat(short10.belowTarget()).isTrue();
        assertThat(short10.shortfall()).isCloseTo(0.10, within(1e-9));
    }

    @Test
    void theProfilerReportsEveryPercentileInMicrosecondsAndMaxAsMax() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (long us = 1; us <= 10_000; us++) {
            recorder.recordEndToEnd(0, us * 1_000);
            recorder.recordAck(0, us * 500);
        }
        List<ScalarResult> results = LatencyProfiler.results(new LatencyProbe.Interval(recorder.interval(), 900, 1_000_000_000L, 1000, 0));
        Map<String, ScalarResult> byName = results.stream().collect(Collectors.toMap(ScalarResult::getLabel, r -> r));
        assertThat(byName.keySet()).containsExactlyInAnyOrder("e2e.p50", "e2e.p90", "e2e.p99", "e2e.p99.9", "e2e.p99.99", "e2e.max",
                "ack.p50", "ack.p90", "ack.p99", "ack.p99.9", "ack.p99.99", "ack.max", "achievedRate", "targetRate", "rateShortfall");
        assertThat(byName.get("e2e.p50").getScore()).isCloseTo(5_000, within(5.0));
        assertThat(byName.get("e2e.p99").getScore()).isCloseTo(9_900, within(10.0));
        assertThat(byName.get("ack.p99").getScore()).isCloseTo(4_950, within(5.0));
        assertThat(byName.get("e2e.max").getScore()).isCloseTo(10_000, within(10.0));
        assertThat(byName.get("e2e.p99").getScoreUnit()).isEqualTo("us");
        assertThat(byName.get("achievedRate").getScore()).isEqualTo(900);
        assertThat(byName.get("achievedRate").getScoreUnit()).isEqualTo("records/s");
        assertThat(byName.get("rateShortfall").getScore()).isCloseTo(10.0, within(1e-9));
        assertThat(byName.values()).allSatisfy(r -> assertThat(policy(r))
                .isEqualTo(r.getLabel().endsWith(".max") ? AggregationPolicy.MAX : AggregationPolicy.AVG));
    }

    @Test
    void logFilesAreNamedAfterMethodAndParamsInNameOrder() {
        assertThat(LatencyLog.fileName("endToEnd", Map.of("targetRate", "1000", "acks", "all", "lingerMs", "5")))
                .isEqualTo("endToEnd_acks=all_lingerMs=5_targetRate=1000.hlog");
    }

    private static AggregationPolicy policy(ScalarResult r) {
        try {
            var f = org.openjdk.jmh.results.Result.class.getDeclaredField("policy");
            f.setAccessible(true);
            return (AggregationPolicy) f.get(r);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
