package dev.kcb.bench.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.Keys;
import dev.kcb.bench.common.ParamRules;
import dev.kcb.bench.common.Payloads;
import dev.kcb.bench.suite.RunRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The plain Java client, outside JMH: produce N records with a callback, wait for every ack, then consume them
 * all from where this pass began. Runs in its own JVM (started by {@code clients} and {@code calibrate}), the
 * same way the Python drivers in {@code clients/python/} do, and prints one JSON line in their format:
 * <pre>{"client": ..., "version": ..., "records": N, "messageSize": S,
 *  "passes": [{"produceSeconds": s, "producedRecords": n, "consumeSeconds": s, "consumedRecords": n, "consumedBytes": b}]}</pre>
 * (the Java driver adds {@code polls}, the number of {@code poll()} calls, for calibrate's harness comparison).
 * Produce time runs from the first {@code send()} to the last ack ({@code flush()} returning), without
 * constructing or closing the producer; consume time from the first {@code poll()} to the N-th record.
 * With {@code --passes} &gt; 1 the passes repeat on the same topic (the first warms the JIT; the caller chooses
 * which to read). Exit codes: 0 ok, 1 a send failed or records were missing, 2 bad arguments.
 */
@Command(name = "java-driver", mixinStandardHelpOptions = true)
public final class JavaDriver implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true)
    String bootstrap;
    @Option(names = "--topic", required = true)
    String topic;
    @Option(names = "--records", required = true)
    long records;
    @Option(names = "--message-size", defaultValue = "100")
    int messageSize;
    @Option(names = "--partitions", defaultValue = "1")
    int partitions;
    @Option(names = "--keys", defaultValue = "none", description = "record keys, as the suite's keys param: none, uniform:N, zipf:N")
    String keys;
    @Option(names = "--passes", defaultValue = "1")
    int passes;
    @Option(names = "--producer-config", description = "merged producer properties (preset, user config, overrides)")
    Path producerConfig;
    @Option(names = "--consumer-config", description = "merged consumer properties")
    Path consumerConfig;

    public static void main(String[] args) {
        System.exit(new CommandLine(new JavaDriver()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Properties pp = producerConfig != null ? ClientConfigs.readUserFile(producerConfig)
                : ClientConfigs.merge(ClientConfigs.Kind.PRODUCER, null, Map.of());
        Properties cp = consumerConfig != null ? ClientConfigs.readUserFile(consumerConfig)
                : ClientConfigs.merge(ClientConfigs.Kind.CONSUMER, null, Map.of());
        pp.setProperty("bootstrap.servers", bootstrap);
        cp.setProperty("bootstrap.servers", bootstrap);
        byte[][] payloads = Payloads.random(messageSize, 42);
        byte[][] keyPool = Keys.of(ParamRules.check("keys", keys), Keys.SEED);
        List<TopicPartition> tps = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        List<Map<String, Object>> results = new ArrayList<>();
        int status = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cp)) {
            consumer.assign(tps);
            for (int pass = 0; pass < passes; pass++) {
                Map<TopicPartition, Long> start = consumer.endOffsets(tps);
                Map<String, Object> r = new LinkedHashMap<>();
                LongAdder acked = new LongAdder();
                AtomicReference<Exception> failure = new AtomicReference<>();
                long t0 = System.nanoTime();
                for (long i = 0; i < records; i++) {
                    byte[] key = keyPool == null ? null : keyPool[(int) (i & (Keys.POOL - 1))];
                    producer.send(new ProducerRecord<>(topic, key, payloads[(int) (i & (Payloads.POOL - 1))]), (m, e) -> {
                        if (e == null) {
                            acked.increment();
                        } else {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                producer.flush();
                r.put("produceSeconds", (System.nanoTime() - t0) / 1e9);
                r.put("producedRecords", acked.sum());
                if (failure.get() != null) {
                    System.err.println("java-driver: send failed: " + failure.get());
                    status = 1;
                }
                start.forEach(consumer::seek);
                long count = 0;
                long bytes = 0;
                long polls = 0;
                long t1 = System.nanoTime();
                long lastRecord = t1;
                long deadline = t1 + Duration.ofSeconds(30).toNanos();
                while (count < acked.sum() && System.nanoTime() < deadline) {
                    polls++;
                    for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                        count++;
                        bytes += rec.serializedValueSize();
                        lastRecord = System.nanoTime();
                        deadline = lastRecord + Duration.ofSeconds(30).toNanos();
                    }
                }
                r.put("consumeSeconds", (lastRecord - t1) / 1e9);
                r.put("consumedRecords", count);
                r.put("consumedBytes", bytes);
                r.put("polls", polls);
                if (count < records) {
                    System.err.println("java-driver: consumed " + count + " of " + records + " records (no record for 30 s)");
                    status = 1;
                }
                results.add(r);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client", "java");
        out.put("version", "kafka-clients " + RunRecord.clientVersionInfo().getProperty("version", "unknown"));
        out.put("records", records);
        out.put("messageSize", messageSize);
        out.put("passes", results);
        System.out.println(new ObjectMapper().writeValueAsString(out));
        return status;
    }
}
