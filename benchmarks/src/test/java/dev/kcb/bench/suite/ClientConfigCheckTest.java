package dev.kcb.bench.suite;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client config file is checked before anything starts, the way the user runs it ({@code ./run.sh ...}, the
 * runner's own command line, in this JVM): a key no client knows and a key a param sweeps are each one line on stderr
 * and exit 2. Every run also carries an argument that fails a later check ({@code --baseline} with no such baseline;
 * {@code ab}: external mode without servers), so that a file the checks let through fails the test at once, with that
 * line instead, and never starts a broker here.
 */
class ClientConfigCheckTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream savedErr;
    private PrintStream savedOut;

    @BeforeEach
    void capture() {
        savedErr = System.err;
        savedOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(savedErr);
        System.setOut(savedOut);
    }

    private int run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--results-dir", tmp.resolve("results").toString()));
        all.addAll(args[0].equals("ab") ? List.of("--broker", "external") : List.of("--baseline", "no-such-baseline"));
        return SuiteRunner.commandLine(all).execute(all.toArray(String[]::new));
    }

    /** The later check's line: what a file that passed its checks leads to. */
    private static final String LATER = "no-such-baseline";

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content);
    }

    @Test
    void aMistypedKeyIsRefusedWithTheNearestKnownKey() throws Exception {
        Path f = file("typo.properties", "lingr.ms=5\n");
        assertThat(run("--broker", "local", "--client-config", f.toString(), "ProducerSendBenchmark.sendAsync")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("run.sh: --client-config " + f + ": lingr.ms is not a producer, consumer or admin config;"
                + " did you mean linger.ms? (a key a plugin reads: --allow-unknown-config KEY)\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("broker");
    }

    @Test
    void aScopedKeyMustBeThatClientsConfig() throws Exception {
        Path f = file("scoped.properties", "producer.lingr.ms=5\nconsumer.acks=all\n");
        assertThat(run("--broker", "local", "--client-config", f.toString())).isEqualTo(2);
        assertThat(stderr()).startsWith("run.sh: --client-config " + f + ": consumer.acks is not a consumer config;")
                .contains("producer.lingr.ms is not a producer config; did you mean producer.linger.ms?")
                .hasLineCount(1);
    }

    @Test
    void aPluginsKeyPassesWithAWarningWhenAllowed() throws Exception {
        Path f = file("plugin.properties", "producer.interceptor.classes=com.example.Audit\naudit.topic=audit\n"
                + "com.example.audit.level=full\n");
        assertThat(run("--broker", "local", "--client-config", f.toString(), "--allow-unknown-config", "audit.topic,com.example.*"))
                .isEqualTo(2);
        assertThat(stderr().lines().toList()).hasSize(3)
                .anyMatch(l -> l.equals("run.sh: warning: --client-config " + f + ": audit.topic is not a producer, consumer or admin config;"
                        + " passed on to the clients as --allow-unknown-config asks (only a plugin that reads it uses it)"))
                .anyMatch(l -> l.startsWith("run.sh: warning: --client-config " + f + ": com.example.audit.level is not a producer"))
                .anyMatch(l -> l.contains(LATER));
    }

    @Test
    void anExternalClustersSecurityFileIsMadeOfKnownKeys() throws Exception {
        // the README's cluster.properties
        Path f = file("cluster.properties", """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="bench" password="x";
                ssl.truststore.location=/etc/kafka/truststore.jks
                ssl.truststore.password=x
                admin.request.timeout.ms=20000
                """);
        assertThat(run("--broker", "external", "--bootstrap-servers", "b1:9093", "--client-config", f.toString())).isEqualTo(2);
        assertThat(stderr()).contains(LATER).doesNotContain("config;").hasLineCount(1);
    }

    @Test
    void aSweptPropertyInTheFileIsRefusedInFavourOfTheParam() throws Exception {
        Path f = file("acks.properties", "producer.acks=2\n");
        assertThat(run("--broker", "local", "--client-config", f.toString(), "ProducerSendBenchmark.sendAsync")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("run.sh: --client-config " + f + ": producer.acks=2 sets acks, which the benchmarks sweep as"
                + " param acks; give it as -p acks=2 (the params are what runs and what run.json and the charts record)\n");
    }

    @Test
    void aPropertyNoSelectedBenchmarkSweepsIsTheFilesToSet() throws Exception {
        // poll sweeps max.poll.records and fetch.min.bytes, not linger.ms: its topic-filling producer uses the file's
        Path f = file("linger.properties", "linger.ms=20\n");
        assertThat(run("--broker", "local", "--client-config", f.toString(), "ConsumerPollBenchmark.poll")).isEqualTo(2);
        assertThat(stderr()).contains(LATER).doesNotContain("linger").hasLineCount(1);
    }

    @Test
    void abChecksBothSidesFilesAndTheirValues() throws Exception {
        Path a = file("a.properties", "linger.ms=0\n");
        Path typo = file("b.properties", "producer.batch.sise=65536\n");
        assertThat(run("ab", "--baseline-config", a.toString(), "--candidate-config", typo.toString()))
                .isEqualTo(2);
        assertThat(stderr()).isEqualTo("run.sh ab: --candidate-config " + typo + ": producer.batch.sise is not a producer config;"
                + " did you mean producer.batch.size? (a key a plugin reads: --allow-unknown-config KEY)\n");
        err.reset();
        Path acks = file("c.properties", "acks=2\n");
        assertThat(run("ab", "--baseline-config", a.toString(), "--candidate-config", acks.toString()))
                .isEqualTo(2);
        assertThat(stderr()).isEqualTo("run.sh ab: --candidate-config " + acks + ": acks: invalid value '2' for param acks;"
                + " allowed: 0, 1, all\n");
    }
}
