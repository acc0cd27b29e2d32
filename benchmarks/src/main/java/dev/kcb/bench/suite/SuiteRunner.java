package dev.kcb.bench.suite;

import dev.kcb.bench.broker.BrokerStartException;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.latency.EndToEndLatencyBenchmark;
import dev.kcb.bench.latency.LatencyProfiler;
import dev.kcb.bench.common.ProduceRequestsProfiler;
import dev.kcb.bench.consumer.ConsumerPollBenchmark;
import dev.kcb.bench.cost.CostProfiler;
import dev.kcb.bench.host.StealProfiler;
import dev.kcb.bench.producer.ProducerSendBenchmark;
import dev.kcb.bench.producer.TransactionalProducerBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import dev.kcb.bench.calibrate.CalibrateCommand;
import dev.kcb.bench.clients.ClientsCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * The suite runner behind {@code ./run.sh}: validates everything, starts one broker for the whole run, runs
 * each configuration of the profile as its own JMH invocation (so a failure keeps what finished), and writes
 * {@code results/<run-id>/jmh.json} (JMH's own JSON) and {@code run.json}.
 *
 * <p>Options it does not know are JMH's and pass through: include regexes, {@code -p name=v1,v2}, {@code -f},
 * {@code -wi}, {@code -i}, {@code -w}, {@code -r}, {@code -t}, {@code -prof}, {@code -v}, {@code -l}. Besides a
 * benchmark's params, {@code -p threads=1,2,4} and {@code -p partitions=4} sweep JMH threads and topic partitions
 * per configuration (see {@link Plan#THREADS}); {@code -t N} is {@code -p threads=N}.
 * Exit codes: see {@link ExitCodes}.
 */
@Command(name = "run.sh", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {AbCommand.class, CalibrateCommand.class, ClientsCommand.class},
        description = "Runs the Kafka client benchmarks against a real broker.%n"
                + "Unknown options are JMH's: include regexes, -p name=v1,v2, -f, -wi, -i, -w, -r, -t, -prof, -l.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a benchmark failed (finished results are kept), or compare found a regression",
                "2:bad argument, param, profile or client config", "3:the broker did not start or is unreachable"})
public final class SuiteRunner implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "quick", description = "smoke, quick, standard, full. Default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--segment", split = ",", paramLabel = "NAME", description = "run only these segments of the profile"
            + " (e.g. --profile standard --segment concurrency); names as in profiles/<profile>.properties")
    List<String> segments = new ArrayList<>();

    @Mixin
    BrokerOptions brokerOptions;

    @Option(names = "--client-version", split = ",", paramLabel = "V",
            description = "a kafka-clients version matrix: the plan once per version (" + ClientJars.OLDEST + " or newer), in one run"
                    + " on one broker, forks interleaved v1 v2 v3 v1 v2 v3 ...; each version's benchmarks jar is built once"
                    + " (benchmarks/target/clients/V/) and reused. -p lingerMs=default (any param that sets a client property)"
                    + " leaves it unset, so each version runs with its own default. A version that does not resolve is refused (exit 2)")
    List<String> clientVersions = new ArrayList<>();

    @Option(names = "--save-baseline", description = "after a successful run, save it as results/baselines/NAME")
    String saveBaseline;

    @Option(names = "--baseline", description = "compare the run against results/baselines/NAME afterwards (run.sh does this)")
    String baseline;

    @Option(names = "--no-report", description = "skip the report (run.sh reads this)")
    boolean noReport;

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    private final PrintStream out = System.out;
    private final List<String> originalArgs;

    /** The command line as given, for run.json (subcommands read it too). */
    public List<String> originalArgs() {
        return originalArgs;
    }

    /**
     * Subcommands take their own options after their name; options before it would go to the suite runner and be
     * silently ignored. @throws IllegalArgumentException naming the misplaced options
     */
    public void requireOptionsAfter(String subcommand) {
        int at = originalArgs.indexOf(subcommand);
        if (at > 0) {
            throw new IllegalArgumentException("put options after '" + subcommand + "': ./run.sh " + subcommand + " "
                    + String.join(" ", originalArgs.subList(0, at)) + " ...");
        }
    }

    SuiteRunner(List<String> originalArgs) {
        this.originalArgs = originalArgs;
    }

    public static void main(String[] args) {
        System.exit(commandLine(List.of(args)).execute(args));
    }

    static CommandLine commandLine(List<String> args) {
        CommandLine cl = new CommandLine(new SuiteRunner(args));
        cl.setUnmatchedArgumentsAllowed(true);
        cl.setUnmatchedOptionsArePositionalParams(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("run.sh: " + ex.getMessage() + " (see ./run.sh --help)");
            return ExitCodes.USAGE;
        });
        return cl;
    }

    @Override
    public Integer call() {
        long runStarted = System.nanoTime();
        // 1. everything that can be wrong with the arguments is found before anything starts
        CommandLineOptions jmh;
        Plan plan;
        BrokerOptions.Resolved resolved;
        List<ClientJars.ClientJar> clients;
        try {
            jmh = new CommandLineOptions(jmhArgs.toArray(String[]::new));
            if (jmh.shouldList() || jmh.shouldListWithParams()) {
                new Runner(jmh).list();
                return ExitCodes.OK;
            }
            Profile p = Profile.load(profile);
            plan = Plan.build(segments.isEmpty() ? p : p.only(segments), jmh, userParams(jmhArgs));
            resolved = brokerOptions.resolve(RunSession.home());
            ClientConfigs.refuseSwept("--client-config", brokerOptions.clientConfig, resolved.userConfig(), plan.sweptProperties());
            checkThreads(resolved.partitions(), plan);
            Baselines.checkName(saveBaseline);
            Baselines.checkExists(baseline, resolved.resultsDir());
            if (!clientVersions.isEmpty() && (saveBaseline != null || baseline != null)) {
                throw new IllegalArgumentException("--client-version runs compare each version with the one before it;"
                        + " --save-baseline and --baseline take a single-version run");
            }
            clients = clientVersions.isEmpty() ? null : ClientJars.prepare(ClientJars.parse(clientVersions), RunSession.home(), out);
        } catch (CommandLineOptionException | IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (RunSession session = RunSession.create(resolved, plan.profile().name(), originalArgs, out)) {
            session.stopEverythingOnSignal();
            out.printf("kafka-client-bench: profile %s (%s)%n", plan.profile().name(), plan.profile().description());
            int versions = clients == null ? 1 : clients.size();
            long estimate = clients != null ? versions * plan.estimatedSeconds() : ConfigSlices.estimatedSeconds(plan);
            out.printf("plan: %d configurations, %d fork(s) each%s, about %s (estimate; broker start and warm-up not included)%n",
                    plan.configurations(), plan.forks(), versions > 1 ? ", x " + versions + " client versions" : "",
                    Plan.duration(estimate));
            out.printf("results: %s%n", session.runDir());
            session.record().plan(plan, jmhArgs);
            List<Map<String, Object>> turns = clients == null ? ConfigSlices.describe(plan) : List.of();
            if (!turns.isEmpty()) {
                // what took turns in one fork (see ConfigSlices); a version matrix runs one fork per configuration
                session.record().configSlices(turns, estimate);
            }
            if (clients != null) {
                session.record().clientVersions(clients.stream().map(ClientJars.ClientJar::version).toList());
                session.record().put("matrix", VersionMatrix.describe(clients));
                out.printf("kafka-clients versions: %s, forks interleaved round-robin on one broker%n",
                        String.join(", ", clients.stream().map(ClientJars.ClientJar::version).toList()));
            }
            int started = session.startBrokerAndWarm(plan.profile().brokerWarmupSeconds());
            if (started != ExitCodes.OK) {
                return started;
            }
            List<String> sysProps = new ArrayList<>(session.forkSystemProperties());
            sysProps.add("-Dkcb.consumer.fillBytes=" + plan.profile().consumerFillBytes());
            return clients != null ? VersionMatrix.run(plan, jmh, sysProps, session, clients, out, runStarted) : runAll(plan, jmh, sysProps, session, runStarted);
        } catch (IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** @param runStarted when the command started: its wall time includes the host probe, broker start and warm-up */
    private int runAll(Plan plan, CommandLineOptions jmh, List<String> sysProps, RunSession session, long runStarted) {
        Path runDir = session.runDir();
        List<List<Plan.Config>> runs = ConfigSlices.groups(plan);
        int total = plan.configurations();
        long estimate = ConfigSlices.estimatedSeconds(plan);
        List<Headlines.Row> all = new ArrayList<>();
        long started = System.nanoTime();
        String error = null;
        int status = ExitCodes.OK;
        JmhSegments segments;
        JmhSegments slices;
        try {
            segments = new JmhSegments(runDir, jmh, sysProps);
            slices = runs.stream().anyMatch(g -> g.size() > 1) ? new JmhSegments(runDir.resolve("slices"), jmh, sysProps) : null;
        } catch (IOException e) {
            System.err.println("run.sh: cannot create " + runDir.resolve("segments") + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int done = 0;
        long estimatedDone = 0;
        for (List<Plan.Config> group : runs) {
            Plan.Config c = group.get(0);
            long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
            long eta = done == 0 ? estimate : Math.max(0, elapsed * (estimate - estimatedDone) / Math.max(1, estimatedDone));
            if (group.size() == 1) {
                out.printf("%n[%d/%d] %s  ETA %s%n", done + 1, total, c.label(), Plan.duration(eta));
            } else {
                out.printf("%n[%d-%d/%d] %d configurations in one fork, taking turns by iteration (%s ...; %s warm-up and %s"
                                + " measured each)  ETA %s%n", done + 1, done + group.size(), total, group.size(),
                        SliceSplit.configOrder(group.size()), c.warmupText(), c.measurementText(), Plan.duration(eta));
                for (int i = 0; i < group.size(); i++) {
                    out.printf("  %d: %s%n", i, group.get(i).label());
                }
            }
            try {
                if (group.size() == 1) {
                    segments.run(c).forEach(r -> all.add(Headlines.Row.of(r)));
                } else {
                    all.addAll(ConfigSlices.run(group, segments, slices));
                }
            } catch (RunnerException e) {
                String dead = session.broker().deadReason();
                error = session.signalled() ? "stopped by a signal (Ctrl-C or SIGTERM); broker and forks stopped"
                        : (dead != null ? "the broker died mid-run: " + dead + "; " : "") + label(group) + " failed: " + rootMessage(e);
                status = ExitCodes.BENCHMARK_FAILED;
            } catch (IOException e) {
                error = "cannot write " + runDir.resolve("jmh.json") + ": " + e.getMessage();
                status = ExitCodes.BENCHMARK_FAILED;
            } catch (IllegalStateException e) {
                // a slice log that does not match the fork's schedule: never split on a guess
                error = label(group) + ": " + e.getMessage();
                status = ExitCodes.BENCHMARK_FAILED;
            }
            if (status != ExitCodes.OK) {
                break;
            }
            done += group.size();
            estimatedDone += ConfigSlices.estimatedSeconds(group);
        }
        Headlines.printRows(all, out);
        session.record().put("completedConfigurations", all.size());
        session.finish(status == ExitCodes.OK, error);
        out.printf("%nwall time %s; results in %s%n", Plan.wallTime(runStarted, started, "benchmarks"), runDir);
        if (status != ExitCodes.OK) {
            System.err.println("run.sh: " + error + " (results of finished configurations are in " + runDir + ")");
            return status;
        }
        if (saveBaseline != null) {
            try {
                Path dest = Baselines.save(runDir, session.resultsDir(), saveBaseline);
                out.println("saved baseline " + saveBaseline + " -> " + dest);
            } catch (IOException e) {
                System.err.println("run.sh: could not save baseline: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        return ExitCodes.OK;
    }

    private static String label(List<Plan.Config> group) {
        return group.size() == 1 ? group.get(0).label()
                : group.get(0).label() + " and " + (group.size() - 1) + " more configuration(s) taking turns in its fork";
    }

    /** The benchmarks that count their records for {@link CostProfiler}. */
    static final List<Class<?>> COSTED = List.of(ProducerSendBenchmark.class, ConsumerPollBenchmark.class,
            EndToEndLatencyBenchmark.class, TransactionalProducerBenchmark.class);

    /** Benchmarks that hand latency histograms to {@link LatencyProfiler}: end-to-end, and commit latency. */
    static final List<Class<?>> LATENCY_PROFILED = List.of(EndToEndLatencyBenchmark.class, TransactionalProducerBenchmark.class,
            ConsumerPollBenchmark.class);

    /** JMH options for one configuration: the plan's iteration settings, the user's pass-through options, JSON out. */
    public static Options options(Plan.Config c, CommandLineOptions jmh, List<String> sysProps, Path resultFile) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(c.benchmark()) + "$")
                .forks(c.forks())
                .warmupIterations(c.warmupIterations())
                .warmupTime(TimeValue.seconds(c.warmupSeconds()))
                .measurementIterations(c.measurementIterations())
                .measurementTime(TimeValue.seconds(c.measurementSeconds()))
                .shouldFailOnError(true)
                .jvmArgsPrepend(sysProps.toArray(String[]::new))
                .result(resultFile.toString())
                .resultFormat(ResultFormatType.JSON);
        c.params().forEach(b::param);
        if (c.threads() != null) {
            b.threads(c.threads());
        } else if (jmh.getThreads().hasValue()) {
            b.threads(jmh.getThreads().get());
        }
        if (jmh.verbosity().hasValue()) {
            b.verbosity(jmh.verbosity().get());
        }
        if (jmh.getTimeout().hasValue()) {
            b.timeout(jmh.getTimeout().get());
        }
        if (jmh.getJvmArgsAppend().hasValue()) {
            b.jvmArgsAppend(jmh.getJvmArgsAppend().get().toArray(String[]::new));
        }
        jmh.getProfilers().forEach(p -> b.addProfiler(p.getKlass(), p.getOpts()));
        if (LATENCY_PROFILED.stream().anyMatch(k -> c.benchmark().startsWith(k.getName() + "."))
                && jmh.getProfilers().stream().noneMatch(p -> p.getKlass().equals(LatencyProfiler.class.getName()))) {
            // their percentiles (e2e, ack, commit) reach jmh.json only through this profiler (see LatencyProfiler for why)
            b.addProfiler(LatencyProfiler.class);
        }
        if ((c.benchmark().startsWith(EndToEndLatencyBenchmark.class.getName() + ".")
                || c.benchmark().startsWith(ProducerSendBenchmark.class.getName() + ".")
                || c.benchmark().startsWith(TransactionalProducerBenchmark.class.getName() + "."))
                && jmh.getProfilers().stream().noneMatch(p -> p.getKlass().equals(ProduceRequestsProfiler.class.getName()))) {
            // records and bytes per produce request: why a linger or batch.size change did or did not pay
            b.addProfiler(ProduceRequestsProfiler.class);
        }
        if (COSTED.stream().anyMatch(k -> c.benchmark().startsWith(k.getName() + "."))
                && jmh.getProfilers().stream().noneMatch(p -> p.getKlass().equals(CostProfiler.class.getName()))) {
            // client CPU, broker CPU and allocation per acknowledged or consumed record
            b.addProfiler(CostProfiler.class);
        }
        if (jmh.getProfilers().stream().noneMatch(p -> p.getKlass().equals(StealProfiler.class.getName()))) {
            // what the host took from this VM in each iteration, beside what the client did in it
            b.addProfiler(StealProfiler.class);
        }
        return b.build();
    }

    /**
     * The consumer benchmark gives each thread its own partitions (see ConsumerPollBenchmark.Client), so a consumer
     * configuration with N threads needs N of them: its own partitions, else the run-wide {@code --partitions}.
     */
    static void checkThreads(int runWidePartitions, Plan plan) {
        for (Plan.Config c : plan.configs()) {
            int threads = c.threadCount();
            int partitions = c.partitionsOr(runWidePartitions);
            if (threads > partitions && c.benchmark().contains(".ConsumerPollBenchmark.")) {
                throw new IllegalArgumentException(c.label() + ": each consumer thread reads its own partitions, so " + threads
                        + " threads need " + threads + " or more; " + (c.partitions() == null
                        ? "use --partitions " + threads + " or more" : "give it " + Plan.PARTITIONS + "=" + threads + " or more"));
            }
        }
    }

    /** kafka.broker.version from the pom (for container mode's image tag); -Dkcb.broker.version overrides it. */
    public static String brokerVersion() {
        Properties p = new Properties();
        try (var in = SuiteRunner.class.getResourceAsStream("/kcb-versions.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("kcb-versions.properties missing from the jar", e);
        }
        return System.getProperty("kcb.broker.version", p.getProperty("kafka.broker.version"));
    }

    /** The user's -p values, parsed the way JMH does ("-p name=v1,v2"). */
    public static Map<String, List<String>> userParams(List<String> args) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String kv = null;
            if (a.equals("-p") && i + 1 < args.size()) {
                kv = args.get(++i);
            } else if (a.startsWith("-p") && a.length() > 2 && a.contains("=") && !a.startsWith("-prof")) {
                kv = a.substring(2);
            }
            if (kv != null) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("-p " + kv + ": expected name=v1,v2");
                }
                out.put(kv.substring(0, eq), List.of(kv.substring(eq + 1).split(",")));
            }
        }
        return out;
    }

    /**
     * The innermost cause's first line; JMH hangs the fork's failure on a suppressed exception, so those count too. The
     * walk stops at an exception it has seen: a suppressed exception may have the exception it hangs on as its own cause
     * (the Kafka producer's error state does), and following that cycle once spun the runner forever after a failed run.
     */
    public static String rootMessage(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = e;
        seen.add(t);
        while (true) {
            Throwable next = t.getCause() != null ? t.getCause() : (t.getSuppressed().length > 0 ? t.getSuppressed()[0] : null);
            if (next == null || !seen.add(next)) {
                break;
            }
            t = next;
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
