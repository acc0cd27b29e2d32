package dev.kcb.bench.suite;

import dev.kcb.bench.common.AbSlices;
import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.ParamRules;
import dev.kcb.bench.consumer.ConsumerPollBenchmark;
import dev.kcb.bench.producer.ProducerSendBenchmark;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./run.sh ab --baseline-config A.properties --candidate-config B.properties [suite options]}: did my
 * tuning change help or hurt? Runs the same configurations under two client configs on one broker, interleaved so
 * that drift of the machine (page cache, thermal, the broker's own warm-up) lands on both sides alike:
 * <ul>
 *   <li><b>slices</b> (the default, for the benchmarks in {@link #SLICEABLE}): both sides in each fork, taking turns by
 *       iteration, A B B A ... (B A A B ... in every second fork; {@link AbSlices}); {@link #SLICE_FORKS} forks of {@link #SLICE_ITERATIONS} measured
 *       iterations;</li>
 *   <li><b>forks</b> (every other benchmark, or {@code --interleave forks}): one fork per side, in pairs whose order
 *       alternates (A B, B A, A B, ...); {@link #DEFAULT_FORKS} pairs.</li>
 * </ul> Each side's config is applied over the benchmark params: a param that sets a property either
 * side sets is not swept. Writes {@code results/<id>/baseline/} and {@code candidate/} (each a jmh.json with one
 * entry per fork, and a run.json); run.sh then runs {@code compare} on them.
 */
@Command(name = "ab", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A/B-test a client config change on one broker: sendAsync and poll with both sides taking turns in each fork (A B B A ...), other benchmarks fork by fork (A B, B A, ...); then compare, paired.")
final class AbCommand implements Callable<Integer> {
    /**
     * Pairs (forks per side) when the user gives no -f. Resampling real A/A pairs of this machine (RealNoisePowerTest):
     * a 10% slowdown is flagged in 34% of runs with 5 pairs, 71% with 8, 96% with 12; false alarms stay at alpha.
     * An A/A ab of one config at these defaults took 10 min 47 s here, broker start and warm-up included.
     */
    static final int DEFAULT_FORKS = 8;
    /**
     * Warm-up iterations of each fork when the user gives no -wi: on 2 cores shared with the broker, a fresh client
     * JVM ran sendAsync at 100-250k records/s for its first 10 s and reached 400-600k only 16-20 s in, so the
     * profile's 5 x 2 s measured a client still compiling. A pair's two forks must both be past that.
     */
    static final int DEFAULT_WARMUP_ITERATIONS = 12;
    /**
     * An ab's broker warm-up may run this many times the profile's maximum (it stops earlier on a plateau; quick: 120 s
     * instead of 60): every pair must see a warm broker. An A/A ab whose warm-up hit quick's 60 s while still rising
     * had its first two pairs at 360-470k records/s and the other six at 500-580k: fork CV 13% instead of 5%.
     */
    static final int BROKER_WARMUP_FACTOR = 2;
    /** The benchmarks whose sides can take turns inside one fork: one client per side, switched between iterations. */
    static final Set<String> SLICEABLE = Set.of(ProducerSendBenchmark.class.getName() + ".sendAsync",
            ConsumerPollBenchmark.class.getName() + ".poll");
    /**
     * Forks of a sliced configuration when the user gives no -f. One A/A fork of 60 measured iterations here: the ln
     * ratio of paired iterations had an SD of 15.9% and no lag-1 correlation (-0.05), and an iteration with its flush
     * took 2.57 s. 4 forks of 28 (56 pairs) took 6 min 53 s to 7 min 12 s here with the broker's warm-up, and their
     * A/A intervals had half-widths of 4.1-6.3%; 36 iterations (72 pairs) narrow that by sqrt(56/72) within the
     * 10 min an ab of one config should take, after the warm-up's 60 s minimum (BrokerWarmup.MIN).
     */
    static final int SLICE_FORKS = 4;
    /** Measured iterations per sliced fork when the user gives no -i: 18 per side, a multiple of A B B A. */
    static final int SLICE_ITERATIONS = 36;

    enum Interleave { slices, forks }

    /**
     * With --precision, the interval is first looked at after this many forks, then after every second one: a stop
     * after an odd number of forks would leave one more unswapped fork than swapped, and the first-built client's
     * advantage (2.6% measured, see AbSlices#SWAP) would no longer cancel.
     */
    static final int ADAPTIVE_MIN_FORKS = 2;
    /** With --precision, the most forks of one configuration, whatever --max-time says. */
    static final int ADAPTIVE_MAX_FORKS = 40;

    /** "600s", "10m", "1h" or a number of seconds. */
    static long parseSeconds(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([smh]?)").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--max-time " + text + ": expected a duration such as 600s, 10m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
    }

    @Option(names = "--interleave", defaultValue = "slices",
            description = "slices: both sides in each fork, taking turns by iteration (A B B A ...; sendAsync, poll); forks: one fork per side, "
                    + "pairs A B, B A, ... (every benchmark). Default: ${DEFAULT-VALUE}")
    Interleave interleave;

    @Option(names = "--precision", paramLabel = "PCT",
            description = "sliced benchmarks: run forks in swapped pairs until every headline interval's half-width (at compare's"
                    + " 98%% confidence) is at most PCT %%, or --max-time runs out; it stops on the width, never on the p-value")
    Double precisionPct;

    @Option(names = "--max-time", paramLabel = "DURATION", defaultValue = "10m",
            description = "with --precision: the most the whole ab may take, broker start and warm-up included (sliced"
                    + " configurations share what is left equally), e.g. 600s, 10m. Default: ${DEFAULT-VALUE}")
    String maxTime;

    @Option(names = "--baseline-config", required = true, description = "client properties of side A")
    Path baselineConfig;

    @Option(names = "--candidate-config", required = true, description = "client properties of side B")
    Path candidateConfig;

    @Option(names = "--profile", defaultValue = "quick", description = "whose configurations and iterations to use. Default: ${DEFAULT-VALUE}")
    String profile;

    @Mixin
    BrokerOptions brokerOptions;

    @picocli.CommandLine.ParentCommand
    SuiteRunner parent;

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    private long maxTimeSeconds;
    /** The two sides' client configs, read (and their keys checked) once in {@link #call}. */
    Properties sideA = new Properties();
    Properties sideB = new Properties();
    /** When this ab began: --max-time counts the broker's start and warm-up too. */
    private long runStarted;

    @Override
    public Integer call() {
        runStarted = System.nanoTime();
        CommandLineOptions jmh;
        List<Plan.Config> configs;
        BrokerOptions.Resolved resolved;
        Plan plan;
        try {
            jmhArgs = new ArrayList<>(jmhArgs);
            if (!new CommandLineOptions(jmhArgs.toArray(String[]::new)).getWarmupIterations().hasValue()) {
                jmhArgs.addAll(List.of("-wi", String.valueOf(DEFAULT_WARMUP_ITERATIONS)));
            }
            jmh = new CommandLineOptions(jmhArgs.toArray(String[]::new));
            sideA = brokerOptions.readChecked("--baseline-config", baselineConfig);
            sideB = brokerOptions.readChecked("--candidate-config", candidateConfig);
            plan = Plan.build(Profile.load(profile), jmh, SuiteRunner.userParams(jmhArgs));
            checkSweptValues("--baseline-config", baselineConfig, sideA, plan.sweptProperties());
            checkSweptValues("--candidate-config", candidateConfig, sideB, plan.sweptProperties());
            configs = sideIndependent(plan.configs(), sideA, sideB);
            resolved = brokerOptions.resolve(RunSession.home());
            ClientConfigs.refuseSwept("--client-config", brokerOptions.clientConfig, resolved.userConfig(), plan.sweptProperties());
            SuiteRunner.checkThreads(resolved.partitions(), plan);
            if (precisionPct != null && !(precisionPct > 0)) {
                throw new IllegalArgumentException("--precision " + precisionPct + ": expected a half-width in % above 0");
            }
            for (Plan.Config c : configs) {
                String mode = c.params().get("mode");
                if (sliced(c.benchmark()) && mode != null && !mode.equals("assign")) {
                    // slices read the same partitions with one consumer per side; a group hands each partition to one member
                    throw new IllegalArgumentException(c.label() + ": slices need mode=assign (one assigned consumer per side);"
                            + " give --interleave forks for a consumer group mode");
                }
            }
            maxTimeSeconds = parseSeconds(maxTime);
            if (precisionPct != null && (jmh.getForkCount().hasValue() || interleave == Interleave.forks)) {
                throw new IllegalArgumentException("--precision chooses the number of forks of sliced benchmarks: drop -f"
                        + (interleave == Interleave.forks ? " and --interleave forks" : ""));
            }
        } catch (CommandLineOptionException | IllegalArgumentException e) {
            System.err.println("run.sh ab: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int forks = jmh.getForkCount().orElse(DEFAULT_FORKS);
        List<String> sliced = configs.stream().map(Plan.Config::benchmark).filter(this::sliced).distinct().toList();
        if (!sliced.isEmpty() && jmh.getMeasurementIterations().hasValue() && jmh.getMeasurementIterations().get() % 2 != 0) {
            System.err.println("run.sh ab: -i " + jmh.getMeasurementIterations().get()
                    + ": sliced forks need an even number of measured iterations (the sides take turns)");
            return ExitCodes.USAGE;
        }
        long estimate = 0;
        for (Plan.Config c : configs) {
            Plan.Config one = c.withForks(1);
            estimate += !sliced.contains(c.benchmark()) ? 2L * forks * one.estimatedSeconds()
                    : precisionPct != null ? maxTimeSeconds : (long) sliceForks(jmh) * ConfigSlices.turnsSeconds(sliceConfig(one, jmh));
        }
        String slicedForks = precisionPct == null ? sliceForks(jmh) + " fork(s) each"
                : "forks in pairs until +-" + precisionPct + "% or " + maxTime + " each";
        System.out.printf("ab: %d configuration(s), %s; %s%n", configs.size(),
                sliced.size() == configs.size() ? slicedForks + ", the sides taking turns A B B A ... in every fork"
                        : forks + " fork(s) per side, interleaved A B, B A, ..."
                        + (sliced.isEmpty() ? "" : " (" + String.join(", ", sliced) + " in slices)"),
                (precisionPct == null ? "about " + Plan.duration(estimate) + " (estimate; broker start and warm-up not included)"
                        : "at most " + Plan.duration(estimate)));
        System.out.printf("ab: baseline %s %s%nab: candidate %s %s%n", baselineConfig, ClientConfigs.masked(sideA), candidateConfig,
                ClientConfigs.masked(sideB));
        try (RunSession session = RunSession.create(resolved, "ab",
                parent != null ? parent.originalArgs() : List.of(), System.out)) {
            session.record().plan(plan, jmhArgs);
            session.record().planRan(ranPlan(configs, sliced, forks, jmh), estimate);
            // what each configuration ran differs by side: each side's run.json has it (see runInterleaved)
            Map<String, Object> clientConfig = session.record().clientConfigRan(configs, null);
            clientConfig.put("byConfiguration", "per side: baseline/run.json, candidate/run.json");
            session.record().put("clientConfig", clientConfig);
            Map<String, Object> ab = new LinkedHashMap<>();
            ab.put("baselineConfig", Map.of("file", baselineConfig.toAbsolutePath().toString(), "properties", ClientConfigs.masked(sideA)));
            ab.put("candidateConfig", Map.of("file", candidateConfig.toAbsolutePath().toString(), "properties", ClientConfigs.masked(sideB)));
            ab.put("interleave", interleave.name());
            ab.put("slicedBenchmarks", sliced);
            if (configs.stream().anyMatch(c -> !sliced.contains(c.benchmark()))) {
                ab.put("forksPerSide", forks);
            }
            ab.put("slicedForks", precisionPct == null ? sliceForks(jmh) : "adaptive");
            if (precisionPct != null) {
                ab.put("precisionPct", precisionPct);
                ab.put("maxTimeSeconds", maxTimeSeconds);
            }
            ab.put("order", "sliced benchmarks: both sides in each fork, one iteration each in turn (A B B A ..., and B A A B ... with the candidate's"
                    + " client built first in every second fork), iteration k of each side a pair;"
                    + " the others fork by fork: baseline then candidate, then candidate then baseline, and so on; fork i of each side is a pair");
            session.record().put("ab", ab);
            int started = session.startBrokerAndWarm(BROKER_WARMUP_FACTOR * plan.profile().brokerWarmupSeconds());
            if (started != ExitCodes.OK) {
                return started;
            }
            return runInterleaved(session, jmh, configs, forks, sliced, plan.profile().consumerFillBytes(), ab);
        }
    }

    /** "  ETA 3 min 10 s" before fork {@code k} of {@code total} (1-based), from the time the forks so far took; "" before the first. */
    private static String eta(int k, int total, long started) {
        long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
        return k == 1 ? "" : "  ETA " + Plan.duration(elapsed * (total - k + 1) / (k - 1));
    }

    boolean sliced(String benchmark) {
        return interleave == Interleave.slices && SLICEABLE.contains(benchmark);
    }

    /** The forks a sliced configuration may run: fixed, or at most {@link #ADAPTIVE_MAX_FORKS} with --precision. */
    int slicedForks(CommandLineOptions jmh) {
        return precisionPct == null ? sliceForks(jmh) : ADAPTIVE_MAX_FORKS;
    }

    static int sliceForks(CommandLineOptions jmh) {
        return jmh.getForkCount().orElse(SLICE_FORKS);
    }

    /** A sliced configuration: {@link #SLICE_ITERATIONS} measured iterations unless the user gave -i. */
    static Plan.Config sliceConfig(Plan.Config c, CommandLineOptions jmh) {
        return jmh.getMeasurementIterations().hasValue() ? c : c.withMeasurementIterations(SLICE_ITERATIONS);
    }

    private int runInterleaved(RunSession session, CommandLineOptions jmh, List<Plan.Config> configs, int forks,
                               List<String> sliced, long fillBytes, Map<String, Object> abRecord) {
        Path runDir = session.runDir();
        Map<String, Path> sides = new LinkedHashMap<>();
        sides.put("baseline", baselineConfig.toAbsolutePath());
        sides.put("candidate", candidateConfig.toAbsolutePath());
        List<String> props = new ArrayList<>(session.forkSystemProperties());
        props.add("-Dkcb.consumer.fillBytes=" + fillBytes);
        Map<String, JmhSegments> segments = new LinkedHashMap<>();
        JmhSegments slices;
        try {
            for (String side : sides.keySet()) {
                segments.put(side, new JmhSegments(runDir.resolve(side), jmh, props));
            }
            slices = sliced.isEmpty() ? null : new JmhSegments(runDir.resolve("slices"), jmh, props);
        } catch (IOException e) {
            System.err.println("run.sh ab: cannot create " + runDir + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int total = configs.stream().mapToInt(c -> sliced.contains(c.benchmark()) ? slicedForks(jmh) : forks * 2).sum();
        List<Map<String, Object>> adaptive = new ArrayList<>();
        int k = 0;
        String error = null;
        long started = System.nanoTime();
        outer:
        for (Plan.Config c : configs) {
            Plan.Config oneFork = c.withForks(1);
            if (sliced.contains(c.benchmark())) {
                Plan.Config slice = sliceConfig(oneFork, jmh);
                long configStarted = System.nanoTime();
                // --max-time is the whole ab's: each sliced configuration gets an equal share of what is left
                long slicedLeft = configs.subList(configs.indexOf(c), configs.size()).stream()
                        .filter(x -> sliced.contains(x.benchmark())).count();
                long share = (maxTimeSeconds - (configStarted - runStarted) / 1_000_000_000L) / slicedLeft;
                AbPrecision precision = precisionPct == null ? null : new AbPrecision(c, precisionPct, share, runDir,
                        () -> writeSideRecords(session, sides, configs));
                for (int fork = 1; fork <= slicedForks(jmh); fork++) {
                    k++;
                    String eta = precision == null ? eta(k, total, started) : precision.budgetLeft(configStarted);
                    System.out.printf("%n[%d/%s] %s  fork %d/%s, baseline and candidate in turns (A B B A ...)%s%n", k,
                            precision == null ? total : "?", shown(c), fork, precision == null ? slicedForks(jmh) : "?", eta);
                    try {
                        // forks 2, 4, ... swap: compare (Statistics.compareSlices) models the two orders by this parity
                        runSliced(slices, slice, segments, sides, fork % 2 == 0);
                    } catch (RunnerException e) {
                        error = shown(c) + " (sliced fork " + fork + ") failed: " + SuiteRunner.rootMessage(e);
                        break outer;
                    } catch (IOException | RuntimeException e) {
                        error = shown(c) + " (sliced fork " + fork + "): " + e.getMessage();
                        break outer;
                    }
                    if (precision != null && precision.stopAfter(fork, configStarted)) {
                        break;
                    }
                }
                if (precision != null) {
                    adaptive.add(precision.record());
                }
                continue;
            }
            // A B, then B A, A B, ...: a linear drift over the run cancels in the mean of the pairs, where
            // A B A B would put every pair's candidate the same way later
            List<InterleavedForks.Side> ab = new ArrayList<>();
            sides.forEach((name, file) -> ab.add(new InterleavedForks.Side(name, segments.get(name),
                    List.of("-D" + BenchTarget.CLIENT_CONFIG_OVERLAY + "=" + file))));
            List<InterleavedForks.Side> ba = new ArrayList<>(ab);
            java.util.Collections.reverse(ba);
            error = InterleavedForks.run(c, forks, fork -> fork % 2 == 0 ? ba : ab, k, (n, side, fork, rounds) ->
                    System.out.printf("%n[%d/%d] %s  %s fork %d/%d%s%n", n, total, shown(c), side.name(), fork, rounds, eta(n, total, started)));
            k += forks * 2;
            if (error != null) {
                break;
            }
        }
        try {
            relabelOverridden(runDir.resolve("baseline/jmh.json"), runDir.resolve("candidate/jmh.json"));
        } catch (IOException | RuntimeException e) {
            System.err.println("run.sh ab: cannot relabel the params the side configs override: " + e.getMessage());
        }
        if (!adaptive.isEmpty()) {
            abRecord.put("adaptive", adaptive);
        }
        session.finish(error == null, error);
        writeSideRecords(session, sides, configs);
        if (error != null) {
            System.err.println("run.sh ab: " + error);
            return ExitCodes.BENCHMARK_FAILED;
        }
        // the whole command's time, as --max-time budgets it
        System.out.printf("%nab: done in %s; compare with: ./run.sh compare %s %s%n", Plan.wallTime(runStarted, started, "forks"),
                runDir.resolve("baseline"), runDir.resolve("candidate"));
        return ExitCodes.OK;
    }

    /**
     * Each side's run.json: the run's record with the side named, and the values each configuration's clients ran
     * with under that side's config (compare reads from it how the data were taken).
     */
    private static void writeSideRecords(RunSession session, Map<String, Path> sides, List<Plan.Config> configs) {
        for (Map.Entry<String, Path> side : sides.entrySet()) {
            try {
                session.record().writeCopy(session.runDir().resolve(side.getKey()).resolve("run.json"),
                        Map.of("runId", session.runDir().getFileName() + "-" + side.getKey(), "abSide", side.getKey(),
                                "clientConfig", session.record().clientConfigRan(configs, ClientConfigs.readUserFile(side.getValue()))));
            } catch (IOException e) {
                System.err.println("run.sh ab: cannot write " + side.getKey() + "/run.json: " + e.getMessage());
            }
        }
    }

    /**
     * One fork running both sides in turns; JMH's file stays under {@code slices/segments/}, and each side's part of it
     * becomes that side's next segment ({@code NNN-<step>.sliced.json}).
     */
    private static void runSliced(JmhSegments slices, Plan.Config c, Map<String, JmhSegments> segments, Map<String, Path> sides,
                                  boolean swapped) throws RunnerException, IOException {
        Path log = slices.nextFile(c, ".slices.log");
        Files.deleteIfExists(log);
        slices.run(c, List.of("-D" + AbSlices.BASELINE + "=" + sides.get("baseline"), "-D" + AbSlices.CANDIDATE + "="
                + sides.get("candidate"), "-D" + AbSlices.LOG + "=" + log, "-D" + AbSlices.SWAP + "=" + swapped));
        Path jmhFile = slices.lastFile();
        Map<String, String> parts = SliceSplit.split(Files.readString(jmhFile),
                SliceSplit.sides(Files.exists(log) ? Files.readString(log) : "", swapped), swapped, jmhFile.toString());
        for (Map.Entry<String, JmhSegments> side : segments.entrySet()) {
            Path file = side.getValue().nextFile(c, ".sliced.json");
            ResultFiles.writeAtomically(file, parts.get(side.getKey()));
            side.getValue().add(file);
        }
    }

    /**
     * JMH records the pinned param value (say lingerMs=0) on both sides, though each side's config overrode it: a
     * report or compare.md would say linger.ms 0 for a side that ran 20. Rewrites both sides' joined jmh.json so such
     * a param says what ran: "0→20" on both sides (so their entries still match), or the one value both sides ran.
     * The per-fork files under segments/ stay as JMH wrote them.
     */
    void relabelOverridden(Path baselineJson, Path candidateJson) throws IOException {
        for (Path f : List.of(baselineJson, candidateJson)) {
            if (java.nio.file.Files.exists(f)) {
                ResultFiles.writeAtomically(f, relabel(java.nio.file.Files.readString(f), sideA, sideB));
            }
        }
    }

    static String relabel(String jmhJson, Properties a, Properties b) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode entries = json.readTree(jmhJson);
        for (com.fasterxml.jackson.databind.JsonNode entry : entries) {
            if (!(entry.path("params") instanceof com.fasterxml.jackson.databind.node.ObjectNode params)) {
                continue;
            }
            Map<String, String> pinned = new LinkedHashMap<>();
            params.fieldNames().forEachRemaining(name -> pinned.put(name, params.path(name).asText()));
            sidesParams(pinned, a, b).forEach(params::put);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(entries) + "\n";
    }

    /**
     * The params as the two sides ran them: a param whose property a side's config sets shows that side's value
     * ({@code 5}, or {@code 0→20} when the sides differ) instead of the value it was pinned to; others stay.
     */
    static Map<String, String> sidesParams(Map<String, String> params, Properties a, Properties b) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((name, pinned) -> {
            String property = ParamRules.kafkaProperty(name);
            String va = property == null ? null : sideValue(a, property);
            String vb = property == null ? null : sideValue(b, property);
            if (va == null && vb == null) {
                out.put(name, pinned);
                return;
            }
            va = va == null ? pinned : va;
            vb = vb == null ? pinned : vb;
            out.put(name, va.equals(vb) ? va : va + "→" + vb);
        });
        return out;
    }

    /** A configuration's label with the sides' values ({@link #sidesParams}), for the console and run.json. */
    private String shown(Plan.Config c) {
        return c.withParams(sidesParams(c.params(), sideA, sideB)).label();
    }

    /**
     * What this ab runs, one entry per configuration, for run.json's plan: the profile's plan before ab pinned the
     * params both sides' configs set and chose its own forks and iterations is not what ran.
     */
    List<Map<String, Object>> ranPlan(List<Plan.Config> configs, List<String> sliced, int forks, CommandLineOptions jmh) {
        return configs.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("configuration", shown(c));
            boolean slices = sliced.contains(c.benchmark());
            Plan.Config run = slices ? sliceConfig(c, jmh) : c;
            m.put("interleave", slices ? "slices" : "forks");
            m.put("forks", slices ? (precisionPct == null ? sliceForks(jmh) : "2 to " + ADAPTIVE_MAX_FORKS + ", until --precision")
                    : forks + " per side");
            m.put("warmup", run.warmupText());
            m.put("measurement", run.measurementText()
                    + (slices ? " (both sides in turn: " + run.measurementIterations() / 2 + " pairs per fork)" : " per fork"));
            return m;
        }).toList();
    }

    /** A side's value of a client property, scoped ("producer.linger.ms") or plain; null when the side leaves it alone. */
    static String sideValue(Properties side, String property) {
        for (String prefix : List.of("producer.", "consumer.", "admin.", "")) {
            String v = side.getProperty(prefix + property);
            if (v != null) {
                return v.trim();
            }
        }
        return null;
    }

    /**
     * A side's value for a property a param sweeps replaces that param's values, so it is checked like a {@code -p} value:
     * {@code acks=2} is refused with the allowed values before anything starts.
     */
    static void checkSweptValues(String option, Path file, Properties side, Map<String, String> swept) {
        for (String key : side.stringPropertyNames()) {
            String param = swept.get(ClientConfigs.unscoped(key));
            if (param != null) {
                try {
                    ParamRules.check(param, side.getProperty(key), false);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(option + " " + file + ": " + key + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Configurations with every param that either side's config sets pinned to one value (the side's config wins
     * over it anyway), duplicates removed.
     */
    static List<Plan.Config> sideIndependent(List<Plan.Config> configs, Properties a, Properties b) {
        Set<String> keys = new LinkedHashSet<>();
        for (Properties p : List.of(a, b)) {
            for (String key : p.stringPropertyNames()) {
                keys.add(key.replaceFirst("^(producer|consumer|admin)\\.", ""));
            }
        }
        Map<String, Plan.Config> out = new LinkedHashMap<>();
        Map<String, String> pinned = new LinkedHashMap<>();
        for (Plan.Config c : configs) {
            Map<String, String> params = new LinkedHashMap<>(c.params());
            for (Map.Entry<String, String> e : params.entrySet()) {
                String property = ParamRules.kafkaProperty(e.getKey());
                if (property != null && keys.contains(property)) {
                    e.setValue(pinned.computeIfAbsent(e.getKey() + "@" + c.benchmark(), x -> e.getValue()));
                }
            }
            Plan.Config pinnedConfig = c.withParams(params);
            out.putIfAbsent(pinnedConfig.identity(), pinnedConfig);
        }
        return List.copyOf(out.values());
    }
}
