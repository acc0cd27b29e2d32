package dev.kcb.bench.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** ./run.sh calibrate at a small record count on the shared local broker: every row present, every number positive. */
class CalibrateIT {

    @Test
    void everyCaseHasEveryReferenceAndTheSuite(@TempDir Path results) throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.runSubcommand(results, 240, "calibrate", "--run-id", "cal",
                "--broker", "external", "--bootstrap-servers", TestBroker.shared().bootstrapServers(),
                "--records", "20000", "--repeats", "2", "--profile", "smoke", "--plain-passes", "3", "-wi", "1", "-w", "1", "-i", "1", "-r", "1");
        assertThat(o.exitCode()).as(o.output()).isZero();
        assertThat(o.output()).contains("Calibration, 2 round(s), each running every tool, the plain loop and one suite fork per benchmark; "
                + "100B-default: 20,000 records per run");
        // the second round runs its steps in reverse order: the suite first
        assertThat(o.output()).contains("round 2/2 (in reverse order)");
        assertThat(o.output().indexOf("suite: ", o.output().indexOf("round 2/2")))
                .isLessThan(o.output().indexOf("plain loop (3 passes, 2/2)"));

        JsonNode cal = new ObjectMapper().readTree(results.resolve("cal/calibration.json").toFile());
        assertThat(cal.path("repeats").asInt()).isEqualTo(2);
        assertThat(cal.path("cases")).allSatisfy(c -> assertThat(c.path("records").asLong()).isEqualTo(20_000));
        // ProducerPerformance ran with --warmup-records (half the records) and its steady-state line was read
        assertThat(results.resolve("cal/calibration/100B-default-producer-perf-1.log")).content()
                .contains(" steady state records sent, ");
        List<String> cases = Case.load().stream().map(Case::id).toList();
        assertThat(cases).contains("100B-default", "100B-throughput", "1KiB-default", "100B-keyed");
        // the keyed case: the suite's sendAsync with keys=uniform:1000 on its own 4 partitions, as the tool's topic has
        JsonNode keyed = null;
        for (JsonNode e : new ObjectMapper().readTree(results.resolve("cal/jmh.json").toFile())) {
            if (e.path("benchmark").asText().endsWith("sendAsync") && e.path("params").path("keys").asText().equals("uniform:1000")) {
                keyed = e;
            }
        }
        assertThat(keyed).as("the keyed case's suite entry").isNotNull();
        assertThat(keyed.path("jvmArgs").toString()).contains("-Dkcb.partitions=4");
        assertThat(keyed.path("secondaryMetrics").path("requests.recordsPerBatch").path("score").asDouble()).isPositive();

        Set<String> rows = new HashSet<>();
        for (JsonNode m : cal.path("measurements")) {
            assertThat(m.has("error")).as(m.toString()).isFalse();
            assertThat(m.path("recordsPerSec").asDouble()).as(m.toString()).isPositive();
            assertThat(m.path("mbPerSec").asDouble()).as(m.toString()).isPositive();
            assertThat(m.path("rounds")).as(m.toString()).hasSize(2);
            rows.add(m.path("case").asText() + "/" + m.path("side").asText() + "/" + m.path("source").asText());
        }
        for (String c : cases) {
            assertThat(rows).contains(c + "/producer/Kafka tool", c + "/producer/Kafka tool, --payload-file",
                    c + "/producer/plain loop, first pass", c + "/producer/plain loop", c + "/producer/suite (JMH)",
                    c + "/consumer/Kafka tool", c + "/consumer/plain loop, first pass", c + "/consumer/plain loop", c + "/consumer/suite (JMH)");
        }
        assertThat(cal.path("ratios")).hasSize(5 * cases.size());
        for (JsonNode r : cal.path("ratios")) {
            assertThat(r.path("value").asDouble()).as(r.toString()).isPositive();
            // two rounds on each side: every ratio is paired by round, with a 95% interval around its value, and a verdict from it
            assertThat(r.path("interval").asText()).as(r.toString()).startsWith("paired by round").contains("2 rounds");
            assertThat(r.path("ci95").path(0).asDouble()).as(r.toString()).isPositive().isLessThanOrEqualTo(r.path("value").asDouble());
            assertThat(r.path("ci95").path(1).asDouble()).as(r.toString()).isGreaterThanOrEqualTo(r.path("value").asDouble());
            assertThat(r.path("verdict").asText()).as(r.toString()).isIn("agrees", "differs", "inconclusive");
            if (r.path("finding").asBoolean()) {
                assertThat(r.path("reason").asText()).as("a finding says why").isNotBlank();
            }
        }
        // the suite's own results are kept too, for the report's usual sections
        assertThat(results.resolve("cal/jmh.json")).isRegularFile();
    }
}
