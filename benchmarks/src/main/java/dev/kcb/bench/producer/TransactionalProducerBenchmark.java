package dev.kcb.bench.producer;

import dev.kcb.bench.common.AbSlices;
import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.ParamRules;
import dev.kcb.bench.common.Payloads;
import dev.kcb.bench.common.ProduceRequests;
import dev.kcb.bench.common.ProduceRequestsProfiler;
import dev.kcb.bench.common.Topics;
import dev.kcb.bench.common.TrialUsers;
import dev.kcb.bench.cost.CostProfiler;
import dev.kcb.bench.latency.LatencyProfiler;
import dev.kcb.bench.latency.LatencyRecorder;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
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
import org.openjdk.jmh.infra.ThreadParams;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The transactional producer, against a real broker: what exactly-once writes cost against plain acks=all sends.
 *
 * <p><b>send</b>: one op is one {@code send()} inside a transaction; every {@code recordsPerTransaction}-th op also
 * commits the transaction ({@code commitTransaction()}, which flushes the transaction's last batches, ends it on the
 * transaction coordinator and has the markers written) and begins the next. The primary score (ops/s) is the rate the
 * application enqueued, commits included. The numbers to read are the secondary metrics: {@code ackedRecords} and
 * {@code ackedBytes} per second count <em>committed</em> records only, credited when their transaction's commit returns
 * (MB/s = ackedBytes / 10^6); records of the transaction still open when an iteration ends count in the iteration that
 * commits them, and the one open at trial end is committed after the clock stopped, uncounted. {@code commits} is
 * transactions committed per second, and {@code commit.p50 ... commit.p99.99, commit.max} the latency of one
 * {@code commitTransaction()} call in µs (HdrHistogram, 3 digits, via {@link LatencyProfiler}).
 *
 * <p>Nothing is aborted on purpose: a send error or a failed commit aborts the transaction, counts it in
 * {@code abortedTransactions} and fails the benchmark at once with the cause. A finished run therefore shows
 * {@code abortedTransactions} = 0 and {@code sendErrors} = 0.
 *
 * <p>The producer is the suite's preset with acks=all and idempotence (both required by transactions), the swept
 * {@code linger.ms} and {@code batch.size}, and a {@code transactional.id} that is fresh per trial and thread
 * ({@code kcb-txn-<random>-<thread>}), so no trial fences or recovers another's transactions. The broker needs a
 * transaction state log it can create: the suite's brokers set {@code transaction.state.log.replication.factor} and
 * {@code min.isr} to fit their node count.
 *
 * <p>A regression is lower {@code ackedBytes} at the same params, or a higher {@code commit.p99}. Read it beside
 * {@code ProducerSendBenchmark.sendAsync} at acks=all and the same size, linger and batch: the ratio is what
 * transactions cost, and it falls as {@code recordsPerTransaction} grows. Numbers from one 2-core machine that also
 * runs the broker are comparable only within a run, as ratios.
 *
 * <p>Threads: with {@code -t N} each thread has its own transactional producer. A/B: {@code ./run.sh ab} runs it fork by
 * fork (it does not take turns in slices).
 *
 * <pre>
 * ./run.sh TransactionalProducerBenchmark -p recordsPerTransaction=100,1000,10000
 * ./run.sh --profile standard --segment transactions
 * ./run.sh 'ProducerSendBenchmark.sendAsync|TransactionalProducerBenchmark' -p acks=all -p messageSize=1024 -p lingerMs=5
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransactionalProducerBenchmark {

    /** Params, the trial's topic and its transactional.id prefix: shared by all threads, created once per trial. */
    @State(Scope.Benchmark)
    public static class Config {
        /** Records per transaction: a commit per 100 records (small, latency-bound units of work) up to one per 10,000. */
        @Param({"100", "1000", "10000"})
        public String recordsPerTransaction;

        /** Record value size in bytes (random, incompressible): 1 KiB documents, as in the producer's acks=all size sweep. */
        @Param({"1024"})
        public String messageSize;

        /** linger.ms: 5, the producer benchmark's size-sweep setting, so the two compare at the same batching. */
        @Param({"5"})
        public String lingerMs;

        /** batch.size in bytes: Kafka's default 16 KiB. */
        @Param({"16384"})
        public String batchSize;

        BenchTarget target;
        Topics topic;
        byte[][] payloads;
        int perTransaction;
        /** Fresh per trial: no trial fences or recovers another's transactions. */
        final String transactionalIdPrefix = "kcb-txn-" + UUID.randomUUID().toString().substring(0, 8);
        /** Threads whose producer still writes to the topic (see {@link TrialUsers}). */
        final TrialUsers users = new TrialUsers();

        @Setup(Level.Trial)
        public void setUp() {
            perTransaction = ParamRules.checkInt("recordsPerTransaction", recordsPerTransaction);
            ParamRules.check("lingerMs", lingerMs);
            ParamRules.check("batchSize", batchSize);
            int size = ParamRules.checkInt("messageSize", messageSize);
            if (AbSlices.enabled()) {
                throw new IllegalArgumentException("TransactionalProducerBenchmark does not take turns in ab slices; give --interleave forks");
            }
            target = BenchTarget.fromSystemProperties();
            payloads = Payloads.random(size, 42);
            topic = Topics.create(target, "txn");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (!users.awaitNone(Duration.ofSeconds(45))) {
                System.err.println("[kcb] " + users.count() + " transactional producer(s) still closing; deleting the topic anyway");
            }
            if (topic != null) {
                topic.close();
            }
        }

        Map<String, Object> producerOverrides(String transactionalId) {
            return Map.of(ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                    ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                    ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        }
    }

    /** The thread's transactional producer, its open transaction and its counters (see ProducerSendBenchmark.Client for why here). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Client implements Callback {
        private final Recorder commitLatency = new Recorder(LatencyRecorder.SIGNIFICANT_DIGITS);
        private final AtomicReference<Exception> firstError = new AtomicReference<>();
        KafkaProducer<byte[], byte[]> producer;
        String topic;
        byte[][] payloads;
        int recordSize;
        int perTransaction;
        int next;
        /** Records sent in the open transaction. */
        int inTransaction;
        /** A transaction was aborted: the run is failing, and the producer may be in a fatal state with nothing to commit. */
        boolean failed;
        long committed;
        long committedBytes;
        long commitsNow;
        long aborted;
        /** Written by the producer's I/O thread (callbacks). */
        private final java.util.concurrent.atomic.LongAdder errors = new java.util.concurrent.atomic.LongAdder();
        private long committedAtEnd;
        private long committedBytesAtEnd;
        private long commitsAtEnd;
        private long abortedAtEnd;
        private long errorsAtEnd;
        private ProduceRequests requests;
        private TrialUsers users;

        @Setup(Level.Trial)
        public void setUp(Config config, ThreadParams thread) {
            topic = config.topic.name();
            payloads = config.payloads;
            recordSize = payloads[0].length;
            perTransaction = config.perTransaction;
            String id = config.transactionalIdPrefix + "-" + thread.getThreadIndex();
            producer = new KafkaProducer<>(config.target.clientProps(ClientConfigs.Kind.PRODUCER, config.producerOverrides(id)));
            users = config.users;
            users.enter();
            // registers the id with the coordinator; a broker without a usable transaction state log fails here, untimed
            producer.initTransactions();
            // smoke transaction: one record, committed, before any iteration is timed
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, payloads[0]), this);
            commit();
            commitLatency.reset();
            committed = 0;
            committedBytes = 0;
            commitsNow = 0;
            producer.beginTransaction();
        }

        @Setup(Level.Iteration)
        public void resetCounters() {
            committed = 0;
            committedBytes = 0;
            commitsNow = 0;
            aborted = 0;
            errors.reset();
            commitLatency.reset();
            requests = ProduceRequests.start(producer);
        }

        /** Frozen right after the timed loop (see ProducerSendBenchmark.Client#snapshot for why). */
        @TearDown(Level.Iteration)
        public void snapshot() {
            committedAtEnd = committed;
            committedBytesAtEnd = committedBytes;
            commitsAtEnd = commitsNow;
            abortedAtEnd = aborted;
            errorsAtEnd = errors.sum();
            LatencyProfiler.publish("commit", commitLatency.getIntervalHistogram());
            ProduceRequestsProfiler.publish(producer, requests.end());
            CostProfiler.countRecords(committedAtEnd);
        }

        /** Commits the open transaction (after the clock, uncounted) so a read_committed reader sees every record sent. */
        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                if (producer != null) {
                    try {
                        if (!failed && inTransaction > 0) {
                            commit();
                        }
                    } finally {
                        producer.close(failed ? Duration.ZERO : Duration.ofSeconds(30));
                    }
                }
            } finally {
                if (users != null) {
                    users.leave();
                    users = null;
                }
            }
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                errors.increment();
                firstError.compareAndSet(null, exception);
            }
        }

        /** A failed send: abort the transaction and fail the run, naming the cause. */
        void failOnSendError() {
            Exception e = firstError.get();
            if (e != null) {
                abort("a send in it failed: " + e, e);
            }
        }

        /** Commits the open transaction, timing the call; any failure aborts it and fails the run. */
        void commit() {
            long start = System.nanoTime();
            try {
                producer.commitTransaction();
            } catch (KafkaException e) {
                abort("commitTransaction failed: " + e, e);
            }
            long end = System.nanoTime();
            // a send that failed inside commit's flush: the commit threw above, or (callback run first) it must not count
            failOnSendError();
            commitLatency.recordValue(Math.max(0, (end - start) / 1_000));
            committed += inTransaction;
            committedBytes += (long) inTransaction * recordSize;
            commitsNow++;
            inTransaction = 0;
        }

        private void abort(String why, Exception cause) {
            aborted++;
            failed = true;
            IllegalStateException failure = new IllegalStateException(
                    "transaction aborted (" + aborted + " this iteration, must be 0): " + why, cause);
            try {
                producer.abortTransaction();
            } catch (KafkaException e) {
                // a fatal error (fenced, invalid state) leaves nothing to abort; e's cause is often `cause` itself, so
                // it hangs on the failure, not on `cause`, where it would make a cycle
                failure.addSuppressed(e);
            }
            throw failure;
        }

        /** Committed records, per second. */
        public long ackedRecords() {
            return committedAtEnd;
        }

        /** Value bytes of committed records, per second (MB/s = ackedBytes / 10^6). */
        public long ackedBytes() {
            return committedBytesAtEnd;
        }

        /** Transactions committed, per second. */
        public long commits() {
            return commitsAtEnd;
        }

        /** Transactions aborted, per second; any makes the benchmark fail, so a finished run shows 0. */
        public long abortedTransactions() {
            return abortedAtEnd;
        }

        /** Sends that completed with an exception, per second; any makes the benchmark fail. */
        public long sendErrors() {
            return errorsAtEnd;
        }
    }

    @Benchmark
    public void send(Client client) {
        client.failOnSendError();
        byte[] value = client.payloads[client.next];
        client.next = (client.next + 1) & (Payloads.POOL - 1);
        client.producer.send(new ProducerRecord<>(client.topic, value), client);
        if (++client.inTransaction == client.perTransaction) {
            client.commit();
            client.producer.beginTransaction();
        }
    }
}
