package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.cost.CostProfiler;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh ab} as a user runs it, through run.sh, on a real local broker: sendAsync's sides taking turns inside
 * each fork (the default), or forks interleaved in pairs A B, B A ({@code --interleave forks}); each side
 * a jmh.json with one entry per fork that says what it ran, then compare's verdict with the configs named.
 */
class AbIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Runs {@code ./run.sh ab} with linger.ms 0 against 20 on sendAsync at the smoke profile; returns its output. */
    private String ab(Path results, String... extra) throws Exception {
        return abOf(results, "linger.ms=0", "linger.ms=20", "ProducerSendBenchmark.sendAsync", extra);
    }

    /**
     * Runs {@code ./run.sh ab} of two one-line configs on a benchmark, 2 forks, at the smoke profile, with 2 warm-up
     * iterations (ab's own default of 12 is checked once, in {@link #interleavesForksThenComparesWithWhatEachSideRan});
     * returns its output.
     */
    private String abOf(Path results, String baseline, String candidate, String benchmark, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("-wi", "2"));
        args.addAll(List.of(extra));
        String out = abRun(results, baseline, candidate, benchmark, args.toArray(String[]::new));
        assertThat(out).as("-wi 2 reached the forks").contains("# Warmup: 2 iterations");
        return out;
    }

    private String abRun(Path results, String baseline, String candidate, String benchmark, String... extra) throws Exception {
        Path a = Files.writeString(tmp.resolve("a.properties"), baseline + "\n");
        Path b = Files.writeString(tmp.resolve("b.properties"), candidate + "\n");
        Path log = tmp.resolve("ab.log");
        List<String> cmd = new ArrayList<>(List.of("bash", TestBroker.home().resolve("run.sh").toString(), "ab",
                "--results-dir", results.toString(), "--run-id", "ab-it", "--broker", "local", "--profile", "smoke",
                "--baseline-config", a.toString(), "--candidate-config", b.toString(),
                benchmark));
        if (!List.of(extra).contains("--precision")) {
            cmd.addAll(List.of("-f", "2"));
        }
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KCB_CHARTS_DIR", tmp.resolve("charts").toString()); // not the checkout's charts/
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("ab did not finish in 240 s:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        // 0: no regression, 1: a regression; smoke iterations are short, so either verdict may come out
        assertThat(p.exitValue()).as(out).isIn(0, 1);
        assertThat(out).as("run.sh must not rebuild inside mvn verify").doesNotContain("run.sh: building");
        return out;
    }

    @Test
    void slicesTakeTurnsInsideEachForkThenComparePairsTheirIterations() throws Exception {
        Path results = tmp.resolve("results");
        String out = ab(results, "-i", "4");
        assertThat(out).contains("[1/2] ProducerSendBenchmark.sendAsync").contains("fork 2/2, baseline and candidate in turns (A B B A ...)");
        Path run = results.resolve("ab-it");
        for (String fork : List.of("001", "002")) {
            assertThat(run.resolve("slices/segments/" + fork + "-producer.json")).as("JMH's own file").isNotEmptyFile();
        }
        assertThat(Files.readAllLines(run.resolve("slices/segments/001-producer.slices.log")))
                .containsExactly("measurement 0 baseline", "measurement 1 candidate", "measurement 2 candidate", "measurement 3 baseline");
        assertThat(Files.readAllLines(run.resolve("slices/segments/002-producer.slices.log"))).as("every second fork swapped")
                .containsExactly("measurement 0 candidate", "measurement 1 baseline", "measurement 2 baseline", "measurement 3 candidate");
        for (String side : List.of("baseline", "candidate")) {
            JsonNode jmh = JSON.readTree(run.resolve(side + "/jmh.json").toFile());
            assertThat(jmh).as(side + ": one entry per fork").hasSize(2);
            for (JsonNode e : jmh) {
                assertThat(e.path("abSlices").path("side").asText()).isEqualTo(side);
                assertThat(e.path("params").path("lingerMs").asText()).isEqualTo("0→20");
                JsonNode acked = e.path("secondaryMetrics").path("ackedRecords");
                assertThat(acked.path("rawData").get(0)).as("2 of the fork's 4 measured iterations").hasSize(2);
                assertThat(acked.path("score").asDouble()).isPositive();
                // each side's cost per record, from its own turns (its records counted through its flush)
                for (String cost : List.of(CostProfiler.CLIENT_CPU, CostProfiler.BROKER_CPU, CostProfiler.CLIENT_ALLOC)) {
                    JsonNode m = e.path("secondaryMetrics").path(cost);
                    assertThat(m.path("rawData").get(0)).as(side + " " + cost).hasSize(2);
                    m.path("rawData").get(0).forEach(v -> assertThat(v.asDouble()).as(side + " " + cost).isPositive());
                }
            }
            JsonNode record = JSON.readTree(run.resolve(side + "/run.json").toFile());
            assertThat(record.path("ab").path("slicedBenchmarks").toString()).contains("ProducerSendBenchmark.sendAsync");
        }
        JsonNode compare = JSON.readTree(run.resolve("compare/compare.json").toFile());
        assertThat(compare.path("rows")).isNotEmpty();
        for (JsonNode row : compare.path("rows")) {
            assertThat(row.path("test").asText()).startsWith("paired slices");
        }
        assertThat(Files.readString(run.resolve("compare/compare.md"))).contains("slices").contains("Cost per record (client CPU")
                .contains("client CPU per record (ns/record)");
        assertThat(compare.path("rows")).anyMatch(row -> row.path("group").asText().equals("cost"));
    }

    @Test
    void consumerSlicesTakeTurnsToo() throws Exception {
        Path results = tmp.resolve("results");
        String out = abOf(results, "max.poll.records=500", "max.poll.records=2000", "ConsumerPollBenchmark.poll",
                "-p", "messageSize=100", "-i", "4");
        assertThat(out).contains("[1/2] ConsumerPollBenchmark.poll").contains("fork 2/2, baseline and candidate in turns (A B B A ...)");
        Path run = results.resolve("ab-it");
        assertThat(Files.readAllLines(run.resolve("slices/segments/002-consumer.slices.log"))).as("every second fork swapped")
                .containsExactly("measurement 0 candidate", "measurement 1 baseline", "measurement 2 baseline", "measurement 3 candidate");
        for (String side : List.of("baseline", "candidate")) {
            JsonNode jmh = JSON.readTree(run.resolve(side + "/jmh.json").toFile());
            assertThat(jmh).as(side + ": one entry per fork").hasSize(2);
            for (JsonNode e : jmh) {
                assertThat(e.path("abSlices").path("side").asText()).isEqualTo(side);
                assertThat(e.path("params").path("maxPollRecords").asText()).isEqualTo("500→2000");
                JsonNode consumed = e.path("secondaryMetrics").path("consumedBytes");
                assertThat(consumed.path("rawData").get(0)).as("2 of the fork's 4 measured iterations").hasSize(2);
                assertThat(consumed.path("score").asDouble()).isPositive();
            }
        }
        JsonNode compare = JSON.readTree(run.resolve("compare/compare.json").toFile());
        assertThat(compare.path("rows")).isNotEmpty();
        for (JsonNode row : compare.path("rows")) {
            assertThat(row.path("test").asText()).startsWith("paired slices");
        }
    }

    /** --precision: after each swapped pair of forks, compare's interval; here the budget ends it after the first pair. */
    @Test
    void precisionLooksAtTheIntervalAfterEachPairOfForksAndStopsAtTheBudget() throws Exception {
        Path results = tmp.resolve("results");
        String out = abOf(results, "linger.ms=5", "linger.ms=5", "ProducerSendBenchmark.sendAsync", "-i", "4",
                "--precision", "0.01", "--max-time", "5s");
        assertThat(out).contains("forks in pairs until +-0.01% or 5s each")
                // the widest speed row: acked MB/s or records/s, or on a slow host JMH's own score (send() calls)
                .containsPattern("ab: after 2 forks, ProducerSendBenchmark.sendAsync: (acked \\S+|score) [-+]\\d+\\.\\d% "
                        + "(\\[[-+]\\d+\\.\\d, [-+]\\d+\\.\\d], half-width \\d+\\.\\d%|no finite interval yet) \\(target 0.01%\\)")
                .contains("ab: --max-time: two more forks would end after").doesNotContain("fork 3/");
        JsonNode adaptive = JSON.readTree(results.resolve("ab-it/run.json").toFile()).path("ab").path("adaptive");
        assertThat(adaptive).hasSize(1);
        assertThat(adaptive.get(0).path("forks").asInt()).isEqualTo(2);
        assertThat(adaptive.get(0).path("looks")).hasSize(1);
        assertThat(adaptive.get(0).path("stopped").asText()).startsWith("--max-time");
        assertThat(Files.readString(results.resolve("ab-it/precision/compare.md"))).as("the look paired the slices").contains("slices");
        for (String side : List.of("baseline", "candidate")) {
            assertThat(JSON.readTree(results.resolve("ab-it/" + side + "/jmh.json").toFile())).as("one entry per fork").hasSize(2);
        }
    }

    @Test
    void interleavesForksThenComparesWithWhatEachSideRan() throws Exception {
        Path results = tmp.resolve("results");
        String out = abRun(results, "linger.ms=0", "linger.ms=20", "ProducerSendBenchmark.sendAsync", "--interleave", "forks");
        assertThat(out).as("ab's own warm-up default, without -wi").contains("# Warmup: 12 iterations");
        // pairs by fork, their order alternating: A B, then B A
        Matcher m = Pattern.compile("\\[(\\d)/4] \\S+ .*  (baseline|candidate) fork (\\d)/2").matcher(out);
        List<String> order = new ArrayList<>();
        while (m.find()) {
            order.add(m.group(2) + m.group(3));
        }
        assertThat(order).containsExactly("baseline1", "candidate1", "candidate2", "baseline2");

        Path run = results.resolve("ab-it");
        for (String side : List.of("baseline", "candidate")) {
            JsonNode jmh = JSON.readTree(run.resolve(side + "/jmh.json").toFile());
            assertThat(jmh).as(side + ": one entry per fork").hasSize(2);
            for (JsonNode e : jmh) {
                assertThat(e.path("params").path("lingerMs").asText()).as("what ran, not the pinned param").isEqualTo("0→20");
                assertThat(e.path("secondaryMetrics").path("ackedRecords").path("score").asDouble()).isPositive();
                assertThat(e.path("secondaryMetrics").path("requests.recordsPerRequest").path("score").asDouble()).isGreaterThanOrEqualTo(1.0);
            }
            JsonNode record = JSON.readTree(run.resolve(side + "/run.json").toFile());
            assertThat(record.path("abSide").asText()).isEqualTo(side);
            assertThat(record.path("command").asText()).startsWith("./run.sh ab ").contains("--candidate-config");
        }

        String md = Files.readString(run.resolve("compare/compare.md"));
        assertThat(md).contains("baseline `linger.ms=0`, candidate `linger.ms=20`")
                .contains("lingerMs=0→20").contains("acked MB/s").contains("records/request");
        JsonNode compare = JSON.readTree(run.resolve("compare/compare.json").toFile());
        assertThat(compare.path("rows")).isNotEmpty();
        for (JsonNode row : compare.path("rows")) {
            assertThat(row.path("baselineSamples").path("forks").asInt()).isEqualTo(2);
            assertThat(row.path("verdict").asText()).isIn("improved", "regressed", "unchanged");
            assertThat(row.has("minDetectablePct")).as("the smallest change it could detect").isTrue();
        }
        assertThat(run.resolve("compare/compare.png")).isNotEmptyFile();
        assertThat(run.resolve("report/report.md")).isNotEmptyFile();
    }
}
