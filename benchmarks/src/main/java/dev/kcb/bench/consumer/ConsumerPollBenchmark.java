package dev.kcb.bench.consumer;

import dev.kcb.bench.common.AbSlices;
import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.ParamRules;
import dev.kcb.bench.common.Payloads;
import dev.kcb.bench.common.Topics;
import dev.kcb.bench.common.TrialUsers;
import dev.kcb.bench.cost.CostProfiler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The consumer poll loop, against a real broker.
 *
 * <p>Trial setup fills a fresh topic with a fixed volume ({@code kcb.consumer.fillBytes}, default 64 MB,
 * at least 100,000 records) and checks the record count against the end offsets. One op is one
 * {@code poll()} on a consumer that is assigned every partition (no group, no rebalance, no commits); when
 * it reaches the end offsets it seeks back to the beginning, so the loop reads a fixed, warm log forever.
 * The primary score is polls/s; read the secondary metrics {@code consumedRecords} and
 * {@code consumedBytes} (value bytes; MB/s = consumedBytes / 10^6) per second.
 *
 * <p>A regression is lower {@code consumedBytes} at the same params.
 *
 * <p>Threads: with {@code -t N} there are N consumers, each assigned a disjoint subset of the partitions
 * (thread k reads partitions k, k+N, ...), so run with {@code --partitions} at least N. Each consumer loops
 * over its own partitions; JMH sums the per-thread counters.
 *
 * <p>A/B slices ({@code ./run.sh ab}, see {@link AbSlices}): each thread holds one consumer per side, built from that
 * side's client config, both assigned the same partitions from the beginning of the log; the sides take turns by
 * iteration (A B B A ...), each consumer reading on from where its last turn stopped.
 *
 * <pre>
 * ./run.sh ConsumerPollBenchmark -p messageSize=100,1024 -p maxPollRecords=500,2000
 * ./run.sh ConsumerPollBenchmark -t 2 --partitions 4 -p messageSize=1024
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConsumerPollBenchmark {

    /** Params and the filled topic: created once per trial. */
    @State(Scope.Benchmark)
    public static class Config {
        /** Record value size in bytes (random, incompressible), matching the producer benchmark's sizes. */
        @Param({"100", "1024"})
        public String messageSize;

        /** max.poll.records: Kafka's default 500, and a larger cap that amortises poll overhead. */
        @Param({"500", "2000"})
        public String maxPollRecords;

        /** fetch.min.bytes: 1 (Kafka's default, answer at once) and 64 KiB (wait for fuller fetches). */
        @Param({"1"})
        public String fetchMinBytes;

        BenchTarget target;
        /** One target per A/B side when the sides take turns in this fork ({@link AbSlices}); else just {@code target}. */
        BenchTarget[] sides;
        Topics topic;
        long records;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            ParamRules.check("maxPollRecords", maxPollRecords);
            ParamRules.check("fetchMinBytes", fetchMinBytes);
            int size = ParamRules.checkInt("messageSize", messageSize);
            target = BenchTarget.fromSystemProperties();
            sides = AbSlices.targets(target);
            topic = Topics.create(target, "consumer");
            long fillBytes = Long.getLong("kcb.consumer.fillBytes", 64_000_000L);
            records = Math.max(100_000L, fillBytes / size);
            fill(size);
        }

        private void fill(int size) throws Exception {
            byte[][] payloads = Payloads.random(size, 7);
            AtomicReference<Exception> failure = new AtomicReference<>();
            Map<String, Object> fast = Map.of(ProducerConfig.LINGER_MS_CONFIG, "10", ProducerConfig.BATCH_SIZE_CONFIG, "262144",
                    ProducerConfig.ACKS_CONFIG, "1");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(target.clientProps(ClientConfigs.Kind.PRODUCER, fast))) {
                for (long i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(topic.name(), payloads[(int) (i & (Payloads.POOL - 1))]), (m, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                producer.flush();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("filling " + topic.name() + " failed: " + failure.get(), failure.get());
            }
            List<TopicPartition> partitions = partitions();
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(target.clientProps(ClientConfigs.Kind.CONSUMER, Map.of()))) {
                long total = c.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                if (total != records) {
                    throw new IllegalStateException("topic " + topic.name() + " holds " + total + " records after fill, expected " + records);
                }
            }
        }

        List<TopicPartition> partitions() {
            return IntStream.range(0, target.partitions()).mapToObj(p -> new TopicPartition(topic.name(), p)).collect(Collectors.toList());
        }

        /** Threads whose consumer is still open (see {@link TrialUsers}: the first thread done runs this teardown). */
        final TrialUsers users = new TrialUsers();

        @TearDown(Level.Trial)
        public void tearDown() {
            users.awaitNone(Duration.ofSeconds(15));
            if (topic != null) {
                topic.close();
            }
        }
    }

    /**
     * One consumer per benchmark thread, with its counters (see ProducerSendBenchmark.Client for why here). With
     * {@code -t N} each thread's consumer is assigned its own disjoint share of the partitions (see setUp), so the
     * threads never read the same records and together read the whole topic; N must not exceed the partitions.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Client {
        /** The consumer of the side whose turn it is (the only one without slices). */
        KafkaConsumer<byte[], byte[]> consumer;
        /** One consumer per side. */
        private List<KafkaConsumer<byte[], byte[]>> consumers;
        /** Whose turn each iteration is, with slices. */
        private final AbSlices.Turns turns = new AbSlices.Turns();
        List<TopicPartition> partitions;
        Map<TopicPartition, Long> end;
        long recordsNow;
        long bytesNow;
        private long recordsAtEnd;
        private long bytesAtEnd;
        private TrialUsers users;

        /** Thread k of N gets partitions k, k+N, k+2N, ...: disjoint subsets that together cover the topic. */
        @Setup(Level.Trial)
        public void setUp(Config config, ThreadParams thread) {
            List<TopicPartition> all = config.partitions();
            if (thread.getThreadCount() > all.size()) {
                throw new IllegalArgumentException("-t " + thread.getThreadCount() + " consumer threads need at least as many partitions"
                        + " (--partitions " + thread.getThreadCount() + "); the topic has " + all.size());
            }
            partitions = IntStream.range(0, all.size()).filter(p -> p % thread.getThreadCount() == thread.getThreadIndex())
                    .mapToObj(all::get).collect(Collectors.toList());
            // fetch.max.wait.ms only matters when a fetch finds fewer than fetch.min.bytes, which in this catch-up read
            // happens only at the log end, just before the seek back: there the default 500 ms made the consumer wait
            // out a fetch parked at the end before it could fetch from the beginning (measured: 0.49M records/s with
            // the wrap every 0.3 M records, 2.3M with it ten times rarer). 10 ms keeps that harness artefact out.
            Map<String, Object> overrides = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords,
                    ConsumerConfig.FETCH_MIN_BYTES_CONFIG, config.fetchMinBytes,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
            consumers = new ArrayList<>(Collections.nCopies(config.sides.length, null));
            for (int side : AbSlices.creationOrder(config.sides.length)) {
                KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config.sides[side].clientProps(ClientConfigs.Kind.CONSUMER, overrides));
                consumers.set(side, c);
                c.assign(partitions);
                c.seekToBeginning(partitions);
            }
            consumer = consumers.get(0);
            end = consumer.endOffsets(partitions);
            users = config.users;
            users.enter();
        }

        @Setup(Level.Iteration)
        public void resetCounters(IterationParams iteration, ThreadParams thread) {
            if (consumers.size() > 1) {
                consumer = consumers.get(turns.next(iteration, thread));
            }
            recordsNow = 0;
            bytesNow = 0;
        }

        /** Frozen right after the timed loop; JMH reads aux counters only after all teardowns. */
        @TearDown(Level.Iteration)
        public void snapshot() {
            recordsAtEnd = recordsNow;
            bytesAtEnd = bytesNow;
            CostProfiler.countRecords(recordsAtEnd);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                if (consumers != null) {
                    consumers.stream().filter(java.util.Objects::nonNull).forEach(c -> c.close(Duration.ofSeconds(10)));
                }
            } finally {
                if (users != null) {
                    users.leave();
                    users = null;
                }
            }
        }

        /** Records returned by poll(), per second. */
        public long consumedRecords() {
            return recordsAtEnd;
        }

        /** Value bytes returned by poll(), per second (MB/s = consumedBytes / 10^6). */
        public long consumedBytes() {
            return bytesAtEnd;
        }
    }

    @Benchmark
    public int poll(Client client) {
        ConsumerRecords<byte[], byte[]> records = client.consumer.poll(Duration.ofMillis(100));
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            bytes += r.serializedValueSize();
        }
        client.recordsNow += records.count();
        client.bytesNow += bytes;
        boolean atEnd = true;
        for (TopicPartition tp : client.partitions) {
            if (client.consumer.position(tp) < client.end.get(tp)) {
                atEnd = false;
                break;
            }
        }
        if (atEnd) {
            client.consumer.seekToBeginning(client.partitions);
        }
        return records.count();
    }
}
