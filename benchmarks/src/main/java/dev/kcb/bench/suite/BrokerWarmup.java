package dev.kcb.bench.suite;

import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.Payloads;
import dev.kcb.bench.common.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Warms a freshly started broker before the first measured configuration, until its acked rate stops rising.
 *
 * <p>A new broker JVM runs its produce and fetch paths interpreted, then C1-compiled, for a long time on 2 shared
 * cores. Measured here (Kafka's ProducerPerformance on a fresh local broker, acks=1, 100 B, 5 s windows): 18k, 90k,
 * 149k, 208k, 324k records/s over the first 25 s; suite forks run back to back on a fresh broker measured 181k,
 * 319k, 447k, 415k and 424k acked records/s. A fixed 15 s warm-up left the first minute of forks on a colder broker
 * than the rest, and that trend was the largest part of their spread.
 *
 * <p>The rise goes on after the runner's own client has warmed, at a rate the plateau test cannot see in 2 s windows
 * that vary by 10-15%: six 30 s ProducerPerformance runs back to back on a fresh local broker (the suite's settings;
 * each run a fresh JVM, its first 10 s dropped) measured 782k, 840k, then 913k, 916k, 807k and 891k records/s, so the
 * broker took about a minute of load to reach its steady rate. With a 20 s minimum the warm-up stopped on a plateau
 * after 20-24 s, and the first two forks of an alternation with ProducerPerformance on a fresh broker ran at 951k and
 * 1,113k acked records/s against 1,245k-1,464k for the other six (fork CV 13.4% against the tool's 6.8%). Hence
 * {@link #MIN}: 60 s of load before a plateau may end the warm-up.
 *
 * <p>A minute is a compromise, not the end of it. The broker's CPU per acknowledged record kept falling for about
 * two minutes of load: twelve 30 s ProducerPerformance runs on a fresh broker cost it 1236, 869, 732, 685, then
 * 649-804 ns per record, while it compiled 5452, 6384 (after 2 min) and 7175 (after 6 min) methods. The tool's own
 * rate, bound by its client, was flat after the first minute; the suite's sendAsync, bound by the two shared cores,
 * rose with the broker's efficiency: in five A/A ab runs after this minimum, forks 1 to 4 went from 1.01M to 1.22M
 * acked records/s as the broker's CPU per record went from 832 to 657 ns. ab's pairs share their fork's broker, so
 * this cancels there; a quick run's first configurations still meet a broker about 20% dearer per record.
 *
 * <p>So this produces at full speed in {@link #WINDOW} windows, counting acks in the callback, and stops once the
 * mean of the last {@link #SPAN} windows is no more than {@link #RISE} above the mean of the {@link #SPAN} before
 * (after at least {@link #MIN}), or at the profile's maximum. Then it reads everything back, to warm the fetch path.
 * The window rates and why it stopped go to run.json: they are the evidence that the broker was warm.
 */
public final class BrokerWarmup {
    static final Duration WINDOW = Duration.ofSeconds(2);
    static final int SPAN = 4;
    static final double RISE = 0.03;
    static final Duration MIN = Duration.ofSeconds(60);

    private BrokerWarmup() {
    }

    /** What the warm-up did: acked records/s per window, and whether it stopped on a plateau or at the maximum. */
    public record Result(List<Long> windowRecordsPerSec, boolean plateau, long seconds) {
        public Map<String, Object> asMap() {
            return Map.of("windowSeconds", WINDOW.toSeconds(), "windowAckedRecordsPerSec", windowRecordsPerSec,
                    "stopped", plateau ? "plateau: last " + SPAN + " windows within " + Math.round(RISE * 100)
                            + "% of the " + SPAN + " before" : "maximum reached", "seconds", seconds);
        }
    }

    /**
     * True when the rate has stopped rising: the last {@code span} windows' mean is at most {@code rise} above the
     * mean of the {@code span} windows before them. False with fewer than 2 &times; span windows.
     */
    static boolean plateau(List<Long> windows, int span, double rise) {
        int n = windows.size();
        if (n < 2 * span) {
            return false;
        }
        double last = windows.subList(n - span, n).stream().mapToLong(Long::longValue).average().orElseThrow();
        double before = windows.subList(n - 2 * span, n - span).stream().mapToLong(Long::longValue).average().orElseThrow();
        return last <= before * (1 + rise);
    }

    /** Records per second over one window, handed to {@code progress} as well. */
    private static long rate(long records, long nanos, Consumer<Long> progress) {
        long rate = Math.round(records * 1e9 / nanos);
        progress.accept(rate);
        return rate;
    }

    public static Result run(BenchTarget target, Duration max) {
        return run(target, max, w -> { });
    }

    /** Warms for at most {@code max}; {@code progress} gets each window's acked records/s as it ends. */
    public static Result run(BenchTarget target, Duration max, Consumer<Long> progress) {
        if (max.isZero()) {
            return new Result(List.of(), false, 0);
        }
        byte[][] payloads = Payloads.random(100, 1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        LongAdder acked = new LongAdder();
        List<Long> windows = new ArrayList<>();
        boolean plateau = false;
        long started = System.nanoTime();
        try (Topics topic = Topics.create(target, "warmup")) {
            long sent = 0;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(target.clientProps(ClientConfigs.Kind.PRODUCER,
                    Map.of("linger.ms", "5", "acks", "1")))) {
                long end = started + max.toNanos() * 2 / 3;
                long windowStart = started;
                long ackedAtWindowStart = 0;
                long min = Math.min(MIN.toNanos(), max.toNanos() * 2 / 3);
                while (System.nanoTime() < end && failure.get() == null) {
                    producer.send(new ProducerRecord<>(topic.name(), payloads[(int) (sent++ & (Payloads.POOL - 1))]), (m, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        } else {
                            acked.increment();
                        }
                    });
                    long now = System.nanoTime();
                    if (now - windowStart >= WINDOW.toNanos()) {
                        long a = acked.sum();
                        windows.add(rate(a - ackedAtWindowStart, now - windowStart, progress));
                        ackedAtWindowStart = a;
                        windowStart = now;
                        if (now - started >= min && plateau(windows, SPAN, RISE)) {
                            plateau = true;
                            break;
                        }
                    }
                }
                long partial = System.nanoTime() - windowStart;
                if (windows.isEmpty() && partial > 0) {
                    // a warm-up shorter than one window (the smoke profile's) still shows the rate it reached
                    windows.add(rate(acked.sum() - ackedAtWindowStart, partial, progress));
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException("broker warm-up send failed: " + failure.get(), failure.get());
            }
            List<TopicPartition> tps = IntStream.range(0, target.partitions()).mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(target.clientProps(ClientConfigs.Kind.CONSUMER, Map.of()))) {
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                long read = 0;
                long end = System.nanoTime() + max.toNanos() / 3 + Duration.ofSeconds(5).toNanos();
                while (read < sent && System.nanoTime() < end) {
                    read += consumer.poll(Duration.ofMillis(200)).count();
                }
            }
        }
        return new Result(List.copyOf(windows), plateau, (System.nanoTime() - started) / 1_000_000_000L);
    }
}
