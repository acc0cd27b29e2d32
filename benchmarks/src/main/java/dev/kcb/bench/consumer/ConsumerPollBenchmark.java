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
 * at least 100,000 records) of {@code payload} values (see {@link Payloads}; a file's records vary in size, so the
 * count is the volume over the pool's mean record size) and checks the record count against the end offsets. One op
 * is one {@code poll()}; when the consumer reaches the end offsets it seeks back to the beginning, so the loop reads a fixed,
 * warm log forever. The primary score is polls/s; read the secondary metrics {@code consumedRecords} and
 * {@code consumedBytes} (value bytes; MB/s = consumedBytes / 10^6) per second.
 *
 * <p>{@code mode}: {@code assign} (the default) assigns the consumer every partition: no group, no rebalance, no
 * commits. The group modes subscribe to the topic in a group whose {@code group.id} is fresh per trial, and commit:
 * {@code commitSync} after every poll (its latency is in the op), {@code commitAsync} after every poll, or
 * {@code autoCommit} ({@code enable.auto.commit=true}, inside poll). {@code commits} is the offset commits the group
 * coordinator answered, per second (the consumer's {@code commit-total} metric, so auto-commits count too), and
 * {@code commit.p50 ... commit.max} (µs, via LatencyProfiler) the latency of a {@code commitSync()} call, or of a
 * {@code commitAsync()} from the call to its callback; auto-commits have none (they run inside poll). A failed async
 * commit fails the benchmark.
 *
 * <p>Compression: this benchmark has no {@code compressionType} param; the fill's producer takes the presets and the
 * user's {@code --client-config}, so {@code producer.compression.type=lz4} in that file makes the topic's batches lz4
 * and the poll loop pays for their decompression (with {@code payload=text} or a file of real records; random bytes
 * do not compress, and Kafka stores such batches compressed all the same). run.json's {@code clientConfig.producer}
 * records it. The file may set it only when no selected benchmark sweeps {@code compressionType} (the producer and
 * end-to-end benchmarks do: there the param would win, and the file is refused).
 *
 * <p>A regression is lower {@code consumedBytes} at the same params, or, in a group mode, a higher {@code commit.p99}.
 *
 * <p>Threads: with {@code -t N} there are N consumers, each assigned a disjoint subset of the partitions
 * (thread k reads partitions k, k+N, ...), so run with {@code --partitions} at least N. Each consumer loops
 * over its own partitions; JMH sums the per-thread counters.
 *
 * <p>A/B slices ({@code ./run.sh ab}, see {@link AbSlices}), mode=assign only: each thread holds one consumer per side, built from that
 * side's client config, both assigned the same partitions from the beginning of the log; the sides take turns by
 * iteration (A B B A ...), each consumer reading on from where its last turn stopped.
 *
 * <pre>
 * ./run.sh ConsumerPollBenchmark -p messageSize=100,1024 -p maxPollRecords=500,2000
 * ./run.sh ConsumerPollBenchmark -t 2 --partitions 4 -p messageSize=1024
 * ./run.sh ConsumerPollBenchmark -p mode=assign,commitSync,commitAsync,autoCommit -p messageSize=1024
 * ./run.sh ConsumerPollBenchmark -p maxPartitionFetchBytes=262144,1048576,4194304
 * ./run.sh ConsumerPollBenchmark -p payload=text -p messageSize=1024 --client-config lz4.properties   # producer.compression.type=lz4
 * ./run.sh ConsumerPollBenchmark -p payload=file:events.jsonl
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
        /** Record value size in bytes, matching the producer benchmark's sizes (a payload file's records keep their own). */
        @Param({"100", "1024"})
        public String messageSize;

        /**
         * The values the topic is filled with (see {@link Payloads}): random bytes (the default, as before the param),
         * text (JSON-like events), file:PATH (one record per line) or lpfile:PATH (length-prefixed binary records).
         */
        @Param({"random"})
        public String payload;

        /** max.poll.records: Kafka's default 500, and a larger cap that amortises poll overhead. */
        @Param({"500", "2000"})
        public String maxPollRecords;

        /** fetch.min.bytes: 1 (Kafka's default, answer at once) and 64 KiB (wait for fuller fetches). */
        @Param({"1"})
        public String fetchMinBytes;

        /** max.partition.fetch.bytes: Kafka's default 1 MiB per partition per fetch; users raise it for large records. */
        @Param({"1048576"})
        public String maxPartitionFetchBytes;

        /** fetch.max.bytes: Kafka's default 50 MiB per fetch response, over all partitions. */
        @Param({"52428800"})
        public String fetchMaxBytes;

        /**
         * How the consumer gets partitions and commits: {@code assign} (assigned, no group, no commits), or a group member
         * ({@code subscribe}, fresh group.id per trial) that calls {@code commitSync()} after each poll, {@code commitAsync()}
         * after each poll, or leaves it to {@code enable.auto.commit} (Kafka's default 5 s interval).
         */
        @Param({"assign"})
        public String mode;

        BenchTarget target;
        /** One target per A/B side when the sides take turns in this fork ({@link AbSlices}); else just {@code target}. */
        BenchTarget[] sides;
        Topics topic;
        long records;
        /** End offset of every partition after the fill. */
        Map<TopicPartition, Long> end;
        /** Fresh per trial, so no trial inherits another's committed offsets; used by the group modes only. */
        final String groupId = "kcb-group-" + java.util.UUID.randomUUID().toString().substring(0, 8);

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            ParamRules.check("maxPollRecords", maxPollRecords);
            ParamRules.check("fetchMinBytes", fetchMinBytes);
            ParamRules.check("maxPartitionFetchBytes", maxPartitionFetchBytes);
            ParamRules.check("fetchMaxBytes", fetchMaxBytes);
            ParamRules.check("mode", mode);
            if (!mode.equals("assign") && AbSlices.enabled()) {
                throw new IllegalArgumentException("ConsumerPollBenchmark mode=" + mode + " does not take turns in ab slices (a group gives"
                        + " each partition to one member); give --interleave forks");
            }
            int size = ParamRules.checkInt("messageSize", messageSize);
            byte[][] payloads = Payloads.of(ParamRules.check("payload", payload), size, 7);
            target = BenchTarget.fromSystemProperties();
            sides = AbSlices.targets(target);
            topic = Topics.create(target, "consumer");
            long fillBytes = Long.getLong("kcb.consumer.fillBytes", 64_000_000L);
            // the pool is sent in turn, so its mean is each record's share of the volume (random and text: messageSize)
            records = Math.max(100_000L, (long) (fillBytes / Payloads.meanSize(payloads)));
            fill(payloads);
        }

        private void fill(byte[][] payloads) throws Exception {
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
                end = c.endOffsets(partitions);
                long total = end.values().stream().mapToLong(Long::longValue).sum();
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
        /** assign, commitSync, commitAsync or autoCommit (see Config#mode). */
        String mode;
        /** commitSync's call, or commitAsync's call to its callback, in µs; autoCommit commits inside poll, untimed. */
        final org.HdrHistogram.Recorder commitLatency = new org.HdrHistogram.Recorder(dev.kcb.bench.latency.LatencyRecorder.SIGNIFICANT_DIGITS);
        final AtomicReference<Exception> commitError = new AtomicReference<>();
        /** The coordinator's commit-total metric: every commit the group coordinator answered, auto-commits included. */
        private org.apache.kafka.common.Metric commitTotal;
        private double commitsAtStart;
        private long commitsAtEnd;

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
            // fetch.max.wait.ms comes from presets/consumer.properties (10 ms: see the comment there), so a --client-config can change it
            mode = config.mode;
            Map<String, Object> overrides = new java.util.HashMap<>(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords,
                    ConsumerConfig.FETCH_MIN_BYTES_CONFIG, config.fetchMinBytes,
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.maxPartitionFetchBytes,
                    ConsumerConfig.FETCH_MAX_BYTES_CONFIG, config.fetchMaxBytes));
            if (!mode.equals("assign")) {
                overrides.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId);
                overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, String.valueOf(mode.equals("autoCommit")));
            }
            consumers = new ArrayList<>(Collections.nCopies(config.sides.length, null));
            for (int side : AbSlices.creationOrder(config.sides.length)) {
                KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config.sides[side].clientProps(ClientConfigs.Kind.CONSUMER, overrides));
                consumers.set(side, c);
                if (mode.equals("assign")) {
                    c.assign(partitions);
                    c.seekToBeginning(partitions);
                }
            }
            consumer = consumers.get(0);
            end = config.end;
            if (!mode.equals("assign")) {
                joinGroup(config.topic.name(), thread);
            }
            commitTotal = consumer.metrics().entrySet().stream()
                    .filter(e -> e.getKey().group().equals("consumer-coordinator-metrics") && e.getKey().name().equals("commit-total"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (commitTotal == null && !mode.equals("assign")) {
                throw new IllegalStateException("the consumer has no consumer-coordinator-metrics commit-total metric: cannot count commits");
            }
            users = config.users;
            users.enter();
        }

        /**
         * Subscribes and polls (untimed) until the group has given this consumer partitions, then reads them from the
         * beginning; the records those polls returned are not counted. With {@code -t N} the members join one group and
         * later joiners rebalance the earlier ones during warm-up.
         */
        private void joinGroup(String topic, ThreadParams thread) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumer.assignment().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("consumer " + thread.getThreadIndex() + " got no partitions from group within 60 s");
                }
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToBeginning(consumer.assignment());
        }

        @Setup(Level.Iteration)
        public void resetCounters(IterationParams iteration, ThreadParams thread) {
            if (consumers.size() > 1) {
                consumer = consumers.get(turns.next(iteration, thread, consumers.size()));
            }
            recordsNow = 0;
            bytesNow = 0;
            commitLatency.reset();
            commitsAtStart = commitTotal == null ? 0 : ((Number) commitTotal.metricValue()).doubleValue();
        }

        /** Frozen right after the timed loop; JMH reads aux counters only after all teardowns. */
        @TearDown(Level.Iteration)
        public void snapshot() {
            recordsAtEnd = recordsNow;
            bytesAtEnd = bytesNow;
            commitsAtEnd = commitTotal == null ? 0 : Math.round(((Number) commitTotal.metricValue()).doubleValue() - commitsAtStart);
            if (mode.equals("commitSync") || mode.equals("commitAsync")) {
                dev.kcb.bench.latency.LatencyProfiler.publish("commit", commitLatency.getIntervalHistogram());
            }
            CostProfiler.countRecords(recordsAtEnd);
            rethrowCommitError();
        }

        void rethrowCommitError() {
            Exception e = commitError.get();
            if (e != null) {
                throw new IllegalStateException("commitAsync failed: " + e, e);
            }
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

        /** Value bytes returned by poll(), each record's own size, per second (MB/s = consumedBytes / 10^6). */
        public long consumedBytes() {
            return bytesAtEnd;
        }

        /** Offset commits the group coordinator answered, per second (its commit-total metric); 0 in assign mode. */
        public long commits() {
            return commitsAtEnd;
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
        switch (client.mode) {
            case "commitSync" -> {
                long start = System.nanoTime();
                client.consumer.commitSync();
                client.commitLatency.recordValue(Math.max(0, (System.nanoTime() - start) / 1_000));
            }
            case "commitAsync" -> {
                client.rethrowCommitError();
                long start = System.nanoTime();
                // the callback runs on this thread, inside a later poll or commit
                client.consumer.commitAsync((offsets, e) -> {
                    if (e != null) {
                        client.commitError.compareAndSet(null, e);
                    } else {
                        client.commitLatency.recordValue(Math.max(0, (System.nanoTime() - start) / 1_000));
                    }
                });
            }
            default -> {
                // assign: no commits; autoCommit: poll() commits every auto.commit.interval.ms
            }
        }
        // assign mode: the thread's own partitions; a group member: what the group gave it (a rebalance may change it)
        java.util.Collection<TopicPartition> mine = client.mode.equals("assign") ? client.partitions : client.consumer.assignment();
        boolean atEnd = !mine.isEmpty();
        for (TopicPartition tp : mine) {
            if (client.consumer.position(tp) < client.end.get(tp)) {
                atEnd = false;
                break;
            }
        }
        if (atEnd) {
            client.consumer.seekToBeginning(mine);
        }
        return records.count();
    }
}
