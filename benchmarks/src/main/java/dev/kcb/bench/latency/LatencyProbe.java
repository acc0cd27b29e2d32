package dev.kcb.bench.latency;

import dev.kcb.bench.common.Payloads;
import dev.kcb.bench.common.ProduceRequests;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * One producer and one consumer on one topic in one JVM, and the open-loop schedule between them: the machinery
 * of {@link EndToEndLatencyBenchmark}, kept free of JMH so the integration test can drive it directly.
 *
 * <p>Life cycle: {@link #open} (one smoke record, end to end, so a broken broker fails here), then per interval
 * {@link #beginInterval()}, {@link #sendNext()} as often as the caller likes (it waits for the schedule), and
 * {@link #endInterval()}, which waits until every record sent so far has been acknowledged and consumed.
 * Sequence numbers run across intervals; records of one interval never land in another's histogram.
 */
public final class LatencyProbe implements AutoCloseable {
    /** A run that has not delivered every record this long after its last send has lost some. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Receiver receiver;
    private final String topic;
    private final byte[][] payloads;
    private final OpenLoopSchedule schedule;
    private final LatencyRecorder latencies;
    private final LongAdder acked = new LongAdder();
    private final LongAdder sendErrors = new LongAdder();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private long nextSequence;
    private long intervalFirstSequence;
    private ProduceRequests requestsStart;
    private ProduceRequests.Window lastRequests;

    /** What one interval measured. {@code sent} counts records handed to {@code send()} over {@code elapsedNanos}. */
    public record Interval(LatencyRecorder.Interval histograms, long sent, long elapsedNanos, long targetRate, long duplicates) {
        /** Records per second offered to the producer over the interval's wall time. */
        public double achievedRate() {
            return elapsedNanos <= 0 ? 0 : sent * 1e9 / elapsedNanos;
        }

        /** How far the achieved rate fell below the target, as a fraction (0 when at or above it). */
        public double shortfall() {
            return Math.max(0, 1 - achievedRate() / targetRate);
        }

        /** The load was more than 5% below the target: these latencies are those of a lower load. */
        public boolean belowTarget() {
            return shortfall() > 0.05;
        }
    }

    private LatencyProbe(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer, String topic,
                         byte[][] payloads, OpenLoopSchedule schedule, LatencyRecorder latencies) {
        this.producer = producer;
        this.latencies = latencies;
        this.receiver = new Receiver(consumer, latencies, System::nanoTime);
        this.topic = topic;
        this.payloads = payloads;
        this.schedule = schedule;
    }

    /**
     * Builds the clients, starts the consumer on every partition of {@code topic} from the beginning, and sends one
     * smoke record end to end (60 s at most).
     *
     * @param payloads the payload pool (at least {@link Stamp#BYTES} each; a file's records vary in size)
     */
    public static LatencyProbe open(Properties producerProps, Properties consumerProps, String topic, int partitions,
                                    byte[][] payloads, long targetRate) throws InterruptedException {
        if (java.util.Arrays.stream(payloads).anyMatch(p -> p.length < Stamp.BYTES)) {
            throw new IllegalArgumentException("every payload must be at least " + Stamp.BYTES
                    + " bytes: each record carries its sequence number and due time");
        }
        OpenLoopSchedule schedule = new OpenLoopSchedule(targetRate, System::nanoTime, OpenLoopSchedule::systemWait);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
        List<TopicPartition> tps = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        KafkaProducer<byte[], byte[]> producer;
        try {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            producer = new KafkaProducer<>(producerProps);
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(5));
            throw e;
        }
        LatencyProbe probe = new LatencyProbe(producer, consumer, topic, payloads, schedule, new LatencyRecorder());
        probe.receiver.start();
        try {
            probe.smoke();
        } catch (RuntimeException | InterruptedException e) {
            probe.close();
            throw e;
        }
        return probe;
    }

    private void smoke() throws InterruptedException {
        send(System.nanoTime());
        if (!receiver.awaitAll(nextSequence, Duration.ofSeconds(60))) {
            throw new IllegalStateException("smoke record to " + topic + " not consumed within 60 s");
        }
        awaitAcks(Duration.ofSeconds(60));
        rethrowFirstError();
    }

    /** Starts an interval: forgets what was recorded before, and restarts the schedule at the next send. */
    public void beginInterval() {
        rethrowFirstError();
        latencies.reset();
        schedule.restart();
        intervalFirstSequence = nextSequence;
        requestsStart = ProduceRequests.start(producer);
    }

    /** Waits until the next record is due, then sends it (asynchronously). Fails on an earlier send error. */
    public void sendNext() {
        rethrowFirstError();
        send(schedule.awaitNext());
    }

    private void send(long due) {
        long seq = nextSequence++;
        byte[] value = Stamp.value(payloads[(int) (seq & (Payloads.POOL - 1))], seq, due);
        producer.send(new ProducerRecord<>(topic, value), new Ack(due));
    }

    /**
     * Ends the interval: stops its clock, then waits (up to {@link #DRAIN_TIMEOUT}) until every record sent so far is
     * acknowledged and consumed, so all of this interval's latencies are in its histograms.
     *
     * @throws IllegalStateException when a send failed or records were not consumed in time (lost)
     */
    public Interval endInterval() throws InterruptedException {
        long end = System.nanoTime();
        long start = schedule.startTime();
        long sent = nextSequence - intervalFirstSequence;
        long elapsed = start == Long.MIN_VALUE ? 0 : end - start;
        awaitAcks(DRAIN_TIMEOUT);
        rethrowFirstError();
        if (!receiver.awaitAll(nextSequence, DRAIN_TIMEOUT)) {
            throw new IllegalStateException(receiver.missingBelow(nextSequence) + " of " + nextSequence + " records sent to " + topic
                    + " were not consumed " + DRAIN_TIMEOUT.toSeconds() + " s after the last send: records lost");
        }
        lastRequests = requestsStart.end();
        return new Interval(latencies.interval(), sent, elapsed, schedule.rate(), receiver.duplicates());
    }

    private void awaitAcks(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acked.sum() + sendErrors.sum() < nextSequence) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException((nextSequence - acked.sum() - sendErrors.sum()) + " sends to " + topic
                        + " not completed within " + timeout.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    /** The producer's request counters over the last interval, up to the end of its drain (every record of it sent). */
    public ProduceRequests.Window lastRequests() {
        return lastRequests;
    }

    /** Sequence numbers handed out so far (the next record's sequence number). */
    public long sent() {
        return nextSequence;
    }

    /** Distinct sequence numbers the consumer has received. */
    public long consumedDistinct() {
        return receiver.distinct();
    }

    /** Records the consumer received more than once (each latency is recorded once, on first receipt). */
    public long duplicates() {
        return receiver.duplicates();
    }

    /** Sequence numbers below {@link #sent()} never received. */
    public long missing() {
        return receiver.missingBelow(nextSequence);
    }

    private void rethrowFirstError() {
        Exception e = firstError.get();
        if (e != null) {
            throw new IllegalStateException("send failed (" + sendErrors.sum() + " errors): " + e, e);
        }
    }

    /** Closes the producer (flushing what it holds), then the consumer. */
    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(30));
        } finally {
            receiver.close();
        }
    }

    /** The producer callback: the ack latency of one record, from its due time. */
    private final class Ack implements Callback {
        private final long due;

        Ack(long due) {
            this.due = due;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                latencies.recordAck(due, System.nanoTime());
                acked.increment();
            } else {
                sendErrors.increment();
                firstError.compareAndSet(null, exception);
            }
        }
    }
}
