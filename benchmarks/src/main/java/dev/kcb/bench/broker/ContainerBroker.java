package dev.kcb.bench.broker;

import org.testcontainers.DockerClientFactory;
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
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;

/**
 * The official {@code apache/kafka:<kafka.broker.version>} image under Testcontainers. Started in the runner
 * JVM, once per run; the forks only see its bootstrap address.
 */
public final class ContainerBroker implements Broker {
    /** Container mode runs one broker; a three-node container cluster is not built yet. */
    public static final String CONTAINER_ONE_BROKER = "--broker container runs one broker; for --brokers 3 use --broker local";
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

    /** How long the whole "does an engine answer" question may take: Testcontainers alone can spend minutes. */
    private static final Duration DOCKER_CHECK_TIMEOUT = Duration.ofSeconds(20);

    /** Whether a Docker engine answers. */
    public static boolean dockerAvailable() {
        return dockerProblem() == null;
    }

    /**
     * Null when a Docker engine answers; else why not, in a few words. An explicit {@code DOCKER_HOST} is probed
     * first and is final: Testcontainers would otherwise fall back to other sockets, and with an engine that
     * cannot pull its helper images it retries for minutes. The Testcontainers check itself is bounded too.
     */
    public static synchronized String dockerProblem() {
        if (dockerAnswer == null) {
            dockerAnswer = Optional.ofNullable(probeDockerHost(System.getenv("DOCKER_HOST"))).or(ContainerBroker::askTestcontainers);
        }
        return dockerAnswer.orElse(null);
    }

    private static Optional<String> dockerAnswer;

    /** Null when DOCKER_HOST is unset or answers a connect; else what is wrong with it. */
    static String probeDockerHost(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) {
            return null;
        }
        URI uri = URI.create(dockerHost);
        try {
            if ("unix".equals(uri.getScheme())) {
                Path socket = Path.of(uri.getPath());
                if (!Files.exists(socket)) {
                    return "DOCKER_HOST=" + dockerHost + ": no such socket";
                }
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                }
            } else if ("tcp".equals(uri.getScheme())) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()), 3000);
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "DOCKER_HOST=" + dockerHost + ": " + Readiness.rootMessage(e);
        }
    }

    private static Optional<String> askTestcontainers() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                answer.complete(DockerClientFactory.instance().isDockerAvailable());
            } catch (Throwable e) {
                answer.complete(false);
            }
        }, "kcb-docker-check");
        t.setDaemon(true);
        t.start();
        try {
            return answer.get(DOCKER_CHECK_TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? Optional.empty()
                    : Optional.of("Testcontainers found no usable engine");
        } catch (TimeoutException e) {
            return Optional.of("no answer within " + DOCKER_CHECK_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (ExecutionException e) {
            return Optional.of(Readiness.rootMessage(e));
        }
    }

    public static ContainerBroker start(String version, int brokers) {
        if (brokers != 1) {
            throw new IllegalArgumentException(CONTAINER_ONE_BROKER);
        }
        String problem = dockerProblem();
        if (problem != null) {
            throw new BrokerStartException("--broker container: no Docker engine answers (" + problem + "); start Docker, or use --broker local");
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
