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
 */
final class References {
    private final RunSession session;
    private final Path toolsLib;
    private final Path tmp;
    private final long records;
    private final int passes;
    private final List<String> jvmArgs;
    private final Path logs;

    References(RunSession session, Path toolsLib, Path tmp, long records, int passes, List<String> jvmArgs) {
        this.session = session;
        this.toolsLib = toolsLib;
        this.tmp = tmp;
        this.records = records;
        this.passes = passes;
        this.jvmArgs = jvmArgs;
        this.logs = session.runDir().resolve("calibration");
    }

    private Duration timeout() {
        return Duration.ofSeconds(120 + records / 5_000);
    }

    /** ProducerPerformance twice (random payload, then --payload-file), ConsumerPerformance on the first run's topic. */
    String tools(Case c, Properties producer, Properties consumer, Calibration cal) throws IOException {
        Path producerFile = write(producer, c.id() + "-producer.properties");
        Path consumerFile = write(consumer, c.id() + "-consumer.properties");
        String error = null;
        try (Topics topic = Topics.create(session.target(), "calib-tool")) {
            error = producerTool(c, topic.name(), producerFile, List.of("--record-size", String.valueOf(c.messageSize())),
                    Calibration.Source.TOOL, cal);
            error = first(error, consumerTool(c, topic.name(), consumerFile, cal));
        }
        try (Topics topic = Topics.create(session.target(), "calib-tool-file")) {
            error = first(error, producerTool(c, topic.name(), producerFile, List.of("--payload-file", payloadFile(c.messageSize()).toString()),
                    Calibration.Source.TOOL_PAYLOAD_FILE, cal));
        }
        return error;
    }

    private String producerTool(Case c, String topic, Path config, List<String> payload, Calibration.Source source, Calibration cal)
            throws IOException {
        List<String> cmd = java("org.apache.kafka.tools.ProducerPerformance", toolsLib.resolve("*").toString());
        cmd.addAll(List.of("--bootstrap-server", session.bootstrapServers(), "--topic", topic, "--num-records", String.valueOf(records),
                "--throughput", "-1", "--command-config", config.toString()));
        cmd.addAll(payload);
        System.out.println("  " + source.label);
        ChildProcess.Outcome o = ChildProcess.run(cmd, logs.resolve(c.id() + "-" + (source == Calibration.Source.TOOL ? "producer-perf" : "producer-perf-payload-file") + ".log"), timeout());
        try {
            if (!o.ok()) {
                throw new IllegalArgumentException("exit code " + o.exitCode() + ": " + o.lastLine());
            }
            ToolOutput.Producer p = ToolOutput.producer(o.output());
            double mb = p.mibPerSec() * ToolOutput.MIB_TO_MB;
            cal.add(new Calibration.Measurement(c.id(), "producer", source, p.recordsPerSec(), mb,
                    String.format((source == Calibration.Source.TOOL ? "random payload per record; " : "payloads from file; ") + "first send to close; avg latency %.1f ms, p99 %.0f ms; tool printed %.2f MB/s in MiB", p.avgLatencyMs(), p.p99Ms(), p.mibPerSec()), null));
            return null;
        } catch (IllegalArgumentException e) {
            String msg = "ProducerPerformance (" + c.id() + ") failed: " + e.getMessage() + " (log: " + o.log() + ")";
            cal.add(new Calibration.Measurement(c.id(), "producer", source, Double.NaN, Double.NaN, "", msg));
            return msg;
        }
    }

    private String consumerTool(Case c, String topic, Path config, Calibration cal) throws IOException {
        List<String> cmd = java("org.apache.kafka.tools.ConsumerPerformance", toolsLib.resolve("*").toString());
        cmd.addAll(List.of("--bootstrap-server", session.bootstrapServers(), "--topic", topic, "--num-records", String.valueOf(records),
                "--command-config", config.toString(), "--group", "kcb-perf-" + UUID.randomUUID().toString().substring(0, 8),
                "--timeout", "30000"));
        System.out.println("  ConsumerPerformance");
        ChildProcess.Outcome o = ChildProcess.run(cmd, logs.resolve(c.id() + "-consumer-perf.log"), timeout());
        try {
            if (!o.ok()) {
                throw new IllegalArgumentException("exit code " + o.exitCode() + ": " + o.lastLine());
            }
            ToolOutput.Consumer p = ToolOutput.consumer(o.output());
            if (p.records() < records) {
                throw new IllegalArgumentException("consumed " + p.records() + " of " + records + " records");
            }
            cal.add(new Calibration.Measurement(c.id(), "consumer", Calibration.Source.TOOL, p.fetchRecordsPerSec(), p.fetchMibPerSec() * ToolOutput.MIB_TO_MB,
                    String.format("fetch rate (group join of %d ms left out; with it %,.0f records/s); tool printed %.2f MB/s in MiB",
                            p.rebalanceMs(), p.recordsPerSec(), p.fetchMibPerSec()), null));
            return null;
        } catch (IllegalArgumentException e) {
            String msg = "ConsumerPerformance (" + c.id() + ") failed: " + e.getMessage() + " (log: " + o.log() + ")";
            cal.add(new Calibration.Measurement(c.id(), "consumer", Calibration.Source.TOOL, Double.NaN, Double.NaN, "", msg));
            return msg;
        }
    }

    /** The plain loop: JavaDriver, N records per pass with a callback, waiting for every ack; then the same records consumed. */
    String plainLoop(Case c, Properties producer, Properties consumer, Calibration cal) throws IOException {
        System.out.println("  plain loop (" + passes + " passes)");
        ChildProcess.Outcome o;
        try (Topics topic = Topics.create(session.target(), "calib-plain")) {
            List<String> cmd = java(JavaDriver.class.getName(), System.getProperty("java.class.path"));
            cmd.addAll(List.of("--bootstrap-servers", session.bootstrapServers(), "--topic", topic.name(), "--records", String.valueOf(records),
                    "--message-size", String.valueOf(c.messageSize()), "--partitions", String.valueOf(session.options().partitions()),
                    "--passes", String.valueOf(passes),
                    "--producer-config", write(producer, c.id() + "-producer.properties").toString(),
                    "--consumer-config", write(consumer, c.id() + "-consumer.properties").toString()));
            o = ChildProcess.run(cmd, logs.resolve(c.id() + "-plain-loop.log"), timeout().multipliedBy(passes));
        }
        try {
            JsonNode result = DriverOutput.parse(o);
            for (String side : List.of("producer", "consumer")) {
                String secs = side.equals("producer") ? "produceSeconds" : "consumeSeconds";
                JsonNode ps = result.path("passes");
                double cold = records / ps.get(0).path(secs).asDouble();
                List<String> each = new ArrayList<>();
                double sum = 0;
                double seconds = 0;
                long polls = 0;
                for (int i = 1; i < ps.size(); i++) {
                    double rate = records / ps.get(i).path(secs).asDouble();
                    each.add(String.format("%,.0f", rate));
                    sum += rate;
                    seconds += ps.get(i).path(secs).asDouble();
                    polls += ps.get(i).path("polls").asLong();
                }
                double warm = sum / (ps.size() - 1);
                String perPoll = side.equals("consumer") && polls > 0
                        ? String.format("; %.0f records and %.2f ms per poll()", (double) records * (ps.size() - 1) / polls, 1000 * seconds / polls) : "";
                cal.add(new Calibration.Measurement(c.id(), side, Calibration.Source.PLAIN_COLD, cold, cold * c.messageSize() / 1e6,
                        String.format("%,d records in %.2f s, cold JVM", records, ps.get(0).path(secs).asDouble()), null));
                cal.add(new Calibration.Measurement(c.id(), side, Calibration.Source.PLAIN, warm, warm * c.messageSize() / 1e6,
                        "mean of passes 2.." + ps.size() + " (" + String.join(", ", each) + " records/s)" + perPoll, null));
            }
            return null;
        } catch (IllegalArgumentException e) {
            String msg = "plain loop (" + c.id() + ") failed: " + e.getMessage() + " (log: " + o.log() + ")";
            for (String side : List.of("producer", "consumer")) {
                cal.add(new Calibration.Measurement(c.id(), side, Calibration.Source.PLAIN, Double.NaN, Double.NaN, "", msg));
            }
            return msg;
        }
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
