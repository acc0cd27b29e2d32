package dev.kcb.bench.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcb.bench.clients.DriverOutput;
import dev.kcb.bench.clients.JavaDriver;
import dev.kcb.bench.common.Payloads;
import dev.kcb.bench.common.Topics;
import dev.kcb.bench.suite.ChildProcess;
import dev.kcb.bench.suite.RunSession;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The references the suite is calibrated against, each in its own JVM with the JMH fork's JVM flags (same heap and
 * GC as the suite's forks; the broker runs in its own JVMs): Kafka's ProducerPerformance and ConsumerPerformance
 * from {@code dist/tools/target/lib}, and the plain loop.
 *
 * <p>The plain loop is {@link JavaDriver}, the Java row of {@code ./run.sh clients}, run in its own JVM rather than
 * in the runner: in-process it would share the runner's heap, GC and JIT state (picocli, JMH, Jackson, earlier
 * measurements), while the tools and every JMH fork start fresh; its own JVM puts all three on the same footing.
 * It runs {@code --plain-passes} passes; the first is cold like the tools, the rest are warm like JMH's iterations.
 * One instance serves one case: its rounds accumulate here until {@link #addTools} and {@link #addPlainLoop}.
 */
final class References {
    private final RunSession session;
    private final Path toolsLib;
    private final Path tmp;
    private final long records;
    private final int passes;
    private final List<String> jvmArgs;
    private final Path logs;

    private final long warmupRecords;
    private final int repeats;

    References(RunSession session, Path toolsLib, Path tmp, long records, long warmupRecords, int repeats, int passes, List<String> jvmArgs) {
        this.session = session;
        this.toolsLib = toolsLib;
        this.tmp = tmp;
        this.records = records;
        this.warmupRecords = warmupRecords;
        this.repeats = repeats;
        this.passes = passes;
        this.jvmArgs = jvmArgs;
        this.logs = session.runDir().resolve("calibration");
    }

    private Duration timeout() {
        return Duration.ofSeconds(120 + records / 5_000);
    }

    private final List<ToolOutput.Producer> randomRuns = new ArrayList<>();
    private final List<ToolOutput.Producer> fileRuns = new ArrayList<>();
    private final List<ToolOutput.Consumer> consumerRuns = new ArrayList<>();
    private final List<PlainRound> plainRounds = new ArrayList<>();

    /** One plain-loop JVM: records/s of each pass, {@code rates[0]} producing and {@code rates[1]} consuming; polls of the warm passes. */
    private record PlainRound(double[][] rates, long warmPolls) {
    }

    /**
     * One round of the tools: ProducerPerformance with a random payload on a fresh topic that ConsumerPerformance then
     * reads, and ProducerPerformance with {@code --payload-file}; independent JVMs, so their spread over the rounds is
     * the tools' run-to-run spread. {@link #addTools} turns the rounds into measurements.
     */
    String toolsRound(Case c, Properties producer, Properties consumer, int round) throws IOException {
        Path producerFile = write(producer, c.id() + "-producer.properties");
        Path consumerFile = write(consumer, c.id() + "-consumer.properties");
        List<String> keys = c.keyRange() > 0
                ? List.of("--key-distribution", "random", "--record-key-range", String.valueOf(c.keyRange())) : List.of();
        List<String> random = Stream.concat(Stream.of("--record-size", String.valueOf(c.messageSize())), keys.stream()).toList();
        List<String> file = Stream.concat(Stream.of("--payload-file", payloadFile(c.messageSize()).toString()), keys.stream()).toList();
        String error;
        try (Topics topic = Topics.create(target(c), "calib-tool")) {
            error = producerTool(c, topic.name(), producerFile, random, Calibration.Source.TOOL, round, randomRuns);
            error = first(error, error == null ? consumerTool(c, topic.name(), consumerFile, round, consumerRuns) : null);
        }
        if (error == null) {
            try (Topics topic = Topics.create(target(c), "calib-tool-file")) {
                error = producerTool(c, topic.name(), producerFile, file, Calibration.Source.TOOL_PAYLOAD_FILE, round, fileRuns);
            }
        }
        return error;
    }

    /** The tools' measurements from their rounds, or rows saying why there are none. */
    void addTools(Case c, Calibration cal, String error) {
        if (error != null || randomRuns.isEmpty()) {
            String why = error != null ? error : "no round ran";
            for (Calibration.Source s : List.of(Calibration.Source.TOOL, Calibration.Source.TOOL_PAYLOAD_FILE)) {
                cal.add(new Calibration.Measurement(c.id(), "producer", s, Double.NaN, Double.NaN, "", why));
            }
            cal.add(new Calibration.Measurement(c.id(), "consumer", Calibration.Source.TOOL, Double.NaN, Double.NaN, "", why));
            return;
        }
        addProducer(c, Calibration.Source.TOOL, "random payload per record", randomRuns, cal);
        addProducer(c, Calibration.Source.TOOL_PAYLOAD_FILE, "payloads from file", fileRuns, cal);
        cal.add(Calibration.Measurement.ofRepeats(c.id(), "consumer", Calibration.Source.TOOL,
                consumerRuns.stream().mapToDouble(ToolOutput.Consumer::fetchRecordsPerSec).toArray(), c.messageSize(),
                String.format("fetch rate (group join left out), %d runs: %s records/s; tool printed %s MB/s in MiB", consumerRuns.size(),
                        join(consumerRuns.stream().mapToDouble(ToolOutput.Consumer::fetchRecordsPerSec)),
                        consumerRuns.stream().map(r -> String.format("%.2f", r.fetchMibPerSec())).toList())));
    }

    private void addProducer(Case c, Calibration.Source source, String payload, List<ToolOutput.Producer> runs, Calibration cal) {
        String window = warmupRecords > 0
                ? String.format("steady state after %,d warm-up records of %,d", warmupRecords, records)
                : "first send to close, no warm-up";
        cal.add(Calibration.Measurement.ofRepeats(c.id(), "producer", source, runs.stream().mapToDouble(ToolOutput.Producer::recordsPerSec).toArray(),
                c.messageSize(), String.format("%s; %s; %d runs: %s records/s; avg latency %s ms", payload, window, runs.size(),
                        join(runs.stream().mapToDouble(ToolOutput.Producer::recordsPerSec)),
                        runs.stream().map(r -> String.format("%.1f", r.avgLatencyMs())).toList())));
    }

    private static String join(java.util.stream.DoubleStream rates) {
        return String.join(", ", rates.mapToObj(r -> String.format("%,.0f", r)).toList());
    }

    /** One ProducerPerformance run; its steady-state figures (with --warmup-records) or the whole run's go to {@code runs}. */
    private String producerTool(Case c, String topic, Path config, List<String> payload, Calibration.Source source, int run,
                                List<ToolOutput.Producer> runs) throws IOException {
        List<String> cmd = java("org.apache.kafka.tools.ProducerPerformance", toolsLib.resolve("*").toString());
        cmd.addAll(List.of("--bootstrap-server", session.bootstrapServers(), "--topic", topic, "--num-records", String.valueOf(records),
                "--throughput", "-1", "--command-config", config.toString()));
        if (warmupRecords > 0) {
            cmd.addAll(List.of("--warmup-records", String.valueOf(warmupRecords)));
        }
        cmd.addAll(payload);
        System.out.println("  " + source.label + " (" + run + "/" + repeats + ")");
        String name = c.id() + "-" + (source == Calibration.Source.TOOL ? "producer-perf" : "producer-perf-payload-file") + "-" + run + ".log";
        ChildProcess.Outcome o = ChildProcess.run(cmd, logs.resolve(name), timeout());
        try {
            if (!o.ok()) {
                throw new IllegalArgumentException("exit code " + o.exitCode() + ": " + o.lastLine());
            }
            runs.add(warmupRecords > 0 ? ToolOutput.producerSteadyState(o.output()) : ToolOutput.producer(o.output()));
            return null;
        } catch (IllegalArgumentException e) {
            return "ProducerPerformance (" + c.id() + ", run " + run + ") failed: " + e.getMessage() + " (log: " + o.log() + ")";
        }
    }

    private String consumerTool(Case c, String topic, Path config, int run, List<ToolOutput.Consumer> runs) throws IOException {
        List<String> cmd = java("org.apache.kafka.tools.ConsumerPerformance", toolsLib.resolve("*").toString());
        cmd.addAll(List.of("--bootstrap-server", session.bootstrapServers(), "--topic", topic, "--num-records", String.valueOf(records),
                "--command-config", config.toString(), "--group", "kcb-perf-" + UUID.randomUUID().toString().substring(0, 8),
                "--timeout", "30000"));
        System.out.println("  ConsumerPerformance (" + run + "/" + repeats + ")");
        ChildProcess.Outcome o = ChildProcess.run(cmd, logs.resolve(c.id() + "-consumer-perf-" + run + ".log"), timeout());
        try {
            if (!o.ok()) {
                throw new IllegalArgumentException("exit code " + o.exitCode() + ": " + o.lastLine());
            }
            ToolOutput.Consumer p = ToolOutput.consumer(o.output());
            if (p.records() < records) {
                throw new IllegalArgumentException("consumed " + p.records() + " of " + records + " records");
            }
            runs.add(p);
            return null;
        } catch (IllegalArgumentException e) {
            return "ConsumerPerformance (" + c.id() + ", run " + run + ") failed: " + e.getMessage() + " (log: " + o.log() + ")";
        }
    }

    /**
     * One round of the plain loop: JavaDriver in a fresh JVM, N records per pass with a callback, waiting for every
     * ack, then the same records consumed; {@code --plain-passes} passes, the first cold. {@link #addPlainLoop} turns
     * the rounds into measurements: per round, the first pass's rate and the mean of the warm ones.
     */
    String plainLoopRound(Case c, Properties producer, Properties consumer, int round) throws IOException {
        System.out.println("  plain loop (" + passes + " passes, " + round + "/" + repeats + ")");
        ChildProcess.Outcome o;
        try (Topics topic = Topics.create(target(c), "calib-plain")) {
            List<String> cmd = java(JavaDriver.class.getName(), System.getProperty("java.class.path"));
            cmd.addAll(List.of("--bootstrap-servers", session.bootstrapServers(), "--topic", topic.name(), "--records", String.valueOf(records),
                    "--message-size", String.valueOf(c.messageSize()), "--partitions", String.valueOf(c.partitionsOr(session.options().partitions())), "--keys", c.keys(),
                    "--passes", String.valueOf(passes),
                    "--producer-config", write(producer, c.id() + "-producer.properties").toString(),
                    "--consumer-config", write(consumer, c.id() + "-consumer.properties").toString()));
            o = ChildProcess.run(cmd, logs.resolve(c.id() + "-plain-loop-" + round + ".log"), timeout().multipliedBy(passes));
        }
        try {
            JsonNode ps = DriverOutput.parse(o).path("passes");
            if (ps.size() != passes) {
                throw new IllegalArgumentException(ps.size() + " passes reported, " + passes + " asked for");
            }
            double[][] rates = new double[2][passes];
            long polls = 0;
            for (int i = 0; i < passes; i++) {
                rates[0][i] = records / ps.get(i).path("produceSeconds").asDouble();
                rates[1][i] = records / ps.get(i).path("consumeSeconds").asDouble();
                polls += i > 0 ? ps.get(i).path("polls").asLong() : 0;
            }
            plainRounds.add(new PlainRound(rates, polls));
            return null;
        } catch (IllegalArgumentException e) {
            return "plain loop (" + c.id() + ", round " + round + ") failed: " + e.getMessage() + " (log: " + o.log() + ")";
        }
    }

    /** The plain loop's measurements from its rounds, or rows saying why there are none. */
    void addPlainLoop(Case c, Calibration cal, String error) {
        if (error != null || plainRounds.isEmpty()) {
            String why = error != null ? error : "no round ran";
            for (String side : List.of("producer", "consumer")) {
                cal.add(new Calibration.Measurement(c.id(), side, Calibration.Source.PLAIN, Double.NaN, Double.NaN, "", why));
            }
            return;
        }
        int n = plainRounds.size();
        for (int s = 0; s < 2; s++) {
            String side = s == 0 ? "producer" : "consumer";
            double[] cold = new double[n];
            double[] warm = new double[n];
            List<String> each = new ArrayList<>();
            double warmSeconds = 0;
            long polls = 0;
            for (int r = 0; r < n; r++) {
                double[] row = plainRounds.get(r).rates()[s];
                cold[r] = row[0];
                double sum = 0;
                List<String> passRates = new ArrayList<>();
                for (int i = 1; i < passes; i++) {
                    double rate = row[i];
                    sum += rate;
                    warmSeconds += records / rate;
                    passRates.add(String.format("%,.0f", rate));
                }
                warm[r] = sum / (passes - 1);
                each.add(String.join(" ", passRates));
                polls += plainRounds.get(r).warmPolls();
            }
            String perPoll = s == 1 && polls > 0
                    ? String.format("; %.0f records and %.2f ms per poll()", (double) records * n * (passes - 1) / polls, 1000 * warmSeconds / polls) : "";
            cal.add(Calibration.Measurement.ofRepeats(c.id(), side, Calibration.Source.PLAIN_COLD, cold, c.messageSize(),
                    String.format("%,d records per pass, the first pass of each round's fresh JVM, cold JIT like the tools: %s records/s", records,
                            join(java.util.Arrays.stream(cold)))));
            cal.add(Calibration.Measurement.ofRepeats(c.id(), side, Calibration.Source.PLAIN, warm, c.messageSize(),
                    "per round, the mean of passes 2.." + passes + " in its JVM (" + String.join("; ", each) + " records/s)" + perPoll));
        }
    }

    /** The run's broker and topic settings, at the case's own partitions when it has them. */
    private dev.kcb.bench.common.BenchTarget target(Case c) {
        return c.partitions() == null ? session.target() : session.target().withPartitions(c.partitions());
    }

    private List<String> java(String mainClass, String classpath) {
        List<String> cmd = new ArrayList<>(List.of(ChildProcess.javaBin()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", classpath, mainClass));
        return cmd;
    }

    private Path write(Properties p, String name) throws IOException {
        Path f = tmp.resolve(name);
        Properties copy = new Properties();
        copy.putAll(p);
        copy.setProperty("bootstrap.servers", session.bootstrapServers());
        try (Writer w = Files.newBufferedWriter(f)) {
            copy.store(w, "kcb calibrate: preset + --client-config + case overrides");
        }
        return f;
    }

    /** Payloads.POOL lines of random ASCII (no delimiter inside), each messageSize bytes: ProducerPerformance's --payload-file. */
    private Path payloadFile(int size) throws IOException {
        Path f = tmp.resolve("payloads-" + size + ".txt");
        if (!Files.exists(f)) {
            SplittableRandom r = new SplittableRandom(42);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Payloads.POOL; i++) {
                for (int j = 0; j < size; j++) {
                    sb.append((char) ('!' + r.nextInt(94)));
                }
                sb.append('\n');
            }
            Files.writeString(f, sb);
        }
        return f;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir; best effort
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
