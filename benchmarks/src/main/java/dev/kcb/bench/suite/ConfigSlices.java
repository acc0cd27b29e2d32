package dev.kcb.bench.suite;

import dev.kcb.bench.common.AbSlices;
import dev.kcb.bench.common.ParamRules;
import dev.kcb.bench.producer.ProducerSendBenchmark;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A profile segment's configurations in one fork, taking turns by iteration ({@code <segment>.slices=true}).
 *
 * <p>Why: on 2 cores shared with the broker a 2 s iteration of sendAsync varies by 10-20%, mostly white noise, so a
 * configuration's interval narrows only with more measured iterations. Run one fork per configuration and each pays
 * its own JVM start and 10 s of warm-up: in quick's five minutes that left 4 iterations per configuration (95%
 * half-widths of 5-30%). In one fork the JVM warms once for all of them, so the same time buys twice the measured
 * iterations, and every configuration is measured across the same minutes, so the host's drift over the segment is
 * shared rather than falling on whichever configuration ran then. The turns go 0 1 ... N-1 N-1 ... 1 0 0 1 ...
 * ({@link AbSlices#side(int, int, boolean)}): a drift linear over two rounds adds the same to every configuration.
 *
 * <p>Only what a client setting can express takes turns: the configurations of a group differ in {@link #PARAMS}
 * alone (each gets its own producer, built from a client config file holding its values), and share the benchmark,
 * every other param (message size, payload, compression: another code path, or other data), threads and partitions.
 * Each thread holds one producer per configuration; the one that just ran is flushed outside the timed region, so
 * none of its backlog is acknowledged in another's turn. JMH's file of the fork stays as JMH wrote it under
 * {@code slices/segments/}; each configuration's part of it, with its own params, becomes an ordinary segment file
 * ({@code segments/NNN-<step>.sliced.json}) and names its source in {@code configSlices.from}.
 *
 * <p>The price, as for {@code ab}'s slices: the configurations share one JVM's JIT profile, and an interval from
 * one fork's iterations does not include fork-to-fork variance (neither did one fork per configuration).
 */
final class ConfigSlices {
    /** The benchmarks whose configurations can take turns: each thread holds one producer per configuration. */
    static final Set<String> BENCHMARKS = Set.of(ProducerSendBenchmark.class.getName() + ".sendAsync");
    /** The params that may differ within a group: client settings on the same code path. */
    static final List<String> PARAMS = List.of("acks", "lingerMs", "batchSize");

    private ConfigSlices() {
    }

    /**
     * The JMH runs of a step, in order: groups of configurations that run in one fork, and configurations that run
     * alone (a group of one). Without {@code slices} every configuration is alone.
     */
    static List<List<Plan.Config>> groups(Plan.Step step) {
        Map<String, List<Plan.Config>> byKey = new LinkedHashMap<>();
        int alone = 0;
        for (Plan.Config c : step.configs()) {
            String key = step.slices() && sliceable(c) ? groupKey(c) : "alone " + alone++;
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        return List.copyOf(byKey.values());
    }

    /** The runs of a whole plan, step by step. */
    static List<List<Plan.Config>> groups(Plan plan) {
        return plan.steps().stream().flatMap(s -> groups(s).stream()).toList();
    }

    private static boolean sliceable(Plan.Config c) {
        // "default" leaves a property unset: a client config file cannot say that over the carrier's value
        // -f 0 runs JMH in the runner's own JVM, where the fork's system properties never arrive
        return BENCHMARKS.contains(c.benchmark()) && c.forks() >= 1
                && PARAMS.stream().noneMatch(p -> ParamRules.DEFAULT.equals(c.params().get(p)));
    }

    private static String groupKey(Plan.Config c) {
        Map<String, String> rest = new LinkedHashMap<>(c.params());
        PARAMS.forEach(rest::remove);
        return c.benchmark() + rest + " t=" + c.threadCount() + " p=" + c.partitions() + " f=" + c.forks();
    }

    /**
     * The JMH run of a group: its first configuration, with each configuration's warm-up and measured turns
     * (warmupIterations and measurementIterations are per configuration), one fork at a time.
     */
    static Plan.Config carrier(List<Plan.Config> group) {
        Plan.Config first = group.get(0);
        return first.withIterations(group.size() * first.warmupIterations(), group.size() * first.measurementIterations())
                .withForks(1);
    }

    /** The client settings a configuration's producer is built with: its values of {@link #PARAMS}. */
    static Properties clientConfig(Plan.Config c) {
        Properties p = new Properties();
        for (String param : PARAMS) {
            String v = c.params().get(param);
            if (v != null) {
                p.setProperty(ParamRules.kafkaProperty(param), v);
            }
        }
        return p;
    }

    /**
     * Seconds each turn of a producer costs beyond its iteration: the producer that just ran is flushed outside the
     * timed region, and at full speed its backlog is up to {@code buffer.memory} (32 MiB), half a second or more at
     * 50 MB/s. Measured here on 2026-12-07: {@code ab}'s default sendAsync A/A ran its 4 forks of 48 turns in 505 s,
     * against 404 s without the flushes (0.53 s a turn), and quick's 66 sendAsync turns ran 38 s over (0.58 s).
     */
    static final double FLUSH_SECONDS_PER_TURN = 0.5;

    /** Expected seconds of a run: one fork overhead per fork, however many configurations take turns in it. */
    static int estimatedSeconds(List<Plan.Config> group) {
        if (group.size() == 1) {
            return group.get(0).estimatedSeconds();
        }
        return group.get(0).forks() * turnsSeconds(carrier(group));
    }

    /**
     * Expected seconds of a fork whose iterations are turns of several producers (or consumers): the carrier's
     * iterations and fork overhead, and for sendAsync, whose backlog is flushed after every turn, the flushes.
     */
    static int turnsSeconds(Plan.Config carrier) {
        int turns = carrier.forks() * (carrier.warmupIterations() + carrier.measurementIterations());
        boolean flushes = carrier.benchmark().equals(ProducerSendBenchmark.class.getName() + ".sendAsync");
        return carrier.estimatedSeconds() + (flushes ? (int) Math.round(turns * FLUSH_SECONDS_PER_TURN) : 0);
    }

    static int estimatedSeconds(Plan plan) {
        return groups(plan).stream().mapToInt(ConfigSlices::estimatedSeconds).sum();
    }

    /** What run.json records of the groups that took turns. */
    static List<Map<String, Object>> describe(Plan plan) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Plan.Config> g : groups(plan)) {
            if (g.size() < 2) {
                continue;
            }
            Plan.Config c = carrier(g);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", c.step());
            m.put("benchmark", c.benchmark());
            m.put("configurations", g.stream().map(Plan.Config::params).toList());
            m.put("forks", g.get(0).forks());
            m.put("order", SliceSplit.configOrder(g.size()) + " ...");
            m.put("warmupPerConfiguration", g.get(0).warmupText());
            m.put("measurementPerConfiguration", g.get(0).measurementText());
            m.put("fork", "warm-up " + c.warmupText() + ", measurement " + c.measurementText());
            out.add(m);
        }
        return out;
    }

    /**
     * Runs a group's forks, one JMH run each, and adds each configuration's part of every fork to {@code segments}.
     *
     * @param slices where JMH's own files of the forks go (and their slice logs)
     * @return one result per configuration and fork, params as that configuration ran (for the headline table)
     */
    static List<Headlines.Row> run(List<Plan.Config> group, JmhSegments segments, JmhSegments slices)
            throws RunnerException, IOException {
        Plan.Config carrier = carrier(group);
        List<String> files = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Path f = slices.nextFile(carrier, "-config" + i + ".properties");
            Files.createDirectories(f.getParent());
            StringBuilder sb = new StringBuilder("# " + group.get(i).label() + "\n");
            clientConfig(group.get(i)).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            ResultFiles.writeAtomically(f, sb.toString());
            files.add(f.toString());
        }
        List<String> labels = SliceSplit.configLabels(group.size());
        List<Map<String, String>> params = group.stream().map(Plan.Config::params).toList();
        List<List<BenchmarkResult>> forksOf = new ArrayList<>();
        group.forEach(c -> forksOf.add(new ArrayList<>()));
        RunResult any = null;
        for (int fork = 0; fork < group.get(0).forks(); fork++) {
            Path log = slices.nextFile(carrier, ".slices.log");
            Files.deleteIfExists(log);
            List<RunResult> results = new ArrayList<>(slices.run(carrier, List.of(
                    "-D" + AbSlices.CONFIGS + "=" + String.join(",", files), "-D" + AbSlices.LOG + "=" + log)));
            Path jmhFile = slices.lastFile();
            List<Integer> sides = SliceSplit.sides(Files.exists(log) ? Files.readString(log) : "", labels, false);
            List<String> parts = SliceSplit.splitConfigs(Files.readString(jmhFile), sides, params, jmhFile.toString());
            for (int i = 0; i < group.size(); i++) {
                Path file = segments.nextFile(group.get(i), ".sliced.json");
                ResultFiles.writeAtomically(file, parts.get(i));
                segments.add(file);
                for (RunResult r : results) {
                    forksOf.get(i).addAll(part(r, sides, i));
                    any = r;
                }
            }
        }
        List<Headlines.Row> rows = new ArrayList<>();
        for (int i = 0; any != null && i < group.size(); i++) {
            rows.add(new Headlines.Row(new RunResult(any.getParams(), forksOf.get(i)), params.get(i)));
        }
        return rows;
    }

    /** One configuration's measured iterations of a sliced fork's result, for the headline table. */
    static List<BenchmarkResult> part(RunResult r, List<Integer> sides, int side) {
        List<BenchmarkResult> forks = new ArrayList<>();
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            List<IterationResult> its = new ArrayList<>(b.getIterationResults());
            if (its.size() != sides.size()) {
                throw new IllegalStateException("the slice log has " + sides.size() + " measured iterations, JMH " + its.size());
            }
            List<IterationResult> kept = new ArrayList<>();
            for (int k = 0; k < its.size(); k++) {
                if (sides.get(k) == side) {
                    kept.add(its.get(k));
                }
            }
            forks.add(new BenchmarkResult(b.getParams(), kept));
        }
        return forks;
    }
}
