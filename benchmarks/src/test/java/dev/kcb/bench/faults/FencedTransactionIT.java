package dev.kcb.bench.faults;

import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fatal transactional error mid-run, made for real: while {@code TransactionalProducerBenchmark} measures, a second
 * producer takes the trial's {@code transactional.id} and calls {@code initTransactions()}, which fences the benchmark's
 * producer on the broker. Its next send or commit fails with {@code ProducerFencedException} (or
 * {@code InvalidProducerEpochException}), a fatal error like the {@code InvalidTxnStateException} a CI run once hit.
 * The run must fail loudly, naming the cause, and promptly: an earlier version hung past its test's 240 s after such an
 * error, because the runner's search for the failure's root cause followed a cycle of suppressed exceptions forever.
 */
class FencedTransactionIT {
    @TempDir
    Path results;

    @Test
    void aFencedProducerFailsTheRunPromptlyAndSaysWhy() throws Exception {
        String bootstrap = TestBroker.shared().bootstrapServers();
        Process suite = SuiteProcess.start(results, Map.of(), "--broker", "external", "--bootstrap-servers", bootstrap,
                "--profile", "smoke", "--run-id", "fenced", "TransactionalProducerBenchmark", "-p", "recordsPerTransaction=100",
                "-f", "1", "-wi", "1", "-w", "1", "-i", "30", "-r", "1");
        try {
            String id = awaitTransactionalId(bootstrap, suite, 120);
            long fenced;
            try (KafkaProducer<byte[], byte[]> thief = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, id,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
                thief.initTransactions();
                fenced = System.nanoTime();
            }
            // 30 measured 1 s iterations remain if the run ignores the fence; it must end well before them
            boolean ended = suite.waitFor(60, TimeUnit.SECONDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - fenced);
            String output = SuiteProcess.await(suite, results, 1).output();
            assertThat(ended).as("suite ended within 60 s of the fence; output:\n" + output).isTrue();
            assertThat(suite.exitValue()).as(output).isNotZero();
            assertThat(output).as("after %d s", seconds).contains("transaction aborted")
                    .containsAnyOf("ProducerFencedException", "InvalidProducerEpochException", "fenced");
        } finally {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
        }
    }

    /** The benchmark's transactional.id (kcb-txn-*), once the coordinator lists it as ongoing. */
    private static String awaitTransactionalId(String bootstrap, Process suite, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                assertThat(suite.isAlive()).as("suite still running before the fence").isTrue();
                Optional<String> id = admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                        .map(TransactionListing::transactionalId).filter(t -> t.startsWith("kcb-txn-")).findFirst();
                if (id.isPresent()) {
                    Thread.sleep(Duration.ofSeconds(3).toMillis()); // into the measured iterations
                    return id.get();
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("no kcb-txn-* transactional.id appeared within " + seconds + " s");
    }
}
