package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.cost.CostProfiler;
import dev.kcb.bench.host.StealProfiler;
import dev.kcb.bench.testing.SuiteProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user checks after {@code ./run.sh --profile smoke --broker local}: it passes within 90 s, both
 * benchmarks measured against the real broker, nothing failed, the run is recorded, and the broker is gone.
 */
class SmokeRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path results;
    static SuiteProcess.Outcome outcome;
    static Path runDir;

    @BeforeAll
    static void runSmoke() throws Exception {
        outcome = SuiteProcess.run(results, 180, "--profile", "smoke", "--broker", "local", "--run-id", "smoke-it");
        runDir = results.resolve("smoke-it");
    }

    @Test
    void exitsZeroWithinTheSmokeBudget() throws Exception {
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.millis()).as("smoke profile wall time incl. broker start").isLessThan(90_000);
        int n = configurations();
        assertThat(outcome.output()).contains("[1/" + n + "]", "[" + n + "/" + n + "]", "ETA", "Headline numbers", "broker: local KRaft");
    }

    private static int configurations() throws java.io.IOException {
        return JSON.readTree(runDir.resolve("run.json").toFile()).path("plan").path("configurations").asInt();
    }

    @Test
    void jmhJsonHoldsBothBenchmarksWithAckedAndConsumedRecords() throws Exception {
        JsonNode jmh = JSON.readTree(runDir.resolve("jmh.json").toFile());
        List<String> names = new ArrayList<>();
        jmh.forEach(n -> names.add(n.path("benchmark").asText()));
        assertThat(names).contains("dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync",
                "dev.kcb.bench.consumer.ConsumerPollBenchmark.poll");
        for (JsonNode n : jmh) {
            JsonNode secondary = n.path("secondaryMetrics");
            if (n.path("benchmark").asText().endsWith("sendAsync")) {
                assertThat(secondary.path("ackedRecords").path("score").asDouble()).isGreaterThan(0);
                assertThat(secondary.path("ackedBytes").path("score").asDouble()).isGreaterThan(0);
                assertThat(secondary.path("sendErrors").path("score").asDouble()).isZero();
                // the producer's own request counters: a request carries at least one record, and its wire bytes
                // hold the records' values (compression none)
                double perRequest = secondary.path("requests.recordsPerRequest").path("score").asDouble();
                int size = n.path("params").path("messageSize").asInt();
                assertThat(perRequest).isGreaterThanOrEqualTo(1.0);
                assertThat(secondary.path("requests.bytesPerRequest").path("score").asDouble()).isGreaterThan(perRequest * size);
                assertThat(secondary.path("requests.rate").path("score").asDouble()).isPositive();
            }
            if (n.path("benchmark").asText().endsWith("poll")) {
                assertThat(secondary.path("consumedRecords").path("score").asDouble()).isGreaterThan(0);
            }
        }
    }

    /**
     * Cost per record on every result (sendAsync, sendSync, poll, endToEnd), per measured iteration: client CPU, the
     * local broker's CPU and client allocation, each above zero; no more client CPU than the machine has; and for the
     * saturated producer and consumer under a millisecond per record (one that spends that much is broken, not slow).
     */
    @Test
    void everyResultHasItsCostPerRecord() throws Exception {
        JsonNode jmh = JSON.readTree(runDir.resolve("jmh.json").toFile());
        assertThat(jmh.size()).isEqualTo(configurations());
        for (JsonNode n : jmh) {
            String name = n.path("benchmark").asText();
            JsonNode secondary = n.path("secondaryMetrics");
            int iterations = n.path("measurementIterations").asInt() * n.path("forks").asInt();
            for (String metric : List.of(CostProfiler.CLIENT_CPU, CostProfiler.BROKER_CPU, CostProfiler.CLIENT_ALLOC)) {
                JsonNode m = secondary.path(metric);
                assertThat(m.isMissingNode()).as(name + " " + metric).isFalse();
                assertThat(m.path("scoreUnit").asText()).isEqualTo(metric.equals(CostProfiler.CLIENT_ALLOC) ? "B/record" : "ns/record");
                List<Double> values = new ArrayList<>();
                m.path("rawData").forEach(fork -> fork.forEach(v -> values.add(v.asDouble())));
                assertThat(values).as(name + " " + metric + ": one value per measured iteration").hasSize(iterations);
                assertThat(values).as(name + " " + metric).allSatisfy(v -> assertThat(v).isPositive());
            }
            // the host's steal beside them, one value per measured iteration, a share of the machine's time
            List<Double> steal = new ArrayList<>();
            secondary.path(StealProfiler.STEAL).path("rawData").forEach(fork -> fork.forEach(v -> steal.add(v.asDouble())));
            assertThat(steal).as(name + " " + StealProfiler.STEAL).hasSize(iterations).allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
            double cpu = secondary.path(CostProfiler.CLIENT_CPU).path("score").asDouble();
            // records/s of the timed part of each iteration
            double rate = name.endsWith("sendAsync") ? secondary.path("ackedRecords").path("score").asDouble()
                    : name.endsWith("poll") ? secondary.path("consumedRecords").path("score").asDouble()
                    : name.endsWith("endToEnd") ? secondary.path("achievedRate").path("score").asDouble()
                    : 1e6 / n.path("primaryMetric").path("score").asDouble(); // sendSync: one thread, mean us per round trip
            // a fork cannot burn more than the machine's cores; its window is longer than the timed part by the
            // iteration's setup and teardown (end-to-end's drain: up to half its 1 s iteration in smoke)
            assertThat(cpu * rate / 1e9).as(name + " client CPU per record x records/s, in cores")
                    .isLessThan(1.5 * Runtime.getRuntime().availableProcessors());
            if (name.endsWith("sendAsync") || name.endsWith("poll")) {
                // saturated clients: their steady cost per record is microseconds. sendSync (about 1,000 round trips/s)
                // and end-to-end (500 records/s) spread a fork's JIT compilation and per-record wake-ups over few
                // records: 0.4 to 2.7 ms each in smoke's 1 s warm-up forks here, C2 and C1 half the fork's CPU
                assertThat(cpu).as(name + " client CPU ns per record").isLessThan(1_000_000);
            }
        }
        JsonNode cost = JSON.readTree(runDir.resolve("run.json").toFile()).path("cost");
        assertThat(cost.path("brokerCpu").path("available").asBoolean()).isTrue();
        assertThat(cost.path("brokerCpu").path("source").asText()).startsWith("utime+stime from /proc/<pid>/stat of 1 broker JVM");
        assertThat(outcome.output()).contains("cpu ns/rec", "broker ns/rec", "alloc B/rec");
    }

    @Test
    void runJsonRecordsWhatMakesTheRunReproducible() throws Exception {
        JsonNode run = JSON.readTree(runDir.resolve("run.json").toFile());
        assertThat(run.path("status").asText()).isEqualTo("ok");
        assertThat(run.path("kafka").path("clientVersion").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(run.path("kafka").path("brokerVersion").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(run.path("broker").path("mode").asText()).isEqualTo("local");
        assertThat(run.path("jvm").path("version").asText()).isNotBlank();
        assertThat(run.path("host").path("cpus").asInt()).isPositive();
        assertThat(run.path("profile").asText()).isEqualTo("smoke");
        assertThat(run.path("clientConfig").path("producer").path("value.serializer").asText()).endsWith("ByteArraySerializer");
        assertThat(configurations()).as("one config per benchmark: sendAsync, sendSync, poll, end-to-end").isEqualTo(4);
        assertThat(run.path("completedConfigurations").asInt()).isEqualTo(configurations());
        // the broker settings that keep its noise out of the measurements, as they ran
        JsonNode broker = run.path("broker").path("config");
        assertThat(broker.path("serverProperties").path("log.segment.bytes").asText()).isEqualTo("67108864");
        assertThat(broker.path("serverProperties").path("log.segment.delete.delay.ms").asText()).isEqualTo("0");
        assertThat(broker.path("jvmOptions").asText()).contains("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
        // the warm-up's evidence: its window rates and why it stopped
        assertThat(run.path("brokerWarmup").path("windowAckedRecordsPerSec")).isNotEmpty();
        assertThat(run.path("brokerWarmup").path("stopped").asText()).isNotBlank();
    }

    @Test
    void theBrokerProcessIsGoneAndItsDataDirRemoved() throws Exception {
        JsonNode config = JSON.readTree(runDir.resolve("run.json").toFile()).path("broker").path("config");
        assertThat(config.path("pids").size()).isEqualTo(1);
        for (JsonNode pid : config.path("pids")) {
            assertThat(ProcessHandle.of(pid.asLong()).map(ProcessHandle::isAlive).orElse(false)).as("broker pid " + pid).isFalse();
        }
        assertThat(Files.exists(Path.of(config.path("dataDir").asText()))).as("broker data dir").isFalse();
        assertThat(Files.exists(runDir.resolve("broker.log"))).as("the broker's log is kept with the run").isTrue();
    }
}
