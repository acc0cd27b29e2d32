package dev.kcb.bench.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** ./run.sh clients on the shared local broker, with whatever Python clients this machine has. */
class ClientsIT {

    @Test
    void measuresEveryInstalledClientAndSaysHowToInstallTheRest(@TempDir Path results) throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.runSubcommand(results, 120, "clients", "--run-id", "c",
                "--broker", "external", "--bootstrap-servers", TestBroker.shared().bootstrapServers(),
                "--records", "20000", "--broker-warmup", "0");
        assertThat(o.exitCode()).as(o.output()).isZero();
        Map<String, JsonNode> rows = rows(results.resolve("c/clients.json"));
        assertThat(rows).containsKeys("java", "confluent-kafka", "kafka-python", "pykafka");
        assertMeasured(rows.get("java"));
        for (String[] py : new String[][]{{"confluent-kafka", "confluent_kafka", "python3-confluent-kafka"}, {"kafka-python", "kafka", "python3-kafka"}}) {
            if (importable(py[1])) {
                assertMeasured(rows.get(py[0]));
            } else {
                assertThat(rows.get(py[0]).path("status").asText()).isEqualTo("not installed");
                assertThat(rows.get(py[0]).path("install").asText()).isEqualTo("apt-get install " + py[2]);
            }
        }
        assertThat(rows.get("pykafka").path("status").asText()).isEqualTo("not measured");
        assertThat(rows.get("pykafka").path("reason").asText()).contains("unmaintained");
        JsonNode published = new ObjectMapper().readTree(results.resolve("c/clients.json").toFile()).path("published");
        assertThat(published).hasSize(3);
    }

    @Test
    void aMissingPythonClientIsARowNotAFailure(@TempDir Path results) throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.runSubcommand(results, 90, "clients", "--run-id", "c",
                "--broker", "external", "--bootstrap-servers", TestBroker.shared().bootstrapServers(),
                "--records", "2000", "--broker-warmup", "0", "--python", results.resolve("no-such-python").toString());
        assertThat(o.exitCode()).as(o.output()).isZero();
        Map<String, JsonNode> rows = rows(results.resolve("c/clients.json"));
        assertMeasured(rows.get("java"));
        assertThat(rows.get("confluent-kafka").path("status").asText()).isEqualTo("not installed");
        assertThat(rows.get("confluent-kafka").path("install").asText()).contains("python3-confluent-kafka");
        assertThat(o.output()).contains("confluent-kafka  not installed");
    }

    private static void assertMeasured(JsonNode row) {
        assertThat(row.path("status").asText()).as(row.toString()).isEqualTo("measured");
        for (String k : new String[]{"producerMBPerSec", "consumerMBPerSec", "producerRecordsPerSec", "consumerRecordsPerSec"}) {
            assertThat(row.path(k).asDouble()).as(k + " of " + row).isPositive();
        }
    }

    private static Map<String, JsonNode> rows(Path file) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        new ObjectMapper().readTree(file.toFile()).path("clients").forEach(r -> out.put(r.path("client").asText(), r));
        return out;
    }

    private static boolean importable(String module) throws Exception {
        if (!Path.of("/usr/bin/python3").toFile().canExecute()) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import " + module).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
