package dev.kcb.bench.broker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.kcb.bench.cost.BrokerCpu;
import org.apache.kafka.common.Uuid;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The official {@code apache/kafka:<kafka.broker.version>} image under Testcontainers. Started in the runner
 * JVM, once per run; the forks only see its bootstrap address.
 *
 * <p>One broker: a single {@link KafkaContainer} as Testcontainers configures it. {@code n > 1} brokers: n
 * KafkaContainers on one Docker {@link Network}, each a combined broker+controller KRaft node ({@code KAFKA_NODE_ID}
 * 1..n, network alias {@code kafka-<id>}, a shared {@code CLUSTER_ID}, the n controllers as the voters at
 * {@code kafka-<id>:9094}), started at once (no node reaches RUNNING before the quorum forms), internal topics at
 * replication factor min(n, 3). KafkaContainer's own listeners do the rest: PLAINTEXT on 9092 advertised to the
 * host at the mapped port (what the forks use), BROKER on 9093 advertised at the container's hostname on the
 * network (replication), CONTROLLER on 9094.
 */
public final class ContainerBroker implements Broker {
    /** Each node's heap in a container cluster: small, so that three fit on a small machine beside the forks. */
    static final String CLUSTER_NODE_HEAP = "-Xmx512m -Xms512m";
    /** The CONTROLLER listener's port in KafkaContainer's listener set. */
    static final int CONTROLLER_PORT = 9094;
    /** How long a cluster node's container may take to log RUNNING (three JVMs starting at once on 2 cores). */
    private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(150);
    /** After every node runs: how long until the metadata lists every broker. */
    private static final Duration CLUSTER_READY_TIMEOUT = Duration.ofSeconds(60);

    private final List<KafkaContainer> containers;
    /** Null for one broker. */
    private final Network network;
    private final String image;
    private final String version;
    /** Where a cluster's node logs are saved on close; null: not saved. */
    private final Path logDir;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private ContainerBroker(List<KafkaContainer> containers, Network network, String image, String version, Path logDir) {
        this.containers = containers;
        this.network = network;
        this.image = image;
        this.version = version;
        this.logDir = logDir;
        this.shutdownHook = new Thread(this::close, "kcb-container-stop");
    }

    /** The official image of a Kafka version. */
    public static String image(String version) {
        return "apache/kafka:" + version;
    }

    public static ContainerBroker start(String version, int brokers) {
        return start(version, brokers, null);
    }

    /**
     * @param brokers 1: one KafkaContainer; more: a KRaft cluster of that many containers
     * @param logDir  a cluster's node logs are saved there as broker-N.log when it stops; null: not saved
     */
    public static ContainerBroker start(String version, int brokers, Path logDir) {
        if (brokers < 1) {
            throw new IllegalArgumentException("--brokers must be >= 1");
        }
        String image = image(version);
        DockerEngine.Status docker = DockerEngine.status(image);
        if (!docker.ready()) {
            throw new BrokerStartException("--broker container: " + docker.describe() + (docker.engine() == null
                    ? "; start Docker, or use --broker local" : "; or use --broker local"));
        }
        return brokers == 1 ? startOne(image, version) : startCluster(image, version, brokers, logDir);
    }

    /**
     * The broker settings local mode uses for steady measurements (see LocalKraftBroker's serverProperties): 64 MiB
     * segments, so no single iteration pays for flushing a 1 GiB roll, and deleted topics' files go at once, between
     * forks, instead of 60 s later in another fork's measurement.
     */
    static final Map<String, String> MEASUREMENT_ENV = Map.of(
            "KAFKA_LOG_SEGMENT_BYTES", String.valueOf(LocalKraftBroker.SEGMENT_BYTES),
            "KAFKA_LOG_SEGMENT_DELETE_DELAY_MS", "0");

    private static ContainerBroker startOne(String image, String version) {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image)).withEnv(MEASUREMENT_ENV);
        ContainerBroker broker = new ContainerBroker(List.of(container), null, image, version, null);
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        try {
            container.start();
        } catch (RuntimeException e) {
            broker.close();
            throw new BrokerStartException("container " + image + " did not start: " + Readiness.rootMessage(e), e);
        }
        return broker;
    }

    static String alias(int node) {
        return "kafka-" + node;
    }

    /** The env a cluster node gets on top of KafkaContainer's own (listeners, roles, controller listener name). */
    static Map<String, String> clusterEnv(int node, int nodes, String clusterId) {
        String voters = IntStream.rangeClosed(1, nodes).mapToObj(i -> i + "@" + alias(i) + ":" + CONTROLLER_PORT)
                .collect(Collectors.joining(","));
        String rf = String.valueOf(Math.min(nodes, 3));
        String minIsr = nodes >= 3 ? "2" : "1";
        Map<String, String> env = new TreeMap<>();
        env.put("CLUSTER_ID", clusterId);
        env.put("KAFKA_NODE_ID", String.valueOf(node));
        env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", voters);
        env.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", rf);
        env.put("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", String.valueOf(nodes));
        env.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", rf);
        env.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", minIsr);
        env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", rf);
        env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", minIsr);
        env.put("KAFKA_HEAP_OPTS", CLUSTER_NODE_HEAP);
        env.putAll(MEASUREMENT_ENV);
        return env;
    }

    private static ContainerBroker startCluster(String image, String version, int nodes, Path logDir) {
        Network network = Network.newNetwork();
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaContainer> containers = new ArrayList<>();
        for (int node = 1; node <= nodes; node++) {
            containers.add(new KafkaContainer(DockerImageName.parse(image))
                    .withNetwork(network)
                    .withNetworkAliases(alias(node))
                    .withEnv(clusterEnv(node, nodes, clusterId))
                    .withStartupTimeout(NODE_START_TIMEOUT));
        }
        ContainerBroker broker = new ContainerBroker(List.copyOf(containers), network, image, version, logDir);
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        String what = "container cluster of " + nodes + " x " + image;
        try {
            broker.startAllAtOnce();
            Readiness.await(broker.bootstrapServers(), new Properties(), nodes, CLUSTER_READY_TIMEOUT, broker::deadReason);
            return broker;
        } catch (BrokerStartException e) {
            broker.close();
            throw new BrokerStartException(what + " did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            broker.close();
            throw new BrokerStartException(what + " did not start: " + Readiness.rootMessage(e), e);
        }
    }

    /**
     * Starts every node in its own thread: a node logs RUNNING only once a majority of the voters is up, so
     * starting them one by one would time out the first. Throws naming the first node that failed.
     */
    private void startAllAtOnce() {
        ExecutorService pool = Executors.newFixedThreadPool(containers.size(), r -> {
            Thread t = new Thread(r, "kcb-container-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> starts = containers.stream()
                    .map(c -> CompletableFuture.runAsync(c::start, pool)).toList();
            long deadline = System.nanoTime() + NODE_START_TIMEOUT.plusSeconds(30).toNanos();
            for (int i = 0; i < starts.size(); i++) {
                try {
                    starts.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    throw new BrokerStartException(nodeName(i) + ": " + Readiness.rootMessage(e) + lastError(i), e);
                } catch (TimeoutException e) {
                    throw new BrokerStartException(nodeName(i) + " not running within "
                            + NODE_START_TIMEOUT.plusSeconds(30).toSeconds() + " s" + lastError(i));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrokerStartException("interrupted while starting " + nodeName(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** "container 1a2b3c4d5e6f (apache/kafka:4.4.0)", or in a cluster "container node 2 of 3 (kafka-2, 1a2b3c4d5e6f)". */
    private String nodeName(int i) {
        String id = containers.get(i).getContainerId();
        String shortId = id == null ? null : id.substring(0, Math.min(12, id.length()));
        if (network == null) {
            return "container " + (shortId == null ? "" : shortId + " ") + "(" + image + ")";
        }
        return "container node " + (i + 1) + " of " + containers.size() + " (" + alias(i + 1) + (shortId == null ? "" : ", " + shortId) + ")";
    }

    /** "; last error in its log: ..." from the node's container log, or "" when none is readable. */
    private String lastError(int i) {
        try {
            String logs = containers.get(i).getLogs();
            return logs.lines().filter(l -> l.contains("ERROR") || l.contains("Exception")).reduce((a, b) -> b)
                    .map(l -> "; last error in its log: " + l.strip()).orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Override
    public String mode() {
        return "container";
    }

    @Override
    public String bootstrapServers() {
        return containers.stream().map(KafkaContainer::getBootstrapServers).collect(Collectors.joining(","));
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int brokerCount() {
        return containers.size();
    }

    /** Null while every container runs (or Docker cannot say); else which one stopped, and with what exit code. */
    @Override
    public String deadReason() {
        for (int i = 0; i < containers.size(); i++) {
            String id = containers.get(i).getContainerId();
            if (id == null) {
                continue;
            }
            try {
                InspectContainerResponse.ContainerState state = DockerClientFactory.instance().client().inspectContainerCmd(id).exec().getState();
                if (!Boolean.TRUE.equals(state.getRunning())) {
                    Long code = state.getExitCodeLong();
                    return nodeName(i) + " exited with code " + code
                            + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (out of memory)"
                            : code != null && code == 137 ? " (killed: SIGKILL)" : lastError(i));
                }
            } catch (NotFoundException e) {
                return nodeName(i) + " is gone (removed)";
            } catch (RuntimeException e) {
                // Docker did not answer: the state is not known
            }
        }
        return null;
    }

    /** Each container's cgroup, found from the pid Docker reports for its main process (see BrokerCpu). */
    @Override
    public BrokerCpu cpu() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (KafkaContainer c : containers) {
            Long pid = c.getContainerInfo().getState().getPidLong();
            if (pid == null || pid <= 0) {
                return BrokerCpu.unavailable("Docker reports no host pid for container " + c.getContainerId());
            }
            pids.put(c.getContainerId(), pid);
        }
        return BrokerCpu.ofContainers(pids);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", image);
        if (network == null) {
            KafkaContainer container = containers.get(0);
            m.put("containerId", container.getContainerId());
            m.put("bootstrapServers", bootstrapServers());
            m.put("env", container.getEnvMap());
            return m;
        }
        m.put("nodes", containers.size());
        m.put("roles", "broker,controller (combined KRaft nodes, one container each)");
        m.put("containerIds", containers.stream().map(KafkaContainer::getContainerId).toList());
        m.put("network", network.getId());
        m.put("bootstrapServers", bootstrapServers());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            KafkaContainer c = containers.get(i);
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("node", i + 1);
            n.put("alias", alias(i + 1));
            n.put("containerId", c.getContainerId());
            n.put("bootstrapServer", c.getBootstrapServers());
            n.put("advertisedListeners", "PLAINTEXT://" + c.getBootstrapServers() + ",BROKER://"
                    + c.getContainerInfo().getConfig().getHostName() + ":9093");
            n.put("env", new TreeMap<>(c.getEnvMap()));
            nodes.add(n);
        }
        m.put("nodeConfigs", nodes);
        if (logDir != null) {
            m.put("logs", IntStream.rangeClosed(1, containers.size()).mapToObj(i -> logDir.resolve("broker-" + i + ".log").toString()).toList());
        }
        return m;
    }

    /** Stops every container (saving a cluster's node logs first) and removes the network. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < containers.size(); i++) {
            KafkaContainer c = containers.get(i);
            if (logDir != null && c.getContainerId() != null) {
                saveLog(c, logDir.resolve("broker-" + (i + 1) + ".log"));
            }
            try {
                c.stop();
            } catch (RuntimeException e) {
                System.err.println("[kcb] could not stop " + nodeName(i) + ": " + Readiness.rootMessage(e));
            }
        }
        if (network != null) {
            try {
                network.close();
            } catch (RuntimeException e) {
                System.err.println("[kcb] could not remove Docker network " + network.getId() + ": " + Readiness.rootMessage(e));
            }
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // JVM shutting down
            }
        }
    }

    private static void saveLog(KafkaContainer c, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, c.getLogs());
        } catch (IOException | RuntimeException e) {
            System.err.println("[kcb] could not save the log of container " + c.getContainerId() + ": " + Readiness.rootMessage(e));
        }
    }
}
