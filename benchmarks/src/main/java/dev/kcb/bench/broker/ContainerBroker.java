package dev.kcb.bench.broker;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The official {@code apache/kafka:<kafka.broker.version>} image under Testcontainers. Started in the runner
 * JVM, once per run; the forks only see its bootstrap address.
 */
public final class ContainerBroker implements Broker {
    private final KafkaContainer container;
    private final String image;
    private final String version;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private ContainerBroker(KafkaContainer container, String image, String version) {
        this.container = container;
        this.image = image;
        this.version = version;
        this.shutdownHook = new Thread(this::close, "kcb-container-stop");
    }

    /**
     * Whether a Docker engine answers, within 20 s. Without DOCKER_HOST or a local socket the answer is an
     * immediate no. Testcontainers' own check can retry for minutes (pulling its Ryuk image, for one), so it runs
     * on a daemon thread with a deadline: {@code --broker auto} must never hang on a half-working Docker.
     */
    public static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                && !java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker"))) {
            return false;
        }
        java.util.concurrent.FutureTask<Boolean> check = new java.util.concurrent.FutureTask<>(() -> DockerClientFactory.instance().isDockerAvailable());
        Thread t = new Thread(check, "kcb-docker-check");
        t.setDaemon(true);
        t.start();
        try {
            return check.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            check.cancel(true);
            return false;
        }
    }

    public static ContainerBroker start(String version, int brokers) {
        if (brokers != 1) {
            throw new IllegalArgumentException("--broker container runs one broker; --brokers " + brokers + " needs --broker local");
        }
        if (!dockerAvailable()) {
            throw new BrokerStartException("--broker container: no Docker engine answers (start Docker, or use --broker local)");
        }
        String image = "apache/kafka:" + version;
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image));
        ContainerBroker broker = new ContainerBroker(container, image, version);
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        try {
            container.start();
        } catch (RuntimeException e) {
            broker.close();
            throw new BrokerStartException("container " + image + " did not start: " + Readiness.rootMessage(e), e);
        }
        return broker;
    }

    @Override
    public String mode() {
        return "container";
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int brokerCount() {
        return 1;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", image);
        m.put("containerId", container.getContainerId());
        m.put("bootstrapServers", bootstrapServers());
        m.put("env", container.getEnvMap());
        return m;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        container.stop();
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // JVM shutting down
            }
        }
    }
}
