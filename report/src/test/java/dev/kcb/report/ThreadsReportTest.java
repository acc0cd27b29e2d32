package dev.kcb.report;

import dev.kcb.report.compare.Row;
import dev.kcb.report.compare.RunComparison;
import dev.kcb.report.compare.Verdict;
import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.RunLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real run of the standard profile's concurrency segment ({@code ./run.sh --broker local --profile standard
 * --segment concurrency -p sharedProducer=true}, 2 cores shared with other work; fixtures/real-threads-run): sendAsync
 * and poll at 1 and 2 JMH threads on 2 partitions. Threads are a dimension of the report and of compare keys.
 */
class ThreadsReportTest {
    @TempDir
    static Path tmp;
    static Path out;
    static Fixtures.Result result;
    static List<BenchmarkResult> entries;

    @BeforeAll
    static void render() {
        entries = RunLoader.readJmh(fixture("real-threads-run").resolve("jmh.json"));
        out = tmp.resolve("out");
        result = cli("report", fixture("real-threads-run").toString(), "--out", out.toString(), "--charts-dir", tmp.resolve("charts").toString());
    }

    @Test
    void entriesAtOneAndTwoThreadsStaySeparateConfigs() {
        assertThat(entries).hasSize(4).allSatisfy(e -> assertThat(e.partitions()).isEqualTo(2));
        assertThat(entries).extracting(BenchmarkResult::threads).containsExactlyInAnyOrder(1, 1, 2, 2);
        assertThat(entries).extracting(BenchmarkResult::key).doesNotHaveDuplicates();
        assertThat(entries).filteredOn(e -> e.threads() == 2).allSatisfy(e -> assertThat(e.key()).contains("threads=2").contains("partitions=2"));
        assertThat(entries).filteredOn(e -> e.threads() == 1).allSatisfy(e -> assertThat(e.key()).doesNotContain("threads").contains("partitions=2"));
    }

    @Test
    void keysOfSingleThreadSinglePartitionResultsAreWhatTheyWere() {
        for (String run : List.of("real-quick-run", "quick-run", "e2e-run")) {
            for (BenchmarkResult e : RunLoader.readJmh(fixture(run).resolve("jmh.json"))) {
                assertThat(e.key()).as(run).isEqualTo(e.benchmark() + " [" + e.mode() + "] " + e.paramsLabel());
            }
        }
        assertThat(RunLoader.readJmh(fixture("real-quick-run").resolve("jmh.json"))).allMatch(e -> e.partitions() == 1);
        assertThat(RunLoader.readJmh(fixture("quick-run").resolve("jmh.json"))).allMatch(e -> e.partitions() == 0); // no -Dkcb.partitions
    }

    @Test
    void compareNeverMatchesATwoThreadEntryWithAOneThreadOne() {
        List<BenchmarkResult> one = entries.stream().filter(e -> e.threads() == 1).toList();
        List<BenchmarkResult> two = entries.stream().filter(e -> e.threads() == 2).toList();
        List<Row> rows = RunComparison.compareEntries(one, two, 5, 0.01);
        assertThat(rows).isNotEmpty().allMatch(r -> r.verdict() == Verdict.NEW || r.verdict() == Verdict.MISSING);
        assertThat(rows).filteredOn(r -> r.verdict() == Verdict.NEW).allMatch(r -> r.params().contains("threads=2"));
        // the same run against itself: every entry matched
        assertThat(RunComparison.compareEntries(entries, entries, 5, 0.01))
                .noneMatch(r -> r.verdict() == Verdict.NEW || r.verdict() == Verdict.MISSING);
    }

    @Test
    void theReportDrawsThroughputAgainstThreads() throws IOException {
        assertThat(result.exit()).as(result.err()).isZero();
        for (String name : List.of("producer-acked-mbps-vs-threads.png", "consumer-mbps-vs-threads.png", "consumer-records-vs-threads.png")) {
            BufferedImage img = ImageIO.read(out.resolve(name).toFile());
            assertThat(img).as(name).isNotNull();
            assertThat(img.getWidth()).isEqualTo(900);
        }
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("| threads |", "totals over all threads", "each point is the total over all threads",
                "Acked throughput as threads grows");
    }
}
