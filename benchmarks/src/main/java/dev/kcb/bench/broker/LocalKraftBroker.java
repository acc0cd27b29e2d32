package dev.kcb.bench.broker;

import dev.kcb.bench.cost.BrokerCpu;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real KRaft cluster of {@code n} combined broker+controller nodes, each its own JVM, launched from the
 * kafka_2.13 jars that Maven resolved into {@code dist/broker/target/lib} at {@code kafka.broker.version}.
 * Nothing of the broker is on the benchmark classpath.
 *
 * <p>Ports are picked free at start (a port taken between the pick and the bind makes the node exit; the
 * whole start is then retried on fresh ports). Storage is formatted in a temporary data dir, removed by
 * {@link #close()}, which a JVM shutdown hook also runs (Ctrl-C, SIGTERM).
 */
public final class LocalKraftBroker implements Broker {
    private static final Pattern KAFKA_JAR = Pattern.compile("kafka_2\\.13-(.+)\\.jar");
    private static final int START_ATTEMPTS = 3;
    /** log.segment.bytes of the brokers this suite starts (see serverProperties). */
    public static final int SEGMENT_BYTES = 64 * 1024 * 1024;
    /**
     * Each node's JVM. A fixed heap, touched at start: with -Xms512m the heap grew mid-run, and its first use of each
     * page faulted it in during a measured iteration.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20");
    /** How long a node gets to stop on SIGTERM before SIGKILL: generous on a normal close, short on Ctrl-C. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE_ON_SIGNAL = Duration.ofSeconds(5);

    private final Path dataDir;
    private final List<Process> processes;
    private final List<Path> logs;
    private final String bootstrap;
    private final String version;
    private final Map<String, String> config;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalKraftBroker(Path dataDir, List<Process> processes, List<Path> logs, String bootstrap, String version,
                             Map<String, String> config) {
        this.dataDir = dataDir;
        this.processes = processes;
        this.logs = logs;
        this.bootstrap = bootstrap;
        this.version = version;
        this.config = config;
        this.shutdownHook = new Thread(() -> close(STOP_GRACE_ON_SIGNAL), "kcb-local-broker-stop");
    }

    /**
     * @param libDir   the broker's jars
     * @param nodes    1, or 3 for a replicated cluster
     * @param logDir   where each node's log goes (kept after close; the data dir is not)
     */
    public static LocalKraftBroker start(Path libDir, int nodes, Path logDir, Duration timeout) {
        return start(libDir, nodes, logDir, timeout, LocalKraftBroker::freePorts);
    }

    /** As above, with the port picker a test can replace (to hand out a taken port on the first attempt). */
    static LocalKraftBroker start(Path libDir, int nodes, Path logDir, Duration timeout, IntFunction<int[]> portPicker) {
        String version = versionOf(libDir);
        BrokerStartException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(libDir, version, nodes, logDir, timeout, portPicker.apply(2 * nodes));
            } catch (BrokerStartException e) {
                last = e;
                System.err.println("[kcb] local broker start attempt " + attempt + " failed: " + e.getMessage());
            }
        }
        throw last;
    }

    /** The version from the kafka_2.13-VERSION.jar in libDir; fails clearly when the jars were not built. */
    public static String versionOf(Path libDir) {
        if (!Files.isDirectory(libDir)) {
            throw new BrokerStartException("no broker jars in " + libDir + " (build with: mvn -B -DskipTests package)");
        }
        try (Stream<Path> files = Files.list(libDir)) {
            return files.map(p -> KAFKA_JAR.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> m.group(1)).findFirst()
                    .orElseThrow(() -> new BrokerStartException("no kafka_2.13 jar in " + libDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LocalKraftBroker startOnce(Path libDir, String version, int nodes, Path logDir, Duration timeout, int[] ports) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("kcb-broker-");
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new BrokerStartException("cannot create broker dirs: " + e.getMessage(), e);
        }
        String voters = Stream.iterate(1, i -> i + 1).limit(nodes)
                .map(i -> i + "@127.0.0.1:" + ports[nodes + i - 1]).collect(Collectors.joining(","));
        String bootstrap = Stream.iterate(0, i -> i + 1).limit(nodes)
                .map(i -> "127.0.0.1:" + ports[i]).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = libDir.toAbsolutePath() + "/*";
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        Map<String, String> shown = null;
        LocalKraftBroker broker = null;
        try {
            Path log4j = writeLog4j(dataDir);
            for (int node = 1; node <= nodes; node++) {
                Properties props = serverProperties(node, nodes, ports[node - 1], ports[nodes + node - 1], voters,
                        dataDir.resolve("node-" + node + "/data"));
                Path file = dataDir.resolve("node-" + node + "/server.properties");
                Files.createDirectories(file.getParent());
                try (var w = Files.newBufferedWriter(file)) {
                    props.store(w, "kafka-client-bench local broker node " + node);
                }
                if (shown == null) {
                    shown = new java.util.TreeMap<>();
                    for (String k : props.stringPropertyNames()) {
                        shown.put(k, props.getProperty(k));
                    }
                }
                Path log = logDir.resolve(nodes == 1 ? "broker.log" : "broker-" + node + ".log");
                logs.add(log);
                format(java, classpath, clusterId, file, log);
                List<String> cmd = new ArrayList<>(List.of(java));
                cmd.addAll(JVM_OPTIONS);
                cmd.addAll(List.of("-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + log4j, "-Dkcb.broker=" + dataDir,
                        "-cp", classpath, "kafka.Kafka", file.toString()));
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                processes.add(pb.start());
            }
            broker = new LocalKraftBroker(dataDir, processes, logs, bootstrap, version, shown);
            Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
            LocalKraftBroker b = broker;
            Readiness.await(bootstrap, new Properties(), nodes, timeout, b::deadReason);
            return broker;
        } catch (IOException e) {
            cleanUp(broker, processes, dataDir);
            throw new BrokerStartException("cannot start local broker: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanUp(broker, processes, dataDir);
            throw e;
        }
    }

    private static void cleanUp(LocalKraftBroker broker, List<Process> processes, Path dataDir) {
        if (broker != null) {
            broker.close();
        } else {
            processes.forEach(Process::destroyForcibly);
            deleteRecursively(dataDir);
        }
    }

    private static Properties serverProperties(int node, int nodes, int port, int controllerPort, String voters, Path data) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(node));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", data.toString());
        String rf = String.valueOf(Math.min(nodes, 3));
        p.setProperty("offsets.topic.replication.factor", rf);
        p.setProperty("transaction.state.log.replication.factor", rf);
        p.setProperty("transaction.state.log.min.isr", nodes >= 3 ? "2" : "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", rf);
        p.setProperty("share.coordinator.state.topic.min.isr", nodes >= 3 ? "2" : "1");
        p.setProperty("num.partitions", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        // Each trial deletes its topic. By default the broker removes the files 60 s later, which landed a GB-sized
        // deletion in a later fork's measured iterations; at 0 they go while the trial tears down, between forks.
        p.setProperty("log.segment.delete.delay.ms", "0");
        // The default 1 GiB segment rolled about 25 s into a fork at 400k records/s of 100 B, and the roll's flush of
        // the whole segment took two or three measured iterations down by a third. 64 MiB segments roll every second
        // or two, so every iteration pays the same small share instead of one paying it all.
        p.setProperty("log.segment.bytes", String.valueOf(SEGMENT_BYTES));
        return p;
    }

    private static Path writeLog4j(Path dataDir) throws IOException {
        Path f = dataDir.resolve("log4j2.properties");
        Files.writeString(f, String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.kafka.name = kafka",
                "logger.kafka.level = info",
                "logger.state.name = state.change.logger",
                "logger.state.level = warn",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = warn",
                ""));
        return f;
    }

    private static void format(String java, String classpath, String clusterId, Path config, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", clusterId, "-c", config.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new BrokerStartException("formatting KRaft storage failed; see " + log + ": " + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new BrokerStartException("interrupted while formatting storage");
        }
    }

    /** Ports free right now on loopback. */
    static int[] freePorts(int count) {
        int[] ports = new int[count];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new BrokerStartException("no free ports: " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
        return ports;
    }

    /** Null while every node runs; else which node died, with the tail of its log. */
    @Override
    public String deadReason() {
        for (int i = 0; i < processes.size(); i++) {
            if (!processes.get(i).isAlive()) {
                int code = processes.get(i).exitValue();
                String where = "; see " + logs.get(i);
                return "local broker node " + (i + 1) + " exited with code " + code
                        + (code == 137 ? " (killed: SIGKILL)" + where : where + ": " + tail(logs.get(i)));
            }
        }
        return null;
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.stream().filter(l -> l.contains("ERROR") || l.contains("Exception")).reduce((a, b) -> b)
                    .orElse(lines.isEmpty() ? "(empty log)" : lines.get(lines.size() - 1));
        } catch (IOException e) {
            return "(log unreadable)";
        }
    }

    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    @Override
    public BrokerCpu cpu() {
        return BrokerCpu.ofPids(pids());
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public String mode() {
        return "local";
    }

    @Override
    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int brokerCount() {
        return processes.size();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bootstrapServers", bootstrap);
        m.put("nodes", processes.size());
        m.put("roles", "broker,controller (combined KRaft nodes)");
        m.put("jvmOptions", String.join(" ", JVM_OPTIONS));
        m.put("serverProperties", config);
        m.put("logs", logs.stream().map(Path::toString).toList());
        m.put("dataDir", dataDir.toString());
        m.put("pids", pids());
        return m;
    }

    /** Stops every node (SIGTERM, then SIGKILL after 20 s) and removes the data dir. Safe to call twice. */
    @Override
    public void close() {
        close(STOP_GRACE);
    }

    private synchronized void close(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(dataDir);
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort; reported below if the dir survives
                }
            });
        } catch (IOException ignored) {
            // reported below
        }
        if (Files.exists(dir)) {
            System.err.println("[kcb] could not remove broker data dir " + dir);
        }
    }
}
