package dev.kcb.bench.calibrate;

import dev.kcb.bench.broker.BrokerStartException;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.suite.BrokerOptions;
import dev.kcb.bench.suite.BrokerWarmup;
import dev.kcb.bench.suite.ChildProcess;
import dev.kcb.bench.suite.ExitCodes;
import dev.kcb.bench.suite.JmhSegments;
import dev.kcb.bench.suite.Plan;
import dev.kcb.bench.suite.Profile;
import dev.kcb.bench.suite.RunSession;
import dev.kcb.bench.suite.SuiteRunner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code ./run.sh calibrate}: does the suite agree with the tools users know, and with the client's own ceiling?
 * On one broker, for each case of {@code calibrate/cases.properties} (same record count, message size and client
 * config for all): Kafka's ProducerPerformance (random payload, then {@code --payload-file}) and
 * ConsumerPerformance, the plain loop ({@link References#plainLoop}), then the suite's {@code sendAsync} and
 * {@code poll} benchmarks. Writes {@code calibration.json} (and the suite's jmh.json) and prints the table.
 * Exit codes as the suite's; a measurement that fails is a row saying so, and exit code 1.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Kafka's perf tools, a plain send loop and the suite, side by side on one broker and the same configs.",
                "Unknown options are JMH's iteration settings for the suite's runs: -f, -wi, -w, -i, -r."})
public final class CalibrateCommand implements Callable<Integer> {
    /** The suite benchmarks calibrated; sendAsync's @Fork JVM flags are given to every JVM the measuring commands start. */
    public static final String SEND_ASYNC = "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync";
    static final String POLL = "dev.kcb.bench.consumer.ConsumerPollBenchmark.poll";

    @ParentCommand
    SuiteRunner parent;

    @Mixin
    BrokerOptions brokerOptions;

    @Option(names = "--records", defaultValue = "1000000", description = "records per tool run and plain-loop pass. Default: ${DEFAULT-VALUE}")
    long records;

    @Option(names = "--profile", defaultValue = "quick", description = "iteration settings and broker warm-up of the suite's runs. Default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--plain-passes", defaultValue = "3", description = "plain-loop passes; the first warms the JIT. Default: ${DEFAULT-VALUE}")
    int plainPasses;

    @Option(names = "--no-report", description = "skip the report (run.sh reads this)")
    boolean noReport;

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        CommandLineOptions jmh;
        Plan plan;
        Profile base;
        List<Case> cases;
        BrokerOptions.Resolved resolved;
        Path toolsLib = RunSession.home().resolve("dist/tools/target/lib");
        try {
            parent.requireOptionsAfter("calibrate");
            if (records < 1 || plainPasses < 2) {
                throw new IllegalArgumentException("--records must be >= 1 and --plain-passes >= 2");
            }
            jmh = new CommandLineOptions(jmhArgs.toArray(String[]::new));
            if (!jmh.getIncludes().isEmpty() || !SuiteRunner.userParams(jmhArgs).isEmpty()) {
                throw new IllegalArgumentException("calibrate runs fixed benchmarks and params; drop " + String.join(" ", jmhArgs));
            }
            if (!Files.isDirectory(toolsLib)) {
                throw new IllegalArgumentException(toolsLib + " is missing: build with mvn -B -DskipTests package");
            }
            resolved = brokerOptions.resolve(RunSession.home());
            base = Profile.load(profile);
            cases = Case.load();
            plan = Plan.buildKeepingRepeats(profileFor(base, cases, resolved.userConfig()), jmh, Map.of());
        } catch (CommandLineOptionException | IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (RunSession session = RunSession.create(resolved, "calibrate", parent.originalArgs(), out)) {
            out.printf("calibrate: %d cases, %,d records each; results: %s%n", cases.size(), records, session.runDir());
            session.record().plan(plan, jmhArgs);
            int started = session.startBrokerAndWarm(base.brokerWarmupSeconds());
            if (started != ExitCodes.OK) {
                return started;
            }
            return measure(session, plan, jmh, cases, toolsLib);
        } catch (IOException e) {
            System.err.println("run.sh: " + e.getMessage());
            return ExitCodes.BENCHMARK_FAILED;
        }
    }

    private int measure(RunSession session, Plan plan, CommandLineOptions jmh, List<Case> cases, Path toolsLib) throws IOException {
        Calibration cal = new Calibration(records, cases);
        cal.environment("loadAverageAtStart", References.loadAverage());
        cal.environment("cpus", Runtime.getRuntime().availableProcessors());
        Path tmp = Files.createTempDirectory("kcb-calibrate-");
        References refs = new References(session, toolsLib, tmp, records, plainPasses, ChildProcess.jvmArgsOf(SEND_ASYNC));
        JmhSegments segments = new JmhSegments(session.runDir(), jmh, session.forkSystemProperties());
        String error = null;
        try {
            for (int k = 0; k < cases.size(); k++) {
                Case c = cases.get(k);
                out.printf("%n[%d/%d] %s%n", k + 1, cases.size(), c.label());
                Properties producer = producerProps(session.userConfig(), c);
                Properties consumer = ClientConfigs.merge(ClientConfigs.Kind.CONSUMER, session.userConfig(), Map.of());
                error = first(error, guarded("Kafka tools (" + c.id() + ")", () -> refs.tools(c, producer, consumer, cal)));
                error = first(error, guarded("plain loop (" + c.id() + ")", () -> refs.plainLoop(c, producer, consumer, cal)));
                error = first(error, suite(segments, plan.configs().get(2 * k), c, "producer", List.of(), cal));
                error = first(error, suite(segments, plan.configs().get(2 * k + 1), c, "consumer",
                        List.of("-Dkcb.consumer.fillBytes=" + records * c.messageSize()), cal));
                cal.compare(c);
                cal.write(session.runDir().resolve("calibration.json"));
            }
        } finally {
            References.deleteTree(tmp);
            cal.environment("loadAverageAtEnd", References.loadAverage());
            cal.write(session.runDir().resolve("calibration.json"));
        }
        cal.print(out);
        session.record().put("calibration", "calibration.json");
        session.finish(error == null, error);
        out.printf("%nresults: %s%n", session.runDir().resolve("calibration.json"));
        if (error != null) {
            System.err.println("run.sh: " + error);
            return ExitCodes.BENCHMARK_FAILED;
        }
        return ExitCodes.OK;
    }

    /** Runs one suite configuration and records its acked/consumed rates. */
    private String suite(JmhSegments segments, Plan.Config config, Case c, String side, List<String> extraProps, Calibration cal) {
        out.printf("  suite: %s%n", config.label());
        try {
            RunResult r = segments.run(config, extraProps).iterator().next();
            String recs = side.equals("producer") ? "ackedRecords" : "consumedRecords";
            String bytes = side.equals("producer") ? "ackedBytes" : "consumedBytes";
            var rec = r.getSecondaryResults().get(recs);
            var byt = r.getSecondaryResults().get(bytes);
            double ci = 100 * rec.getScoreError() / rec.getScore();
            double ops = r.getPrimaryResult().getScore();
            String detail = String.format("%s ± %s (99.9%% CI), %d x %d s after %d x %d s warm-up; ", recs,
                    Double.isFinite(ci) ? String.format("%.1f%%", ci) : "n/a", config.measurementIterations(), config.measurementSeconds(),
                    config.warmupIterations(), config.warmupSeconds())
                    + (side.equals("producer") ? String.format("send() enqueue rate %,.0f ops/s", ops)
                    : String.format("%.0f records and %.2f ms per poll()", rec.getScore() / ops, 1000 / ops));
            cal.add(new Calibration.Measurement(c.id(), side, Calibration.Source.SUITE, rec.getScore(), byt.getScore() / 1e6,
                    rec.getScoreError() / rec.getScore(), detail, null));
            return null;
        } catch (RunnerException | IOException | RuntimeException e) {
            String msg = "suite " + config.label() + " failed: " + SuiteRunner.rootMessage(e);
            cal.add(new Calibration.Measurement(c.id(), side, Calibration.Source.SUITE, Double.NaN, Double.NaN, "", msg));
            return msg;
        }
    }

    /** A reference step's unexpected failure (a topic that cannot be created) ends that step, not the run. */
    private static String guarded(String what, Callable<String> step) throws IOException {
        try {
            return step.call();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            String msg = what + " failed: " + SuiteRunner.rootMessage(e);
            System.err.println("run.sh: " + msg);
            return msg;
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    static Properties producerProps(Properties user, Case c) {
        return ClientConfigs.merge(ClientConfigs.Kind.PRODUCER, user, c.producerOverrides());
    }

    /**
     * The suite's configurations as a profile: per case, sendAsync and poll with params set to the effective client
     * config (preset, --client-config, case overrides; Kafka's default where none sets it), so all three measure the same.
     */
    static Profile profileFor(Profile base, List<Case> cases, Properties user) {
        List<Profile.Segment> segs = new ArrayList<>();
        Map<String, Object> pd = ProducerConfig.configDef().defaultValues();
        Map<String, Object> cd = ConsumerConfig.configDef().defaultValues();
        Properties consumer = ClientConfigs.merge(ClientConfigs.Kind.CONSUMER, user, Map.of());
        for (Case c : cases) {
            Properties p = producerProps(user, c);
            Map<String, List<String>> pp = new LinkedHashMap<>();
            pp.put("acks", List.of(effective(p, pd, ProducerConfig.ACKS_CONFIG)));
            pp.put("lingerMs", List.of(effective(p, pd, ProducerConfig.LINGER_MS_CONFIG)));
            pp.put("batchSize", List.of(effective(p, pd, ProducerConfig.BATCH_SIZE_CONFIG)));
            pp.put("compressionType", List.of(effective(p, pd, ProducerConfig.COMPRESSION_TYPE_CONFIG)));
            pp.put("messageSize", List.of(String.valueOf(c.messageSize())));
            segs.add(new Profile.Segment("calibrate-" + c.id() + "-producer", SEND_ASYNC, pp, null, null, null, null));
            Map<String, List<String>> cp = new LinkedHashMap<>();
            cp.put("messageSize", List.of(String.valueOf(c.messageSize())));
            cp.put("maxPollRecords", List.of(effective(consumer, cd, ConsumerConfig.MAX_POLL_RECORDS_CONFIG)));
            cp.put("fetchMinBytes", List.of(effective(consumer, cd, ConsumerConfig.FETCH_MIN_BYTES_CONFIG)));
            segs.add(new Profile.Segment("calibrate-" + c.id() + "-consumer", POLL, cp, null, null, null, null));
        }
        return new Profile("calibrate", "calibration against Kafka's perf tools and a plain loop", base.forks(), base.warmupIterations(),
                base.warmupSeconds(), base.measurementIterations(), base.measurementSeconds(), base.consumerFillBytes(),
                base.brokerWarmupSeconds(), List.copyOf(segs));
    }

    private static String effective(Properties p, Map<String, Object> defaults, String key) {
        String v = p.getProperty(key);
        return v != null ? v.trim() : String.valueOf(defaults.get(key));
    }
}
