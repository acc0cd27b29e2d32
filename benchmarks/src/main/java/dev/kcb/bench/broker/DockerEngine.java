package dev.kcb.bench.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a Docker engine can do for container mode, asked before Testcontainers is: does an engine answer, and are the
 * images a container run needs there, or can the engine pull them.
 *
 * <p>Why not Testcontainers' own check: {@code DockerClientFactory.isDockerAvailable()} starts its Ryuk reaper,
 * and an engine that answers but cannot pull {@code testcontainers/ryuk} (a proxy, an offline laptop, a CI runner
 * with some images cached) makes it retry the pull for two minutes, one stack trace per retry, in a thread that
 * outlives any timeout put around it: it went on during the benchmarks. This asks the engine's API directly,
 * through the transport Testcontainers resolved (DOCKER_HOST, the default socket, its properties file), with
 * seconds-long timeouts: a version request, one inspect per image and, for an image not there, one pull request,
 * which an engine that cannot reach its registry refuses at once. Nothing is left running.
 */
public final class DockerEngine {
    /**
     * @param engine  what answered ("Docker 26.1.5 at unix:///var/run/docker.sock"); null: nothing did
     * @param problem null when container mode can start; else what stands in its way, in a few words
     * @param advice  what the user can do about the problem; null when there is nothing to suggest but Docker itself
     * @param details the engine's answers in full, for the run's log
     */
    public record Status(String engine, String problem, String advice, String details) {
        public boolean ready() {
            return engine != null && problem == null;
        }

        /** One line: what answered, what failed and why, what to do. */
        public String describe() {
            if (engine == null) {
                return "no Docker engine answers (" + problem + ")";
            }
            if (problem == null) {
                return engine + " answers";
            }
            return engine + " answers but " + problem + (advice == null ? "" : "; " + advice);
        }
    }

    static final String DEFAULT_SOCKET = "/var/run/docker.sock";
    /**
     * The reaper image Testcontainers 2.0.5 starts (its package-private RyukContainer names it; its configuration's
     * getRyukImage() has no tag). DockerEngineTest fails if an upgrade names another.
     */
    static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";
    /** Resolving the transport: Testcontainers tries its strategies, each with its own ping. */
    private static final Duration TRANSPORT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** An engine that cannot reach its registry answers a pull request within its DNS or connect timeout. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);

    private static final Map<String, Status> ANSWERS = new HashMap<>();

    private DockerEngine() {
    }

    /** Whether container mode can start the given image here (cached for the JVM: the tests ask it many times). */
    public static synchronized Status status(String kafkaImage) {
        return ANSWERS.computeIfAbsent(kafkaImage, DockerEngine::ask);
    }

    /** The images a run of {@code kafkaImage} needs: it, and Ryuk unless TESTCONTAINERS_RYUK_DISABLED=true. */
    static List<String> neededImages(String kafkaImage) {
        List<String> images = new ArrayList<>();
        if (!Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            images.add(substituted(RYUK_IMAGE));
        }
        images.add(substituted(kafkaImage));
        return images;
    }

    private static String substituted(String image) {
        return ImageNameSubstitutor.instance().apply(DockerImageName.parse(image)).asCanonicalNameString();
    }

    private static Status ask(String kafkaImage) {
        String dockerHost = System.getenv("DOCKER_HOST");
        String noEngine = probeDockerHost(dockerHost);
        if (noEngine == null) {
            noEngine = noDefaultSocket(dockerHost, Path.of(DEFAULT_SOCKET));
        }
        if (noEngine != null) {
            return new Status(null, noEngine, null, noEngine);
        }
        TransportConfig transport;
        try {
            transport = transport();
        } catch (RuntimeException e) {
            String why = "Testcontainers found no usable engine: " + Readiness.rootMessage(e);
            return new Status(null, why, null, why);
        }
        return probe(transport.getDockerHost(), transport.getSslConfig(), neededImages(kafkaImage));
    }

    /** Testcontainers' resolution of the engine's address (no Ryuk, no client), bounded in time. */
    private static TransportConfig transport() {
        CompletableFuture<TransportConfig> answer = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                answer.complete(DockerClientFactory.instance().getTransportConfig());
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        }, "kcb-docker-check");
        t.setDaemon(true);
        t.start();
        try {
            return answer.get(TRANSPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new IllegalStateException("no answer within " + TRANSPORT_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(Readiness.rootMessage(e.getCause()), e.getCause());
        }
    }

    /** Asks the engine at {@code host} for its version, then for each image: there, pullable, or why not. */
    static Status probe(URI host, SSLConfig ssl, List<String> images) {
        StringBuilder details = new StringBuilder();
        try (DockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(host).sslConfig(ssl)
                .connectionTimeout(CONNECT_TIMEOUT).responseTimeout(RESPONSE_TIMEOUT).build()) {
            Answer version = request(http, DockerHttpClient.Request.Method.GET, "/version");
            details.append("GET /version: ").append(version).append('\n');
            if (version.status != 200) {
                return new Status(null, host + " answered HTTP " + version.status + " to /version", null, details.toString());
            }
            String engine = "Docker " + json(version.body).path("Version").asText("?") + " at " + host;
            for (String image : images) {
                Answer inspect = request(http, DockerHttpClient.Request.Method.GET, "/images/" + image + "/json");
                details.append("GET /images/").append(image).append("/json: HTTP ").append(inspect.status).append('\n');
                if (inspect.status == 200) {
                    continue;
                }
                DockerImageName name = DockerImageName.parse(image);
                Answer pull = request(http, DockerHttpClient.Request.Method.POST, "/images/create?fromImage="
                        + encode(name.getUnversionedPart()) + "&tag=" + encode(name.getVersionPart()));
                details.append("POST /images/create ").append(image).append(": ").append(pull).append('\n');
                if (pull.status != 200) {
                    return new Status(engine, "cannot pull " + image + " (" + shortReason(json(pull.body).path("message")
                            .asText(pull.body)) + ")", advice(image, images), details.toString());
                }
                // the engine can pull it: Testcontainers will, with its own progress lines
            }
            return new Status(engine, null, null, details.toString());
        } catch (IOException | RuntimeException e) {
            details.append(Readiness.rootMessage(e));
            return new Status(null, host + ": " + Readiness.rootMessage(e), null, details.toString());
        }
    }

    private static String advice(String image, List<String> images) {
        boolean ryuk = images.size() > 1 && image.equals(images.get(0));
        return ryuk ? "export TESTCONTAINERS_RYUK_DISABLED=true (this run removes its containers itself) or pull " + image
                : "pull or load " + image;
    }

    /** The engine's message without the URL it tried ({@code Get "https://registry-1.docker.io/v2/": dial tcp: }). */
    static String shortReason(String message) {
        String m = message.strip().replaceFirst("^(Get|Head|Post) \"[^\"]*\": ", "").replaceFirst("^dial tcp: ", "");
        return m.length() <= 120 ? m : m.substring(0, 117) + "...";
    }

    private record Answer(int status, String body) {
        @Override
        public String toString() {
            return "HTTP " + status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body.strip());
        }
    }

    private static Answer request(DockerHttpClient http, DockerHttpClient.Request.Method method, String path) throws IOException {
        DockerHttpClient.Request.Builder b = DockerHttpClient.Request.builder().method(method).path(path);
        if (method == DockerHttpClient.Request.Method.POST) {
            b.body(InputStream.nullInputStream());
        }
        try (DockerHttpClient.Response r = http.execute(b.build())) {
            int status = r.getStatusCode();
            // a pull the engine accepted streams its progress for as long as it runs: read none of it
            String body = status == 200 && method == DockerHttpClient.Request.Method.POST ? ""
                    : new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, body);
        }
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Without DOCKER_HOST, without a socket where Testcontainers looks by default (the system socket, a rootless
     * engine's under XDG_RUNTIME_DIR) and without a ~/.docker or ~/.testcontainers.properties that could name another
     * engine, there is nothing to ask: say so in a few words instead of letting Testcontainers log its search at ERROR
     * (a first run on a machine without Docker would open with "Could not find a valid Docker environment").
     */
    static String noDefaultSocket(String dockerHost, Path socket) {
        if (dockerHost != null && !dockerHost.isBlank() || Files.exists(socket)) {
            return null;
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        Path home = Path.of(System.getProperty("user.home"));
        if (xdg != null && !xdg.isBlank() && Files.exists(Path.of(xdg, "docker.sock"))
                || Files.exists(home.resolve(".docker")) || namesAnotherEngine(home.resolve(".testcontainers.properties"))) {
            return null;
        }
        return "DOCKER_HOST unset and no " + socket;
    }

    /**
     * Testcontainers writes ~/.testcontainers.properties itself after finding the default socket once; only a
     * docker.host or tc.host in it, or a strategy other than the socket/environment ones, points elsewhere.
     */
    static boolean namesAnotherEngine(Path tcProperties) {
        if (!Files.isReadable(tcProperties)) {
            return false;
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(tcProperties)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return true; // unreadable: let Testcontainers make sense of it
        }
        String strategy = p.getProperty("docker.client.strategy", "");
        return p.containsKey("docker.host") || p.containsKey("tc.host")
                || !(strategy.isEmpty() || strategy.endsWith(".UnixSocketClientProviderStrategy")
                || strategy.endsWith(".EnvironmentAndSystemPropertyClientProviderStrategy"));
    }

    /**
     * Null when DOCKER_HOST is unset or answers a connect; else what is wrong with it. An explicit DOCKER_HOST is
     * final: Testcontainers would otherwise fall back to other sockets.
     */
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
            } else {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()), 3000);
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "DOCKER_HOST=" + dockerHost + ": " + Readiness.rootMessage(e);
        }
    }
}
