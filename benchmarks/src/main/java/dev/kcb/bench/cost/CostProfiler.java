package dev.kcb.bench.cost;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What each record cost, per iteration, as secondary metrics in jmh.json:
 * <ul>
 *   <li>{@value #CLIENT_CPU} (ns/record): the fork's process CPU time over the iteration
 *       ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}: every thread of the JVM, the producer's
 *       sender, the consumer's fetcher, GC and JIT included) divided by the iteration's records;</li>
 *   <li>{@value #BROKER_CPU} (ns/record): the brokers' CPU time over the iteration, all nodes (see {@link BrokerCpu}),
 *       divided by the same records; absent when the brokers' CPU is not visible from here (run.json says why);</li>
 *   <li>{@value #CLIENT_ALLOC} (B/record): bytes the fork's threads allocated on the heap over the iteration
 *       ({@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}, exited threads included), divided by
 *       the records.</li>
 * </ul>
 * The records are what the benchmark counted for the iteration through {@link #countRecords}: records the broker
 * acknowledged (producer and end-to-end; counted in the send callbacks) or that {@code poll()} returned (consumer),
 * never {@code send()} calls. The window is JMH's: from before the iteration's setup to after its teardown, which is
 * where the benchmarks count. A producer's records still buffered when the iteration stops are acknowledged, and
 * counted, in the next iteration, so in steady state the CPU spent on them and their count land in the same
 * iteration; in an {@code ab} whose sides take turns the side that ran is flushed in its teardown and counts what the
 * flush acknowledged, so its figures hold its whole turn; end-to-end drains every record in its teardown.
 *
 * <p>Lower is better for all three; {@code compare} and {@code ab} judge them like any headline metric. Without
 * records (an iteration that acknowledged none) nothing is reported. The suite runner adds this profiler to producer,
 * consumer and end-to-end configurations; in a plain JMH run add {@code -prof dev.kcb.bench.cost.CostProfiler}.
 */
public final class CostProfiler implements InternalProfiler {
    public static final String CLIENT_CPU = "cost.clientCpuPerRecord";
    public static final String BROKER_CPU = "cost.brokerCpuPerRecord";
    public static final String CLIENT_ALLOC = "cost.clientAllocPerRecord";
    static final String NS = "ns/record";
    static final String BYTES = "B/record";

    private static final LongAdder RECORDS = new LongAdder();

    /**
     * Called from a benchmark's iteration teardown, in the fork, by every thread with its own count (threads sharing
     * a producer count their own callbacks): the records this iteration acknowledged or consumed.
     */
    public static void countRecords(long records) {
        RECORDS.add(records);
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final List<String> brokerSources = BrokerCpu.fromSystemProperty();
    private Reading start;

    /** The cumulative counters at one moment; -1 for a counter that cannot be read. */
    record Reading(long clientCpuNanos, long allocatedBytes, long brokerCpuNanos) {
    }

    @Override
    public String getDescription() {
        return "client CPU, broker CPU and client heap allocation per acknowledged (or consumed) record, per iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        RECORDS.reset();
        start = read();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        Reading end = read();
        return results(start, end, RECORDS.sumThenReset());
    }

    private Reading read() {
        long allocated;
        try {
            allocated = threads.isThreadAllocatedMemoryEnabled() ? threads.getTotalThreadAllocatedBytes() : -1;
        } catch (UnsupportedOperationException e) {
            allocated = -1;
        }
        return new Reading(os.getProcessCpuTime(), allocated, brokerSources.isEmpty() ? -1 : BrokerCpu.totalNanos(brokerSources));
    }

    /** The per-record figures of one iteration; a counter unreadable at either end, or no records, gives none. */
    static List<ScalarResult> results(Reading start, Reading end, long records) {
        List<ScalarResult> out = new ArrayList<>();
        if (start == null || records <= 0) {
            return out;
        }
        perRecord(out, CLIENT_CPU, start.clientCpuNanos(), end.clientCpuNanos(), records, NS);
        perRecord(out, BROKER_CPU, start.brokerCpuNanos(), end.brokerCpuNanos(), records, NS);
        perRecord(out, CLIENT_ALLOC, start.allocatedBytes(), end.allocatedBytes(), records, BYTES);
        return out;
    }

    private static void perRecord(List<ScalarResult> out, String name, long before, long after, long records, String unit) {
        if (before >= 0 && after >= before) {
            out.add(new ScalarResult(name, (double) (after - before) / records, unit, AggregationPolicy.AVG));
        }
    }
}
