package dev.kcb.bench.suite;

import dev.kcb.bench.common.ParamRules;
import dev.kcb.bench.latency.EndToEndLatencyBenchmark;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * What a run will execute: the profile's segments, narrowed by the user's include regexes, with the user's
 * {@code -p} values replacing the profile's. Built and validated before any broker starts.
 *
 * <p>Two param names are not JMH @Params but shape the run, and expand into configurations like any param:
 * {@link #THREADS} (JMH threads of that configuration's invocation) and {@link #PARTITIONS} (partitions of its
 * trial topics, handed to its forks instead of the run-wide {@code --partitions}). A segment sets them in its
 * params ({@code threads=1,2;partitions=2;acks=1}); on the command line {@code -p threads=1,2} does the same, and a
 * plain {@code -t N} is {@code -p threads=N}.
 */
public record Plan(Profile profile, List<Step> steps, int forks) {

    /** JMH threads per configuration: a segment param or {@code -p threads=...}, not a JMH @Param. */
    public static final String THREADS = "threads";
    /** Partitions of a configuration's topics: a segment param or {@code -p partitions=...}, not a JMH @Param. */
    public static final String PARTITIONS = "partitions";
    static final List<String> RUN_SHAPE = List.of(THREADS, PARTITIONS);

    /** A profile segment after filtering: exact benchmark names, the param values set, and its configurations. */
    public record Step(String name, List<String> benchmarks, Map<String, List<String>> params, List<Config> configs, boolean slices) {
        /** A step whose configurations run one fork each. */
        public Step(String name, List<String> benchmarks, Map<String, List<String>> params, List<Config> configs) {
            this(name, benchmarks, params, configs, false);
        }

        public int configurations() {
            return configs.size();
        }
    }

    /**
     * One benchmark method with one value per param and its iteration settings: one JMH invocation, one jmh.json entry.
     *
     * @param threads    JMH threads, or null for JMH's default (1)
     * @param partitions partitions of the trial topics, or null for the run-wide {@code --partitions}
     */
    public record Config(String step, String benchmark, Map<String, String> params, int forks, int warmupIterations,
                         int warmupSeconds, int measurementIterations, int measurementSeconds, Integer threads, Integer partitions) {

        /** A configuration with JMH's default threads and the run-wide partitions. */
        public Config(String step, String benchmark, Map<String, String> params, int forks, int warmupIterations,
                      int warmupSeconds, int measurementIterations, int measurementSeconds) {
            this(step, benchmark, params, forks, warmupIterations, warmupSeconds, measurementIterations, measurementSeconds, null, null);
        }

        public Config withForks(int n) {
            return new Config(step, benchmark, params, n, warmupIterations, warmupSeconds, measurementIterations, measurementSeconds,
                    threads, partitions);
        }

        public Config withMeasurementIterations(int n) {
            return new Config(step, benchmark, params, forks, warmupIterations, warmupSeconds, n, measurementSeconds,
                    threads, partitions);
        }

        /** The same configuration with other warm-up and measured iteration counts. */
        public Config withIterations(int warmups, int measurements) {
            return new Config(step, benchmark, params, forks, warmups, warmupSeconds, measurements, measurementSeconds,
                    threads, partitions);
        }

        public Config withParams(Map<String, String> p) {
            return new Config(step, benchmark, p, forks, warmupIterations, warmupSeconds, measurementIterations, measurementSeconds,
                    threads, partitions);
        }

        /** Its warm-up as run.json says it: "12 x 2 s". */
        public String warmupText() {
            return warmupIterations + " x " + warmupSeconds + " s";
        }

        /** Its measurement as run.json says it: "36 x 2 s". */
        public String measurementText() {
            return measurementIterations + " x " + measurementSeconds + " s";
        }

        /** The JMH threads this configuration runs with (1 unless set). */
        public int threadCount() {
            return threads == null ? 1 : threads;
        }

        /** This configuration's partitions, else the run-wide ones. */
        public int partitionsOr(int runWide) {
            return partitions == null ? runWide : partitions;
        }

        /** What makes two configurations the same run: benchmark, params, threads, partitions. */
        String identity() {
            return benchmark + params + " t=" + threadCount() + " p=" + partitions;
        }

        /** Expected seconds: forks x (iterations + fork overhead). */
        public int estimatedSeconds() {
            return forks * (warmupIterations * warmupSeconds + measurementIterations * measurementSeconds + FORK_OVERHEAD_SECONDS);
        }

        public String label() {
            String shortName = benchmark.replaceAll("^.*\\.([^.]+\\.[^.]+)$", "$1");
            StringBuilder sb = new StringBuilder(shortName);
            params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            if (threadCount() != 1) {
                sb.append(' ').append(THREADS).append('=').append(threadCount());
            }
            if (partitions != null) {
                sb.append(' ').append(PARTITIONS).append('=').append(partitions);
            }
            return sb.toString();
        }
    }

    /** Seconds a fork spends outside iterations: JVM start, topic creation, client setup (measured: 3-5 s here). */
    static final int FORK_OVERHEAD_SECONDS = 5;

    public static Plan build(Profile profile, CommandLineOptions jmh, Map<String, List<String>> userParams) {
        return build(profile, jmh, userParams, true);
    }

    /**
     * As {@link #build}, but a configuration that two segments share runs in both: for plans whose segments
     * stand for different cases (calibrate measures the same consumer config once per case, beside that case's tools).
     */
    public static Plan buildKeepingRepeats(Profile profile, CommandLineOptions jmh, Map<String, List<String>> userParams) {
        return build(profile, jmh, userParams, false);
    }

    private static Plan build(Profile profile, CommandLineOptions jmh, Map<String, List<String>> userParams, boolean dropRepeats) {
        userParams = new LinkedHashMap<>(userParams);
        if (jmh.getThreads().hasValue()) {
            if (jmh.getThreads().get() < 1) {
                throw new IllegalArgumentException("-t " + jmh.getThreads().get() + ": give a number of threads >= 1 (-t max is not supported)");
            }
            if (userParams.containsKey(THREADS)) {
                throw new IllegalArgumentException("-t and -p threads=... both set the threads: give one");
            }
            userParams.put(THREADS, List.of(String.valueOf(jmh.getThreads().get())));
        }
        for (Map.Entry<String, List<String>> e : userParams.entrySet()) {
            for (String v : e.getValue()) {
                if (RUN_SHAPE.contains(e.getKey())) {
                    positive(e.getKey(), v, "-p");
                } else {
                    ParamRules.check(e.getKey(), v);
                }
            }
        }
        List<String> includes = jmh.getIncludes();
        BenchmarkList list = BenchmarkList.defaultList();
        var silent = OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
        List<Step> steps = new ArrayList<>();
        Set<String> knownParams = new LinkedHashSet<>(RUN_SHAPE);
        for (Profile.Segment seg : profile.segments()) {
            SortedSet<BenchmarkListEntry> entries = list.find(silent, List.of("^" + seg.benchmarkRegex() + "$"), List.of());
            List<BenchmarkListEntry> chosen = entries.stream()
                    .filter(e -> includes.isEmpty() || includes.stream().anyMatch(r -> Pattern.compile(r).matcher(e.getUsername()).find()))
                    .toList();
            if (!chosen.isEmpty()) {
                steps.add(step(seg.name(), chosen, seg.params(), userParams, knownParams, settings(profile, seg, jmh), seg.slices()));
            }
        }
        if (steps.isEmpty() && !includes.isEmpty()) {
            // the user asked for benchmarks the profile does not cover: run them on their @Param defaults
            SortedSet<BenchmarkListEntry> entries = list.find(silent, includes, List.of());
            if (!entries.isEmpty()) {
                steps.add(step("custom", List.copyOf(entries), Map.of(), userParams, knownParams, settings(profile, null, jmh), false));
            }
        }
        for (Step s : steps) {
            for (Config c : s.configs()) {
                try {
                    ParamRules.checkTogether(c.params());
                    if (c.benchmark().startsWith(EndToEndLatencyBenchmark.class.getName() + ".")) {
                        // the stamp needs 16 bytes of every value: refused here, not in a fork after the broker started
                        EndToEndLatencyBenchmark.checkRoomForStamp(c.params().get("messageSize"), c.params().get("payload"));
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(c.label() + ": " + e.getMessage(), e);
                }
            }
        }
        if (dropRepeats) {
            steps = withoutRepeats(steps);
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no benchmark matches " + (includes.isEmpty() ? "the profile" : String.join(" ", includes))
                    + " (list them with: ./run.sh -l)");
        }
        for (String p : userParams.keySet()) {
            if (!knownParams.contains(p)) {
                throw new IllegalArgumentException("unknown param '" + p + "' for the selected benchmarks; known: " + String.join(", ", knownParams));
            }
        }
        return new Plan(profile, List.copyOf(steps), jmh.getForkCount().orElse(profile.forks()));
    }

    /** forks, warmup iterations/seconds, measurement iterations/seconds: the user's -f/-wi/-w/-i/-r, else the segment's, else the profile's. */
    private static int[] settings(Profile p, Profile.Segment seg, CommandLineOptions jmh) {
        int wi = jmh.getWarmupIterations().orElse(seg != null && seg.warmupIterations() != null ? seg.warmupIterations() : p.warmupIterations());
        int wt = jmh.getWarmupTime().hasValue() ? seconds(jmh.getWarmupTime().get())
                : seg != null && seg.warmupSeconds() != null ? seg.warmupSeconds() : p.warmupSeconds();
        int mi = jmh.getMeasurementIterations().orElse(seg != null && seg.measurementIterations() != null ? seg.measurementIterations() : p.measurementIterations());
        int mt = jmh.getMeasurementTime().hasValue() ? seconds(jmh.getMeasurementTime().get())
                : seg != null && seg.measurementSeconds() != null ? seg.measurementSeconds() : p.measurementSeconds();
        return new int[]{jmh.getForkCount().orElse(p.forks()), wi, wt, mi, mt};
    }

    private static int seconds(org.openjdk.jmh.runner.options.TimeValue t) {
        return (int) Math.max(1, t.convertTo(java.util.concurrent.TimeUnit.SECONDS));
    }

    /** A -p that overrides what made two segments differ leaves the same config in both: run it once. */
    private static List<Step> withoutRepeats(List<Step> steps) {
        Set<String> seen = new java.util.HashSet<>();
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            List<Config> fresh = s.configs().stream().filter(c -> seen.add(c.identity())).toList();
            if (!fresh.isEmpty()) {
                out.add(new Step(s.name(), s.benchmarks(), s.params(), fresh, s.slices()));
            }
        }
        return out;
    }

    private static Step step(String name, List<BenchmarkListEntry> entries, Map<String, List<String>> segmentParams,
                             Map<String, List<String>> userParams, Set<String> knownParams, int[] it, boolean slices) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        List<Config> configs = new ArrayList<>();
        // threads and partitions: the user's, else the segment's, else unset (JMH's 1 thread, the run-wide partitions)
        Map<String, List<Integer>> shape = new LinkedHashMap<>();
        for (String k : RUN_SHAPE) {
            List<String> values = userParams.containsKey(k) ? userParams.get(k) : segmentParams.get(k);
            if (values != null) {
                String where = userParams.containsKey(k) ? "-p" : "segment " + name + ":";
                shape.put(k, values.stream().map(v -> positive(k, v, where)).distinct().toList());
                params.put(k, values);
            }
        }
        for (BenchmarkListEntry e : entries) {
            Map<String, String[]> declared = new java.util.TreeMap<>(e.getParams().orElse(Map.of()));
            knownParams.addAll(declared.keySet());
            List<Map<String, String>> product = new ArrayList<>();
            product.add(new LinkedHashMap<>());
            for (Map.Entry<String, String[]> d : declared.entrySet()) {
                List<String> values = Optional.ofNullable(userParams.get(d.getKey()))
                        .orElse(segmentParams.getOrDefault(d.getKey(), List.of(d.getValue())));
                for (String v : values) {
                    ParamRules.check(d.getKey(), v);
                }
                if (userParams.containsKey(d.getKey()) || segmentParams.containsKey(d.getKey())) {
                    params.put(d.getKey(), values);
                }
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> partial : product) {
                    for (String v : values) {
                        Map<String, String> m = new LinkedHashMap<>(partial);
                        m.put(d.getKey(), v);
                        next.add(m);
                    }
                }
                product = next;
            }
            List<Integer> unset = java.util.Collections.singletonList(null);
            for (Integer partitions : shape.getOrDefault(PARTITIONS, unset)) {
                for (Map<String, String> p : product) {
                    for (Integer threads : shape.getOrDefault(THREADS, unset)) {
                        configs.add(new Config(name, e.getUsername(), p, it[0], it[1], it[2], it[3], it[4], threads, partitions));
                    }
                }
            }
        }
        return new Step(name, entries.stream().map(BenchmarkListEntry::getUsername).distinct().toList(), params, List.copyOf(configs), slices);
    }

    /** A threads or partitions value: a whole number >= 1. */
    private static int positive(String key, String value, String where) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(where + " " + key + "=" + value + ": expected a whole number >= 1");
    }

    public int configurations() {
        return steps.stream().mapToInt(Step::configurations).sum();
    }

    /** The client properties this plan's params set, each with the param that sets it ({@code linger.ms -> lingerMs}). */
    public Map<String, String> sweptProperties() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Config c : configs()) {
            for (String param : c.params().keySet()) {
                String property = ParamRules.kafkaProperty(param);
                if (property != null) {
                    out.put(property, param);
                }
            }
        }
        return out;
    }

    public List<Config> configs() {
        return steps.stream().flatMap(s -> s.configs().stream()).toList();
    }

    public int estimatedSeconds() {
        return configs().stream().mapToInt(Config::estimatedSeconds).sum();
    }

    public static String duration(long seconds) {
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }

    /**
     * A command's wall time from {@code commandStarted} to now, with the part since {@code partStarted} beside it and
     * what came before that part: "5 min 50 s (benchmarks 4 min 45 s; before them, the host probe, broker start and
     * warm-up 1 min 5 s)". Both are {@link System#nanoTime()} values. The whole is what `time ./run.sh` shows, less the
     * build; the part alone left a fresh broker's warm-up out of every figure it was quoted in.
     */
    static String wallTime(long commandStarted, long partStarted, String part) {
        long now = System.nanoTime();
        return duration((now - commandStarted) / 1_000_000_000L) + " (" + part + " " + duration((now - partStarted) / 1_000_000_000L)
                + "; before them, the host probe, broker start and warm-up " + duration((partStarted - commandStarted) / 1_000_000_000L) + ")";
    }
}
