package dev.kcb.bench.producer;

import dev.kcb.bench.common.AbSlices;
import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.Keys;
import dev.kcb.bench.common.ParamRules;
import dev.kcb.bench.common.Payloads;
import dev.kcb.bench.common.ProduceRequests;
import dev.kcb.bench.common.ProduceRequestsProfiler;
import dev.kcb.bench.common.Topics;
import dev.kcb.bench.common.TrialUsers;
import dev.kcb.bench.cost.CostProfiler;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The producer send path, against a real broker.
 *
 * <p><b>sendAsync</b>: one op is one {@code send()} with a callback; the primary score (ops/s) is the rate
 * at which the application could enqueue. The numbers to read are the secondary metrics, counted in the
 * callbacks: {@code ackedRecords} and {@code ackedBytes} per second are what the broker acknowledged
 * (for {@code acks=0}, what the client wrote to the socket: the broker sends no acknowledgement).
 * Records still in the accumulator when an iteration ends are not counted, and nothing is flushed at
 * iteration end, because a flush would credit the iteration with work done after its clock stopped.
 * In steady state the producer's bounded buffer makes {@code send()} block, so enqueue rate and ack rate
 * agree; when they do not, trust {@code ackedRecords}. Any send error ({@code sendErrors} &gt; 0) fails
 * the benchmark on the next op, with the first exception as the cause.
 *
 * <p><b>sendSync</b>: one op is {@code send().get()}, in SampleTime mode: the latency distribution of one
 * record's round trip, per {@code acks}. With {@code linger.ms} &gt; 0 every op waits out the linger, so
 * read it at {@code lingerMs=0}.
 *
 * <p>A regression is lower {@code ackedBytes}/{@code ackedRecords} at the same params, or higher sendSync
 * percentiles. Compare runs with {@code ./run.sh compare}; numbers from one 2-core machine that also runs
 * the broker are comparable only within a run, as ratios.
 *
 * <p>Keys ({@code -p keys=uniform:N} or {@code zipf:N}, see {@link Keys}): each record gets a key from a seeded pool
 * built in setup, so the keyed send path costs an array read. {@code ackedBytes} stays the values' bytes; the keys'
 * bytes show in {@code requests.wireBytesPerRecord}. With {@code partitions} above 1, keys spread each request over
 * the partitions, which {@code requests.recordsPerBatch} against {@code requests.recordsPerRequest} shows.
 *
 * <p>Threads: with {@code -t N} each thread sends through its own producer, or with {@code -p sharedProducer=true}
 * all N share one; either way the acked counters are per thread and JMH sums them. Give the topic several
 * partitions ({@code --partitions}) so the threads' batches spread over partition leaders.
 *
 * <p>A/B slices ({@code ./run.sh ab}, see {@link AbSlices}): each thread holds one producer per side, built from that
 * side's client config, and the sides take turns by iteration (A B B A ...). The side that just ran is flushed in
 * the iteration teardown, after its counts are frozen, so its backlog is neither counted nor acknowledged during the
 * other side's turn. A profile segment's configurations take turns the same way ({@code <segment>.slices=true}, see
 * the suite's {@code ConfigSlices}): one producer per configuration, each built with the acks, linger.ms and batch.size
 * it differs in, in the order 0 1 ... N-1 N-1 ... 0.
 *
 * <pre>
 * ./run.sh ProducerSendBenchmark.sendAsync -p acks=1,all -p lingerMs=0,5,20 -p messageSize=100
 * ./run.sh ProducerSendBenchmark.sendAsync -t 4 --partitions 8 -p sharedProducer=false,true
 * ./run.sh ProducerSendBenchmark.sendSync -p acks=0,1,all -prof gc
 * ./run.sh ProducerSendBenchmark.sendAsync -p acks=all -p enableIdempotence=true,false
 * ./run.sh ProducerSendBenchmark.sendAsync -p partitions=4 -p keys=none,uniform:1000,zipf:1000 -p lingerMs=0
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProducerSendBenchmark {

    /** Params and the trial's topic: shared by all threads, created once per trial. */
    @State(Scope.Benchmark)
    public static class Config {
        /** acks: 0 (fire and forget), 1 (leader), all (in-sync replicas): the durability the user pays for. */
        @Param({"1", "all"})
        public String acks;

        /** linger.ms: 0 sends as soon as the sender thread is free; a few ms buys fuller batches. */
        @Param({"0", "5", "20"})
        public String lingerMs;

        /** batch.size in bytes: Kafka's default 16 KiB, and 128 KiB for throughput-tuned producers. */
        @Param({"16384", "131072"})
        public String batchSize;

        /** Record value size in bytes (random, incompressible): small events and 1 KiB documents. */
        @Param({"100", "1024"})
        public String messageSize;

        /** compression.type: none, or lz4, the usual choice for throughput (random payloads show its CPU cost). */
        @Param({"none"})
        public String compressionType;

        /**
         * The record values (see {@link Payloads}): random bytes (incompressible, the default), text (JSON-like events,
         * what codecs are chosen for), file:PATH (the user's own records, one per line) or lpfile:PATH (length-prefixed
         * binary records); messageSize does not apply to files.
         */
        @Param({"random"})
        public String payload;

        /**
         * The record keys (see {@link Keys}): none (null keys, the sticky partitioner: one partition's batch at a time),
         * uniform:N or zipf:N (N distinct keys hashed over the topic's partitions: with {@code --partitions} above 1, more
         * and smaller batches per request). Read {@code requests.recordsPerBatch} beside {@code requests.recordsPerRequest}.
         */
        @Param({"none"})
        public String keys;

        /**
         * enable.idempotence: {@code default} leaves it to Kafka (on with acks=all, off otherwise); {@code false} at acks=all
         * shows what the sequence numbers and the in-flight cap of 5 cost. {@code true} needs acks=all (refused otherwise).
         */
        @Param({"default"})
        public String enableIdempotence;

        /**
         * With {@code -t N}: false gives each thread its own producer (N sender threads, N connections); true has
         * all threads send through one KafkaProducer, as an application sharing a thread-safe producer does.
         */
        @Param({"false"})
        public String sharedProducer;

        BenchTarget target;
        /** One target per A/B side when the sides take turns in this fork ({@link AbSlices}); else just {@code target}. */
        BenchTarget[] sides;
        Topics topic;
        byte[][] payloads;
        /** The key sequence; null for keys=none. */
        byte[][] keyPool;
        /** The producers (one per side) all threads use when sharedProducer=true; null otherwise. */
        List<KafkaProducer<byte[], byte[]>> shared;
        /** Set by any thread's failed send, so the shared producer is not given 30 s to flush into a dead broker. */
        volatile boolean sendFailed;
        /** Threads whose Client still uses the topic (a per-thread producer may still be flushing into it). */
        final TrialUsers users = new TrialUsers();

        @Setup(Level.Trial)
        public void setUp() {
            ParamRules.check("acks", acks);
            ParamRules.check("lingerMs", lingerMs);
            ParamRules.check("batchSize", batchSize);
            ParamRules.check("compressionType", compressionType);
            ParamRules.check("enableIdempotence", enableIdempotence);
            ParamRules.checkTogether(Map.of("acks", acks, "enableIdempotence", enableIdempotence));
            int size = ParamRules.checkInt("messageSize", messageSize);
            target = BenchTarget.fromSystemProperties();
            sides = AbSlices.targets(target);
            payloads = Payloads.of(ParamRules.check("payload", payload), size, 42);
            keyPool = Keys.of(ParamRules.check("keys", keys), Keys.SEED);
            topic = Topics.create(target, "producer");
            if (Boolean.parseBoolean(ParamRules.check("sharedProducer", sharedProducer))) {
                shared = newProducers();
            }
        }

        /** One new producer per side. */
        List<KafkaProducer<byte[], byte[]>> newProducers() {
            List<KafkaProducer<byte[], byte[]>> out = new ArrayList<>(java.util.Collections.nCopies(sides.length, null));
            for (int side : AbSlices.creationOrder(sides.length)) {
                out.set(side, new KafkaProducer<>(sides[side].clientProps(ClientConfigs.Kind.PRODUCER, producerOverrides())));
            }
            return out;
        }

        /**
         * Runs on the first thread done with its own Client teardown; waits for the other threads' producers to
         * finish flushing before the shared producer is closed and the topic deleted (see {@link TrialUsers}).
         */
        @TearDown(Level.Trial)
        public void tearDown() {
            if (!users.awaitNone(Duration.ofSeconds(sendFailed ? 5 : 45))) {
                System.err.println("[kcb] " + users.count() + " producer thread(s) still closing; deleting the topic anyway");
            }
            if (shared != null) {
                shared.forEach(p -> p.close(sendFailed ? Duration.ZERO : Duration.ofSeconds(30)));
            }
            if (topic != null) {
                topic.close();
            }
        }

        Map<String, Object> producerOverrides() {
            Map<String, Object> m = new java.util.HashMap<>(Map.of(ProducerConfig.ACKS_CONFIG, acks,
                    ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                    ProducerConfig.BATCH_SIZE_CONFIG, batchSize,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, compressionType));
            // "default" leaves it to Kafka (ClientConfigs.merge removes the property)
            m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, enableIdempotence);
            return m;
        }
    }

    /**
     * The thread's producer (its own, or the shared one) and its callback counters, which stay per thread either way. The counters are public methods on this
     * thread-scoped state itself: JMH 1.37 would hand a separate instance to a state that depends on it.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Client implements Callback {
        /**
         * Acknowledged records and their bytes, counted as one pair under this lock: two separate adders, read one
         * after the other while the I/O thread's callbacks go on, could disagree by a batch (CI once saw 1024.74
         * acked bytes per 1 KiB record). The callbacks of one producer come from its one I/O thread, so the lock is
         * uncontended but for the snapshot; it costs about what the two adders' increments did.
         */
        private final Object ackLock = new Object();
        private long acked;
        private long ackedBytesCount;
        private final LongAdder errors = new LongAdder();
        private final AtomicReference<Exception> firstError = new AtomicReference<>();

        /** The producer of the side whose turn it is (the only one without slices). */
        KafkaProducer<byte[], byte[]> producer;
        /** One producer per side. */
        private List<KafkaProducer<byte[], byte[]>> producers;
        /** Whose turn each iteration is, with slices. */
        private final AbSlices.Turns turns = new AbSlices.Turns();
        String topic;
        byte[][] payloads;
        int next;
        /** The key sequence (null: null keys) and the next key's index in it. */
        byte[][] keys;
        int nextKey;
        // what the aux counter methods report: frozen when the iteration's timed loop ends (see snapshot())
        private long ackedAtEnd;
        private long ackedBytesAtEnd;
        private long errorsAtEnd;
        /** The producer's request counters over this iteration (records and bytes per produce request). */
        private ProduceRequests requests;

        private boolean ownsProducer;
        /** This thread counts in {@code config.users} (set up fully, not yet torn down). */
        private boolean entered;
        private Config config;

        @Setup(Level.Trial)
        public void setUp(Config config) throws Exception {
            this.config = config;
            ownsProducer = config.shared == null;
            producers = ownsProducer ? config.newProducers() : config.shared;
            producer = producers.get(0);
            topic = config.topic.name();
            payloads = config.payloads;
            keys = config.keyPool;
            // smoke send: a broken broker or config fails here, before any iteration is timed
            for (int side : AbSlices.creationOrder(producers.size())) {
                producers.get(side).send(new ProducerRecord<>(topic, payloads[0])).get(60, TimeUnit.SECONDS);
            }
            config.users.enter();
            entered = true;
        }

        @Setup(Level.Iteration)
        public void resetCounters(IterationParams iteration, ThreadParams thread) {
            if (producers.size() > 1) {
                producer = producers.get(turns.next(iteration, thread, producers.size()));
            }
            synchronized (ackLock) {
                acked = 0;
                ackedBytesCount = 0;
            }
            errors.reset();
            requests = ProduceRequests.start(producer);
        }

        /**
         * JMH reads aux counters after every teardown, including the trial teardown whose {@code close()} flushes
         * the accumulator. Freezing the counts here, the first thing after the timed loop, keeps work done after
         * the clock stopped out of the iteration's rate.
         */
        @TearDown(Level.Iteration)
        public void snapshot() {
            synchronized (ackLock) {
                ackedAtEnd = acked;
                ackedBytesAtEnd = ackedBytesCount;
            }
            errorsAtEnd = errors.sum();
            // keyed by the producer: threads sharing one publish the same window, counted once
            ProduceRequestsProfiler.publish(producer, requests.end());
            rethrowFirstError();
            if (producers.size() > 1) {
                // slices: the other side's turn must not acknowledge this side's backlog
                producer.flush();
                rethrowFirstError();
            }
            // cost per record: with slices the turn's records include its flush, whose CPU the iteration also holds
            CostProfiler.countRecords(producers.size() > 1 ? ackedSoFar() : ackedAtEnd);
        }

        /** After a send error (a dead broker) there is nothing worth waiting 30 s to flush: close at once. */
        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                if (producers != null && ownsProducer) {
                    producers.forEach(p -> p.close(firstError.get() == null ? Duration.ofSeconds(30) : Duration.ZERO));
                }
            } finally {
                if (entered) {
                    entered = false;
                    config.users.leave();
                }
            }
            rethrowFirstError();
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                // the value's own size: file payloads vary from record to record
                int bytes = metadata.serializedValueSize();
                synchronized (ackLock) {
                    acked++;
                    ackedBytesCount += bytes;
                }
            } else {
                errors.increment();
                firstError.compareAndSet(null, exception);
                config.sendFailed = true;
            }
        }

        private long ackedSoFar() {
            synchronized (ackLock) {
                return acked;
            }
        }

        void rethrowFirstError() {
            Exception e = firstError.get();
            if (e != null) {
                throw new IllegalStateException("send failed (" + errors.sum() + " errors this iteration): " + e, e);
            }
        }

        ProducerRecord<byte[], byte[]> nextRecord() {
            byte[] value = payloads[next];
            next = (next + 1) & (Payloads.POOL - 1);
            if (keys == null) {
                return new ProducerRecord<>(topic, value);
            }
            byte[] key = keys[nextKey];
            nextKey = (nextKey + 1) & (Keys.POOL - 1);
            return new ProducerRecord<>(topic, key, value);
        }

        /** Records acknowledged by the broker, per second. */
        public long ackedRecords() {
            return ackedAtEnd;
        }

        /** Value bytes acknowledged by the broker, per second (MB/s = ackedBytes / 10^6). */
        public long ackedBytes() {
            return ackedBytesAtEnd;
        }

        /** Sends that completed with an exception, per second; any makes the benchmark fail. */
        public long sendErrors() {
            return errorsAtEnd;
        }
    }

    @Benchmark
    public void sendAsync(Client client) {
        client.rethrowFirstError();
        client.producer.send(client.nextRecord(), client);
    }

    /** SampleTime, in microseconds: this op is a latency, not a rate. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RecordMetadata sendSync(Client client) throws InterruptedException, ExecutionException {
        RecordMetadata metadata = client.producer.send(client.nextRecord()).get();
        client.onCompletion(metadata, null);
        return metadata;
    }
}
