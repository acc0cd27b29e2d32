package dev.kcb.bench.latency;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * When each record is meant to be sent: record {@code i} of a run at {@code rate} records/s is due at
 * {@code start + i * 10^9 / rate} ns, computed from the index (not accumulated), so the schedule never drifts.
 *
 * <p>Open loop: {@link #awaitNext()} waits only for the clock, never for the previous send or its ack. A sender
 * that stalls finds its next records already due and sends them at once, and because every latency is measured
 * from the due time, the stall shows up in every record it delayed (the coordinated-omission correction of
 * wrk2 and HdrHistogram). The clock and the way of waiting are injected so tests can run on a simulated clock.
 */
public final class OpenLoopSchedule {
    /** Below this wait, spin rather than park: a park oversleeps by tens of microseconds on Linux. */
    static final long SPIN_NANOS = 20_000;

    private final long rate;
    private final LongSupplier clock;
    private final LongConsumer parker;
    private long start = Long.MIN_VALUE;
    private long next;

    /**
     * @param ratePerSecond records per second, &gt; 0
     * @param clock         nanosecond clock ({@code System::nanoTime} in the benchmark)
     * @param parker        waits up to the given nanoseconds; called again while the record is not yet due
     *                      ({@link #systemWait} in the benchmark)
     */
    public OpenLoopSchedule(long ratePerSecond, LongSupplier clock, LongConsumer parker) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be > 0 records/s, was " + ratePerSecond);
        }
        this.rate = ratePerSecond;
        this.clock = clock;
        this.parker = parker;
    }

    /** Forgets the previous run: the next {@link #awaitNext()} starts a new schedule at that moment. */
    public void restart() {
        start = Long.MIN_VALUE;
        next = 0;
    }

    /** The due time of record {@code i} of the current run. */
    public long dueTime(long i) {
        return start + Math.multiplyExact(i, 1_000_000_000L) / rate;
    }

    /**
     * Waits until the next record is due (not at all when it is already late) and returns its due time. The first
     * call after {@link #restart()} starts the schedule and returns at once.
     */
    public long awaitNext() {
        if (start == Long.MIN_VALUE) {
            start = clock.getAsLong();
        }
        long due = dueTime(next++);
        long wait;
        while ((wait = due - clock.getAsLong()) > 0) {
            parker.accept(wait);
        }
        return due;
    }

    /** The real clock's way of waiting: park for long waits (leaving the core to the broker), spin the last few µs. */
    public static void systemWait(long nanos) {
        if (nanos > SPIN_NANOS) {
            LockSupport.parkNanos(nanos - SPIN_NANOS / 2);
        } else {
            Thread.onSpinWait();
        }
    }

    /** Records handed out since {@link #restart()}. */
    public long issued() {
        return next;
    }

    /** When the current run started; {@code Long.MIN_VALUE} before its first record. */
    public long startTime() {
        return start;
    }

    public long rate() {
        return rate;
    }
}
