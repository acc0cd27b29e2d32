package dev.kcb.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.broker.ExternalBroker;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a cluster the suite did not start ({@code --broker external}, here a real local broker it is only told
 * about), the brokers' CPU is not visible: no broker figure in jmh.json, and the reason in run.json and on the
 * console and on the report's page; the client's CPU and allocation per record are still measured.
 */
class ExternalCostIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path results;

    @Test
    void anExternalClusterHasNoBrokerCpuFigureAndSaysWhy() throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.run(results, 240, "--broker", "external",
                "--bootstrap-servers", TestBroker.shared().bootstrapServers(), "--no-report",
                "--profile", "smoke", "--run-id", "external-cost", "-wi", "1", "-i", "2", "-r", "1", "ProducerSendBenchmark.sendAsync");
        assertThat(o.exitCode()).as(o.output()).isZero();
        assertThat(o.output()).contains("broker CPU per record: not available (" + ExternalBroker.EXTERNAL_REASON + ")");
        Path runDir = results.resolve("external-cost");
        JsonNode broker = JSON.readTree(runDir.resolve("run.json").toFile()).path("cost").path("brokerCpu");
        assertThat(broker.path("available").asBoolean(true)).isFalse();
        assertThat(broker.path("reason").asText()).isEqualTo(ExternalBroker.EXTERNAL_REASON);
        JsonNode jmh = JSON.readTree(runDir.resolve("jmh.json").toFile());
        assertThat(jmh.size()).isEqualTo(1);
        JsonNode secondary = jmh.get(0).path("secondaryMetrics");
        assertThat(secondary.has(CostProfiler.BROKER_CPU)).as("never a number that was not measured").isFalse();
        assertThat(secondary.path(CostProfiler.CLIENT_CPU).path("score").asDouble()).isPositive().isLessThan(1_000_000);
        assertThat(secondary.path(CostProfiler.CLIENT_ALLOC).path("score").asDouble()).isPositive();

        // the report reads run.json and says so on the page
        Path out = results.resolve("report");
        Process report = new ProcessBuilder(javaBin(), "-jar", TestBroker.home().resolve("report/target/report.jar").toString(),
                "report", runDir.toString(), "--out", out.toString(), "--charts-dir", results.resolve("charts").toString())
                .redirectErrorStream(true).redirectOutput(results.resolve("report.log").toFile()).start();
        assertThat(report.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(report.exitValue()).as(Files.readString(results.resolve("report.log"))).isZero();
        assertThat(Files.readString(out.resolve("report.md")))
                .contains("broker CPU per record: not available (" + ExternalBroker.EXTERNAL_REASON + ")")
                .contains("client CPU per record (ns)");
    }

    private static String javaBin() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
