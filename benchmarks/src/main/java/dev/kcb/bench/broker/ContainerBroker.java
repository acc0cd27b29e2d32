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

    /** Whether a Docker engine answers. Testcontainers caches the answer for the JVM. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
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
