package dev.kcb.bench.suite;

import dev.kcb.bench.broker.Broker;
import dev.kcb.bench.broker.BrokerStartException;
import dev.kcb.bench.broker.Brokers;
import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * The suite runner behind {@code ./run.sh}: validates everything, starts one broker for the whole run, runs
 * each configuration of the profile as its own JMH invocation (so a failure keeps what finished), and writes
 * {@code results/<run-id>/jmh.json} (JMH's own JSON) and {@code run.json}.
 *
 * <p>Options it does not know are JMH's and pass through: include regexes, {@code -p name=v1,v2}, {@code -f},
 * {@code -wi}, {@code -i}, {@code -w}, {@code -r}, {@code -t}, {@code -prof}, {@code -v}, {@code -l}.
 * Exit codes: see {@link ExitCodes}.
 */
@Command(name = "run.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the Kafka client benchmarks against a real broker.%n"
                + "Unknown options are JMH's: include regexes, -p name=v1,v2, -f, -wi, -i, -w, -r, -t, -prof, -l.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a benchmark failed (finished results are kept)",
                "2:bad argument, param, profile or client config", "3:the broker did not start or is unreachable"})
public final class SuiteRunner implements Callable<Integer> {

    @Option(names = "--broker", defaultValue = "auto", description = "auto (container if Docker answers, else local), local, container, external. Default: ${DEFAULT-VALUE}")
    String brokerMode;

    @Option(names = "--bootstrap-servers", description = "external mode: HOST:PORT[,...]")
    String bootstrapServers;

    @Option(names = "--client-config", description = "properties merged into every producer, consumer and admin client (prefix a key with producer./consumer./admin. to scope it)")
    Path clientConfig;

    @Option(names = "--profile", defaultValue = "quick", description = "smoke, quick, standard, full. Default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--brokers", defaultValue = "1", description = "local mode: number of KRaft nodes (1 or 3). Default: ${DEFAULT-VALUE}")
    int brokers;

    @Option(names = "--partitions", defaultValue = "1", description = "partitions of each trial's topic. Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--replication-factor", description = "of each trial's topic. Default: min(brokers, 3), 1 for external")
    Integer replicationFactor;

    @Option(names = "--topic-config", description = "topic config KEY=VALUE, repeatable. Default with 3+ brokers: min.insync.replicas=2")
    List<String> topicConfigs = new ArrayList<>();

    @Option(names = "--results-dir", description = "Default: results/ under the project")
    Path resultsDir;

    @Option(names = "--run-id", description = "Default: <date>-<time>-<profile>")
    String runId;

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

    SuiteRunner(List<String> originalArgs) {
        this.originalArgs = originalArgs;
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new SuiteRunner(List.of(args)));
        cl.setUnmatchedArgumentsAllowed(true);
        cl.setUnmatchedOptionsArePositionalParams(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("run.sh: " + ex.getMessage() + " (see ./run.sh --help)");
            return ExitCodes.USAGE;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() {
        Path home = Path.of(System.getProperty("kcb.home", ".")).toAbsolutePath().normalize();
        Path results = resultsDir != null ? resultsDir.toAbsolutePath() : home.resolve("results");

        // 1. everything that can be wrong with the arguments is found before anything starts
        CommandLineOptions jmh;
        Plan plan;
        Properties user;
        Map<String, String> topicConfigMap;
        int rf;
        try {
            jmh = new CommandLineOptions(jmhArgs.toArray(String[]::new));
            if (jmh.shouldList() || jmh.shouldListWithParams()) {
                new Runner(jmh).list();
                return ExitCodes.OK;
            }
            Profile p = Profile.load(profile);
            plan = Plan.build(p, jmh, userParams(jmhArgs));
            user = clientConfig == null ? new Properties() : ClientConfigs.readUserFile(clientConfig);
            if (brokers < 1) {
                throw new IllegalArgumentException("--brokers must be >= 1");
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions must be >= 1");
            }
            rf = replicationFactor != null ? replicationFactor : "external".equals(brokerMode) ? 1 : Math.min(brokers, 3);
            topicConfigMap = BenchTarget.parseTopicConfigs(String.join(",", topicConfigs));
            if (brokers >= 3 && rf >= 3) {
                topicConfigMap.putIfAbsent("min.insync.replicas", "2");
            }
        } catch (CommandLineOptionException | IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            return ExitCodes.USAGE;
        }

        String id = runId != null ? runId : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + profile;
        Path runDir = results.resolve(id);
        try {
            Files.createDirectories(runDir.resolve("segments"));
            Path probe = Files.createTempFile(runDir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            System.err.println("run.sh: results dir " + runDir + " is not writable: " + e.getMessage());
            return ExitCodes.USAGE;
        }

        out.printf("kafka-client-bench: profile %s (%s)%n", plan.profile().name(), plan.profile().description());
        out.printf("plan: %d configurations, %d fork(s) each, about %s (estimate; broker start not included)%n",
                plan.configurations(), plan.forks(), Plan.duration(plan.estimatedSeconds()));
        out.printf("results: %s%n", runDir);

        RunRecord record = new RunRecord(runDir, id, plan.profile().name(), originalArgs, home);
        record.plan(plan, jmhArgs);
        record.clientConfig(user, clientConfig == null ? null : clientConfig.toAbsolutePath().toString());
        record.topic(partitions, rf, topicConfigMap);

        // 2. one broker for the whole run
        StringBuilder reason = new StringBuilder();
        Broker broker;
        try {
            broker = Brokers.start(brokerMode, brokers, brokerVersion(),
                    home.resolve("dist/broker/target/lib"), runDir, bootstrapServers, user, line -> {
                        out.println(line);
                        reason.append(line);
                    });
        } catch (BrokerStartException e) {
            System.err.println("run.sh: " + e.getMessage());
            record.finish("failed", e.getMessage());
            writeQuietly(record);
            return ExitCodes.BROKER_UNAVAILABLE;
        } catch (IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (broker) {
            record.broker(broker, reason.toString());
            out.printf("broker up: %s at %s (version %s)%n", broker.mode(), broker.bootstrapServers(), broker.version());
            writeQuietly(record);
            List<String> sysProps = new ArrayList<>(List.of(
                    "-D" + BenchTarget.BOOTSTRAP + "=" + broker.bootstrapServers(),
                    "-D" + BenchTarget.PARTITIONS + "=" + partitions,
                    "-D" + BenchTarget.REPLICATION_FACTOR + "=" + rf,
                    "-D" + BenchTarget.TOPIC_CONFIGS + "=" + String.join(",", topicConfigMap.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()),
                    "-Dkcb.consumer.fillBytes=" + plan.profile().consumerFillBytes()));
            if (clientConfig != null) {
                sysProps.add("-D" + BenchTarget.CLIENT_CONFIG + "=" + clientConfig.toAbsolutePath());
            }
            int warmup = plan.profile().brokerWarmupSeconds();
            if (warmup > 0) {
                out.printf("warming the broker for %d s (a fresh broker JVM is slower for its first seconds)%n", warmup);
                BrokerWarmup.run(new BenchTarget(broker.bootstrapServers(), user, partitions, (short) rf, topicConfigMap),
                        java.time.Duration.ofSeconds(warmup));
            }
            return runAll(plan, jmh, sysProps, runDir, results, record);
        }
    }

    private int runAll(Plan plan, CommandLineOptions jmh, List<String> sysProps, Path runDir, Path results, RunRecord record) {
        List<Plan.Config> configs = plan.configs();
        List<Path> files = new ArrayList<>();
        List<RunResult> all = new ArrayList<>();
        long started = System.nanoTime();
        int status = ExitCodes.OK;
        String error = null;
        for (int k = 0; k < configs.size(); k++) {
            Plan.Config c = configs.get(k);
            long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
            long eta = k == 0 ? (long) plan.secondsPerConfiguration() * configs.size() : elapsed * (configs.size() - k) / k;
            out.printf("%n[%d/%d] %s  ETA %s%n", k + 1, configs.size(), c.label(), Plan.duration(eta));
            Path file = runDir.resolve("segments").resolve(String.format("%03d-%s.json", k + 1, c.step()));
            try {
                all.addAll(new Runner(options(c, plan, jmh, sysProps, file)).run());
            } catch (RunnerException e) {
                error = c.label() + " failed: " + rootMessage(e);
                status = ExitCodes.BENCHMARK_FAILED;
            }
            files.add(file);
            try {
                ResultFiles.writeAtomically(runDir.resolve("jmh.json"), ResultFiles.concatJmhArrays(files));
            } catch (IOException e) {
                error = "cannot write " + runDir.resolve("jmh.json") + ": " + e.getMessage();
                status = ExitCodes.BENCHMARK_FAILED;
            }
            if (status != ExitCodes.OK) {
                break;
            }
        }
        Headlines.print(all, out);
        record.put("completedConfigurations", all.size());
        record.finish(status == ExitCodes.OK ? "ok" : "failed", error);
        writeQuietly(record);
        try {
            ResultFiles.pointLatest(results, runDir);
        } catch (IOException e) {
            System.err.println("run.sh: could not update results/latest: " + e.getMessage());
        }
        out.printf("%nwall time %s; results in %s%n", Plan.duration((System.nanoTime() - started) / 1_000_000_000L), runDir);
        if (status != ExitCodes.OK) {
            System.err.println("run.sh: " + error + " (results of finished configurations are in " + runDir + ")");
            return status;
        }
        if (saveBaseline != null) {
            try {
                Path dest = results.resolve("baselines").resolve(saveBaseline);
                ResultFiles.copyTree(runDir, dest);
                out.println("saved baseline " + saveBaseline + " -> " + dest);
            } catch (IOException e) {
                System.err.println("run.sh: could not save baseline: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        return ExitCodes.OK;
    }

    private static org.openjdk.jmh.runner.options.Options options(Plan.Config c, Plan plan, CommandLineOptions jmh,
                                                                  List<String> sysProps, Path resultFile) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(c.benchmark()) + "$")
                .forks(plan.forks())
                .warmupIterations(plan.warmupIterations())
                .warmupTime(TimeValue.seconds(plan.warmupSeconds()))
                .measurementIterations(plan.measurementIterations())
                .measurementTime(TimeValue.seconds(plan.measurementSeconds()))
                .shouldFailOnError(true)
                .jvmArgsPrepend(sysProps.toArray(String[]::new))
                .result(resultFile.toString())
                .resultFormat(ResultFormatType.JSON);
        c.params().forEach(b::param);
        if (jmh.getThreads().hasValue()) {
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
        return b.build();
    }

    /** kafka.broker.version from the pom (for container mode's image tag); -Dkcb.broker.version overrides it. */
    static String brokerVersion() {
        Properties p = new Properties();
        try (var in = SuiteRunner.class.getResourceAsStream("/kcb-versions.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("kcb-versions.properties missing from the jar", e);
        }
        return System.getProperty("kcb.broker.version", p.getProperty("kafka.broker.version"));
    }

    /** The user's -p values, parsed the way JMH does ("-p name=v1,v2"). */
    static Map<String, List<String>> userParams(List<String> args) {
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

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static void writeQuietly(RunRecord record) {
        try {
            record.write();
        } catch (IOException e) {
            System.err.println("run.sh: cannot write run.json: " + e.getMessage());
        }
    }
}
