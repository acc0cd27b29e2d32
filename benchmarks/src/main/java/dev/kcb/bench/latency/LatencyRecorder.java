package dev.kcb.bench.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The two latencies of every record, in microseconds, into HdrHistograms (3 significant digits, auto-resizing):
 * end-to-end (due time to the consumer's poll returning it) and ack (due time to the producer callback). Both
 * are measured from the record's due time on the schedule, not from the {@code send()} call: see
 * {@link OpenLoopSchedule}. Recording is wait-free and safe from the producer's I/O thread and the consumer's
 * thread at once; {@link #interval()} swaps the histograms out for the iteration that just ended.
 */
public final class LatencyRecorder {
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder e2e = new Recorder(SIGNIFICANT_DIGITS);
    private final Recorder ack = new Recorder(SIGNIFICANT_DIGITS);

    /** A histogram pair for one interval (one JMH iteration). */
    public record Interval(Histogram e2e, Histogram ack) {
    }

    public void recordEndToEnd(long dueNanos, long receivedNanos) {
        e2e.recordValue(micros(dueNanos, receivedNanos));
    }

    public void recordAck(long dueNanos, long ackNanos) {
        ack.recordValue(micros(dueNanos, ackNanos));
    }

    /** Latency in whole microseconds; never negative (one clock, but a record may be received within its due microsecond). */
    static long micros(long fromNanos, long toNanos) {
        return Math.max(0, (toNanos - fromNanos) / 1_000);
    }

    /** Discards everything recorded so far (warm-up, the smoke record, the gap between iterations). */
    public void reset() {
        e2e.reset();
        ack.reset();
    }

    /** What was recorded since the last call (or {@link #reset()}); each histogram's timestamps span the interval. */
    public Interval interval() {
        return new Interval(e2e.getIntervalHistogram(), ack.getIntervalHistogram());
    }
}
