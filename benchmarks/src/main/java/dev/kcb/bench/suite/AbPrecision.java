package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./run.sh ab --precision PCT --max-time DURATION}: a sliced configuration runs forks until its interval is
 * as narrow as asked, or the time runs out. After every second fork (each unswapped fork with its swapped partner,
 * see {@link AbCommand#ADAPTIVE_MIN_FORKS}) it runs {@code compare} on what both sides have so far, the same report
 * jar and defaults run.sh uses after an ab, and prints the interval. It stops when every headline row of the
 * configuration has a half-width of at most PCT, or when two more forks, at the pace so far, would overrun the
 * budget. It stops on the width, never on the p-value: the width does not depend on which way the change went, so
 * compare's alpha still holds for the verdict at the end, where stopping on significance would inflate false alarms.
 */
final class AbPrecision {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest one look may take: a report JVM reading two small jmh.json files. */
    private static final long COMPARE_TIMEOUT_SECONDS = 120;

    /** One look at the interval: after how many forks and seconds, the widest row, and its half-width. */
    record Look(int forks, long seconds, String metric, double changePct, double lowPct, double highPct) {
        double halfWidth() {
            return (highPct - lowPct) / 2;
        }
    }

    private final Plan.Config config;
    private final double targetPct;
    private final long maxSeconds;
    private final Path dir;
    private final List<Look> looks = new ArrayList<>();
    private final Runnable writeSides;
    private String stopped;
    private int forks;

    /**
     * @param maxSeconds  this configuration's share of --max-time
     * @param writeSides  writes each side's run.json as it stands, before a look: compare learns from it that the
     *                    sides are one ab's slices (without it compare would treat them as two independent runs)
     */
    AbPrecision(Plan.Config config, double targetPct, long maxSeconds, Path runDir, Runnable writeSides) {
        this.writeSides = writeSides;
        this.config = config;
        this.targetPct = targetPct;
        this.maxSeconds = maxSeconds;
        this.dir = runDir.resolve("precision");
    }

    /** "  (budget: 7 min 40 s of 10 min left)" for the fork line. */
    String budgetLeft(long startedNanos) {
        long left = Math.max(0, maxSeconds - secondsSince(startedNanos));
        return "  (until +-" + fmt(targetPct) + "%, budget " + Plan.duration(left) + " of " + Plan.duration(Math.max(0, maxSeconds)) + " left)";
    }

    /** After fork {@code fork} (1-based) of this configuration: true to run no more. */
    boolean stopAfter(int fork, long startedNanos) {
        forks = fork;
        if (fork < AbCommand.ADAPTIVE_MIN_FORKS || fork % 2 != 0) {
            return false;
        }
        Look look;
        try {
            look = look(fork, secondsSince(startedNanos));
        } catch (IOException | RuntimeException e) {
            stopped = "no interval: " + e.getMessage();
            System.out.println("ab: --precision: " + stopped + "; stopping after " + fork + " forks");
            return true;
        }
        return decide(look);
    }

    /** Keeps the look, prints it, and says whether to stop (and why, in {@link #stopped()}). */
    boolean decide(Look look) {
        looks.add(look);
        forks = Math.max(forks, look.forks());
        String interval = Double.isFinite(look.halfWidth())
                ? String.format("[%+.1f, %+.1f], half-width %.1f%%", look.lowPct(), look.highPct(), look.halfWidth())
                : "no finite interval yet";
        System.out.printf("ab: after %d forks, %s: %s %+.1f%% %s (target %s%%), %s%n", look.forks(),
                config.benchmark().replaceAll("^.*\\.([^.]+\\.[^.]+)$", "$1"), look.metric(), look.changePct(), interval,
                fmt(targetPct), Plan.duration(look.seconds()));
        long elapsed = look.seconds();
        long twoMore = elapsed + 2 * elapsed / look.forks();
        if (look.halfWidth() <= targetPct) {
            stopped = "precision reached: half-width " + String.format("%.1f", look.halfWidth()) + "% <= " + fmt(targetPct) + "%";
        } else if (twoMore > maxSeconds) {
            stopped = "--max-time: two more forks would end after " + Plan.duration(twoMore) + ", beyond "
                    + (maxSeconds > 0 ? Plan.duration(maxSeconds) : "a budget the broker's start had used up") + "; the interval stays wider than asked";
        } else if (look.forks() + 2 > AbCommand.ADAPTIVE_MAX_FORKS) {
            stopped = "at most " + AbCommand.ADAPTIVE_MAX_FORKS + " forks; the interval stays wider than asked";
        } else {
            return false;
        }
        System.out.println("ab: " + stopped);
        return true;
    }

    /** Why the forks stopped; null while they go on. */
    String stopped() {
        return stopped;
    }

    /** What run.json keeps: the target, the budget, every look, and why it stopped. */
    Map<String, Object> record() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", config.benchmark());
        m.put("params", config.params());
        m.put("targetHalfWidthPct", targetPct);
        m.put("maxTimeSeconds", maxSeconds);
        m.put("forks", forks);
        m.put("looks", looks.stream().map(l -> Map.of("forks", l.forks(), "seconds", l.seconds(), "metric", l.metric(),
                "changePct", l.changePct(), "ciLowPct", l.lowPct(), "ciHighPct", l.highPct(), "halfWidthPct", l.halfWidth())).toList());
        m.put("stopped", stopped == null ? "at most " + AbCommand.ADAPTIVE_MAX_FORKS + " forks" : stopped);
        return m;
    }

    private Look look(int fork, long elapsed) throws IOException {
        Files.createDirectories(dir);
        Path jar = RunSession.home().resolve("report/target/report.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " missing (build: mvn -B -DskipTests package)");
        }
        Path runDir = dir.getParent();
        writeSides.run();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkcb.home=" + RunSession.home(), "-jar", jar.toString(), "compare",
                runDir.resolve("baseline").toString(), runDir.resolve("candidate").toString(), "--out", dir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("compare.log").toFile()).start();
        try {
            if (!p.waitFor(COMPARE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("compare did not finish within " + COMPARE_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted");
        }
        if (p.exitValue() > 1) {
            throw new IOException("compare exited " + p.exitValue() + ": " + Files.readString(dir.resolve("compare.log")).strip());
        }
        return widest(JSON.readTree(dir.resolve("compare.json").toFile()), fork, elapsed);
    }

    /**
     * The speed row (throughput, latency) of this configuration with the widest interval; a row without a finite
     * interval is infinitely wide. Cost-per-record rows, compare's second table, do not count.
     */
    Look widest(JsonNode compare, int fork, long elapsed) {
        Look widest = null;
        for (JsonNode row : compare.path("rows")) {
            if (!row.path("key").asText().startsWith(config.benchmark() + " ") || !sameParams(row.path("params").asText())
                    || "cost".equals(row.path("group").asText())) {
                continue; // another configuration's, or a cost per record: the target is on the speed verdicts
            }
            double low = row.path("ciLowPct").isNumber() ? row.path("ciLowPct").asDouble() : Double.NEGATIVE_INFINITY;
            double high = row.path("ciHighPct").isNumber() ? row.path("ciHighPct").asDouble() : Double.POSITIVE_INFINITY;
            Look l = new Look(fork, elapsed, row.path("label").asText(row.path("metric").asText()),
                    row.path("changePct").asDouble(Double.NaN), low, high);
            if (widest == null || !(l.halfWidth() <= widest.halfWidth())) {
                widest = l;
            }
        }
        if (widest == null) {
            throw new IllegalStateException("compare has no row for " + config.label());
        }
        return widest;
    }

    private boolean sameParams(String rowParams) {
        List<String> row = Arrays.asList(rowParams.split(",\\s*"));
        return config.params().entrySet().stream().allMatch(e -> row.contains(e.getKey() + "=" + e.getValue()));
    }

    private static long secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }

    private static String fmt(double pct) {
        return pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct);
    }
}
