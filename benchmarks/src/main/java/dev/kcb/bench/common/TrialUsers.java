package dev.kcb.bench.common;

import java.time.Duration;

/**
 * Counts the benchmark threads still using a trial's shared state (its topic, a shared client), so the shared
 * state's trial teardown can wait for them.
 *
 * <p>Why: with {@code -t N}, JMH 1.37 runs a {@code Scope.Benchmark} state's {@code @TearDown(Level.Trial)} on the
 * <em>first</em> thread to finish its own thread-scoped teardown, while the other threads may still be in theirs.
 * A producer thread closing its own producer flushes its last batches; if the first thread has already deleted the
 * topic, those batches get UNKNOWN_TOPIC_ID, retry, and expire after delivery.timeout.ms, failing a benchmark
 * that measured nothing wrong. The other threads never wait on the first one inside their own teardown, so
 * waiting here cannot deadlock.
 */
public final class TrialUsers {
    private int users;

    /** A thread's state set itself up on the shared state. */
    public synchronized void enter() {
        users++;
    }

    /** That thread's trial teardown is done with the shared state (call from a finally block). */
    public synchronized void leave() {
        users--;
        notifyAll();
    }

    /**
     * Waits until every thread that entered has left, at most {@code timeout}. Returns false on timeout (the
     * caller goes on: a thread that failed may never leave, and teardown must not hang).
     */
    public synchronized boolean awaitNone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (users > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public synchronized int count() {
        return users;
    }
}
