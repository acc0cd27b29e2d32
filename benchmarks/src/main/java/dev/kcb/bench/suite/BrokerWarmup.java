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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Warms a freshly started broker before the first measured configuration. A new broker JVM runs its produce
 * and fetch paths interpreted for its first seconds (measured here: acked records/s rose from 120k to 390k over
 * the first 14 s of a fresh local broker), so without this the first configurations of a run would be measured
 * on a colder broker than the rest. Produces at full speed for the given time, then reads it all back.
 */
public final class BrokerWarmup {
    private BrokerWarmup() {
    }

    public static void run(BenchTarget target, Duration duration) {
        if (duration.isZero()) {
            return;
        }
        byte[][] payloads = Payloads.random(100, 1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (Topics topic = Topics.create(target, "warmup")) {
            long sent = 0;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(target.clientProps(ClientConfigs.Kind.PRODUCER,
                    Map.of("linger.ms", "5", "acks", "all")))) {
                long end = System.nanoTime() + duration.toNanos() * 2 / 3;
                while (System.nanoTime() < end && failure.get() == null) {
                    producer.send(new ProducerRecord<>(topic.name(), payloads[(int) (sent++ & (Payloads.POOL - 1))]), (m, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
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
                long end = System.nanoTime() + duration.toNanos() / 3 + Duration.ofSeconds(5).toNanos();
                while (read < sent && System.nanoTime() < end) {
                    read += consumer.poll(Duration.ofMillis(200)).count();
                }
            }
        }
    }
}
