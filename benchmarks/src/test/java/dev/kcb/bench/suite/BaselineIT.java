package dev.kcb.bench.suite;

import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh --save-baseline NAME}, then {@code ./run.sh --baseline NAME}, through run.sh with a results dir of
 * its own, on a real local broker: the second run is compared against the first; a baseline that does not exist is
 * an error before anything starts.
 */
class BaselineIT {
    @TempDir
    Path results;

    record Outcome(int code, String output, long millis) {
    }

    private Outcome runSh(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", TestBroker.home().resolve("run.sh").toString(),
                "--results-dir", results.toString(), "--broker", "local", "--profile", "smoke"));
        cmd.addAll(List.of(args));
        cmd.add("ProducerSendBenchmark.sendAsync");
        Path log = Files.createTempFile(results.getParent(), "run-", ".log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("run.sh did not finish in 180 s:\n" + Files.readString(log));
        }
        return new Outcome(p.exitValue(), Files.readString(log), (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aSavedBaselineIsComparedAgainstAndAMissingOneStopsTheRunBeforeItStarts() throws Exception {
        Outcome missing = runSh("--run-id", "never", "--baseline", "nosuch");
        assertThat(missing.code()).as(missing.output()).isEqualTo(2);
        assertThat(missing.output()).contains("run.sh: --baseline nosuch: no saved baseline at " + results.resolve("baselines/nosuch"));
        assertThat(missing.millis()).isLessThan(30_000);
        assertThat(results.resolve("never")).as("nothing started").doesNotExist();

        Outcome first = runSh("--run-id", "first", "--save-baseline", "main", "--no-report");
        assertThat(first.code()).as(first.output()).isZero();
        assertThat(first.output()).contains("saved baseline main -> " + results.resolve("baselines/main"));
        assertThat(results.resolve("baselines/main/jmh.json")).isNotEmptyFile();

        Outcome second = runSh("--run-id", "second", "--baseline", "main", "--no-report");
        // 0: no regression, 1: a regression; two smoke runs differ by chance, so either may come out, never 2
        assertThat(second.code()).as(second.output()).isIn(0, 1);
        assertThat(second.output()).contains("baseline:  ").contains("candidate: ").contains("acked MB/s")
                .containsPattern("\\d+ regressions?, \\d+ improvements?, \\d+ unchanged");
        try (Stream<Path> dirs = Files.list(results.resolve("second"))) {
            Path compare = dirs.filter(d -> d.getFileName().toString().startsWith("compare-vs-")).findFirst().orElseThrow();
            assertThat(compare.resolve("compare.md")).isNotEmptyFile();
            assertThat(compare.resolve("compare.json")).isNotEmptyFile();
        }
    }
}
