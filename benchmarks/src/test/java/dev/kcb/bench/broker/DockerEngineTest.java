package dev.kcb.bench.broker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The engine check against a stand-in for the Docker Engine API (its HTTP contract: GET /version, GET
 * /images/NAME/json, POST /images/create), answering as the engines seen in issue 13 did: one that answers but
 * cannot reach its registry, one that has the images, one whose pull is under way. The real engine case runs in
 * DockerCannotPullIT where an engine exists.
 */
class DockerEngineTest {
    private static final String RYUK = DockerEngine.RYUK_IMAGE;
    private static final String KAFKA = "apache/kafka:4.4.0";
    /** What Docker 20.10 answered here to a pull, with no route to Docker Hub. */
    private static final String NO_REGISTRY = "{\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\": dial tcp: "
            + "lookup registry-1.docker.io on 10.255.255.53:53: no such host\"}";

    private HttpServer engine;
    private final Map<String, Integer> images = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String pullAnswer = NO_REGISTRY;
    private volatile int pullStatus = 500;

    @AfterEach
    void stop() {
        release.countDown();
        if (engine != null) {
            engine.stop(0);
        }
    }

    private URI start() throws IOException {
        engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        engine.createContext("/", this::answer);
        engine.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        engine.start();
        return URI.create("tcp://127.0.0.1:" + engine.getAddress().getPort());
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (path.endsWith("/version")) {
            reply(x, 200, "{\"Version\":\"20.10.24+dfsg1\",\"ApiVersion\":\"1.41\"}");
        } else if (path.endsWith("/images/create")) {
            if (pullStatus != 200) {
                reply(x, pullStatus, pullAnswer);
                return;
            }
            // a pull under way: progress lines for as long as it runs (here: until the test ends)
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            out.write("{\"status\":\"Pulling from testcontainers/ryuk\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        } else if (path.contains("/images/")) {
            String name = path.substring(path.indexOf("/images/") + 8, path.length() - "/json".length());
            int status = images.getOrDefault(name, 404);
            reply(x, status, status == 200 ? "{\"Id\":\"sha256:1\"}" : "{\"message\":\"No such image: " + name + "\"}");
        } else {
            reply(x, 404, "{\"message\":\"page not found\"}");
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    @Test
    void anEngineThatCannotPullRyukIsOneLineSayingWhatAnsweredWhatFailedAndWhatToDo() throws Exception {
        URI host = start();
        images.put(KAFKA, 200);
        DockerEngine.Status s = DockerEngine.probe(host, null, List.of(RYUK, KAFKA));
        assertThat(s.ready()).isFalse();
        assertThat(s.engine()).isEqualTo("Docker 20.10.24+dfsg1 at " + host);
        assertThat(s.describe()).isEqualTo("Docker 20.10.24+dfsg1 at " + host + " answers but cannot pull " + RYUK
                + " (lookup registry-1.docker.io on 10.255.255.53:53: no such host); export TESTCONTAINERS_RYUK_DISABLED=true"
                + " (this run removes its containers itself) or pull " + RYUK);
        assertThat(s.describe()).doesNotContain("\n");
        assertThat(s.details()).as("the full answers, for the run's log").contains("https://registry-1.docker.io/v2/");
    }

    @Test
    void aMissingKafkaImageThatCannotBePulledSaysSo() throws Exception {
        URI host = start();
        DockerEngine.Status s = DockerEngine.probe(host, null, List.of(KAFKA));
        assertThat(s.describe()).endsWith("answers but cannot pull " + KAFKA
                + " (lookup registry-1.docker.io on 10.255.255.53:53: no such host); pull or load " + KAFKA);
    }

    @Test
    void imagesThatAreThereMakeContainerModeReady() throws Exception {
        URI host = start();
        images.put(RYUK, 200);
        images.put(KAFKA, 200);
        DockerEngine.Status s = DockerEngine.probe(host, null, List.of(RYUK, KAFKA));
        assertThat(s.ready()).isTrue();
        assertThat(s.describe()).isEqualTo("Docker 20.10.24+dfsg1 at " + host + " answers");
    }

    @Test
    void aPullTheEngineAcceptsIsLeftToTestcontainersAndTheCheckDoesNotWaitForIt() throws Exception {
        URI host = start();
        images.put(KAFKA, 200);
        pullStatus = 200;
        DockerEngine.Status s = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> DockerEngine.probe(host, null, List.of(RYUK, KAFKA)));
        assertThat(s.ready()).isTrue();
    }

    @Test
    void noEngineAtTheAddressIsNoEngine() throws Exception {
        URI host = start();
        engine.stop(0);
        engine = null;
        DockerEngine.Status s = DockerEngine.probe(host, null, List.of(KAFKA));
        assertThat(s.engine()).isNull();
        assertThat(s.describe()).startsWith("no Docker engine answers (" + host + ": ");
    }

    @Test
    void theCheckLeavesNoThreadRunning() throws Exception {
        URI host = start();
        DockerEngine.probe(host, null, List.of(RYUK, KAFKA));
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(n -> n.startsWith("docker-java") || n.startsWith("kcb-docker") || n.startsWith("testcontainers"));
    }

    @Test
    void theRyukImageIsTheOneTestcontainersStarts() throws Exception {
        byte[] klass;
        try (var in = org.testcontainers.DockerClientFactory.class.getResourceAsStream("/org/testcontainers/utility/RyukContainer.class")) {
            klass = in.readAllBytes();
        }
        assertThat(new String(klass, StandardCharsets.ISO_8859_1)).contains(DockerEngine.RYUK_IMAGE);
    }

    @Test
    void theEnginesMessageLosesTheUrlItTried() {
        assertThat(DockerEngine.shortReason("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup x on y: no such host"))
                .isEqualTo("lookup x on y: no such host");
        assertThat(DockerEngine.shortReason("pull access denied for apache/kafka, repository does not exist"))
                .isEqualTo("pull access denied for apache/kafka, repository does not exist");
    }
}
