package dev.kcb.bench.latency;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The consumer side, on its own thread: polls the topic, records each record's end-to-end latency once (due time
 * to the moment {@code poll()} handed it over), and keeps the set of sequence numbers seen, so the probe can
 * wait for every sent record and tell lost from duplicated ones.
 */
final class Receiver implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LatencyRecorder latencies;
    private final LongSupplier clock;
    private final Thread thread;
    private final BitSet seen = new BitSet();
    private long distinct;
    private long duplicates;
    private volatile boolean closing;
    private volatile Throwable failure;

    /** @param consumer already assigned to the topic's partitions; used only by this receiver's thread from now on */
    Receiver(KafkaConsumer<byte[], byte[]> consumer, LatencyRecorder latencies, LongSupplier clock) {
        this.consumer = consumer;
        this.latencies = latencies;
        this.clock = clock;
        this.thread = new Thread(this::run, "kcb-e2e-consumer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                long now = clock.getAsLong();
                synchronized (this) {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        long seq = Stamp.sequence(r.value());
                        if (seen.get((int) seq)) {
                            duplicates++;
                            continue; // a record's latency counts once: its first delivery
                        }
                        seen.set((int) seq);
                        distinct++;
                        latencies.recordEndToEnd(Stamp.dueNanos(r.value()), now);
                    }
                    notifyAll();
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                failure = e;
            }
        } catch (Throwable t) {
            failure = t;
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Waits until every sequence number below {@code count} has been received.
     *
     * @return true when all arrived; false at the timeout
     * @throws IllegalStateException when the consumer thread failed
     */
    synchronized boolean awaitAll(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.nextClearBit(0) < count) {
            rethrowFailure();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        rethrowFailure();
        return true;
    }

    /** Sequence numbers below {@code count} not received (yet). */
    synchronized long missingBelow(long count) {
        return count - seen.get(0, (int) count).cardinality();
    }

    synchronized long distinct() {
        return distinct;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("consumer failed: " + t, t);
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(10));
    }
}
