package dev.kcb.bench.latency;

import dev.kcb.bench.common.ProduceRequestsProfiler;
import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.ParamRules;
import dev.kcb.bench.common.Payloads;
import dev.kcb.bench.common.Topics;
import dev.kcb.bench.cost.CostProfiler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency at a load the user chooses: what a {@code linger.ms}, {@code batch.size} or {@code acks}
 * choice costs a record, from the moment the application meant to send it until a consumer has it.
 *
 * <p><b>endToEnd</b>: one op is one record sent at its scheduled time. The producer sends open loop at
 * {@code targetRate} records/s: record {@code i} of an iteration is due at {@code start + i / targetRate}, and the
 * schedule never waits for acks. Each record carries its sequence number and due time. A consumer on the same
 * topic, in the same JVM (one clock), records receive time minus due time; the producer callback records ack time
 * minus due time. Measuring from the due time, not from the {@code send()} call, keeps a stalled producer from
 * hiding its stall: the records it delayed are sent late and each carries the delay (no coordinated omission).
 * Latencies go into HdrHistograms (µs, 3 significant digits); warm-up iterations are not recorded, and each
 * measurement iteration's histograms are its own. At the end of every iteration the benchmark waits until every
 * record sent so far is acknowledged and consumed (outside the timed window), and fails if any was lost.
 *
 * <p>The primary score (ops/s) is the rate records were handed to {@code send()}. Read the secondary metrics
 * (see {@link LatencyProfiler} for how they get into jmh.json): {@code e2e.p50, p90, p99, p99.9, p99.99, max} and
 * the same for {@code ack.}, in µs; {@code achievedRate} and {@code targetRate} in records/s; {@code rateShortfall}
 * in %. When the achieved rate is more than 5% below the target the fork prints a warning, the run's headline table
 * marks the config, and the report flags it: its latencies are those of a lower load than asked for.
 * Each measurement iteration's histograms are also written to {@code results/<run-id>/latency/<config>.hlog}.
 *
 * <p>{@code payload} (see {@link Payloads}): random bytes (the default), text, or a file's records. Each value is
 * its payload record with the 16-byte stamp (sequence number, due time) written over its first 16 bytes, not put in
 * front: a value is exactly as long as the record ({@code messageSize}, or the file record's own length), as with
 * the other benchmarks. With {@code text} the stamp replaces {@code {"event_id":"} and the id's first three hex
 * digits, a field that is random anyway, so what a codec finds to compress barely changes; with a file it replaces
 * each record's first 16 bytes. A file with a record shorter than 16 bytes is refused before any broker starts
 * (padding it would send records the file does not hold).
 *
 * <p>A regression is a higher {@code e2e.p99} (or {@code p50}, {@code p99.9}) at the same params, at an achieved
 * rate within 5% of the target. Broker and client share one 2-core machine here: compare within a run, as ratios.
 *
 * <pre>
 * ./run.sh --profile smoke EndToEndLatency
 * ./run.sh EndToEndLatencyBenchmark -p targetRate=1000,10000,50000 -p lingerMs=0,5 -p acks=1
 * ./run.sh EndToEndLatencyBenchmark -p payload=text -p messageSize=1024 -p compressionType=none,lz4
 * java -jar benchmarks/target/benchmarks.jar EndToEndLatency -prof dev.kcb.bench.latency.LatencyProfiler \
 *      -jvmArgsAppend "-Dkcb.bootstrap=localhost:9092 -Dkcb.runDir=/tmp/e2e"
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndLatencyBenchmark {

    /** Params and the trial's topic: shared by all threads, created once per trial. */
    @State(Scope.Benchmark)
    public static class Config {
        /** Records/s offered, open loop: a light load, a moderate one, and one near this machine's limit at acks=all. */
        @Param({"1000", "10000", "50000"})
        public String targetRate;

        /** acks: 1 (leader) and all (in-sync replicas): the durability the user pays for in latency. */
        @Param({"1", "all"})
        public String acks;

        /** linger.ms: 0 sends at once; 5 ms trades latency for fuller batches: the trade this benchmark shows. */
        @Param({"0", "5"})
        public String lingerMs;

        /** batch.size in bytes: Kafka's default 16 KiB. */
        @Param({"16384"})
        public String batchSize;

        /** Record value size in bytes (at least 16: the value starts with the sequence number and due time). */
        @Param({"100"})
        public String messageSize;

        /**
         * The values (see {@link Payloads}): random (the default, as before the param), text (what codecs are chosen
         * for), file:PATH or lpfile:PATH (every record at least 16 bytes; messageSize does not apply).
         */
        @Param({"random"})
        public String payload;

        /** compression.type: none; lz4 adds its CPU time to every record's latency. */
        @Param({"none"})
        public String compressionType;

        /** Consumer fetch.max.wait.ms: Kafka's default 500; with fetch.min.bytes=1 it matters only when idle. */
        @Param({"500"})
        public String fetchMaxWaitMs;

        BenchTarget target;
        Topics topic;
        byte[][] payloads;
        long rate;

        @Setup(Level.Trial)
        public void setUp() {
            rate = ParamRules.checkInt("targetRate", targetRate);
            ParamRules.check("acks", acks);
            ParamRules.check("lingerMs", lingerMs);
            ParamRules.check("batchSize", batchSize);
            ParamRules.check("compressionType", compressionType);
            ParamRules.check("fetchMaxWaitMs", fetchMaxWaitMs);
            checkRoomForStamp(messageSize, payload);
            int size = ParamRules.checkInt("messageSize", messageSize);
            target = BenchTarget.fromSystemProperties();
            payloads = Payloads.of(ParamRules.check("payload", payload), size, 11);
            topic = Topics.create(target, "e2e");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (topic != null) {
                topic.close();
            }
        }

        Map<String, Object> producerOverrides() {
            return Map.of(ProducerConfig.ACKS_CONFIG, acks,
                    ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                    ProducerConfig.BATCH_SIZE_CONFIG, batchSize,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, compressionType);
        }

        Map<String, Object> consumerOverrides() {
            return Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMs);
        }
    }

    /**
     * Refuses values with no room for the 16-byte stamp: a {@code messageSize} under 16 for random and text, or a
     * payload file with a record under 16 bytes. The runner calls this for every configuration before a broker starts
     * (see {@code Plan}); setUp again, for a plain JMH run.
     *
     * @throws IllegalArgumentException one line naming the param, the value and why
     */
    public static void checkRoomForStamp(String messageSize, String payload) {
        String p = ParamRules.check("payload", payload);
        if (Payloads.isFile(p)) {
            java.util.List<byte[]> records = Payloads.records(p);
            int shortest = records.stream().mapToInt(r -> r.length).min().orElse(0);
            if (shortest < Stamp.BYTES) {
                long under = records.stream().filter(r -> r.length < Stamp.BYTES).count();
                throw new IllegalArgumentException("invalid value '" + payload + "' for param payload (" + under + " of its " + records.size()
                        + " records are shorter than " + Stamp.BYTES + " bytes, the shortest " + shortest + "): EndToEndLatencyBenchmark"
                        + " writes each record's sequence number and due time over its first " + Stamp.BYTES + " bytes; give a file"
                        + " whose records are all at least " + Stamp.BYTES + " bytes (the other benchmarks take this one as it is)");
            }
            return;
        }
        int size = ParamRules.checkInt("messageSize", messageSize);
        if (size < Stamp.BYTES) {
            throw new IllegalArgumentException("invalid value '" + messageSize + "' for param messageSize; allowed: an integer >= "
                    + Stamp.BYTES + " (bytes) for EndToEndLatencyBenchmark: each record carries its sequence number and due time");
        }
    }

    /** The producer-consumer pair and the histogram log: one benchmark thread, so one of each. */
    @State(Scope.Thread)
    public static class Client {
        LatencyProbe probe;
        LatencyLog log;
        double achievedSum;
        int measured;
        long rate;

        @Setup(Level.Trial)
        public void setUp(Config config, BenchmarkParams params) throws Exception {
            if (params.getThreads() != 1) {
                // one schedule and one consumer per fork; several threads would each need a share of the rate
                throw new IllegalArgumentException("EndToEndLatencyBenchmark runs with one thread (-t 1); targetRate sets the load");
            }
            if (!LatencyProfiler.attached()) {
                System.out.println("[kcb] LatencyProfiler is not attached: percentiles are printed but not in the JSON result"
                        + " (add -prof " + LatencyProfiler.class.getName() + ")");
            }
            rate = config.rate;
            probe = LatencyProbe.open(config.target.clientProps(ClientConfigs.Kind.PRODUCER, config.producerOverrides()),
                    config.target.clientProps(ClientConfigs.Kind.CONSUMER, config.consumerOverrides()),
                    config.topic.name(), config.target.partitions(), config.payloads, config.rate);
            Map<String, String> p = new LinkedHashMap<>();
            params.getParamsKeys().forEach(k -> p.put(k, params.getParam(k)));
            String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            log = LatencyLog.open(method, p, params.getBenchmark() + " " + p + "; end-to-end untagged, ack tagged '"
                    + LatencyLog.ACK_TAG + "'; values in microseconds");
        }

        @Setup(Level.Iteration)
        public void begin() {
            probe.beginInterval();
        }

        /** Drains the iteration's records (untimed), then hands its histograms to the profiler and the log. */
        @TearDown(Level.Iteration)
        public void end(IterationParams iteration) throws InterruptedException {
            LatencyProbe.Interval interval = probe.endInterval();
            CostProfiler.countRecords(interval.sent()); // every one of them acknowledged and consumed by now
            if (iteration.getType() != IterationType.MEASUREMENT) {
                return; // warm-up: neither reported nor logged
            }
            LatencyProfiler.publish(interval);
            ProduceRequestsProfiler.publish(probe, probe.lastRequests());
            if (log != null) {
                log.append(interval.histograms().e2e(), interval.histograms().ack());
            }
            achievedSum += interval.achievedRate();
            measured++;
            if (interval.belowTarget()) {
                System.out.printf(Locale.ROOT, "[kcb] WARNING achieved %.0f records/s, %.1f%% below the target %d: these latencies are"
                        + " those of a lower load%n", interval.achievedRate(), 100 * interval.shortfall(), interval.targetRate());
            }
            if (interval.duplicates() > 0) {
                System.out.printf("[kcb] WARNING %d records were consumed twice (each latency counted once)%n", interval.duplicates());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                if (measured > 0 && achievedSum / measured < 0.95 * rate) {
                    System.out.printf(Locale.ROOT, "[kcb] WARNING BELOW TARGET: mean achieved rate %.0f records/s, target %d%n",
                            achievedSum / measured, rate);
                }
                if (log != null) {
                    log.close();
                    System.out.println("[kcb] histograms: " + log.file());
                }
            } finally {
                if (probe != null) {
                    probe.close();
                }
            }
        }
    }

    @Benchmark
    public void endToEnd(Client client) {
        client.probe.sendNext();
    }
}
