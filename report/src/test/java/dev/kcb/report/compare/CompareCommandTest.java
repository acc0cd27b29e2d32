package dev.kcb.report.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CompareCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A run with sendAsync acks=1 and acks=all, 3 forks x 5 iterations, 1% noise; acks=all scaled by `allFactor`. */
    Path writeRun(String name, long seed, double allFactor, String... acks) throws Exception {
        return writeRun(name, seed, allFactor, 3, 5, acks);
    }

    Path writeRun(String name, long seed, double allFactor, int forks, int iterations, String... acks) throws Exception {
        Random rnd = new Random(seed);
        List<ObjectNode> entries = new ArrayList<>();
        for (String a : acks.length == 0 ? new String[]{"1", "all"} : acks) {
            double f = a.equals("all") ? allFactor : 1.0;
            entries.add(Synthetic.jmhEntry(Synthetic.SEND_ASYNC, Map.of("acks", a, "recordSize", "1024"),
                    Synthetic.raw(rnd, 50_000 * f, forks, iterations, 0.005, 0.01),
                    Synthetic.raw(rnd, 50_000 * f, forks, iterations, 0.005, 0.01), 1024));
        }
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("jmh.json"), Synthetic.json(entries));
        return dir;
    }

    @Test
    void aBaselineFromBeforeAParamWasAddedStillMatchesAtThatParamsOldValue() throws Exception {
        // saved before payload and enableIdempotence existed; today's run names them at the values it always ran at
        Random rnd = new Random(3);
        Path base = tmp.resolve("old");
        Path cand = tmp.resolve("new");
        Files.createDirectories(base);
        Files.createDirectories(cand);
        Files.writeString(base.resolve("jmh.json"), Synthetic.json(List.of(Synthetic.jmhEntry(Synthetic.SEND_ASYNC, Map.of("acks", "1"),
                Synthetic.raw(rnd, 50_000, 3, 5, 0.005, 0.01), Synthetic.raw(rnd, 50_000, 3, 5, 0.005, 0.01), 1024))));
        Files.writeString(cand.resolve("jmh.json"), Synthetic.json(List.of(
                Synthetic.jmhEntry(Synthetic.SEND_ASYNC, Map.of("acks", "1", "payload", "random", "enableIdempotence", "default"),
                        Synthetic.raw(rnd, 50_000, 3, 5, 0.005, 0.01), Synthetic.raw(rnd, 50_000, 3, 5, 0.005, 0.01), 1024),
                // a value it did not run at before is a new config, not the old one
                Synthetic.jmhEntry(Synthetic.SEND_ASYNC, Map.of("acks", "1", "payload", "text", "enableIdempotence", "default"),
                        Synthetic.raw(rnd, 90_000, 3, 5, 0.005, 0.01), Synthetic.raw(rnd, 90_000, 3, 5, 0.005, 0.01), 1024))));
        Result r = run(base.resolve("jmh.json").toString(), cand.resolve("jmh.json").toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("0 regressions, 0 improvements, 3 unchanged").contains("new").doesNotContain("missing");
    }

    /** Two separate runs whose host probes differ by more than 20% get a note; within 20%, or without a probe, none. */
    @Test
    void runsOnMachinesOfDifferentSpeedsAreSaidToBe() throws Exception {
        Path base = writeRun("base", 1, 1.0);
        Path cand = writeRun("cand", 2, 1.0);
        Result none = run(base.toString(), cand.toString(), "--out", tmp.resolve("out0").toString());
        assertThat(none.out()).doesNotContain("different speeds");

        Files.writeString(base.resolve("run.json"), "{\"runId\": \"b\", \"host\": {\"speedProbe\": {\"medianStepsPerSecond\": 29600000}}}");
        Files.writeString(cand.resolve("run.json"), "{\"runId\": \"c\", \"host\": {\"speedProbe\": {\"medianStepsPerSecond\": 25500000}}}");
        Result close = run(base.toString(), cand.toString(), "--out", tmp.resolve("out1").toString());
        assertThat(close.code()).as(close.err()).isZero();
        assertThat(close.out()).as("-14%% is within 20%%").doesNotContain("different speeds");

        Files.writeString(cand.resolve("run.json"), "{\"runId\": \"c\", \"host\": {\"speedProbe\": {\"medianStepsPerSecond\": 18200000}}}");
        Result slow = run(base.toString(), cand.toString(), "--out", tmp.resolve("out2").toString());
        assertThat(slow.code()).as("a note, not a verdict").isZero();
        assertThat(slow.out()).contains("The machines ran at different speeds").contains("29.6M steps/s and the candidate's 18.2M (-39%");
        assertThat(Files.readString(tmp.resolve("out2/compare.md"))).contains("The machines ran at different speeds");
    }

    @Test
    void sameDistributionExitsZeroAndWritesEverything() throws Exception {
        Path base = writeRun("base", 1, 1.0);
        Path cand = writeRun("cand", 2, 1.0);
        Path out = tmp.resolve("out");
        Result r = run(base.resolve("jmh.json").toString(), cand.resolve("jmh.json").toString(), "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("0 regressions, 0 improvements, 6 unchanged");
        assertThat(r.out()).doesNotContain("sendErrors");
        assertThat(Files.readString(out.resolve("compare.md"))).startsWith("**0 regressions, 0 improvements, 6 unchanged**");
        assertDecodes(out.resolve("compare.png"));
    }

    @Test
    void twoFilesCompareUnderTheResultsRootNotTheCurrentDirectory() throws Exception {
        Path base = writeRun("base", 1, 1.0).resolve("jmh.json");
        Path cand = writeRun("cand", 2, 1.0).resolve("jmh.json");
        Path results = tmp.resolve("results");
        Result r = run(base.toString(), cand.toString(), "--results", results.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path out = results.resolve("compare-base-vs-cand");
        assertThat(out.resolve("compare.md")).isRegularFile();
        assertThat(r.out()).contains("wrote " + out.resolve("compare.md") + ", compare.json, compare.png");
        assertThat(Path.of("compare")).as("nothing in the current directory").doesNotExist();
    }

    @Test
    void theDefaultResultsRootIsTheProjectsThatRunShNames() throws Exception {
        Path base = writeRun("base", 1, 1.0).resolve("jmh.json");
        Path cand = writeRun("cand", 2, 1.0).resolve("jmh.json");
        Path home = tmp.resolve("project");
        String saved = System.getProperty("kcb.home");
        System.setProperty("kcb.home", home.toString()); // run.sh passes -Dkcb.home=<project dir>
        try {
            Result r = run(base.toString(), cand.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("wrote " + home.resolve("results/compare-base-vs-cand/compare.md"));
        } finally {
            if (saved == null) {
                System.clearProperty("kcb.home");
            } else {
                System.setProperty("kcb.home", saved);
            }
        }
        assertThat(Path.of("compare")).doesNotExist();
    }

    @Test
    void slowdownExitsOneWithRegressionInAllOutputs() throws Exception {
        Path base = writeRun("base", 1, 1.0);
        Path cand = writeRun("cand", 2, 0.8);
        Result r = run(base.toString(), cand.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        // default output dir: <candidate dir>/compare-vs-<baseline id>
        Path out = cand.resolve("compare-vs-base");
        String md = Files.readString(out.resolve("compare.md"));
        assertThat(md.lines().findFirst().orElseThrow()).isEqualTo("**3 regressions, 0 improvements, 3 unchanged**");
        assertThat(md).contains("| ProducerSendBenchmark.sendAsync | acks=all, recordSize=1024 | acked MB/s | 51.25 | 40.90 | -20.2% [-20.7, -19.7] | <0.001 | ±0.7% | P/P | **regressed** |");
        assertThat(md).contains("samples (baseline/candidate): P = pooled iterations (no fork effect: joint F-test");
        assertThat(md).contains("CI at 98% confidence");
        assertThat(r.out()).contains(" P/P ").contains("samples (baseline/candidate)");
        assertThat(r.out()).contains("regressed").contains("acked records/s ").doesNotContain("(records/s)");

        JsonNode json = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(json.path("summary").path("regressed").asInt()).isEqualTo(3);
        assertThat(json.path("alpha").asDouble()).isEqualTo(0.01);
        JsonNode row = null;
        for (JsonNode n : json.path("rows")) {
            if (n.path("params").asText().startsWith("acks=all") && n.path("metric").asText().equals("score")) {
                row = n;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("verdict").asText()).isEqualTo("regressed");
        assertThat(row.path("changePct").asDouble()).isBetween(-22.0, -18.0);
        assertThat(row.path("ciLowPct").asDouble()).isLessThan(row.path("changePct").asDouble());
        assertThat(row.path("ciHighPct").asDouble()).isGreaterThan(row.path("changePct").asDouble());
        assertThat(row.path("pWorse").asDouble()).isLessThan(0.01);
        assertThat(row.path("pBetter").asDouble()).isGreaterThan(0.99);
        assertThat(row.path("pWorse").asDouble() + row.path("pBetter").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json.path("confidence").asDouble()).isEqualTo(0.98);
        assertThat(row.path("baselineSamples").path("kind").asText()).isEqualTo("forkMeans");
        assertThat(row.path("baselineSamples").path("values")).hasSize(3);
        // every compared row says, per side, which way the (joint) sometimes-pool rule went: the same on both sides
        for (JsonNode n : json.path("rows")) {
            assertThat(n.path("baselineSamples").path("method").asText()).isEqualTo(n.path("candidateSamples").path("method").asText());
            assertThat(n.path("forkEffectP").asDouble()).isEqualTo(n.path("baselineSamples").path("forkEffectP").asDouble());
            assertThat(n.path("sampling").asText()).matches("baseline: (pooled iterations|per-fork means) \\(fork effect p=[<0-9.]+\\); "
                    + "candidate: (pooled iterations|per-fork means) \\(fork effect p=[<0-9.]+\\); (Welch t|nested t)");
            // per-fork means on equally shaped sides use the nested t; pooled iterations use Welch
            assertThat(n.path("test").asText()).isEqualTo(
                    n.path("baselineSamples").path("method").asText().equals("forkMeans") ? "nested t" : "Welch t");
            for (String side : new String[]{"baselineSamples", "candidateSamples"}) {
                JsonNode sm = n.path(side);
                double p = sm.path("forkEffectP").asDouble();
                assertThat(sm.path("method").asText()).isEqualTo(p >= 0.25 ? "pooledIterations" : "forkMeans");
                assertThat(sm.path("df").asDouble()).isEqualTo(p >= 0.25 ? 14.0 : 2.0);
            }
        }
        assertDecodes(out.resolve("compare.png"));
    }

    /** Adds the produce-request metrics to every entry of a run written by writeRun, with the given records/request. */
    static void addRequestMetrics(Path runDir, double recordsPerRequest) throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode arr = m.readTree(runDir.resolve("jmh.json").toFile());
        for (JsonNode n : arr) {
            ObjectNode sec = (ObjectNode) n.path("secondaryMetrics");
            int forks = n.path("forks").asInt();
            int its = n.path("measurementIterations").asInt();
            sec.set("requests.recordsPerRequest", Synthetic.jmhMetric(constant(forks, its, recordsPerRequest), "records"));
            sec.set("requests.bytesPerRequest", Synthetic.jmhMetric(constant(forks, its, recordsPerRequest * 1100), "B"));
            sec.set("requests.rate", Synthetic.jmhMetric(constant(forks, its, 50_000 / recordsPerRequest), "requests/s"));
        }
        Files.writeString(runDir.resolve("jmh.json"), m.writeValueAsString(arr));
    }

    private static List<List<Double>> constant(int forks, int iterations, double v) {
        return java.util.Collections.nCopies(forks, java.util.Collections.nCopies(iterations, v));
    }

    @Test
    void produceRequestMetricsAreShownBesideTheVerdictsAndNotJudged() throws Exception {
        Path base = writeRun("base", 1, 1.0);
        Path cand = writeRun("cand", 2, 1.0);
        addRequestMetrics(base, 2.0);
        addRequestMetrics(cand, 150.0);
        Path out = tmp.resolve("out");
        Result r = run(base.toString(), cand.toString(), "--out", out.toString());
        // a 75x change in batching is a diagnostic: no extra rows, no verdict, exit 0
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("0 regressions, 0 improvements, 6 unchanged").contains("Produce requests")
                .containsPattern("sendAsync\\s+acks=1, recordSize=1024\\s+2\\.00 -> 150\\.0\\s+2,200 -> 165,000\\s+25,000 -> 333\\.3");
        assertThat(Files.readString(out.resolve("compare.md")))
                .contains("| ProducerSendBenchmark.sendAsync | acks=all, recordSize=1024 | 2.00 → 150.0 | 2,200 → 165,000 | 25,000 → 333.3 |");
        JsonNode json = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(json.path("produceRequests")).hasSize(2);
        assertThat(json.path("produceRequests").get(0).path("candidate").path("recordsPerRequest").asDouble()).isEqualTo(150.0);
        for (JsonNode row : json.path("rows")) {
            assertThat(row.path("metric").asText()).doesNotStartWith("requests.");
        }
    }

    @Test
    void anAbComparisonSaysWhichClientConfigsItCompared() throws Exception {
        Path base = writeRun("base", 1, 1.0);
        Path cand = writeRun("cand", 2, 1.0);
        // what AbCommand writes into each side's run.json (secrets are masked there already)
        String ab = "\"ab\": {\"baselineConfig\": {\"file\": \"/tmp/a.properties\", \"properties\": {\"linger.ms\": \"0\"}},"
                + " \"candidateConfig\": {\"file\": \"/tmp/b.properties\", \"properties\": {\"linger.ms\": \"20\", \"batch.size\": \"65536\"}}}";
        Files.writeString(base.resolve("run.json"), "{\"runId\": \"x-baseline\", \"abSide\": \"baseline\", " + ab + "}");
        Files.writeString(cand.resolve("run.json"), "{\"runId\": \"x-candidate\", \"abSide\": \"candidate\", " + ab + "}");
        Path out = tmp.resolve("out");
        Result r = run(base.toString(), cand.toString(), "--out", out.toString());
        assertThat(r.out()).contains("baseline linger.ms=0, candidate linger.ms=20, batch.size=65536");
        assertThat(Files.readString(out.resolve("compare.md")))
                .contains("A/B of client configs on the same broker(s), interleaved: baseline `linger.ms=0`, candidate `linger.ms=20, batch.size=65536`."
                        + " A param these set shows what ran, as baseline→candidate.");
        JsonNode json = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(json.path("ab").path("candidateConfig").path("linger.ms").asText()).isEqualTo("20");
        // two ordinary runs: no such line
        Result plain = run(writeRun("b2", 3, 1.0).toString(), writeRun("c2", 4, 1.0).toString(), "--out", tmp.resolve("o2").toString());
        assertThat(plain.out()).doesNotContain("A/B of client configs");
    }

    @Test
    void withoutProduceRequestMetricsThereIsNoSuchSection() throws Exception {
        Result r = run(writeRun("base", 1, 1.0).toString(), writeRun("cand", 2, 1.0).toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.out()).doesNotContain("Produce requests");
    }

    @Test
    void gainExitsZero() throws Exception {
        Result r = run(writeRun("base", 1, 1.0).toString(), writeRun("cand", 2, 1.25).toString(),
                "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("0 regressions, 3 improvements");
    }

    @Test
    void baselineNameUnderResultsDir() throws Exception {
        Path results = tmp.resolve("results");
        Files.createDirectories(results.resolve("baselines"));
        Path saved = writeRun("v1", 1, 1.0);
        Files.move(saved, results.resolve("baselines").resolve("v1"));
        Result r = run("v1", writeRun("cand", 2, 1.0).toString(), "--results", results.toString(),
                "--out", tmp.resolve("o").toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void oneForkSaysIterationsWereTreatedAsIndependent() throws Exception {
        Path out = tmp.resolve("o");
        Result r = run(writeRun("base", 1, 1.0, 1, 5).toString(), writeRun("cand", 2, 1.0, 1, 5).toString(),
                "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("iterations were treated as independent");
        assertThat(Files.readString(out.resolve("compare.md"))).contains("iterations were treated as independent");
        JsonNode row = new ObjectMapper().readTree(out.resolve("compare.json").toFile()).path("rows").get(0);
        assertThat(row.path("iterationsTreatedAsIndependent").asBoolean()).isTrue();
        assertThat(row.path("baselineSamples").path("kind").asText()).isEqualTo("iterations");
    }

    @Test
    void singleIterationIsInsufficientDataNotARegression() throws Exception {
        Path out = tmp.resolve("o");
        Result r = run(writeRun("base", 1, 1.0, 1, 1).toString(), writeRun("cand", 2, 0.5, 1, 1).toString(),
                "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("unchanged (insufficient data)").contains("6 with insufficient data");
        assertThat(Files.readString(out.resolve("compare.md"))).contains("insufficient data");
        assertDecodes(out.resolve("compare.png"));
    }

    @Test
    void disjointFilesExitTwo() throws Exception {
        Path base = writeRun("base", 1, 1.0, "1");
        Path cand = writeRun("cand", 2, 1.0, "all");
        Result r = run(base.toString(), cand.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertOneLine(r.err());
        assertThat(r.err()).contains("share no benchmark entries");
    }

    @Test
    void notJsonExitsTwoWithoutStackTrace() throws Exception {
        Path base = writeRun("base", 1, 1.0);
        Path junk = tmp.resolve("junk.json");
        Files.writeString(junk, "this is not { json");
        Result r = run(base.toString(), junk.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertOneLine(r.err());
        Path notJmh = tmp.resolve("obj.json");
        Files.writeString(notJmh, "{\"hello\": 1}");
        Result r2 = run(base.toString(), notJmh.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r2.code()).isEqualTo(2);
        assertOneLine(r2.err());
        assertThat(r2.err()).contains("not JMH JSON");
    }

    @Test
    void missingFileExitsTwo() throws Exception {
        Result r = run(writeRun("base", 1, 1.0).toString(), tmp.resolve("nope.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertOneLine(r.err());
        assertThat(r.err()).contains("no such run");
    }

    @Test
    void usageErrorsPrintOneLineAndExitTwo() {
        for (String[] args : new String[][]{{}, {"only-one"}, {"a", "b", "--bogus"}, {"a", "b", "--alpha", "x"},
                {"a", "b", "--threshold"}}) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertOneLine(r.err());
            assertThat(r.err()).startsWith("compare: ").doesNotContain("Usage:");
            assertThat(r.out()).isEmpty();
        }
        assertThat(run().err()).contains("Missing required parameter");
        assertThat(run("a", "b", "--bogus").err()).contains("--bogus");
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage:");
    }

    static void assertOneLine(String err) {
        assertThat(err.strip()).isNotEmpty().doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    static void assertDecodes(Path png) throws Exception {
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isGreaterThan(400);
        assertThat(img.getHeight()).isGreaterThan(300);
    }
}
