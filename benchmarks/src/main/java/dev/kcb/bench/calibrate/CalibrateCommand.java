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
    /**
     * The suite's measured iterations per fork, at least (-i overrides): about the plain loop's measured time per round
     * (two warm passes of 16M records, 2 x 21 s at 750k records/s here). At 8 x 2 s the suite's forks varied by 15%
     * (CV over 5 rounds) against the plain loop's 7%, about what white noise gives for 16 s against 42 s.
     */
    static final int SUITE_MEASUREMENT_ITERATIONS = 20;

    @ParentCommand
    SuiteRunner parent;

    @Mixin
    BrokerOptions brokerOptions;

    @Option(names = "--records", paramLabel = "N", description = "records per tool run and plain-loop pass, for every case "
            + "(default: each case's own, about 1.6 GB: 16,000,000 at 100 B, 1,600,000 at 1 KiB)")
    Long records;

    @Option(names = "--warmup-records", paramLabel = "N", description = "ProducerPerformance's --warmup-records: the tool's figures are "
            + "its steady state after N records, as the suite's are after its warm-up iterations. Default: half of each run's records; 0: the whole run")
    Long warmupRecords;

    @Option(names = "--repeats", defaultValue = "5", description = "rounds: each runs every tool once, the plain loop in a fresh JVM and one "
            + "suite fork per benchmark, every second round in reverse order; each ratio's 95% interval is paired by round. Default: ${DEFAULT-VALUE}")
    int repeats;

    @Option(names = "--case", paramLabel = "ID", split = ",", description = "only these cases of calibrate/cases.properties (default: all)")
    List<String> onlyCases = new ArrayList<>();

    @Option(names = "--profile", defaultValue = "quick", description = "iteration settings and broker warm-up of the suite's runs. Default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--plain-passes", defaultValue = "3", description = "plain-loop passes per round; the first warms the JIT, the mean of the rest is the round's figure. Default: ${DEFAULT-VALUE}")
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
            if (records != null && records < 1 || plainPasses < 2 || repeats < 1) {
                throw new IllegalArgumentException("--records and --repeats must be >= 1 and --plain-passes >= 2");
            }
            jmh = new CommandLineOptions(jmhArgs.toArray(String[]::new));
            if (!jmh.getIncludes().isEmpty() || !SuiteRunner.userParams(jmhArgs).isEmpty()) {
                throw new IllegalArgumentException("calibrate runs fixed benchmarks and params; drop " + String.join(" ", jmhArgs));
            }
            if (jmh.getForkCount().hasValue()) {
                throw new IllegalArgumentException("calibrate runs one suite fork per round: set the rounds with --repeats, not -f");
            }
            if (!Files.isDirectory(toolsLib)) {
                throw new IllegalArgumentException(toolsLib + " is missing: build with mvn -B -DskipTests package");
            }
            resolved = brokerOptions.resolve(RunSession.home());
            base = Profile.load(profile);
            cases = Case.load();
            List<String> known = cases.stream().map(Case::id).toList();
            for (String id : onlyCases) {
                if (!known.contains(id)) {
                    throw new IllegalArgumentException("--case " + id + ": no such case; the cases are " + String.join(", ", known));
                }
            }
            if (!onlyCases.isEmpty()) {
                cases = cases.stream().filter(c -> onlyCases.contains(c.id())).toList();
            }
            if (records != null) {
                cases = cases.stream().map(c -> c.withRecords(records)).toList();
            }
            for (Case c : cases) {
                if (warmupRecords != null && (warmupRecords < 0 || warmupRecords >= c.records())) {
                    throw new IllegalArgumentException("--warmup-records must be at least 0 and fewer than the records per run ("
                            + c.id() + ": " + c.records() + ")");
                }
            }
            plan = Plan.buildKeepingRepeats(profileFor(base, cases, resolved.userConfig(), repeats), jmh, Map.of());
        } catch (CommandLineOptionException | IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (RunSession session = RunSession.create(resolved, "calibrate", parent.originalArgs(), out)) {
            out.printf("calibrate: %d case(s), %d round(s) each; results: %s%n", cases.size(), repeats, session.runDir());
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
        Calibration cal = new Calibration(cases, repeats);
        cal.environment("loadAverageAtStart", References.loadAverage());
        cal.environment("cpus", Runtime.getRuntime().availableProcessors());
        Path tmp = Files.createTempDirectory("kcb-calibrate-");
        JmhSegments segments = new JmhSegments(session.runDir(), jmh, session.forkSystemProperties());
        String error = null;
        try {
            for (int k = 0; k < cases.size(); k++) {
                Case c = cases.get(k);
                References refs = new References(session, toolsLib, tmp, c.records(), warmupRecords != null ? warmupRecords : c.records() / 2,
                        repeats, plainPasses, ChildProcess.jvmArgsOf(SEND_ASYNC));
                out.printf("%n[%d/%d] %s%n", k + 1, cases.size(), c.label());
                Properties producer = producerProps(session.userConfig(), c);
                Properties consumer = ClientConfigs.merge(ClientConfigs.Kind.CONSUMER, session.userConfig(), Map.of());
                Plan.Config producerSuite = plan.configs().get(2 * k);
                Plan.Config consumerSuite = plan.configs().get(2 * k + 1);
                SuiteRounds suiteProducer = new SuiteRounds(producerSuite, "producer", List.of());
                SuiteRounds suiteConsumer = new SuiteRounds(consumerSuite, "consumer",
                        List.of("-Dkcb.consumer.fillBytes=" + c.records() * c.messageSize()));
                String[] failed = new String[4];  // tools, plain loop, suite producer, suite consumer: the first failure of each
                for (int round = 1; round <= repeats; round++) {
                    final int r = round;
                    out.printf("  round %d/%d%s%n", round, repeats, round % 2 == 0 ? " (in reverse order)" : "");
                    List<Integer> steps = round % 2 == 1 ? List.of(0, 1, 2, 3) : List.of(3, 2, 1, 0);
                    for (int step : steps) {
                        if (failed[step] != null) {
                            continue;
                        }
                        failed[step] = switch (step) {
                            case 0 -> guarded("Kafka tools (" + c.id() + ")", () -> refs.toolsRound(c, producer, consumer, r));
                            case 1 -> guarded("plain loop (" + c.id() + ")", () -> refs.plainLoopRound(c, producer, consumer, r));
                            case 2 -> suiteProducer.run(segments, r);
                            default -> suiteConsumer.run(segments, r);
                        };
                    }
                }
                refs.addTools(c, cal, failed[0]);
                refs.addPlainLoop(c, cal, failed[1]);
                suiteProducer.add(c, cal, failed[2]);
                suiteConsumer.add(c, cal, failed[3]);
                for (String f : failed) {
                    error = first(error, f);
                }
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

    /**
     * The suite's side of one case and benchmark: one single-fork JMH run per round (each fork its own JVM, like each
     * tool run and each plain-loop JVM), whose acked or consumed records/s are that round's repeat.
     */
    private final class SuiteRounds {
        private final Plan.Config config;
        private final String side;
        private final List<String> extraProps;
        private final List<Double> rates = new ArrayList<>();
        private double bytes;
        private double ops;

        SuiteRounds(Plan.Config config, String side, List<String> extraProps) {
            this.config = config;
            this.side = side;
            this.extraProps = extraProps;
        }

        private String recs() {
            return side.equals("producer") ? "ackedRecords" : "consumedRecords";
        }

        /** @return null, or why the fork failed */
        String run(JmhSegments segments, int round) {
            out.printf("  suite: %s (%d/%d)%n", config.label(), round, repeats);
            try {
                RunResult r = segments.run(config.withForks(1), extraProps).iterator().next();
                var rec = r.getSecondaryResults().get(recs());
                rates.add(rec.getScore());
                bytes += r.getSecondaryResults().get(side.equals("producer") ? "ackedBytes" : "consumedBytes").getScore();
                ops += r.getPrimaryResult().getScore();
                return null;
            } catch (RunnerException | IOException | RuntimeException e) {
                return "suite " + config.label() + " (round " + round + ") failed: " + SuiteRunner.rootMessage(e);
            }
        }

        void add(Case c, Calibration cal, String error) {
            if (error != null || rates.isEmpty()) {
                cal.add(new Calibration.Measurement(c.id(), side, Calibration.Source.SUITE, Double.NaN, Double.NaN, "",
                        error != null ? error : "no round ran"));
                return;
            }
            double[] forks = rates.stream().mapToDouble(Double::doubleValue).toArray();
            int n = forks.length;
            double records = java.util.Arrays.stream(forks).sum();
            String detail = String.format("%s, one fork per round (%s), %d x %d s after %d x %d s warm-up each; ", recs(),
                    String.join(", ", java.util.Arrays.stream(forks).mapToObj(f -> String.format("%,.0f", f)).toList()),
                    config.measurementIterations(), config.measurementSeconds(), config.warmupIterations(), config.warmupSeconds())
                    + (side.equals("producer") ? String.format("send() enqueue rate %,.0f ops/s", ops / n)
                    : String.format("%.0f records and %.2f ms per poll()", records / ops, 1000 * n / ops));
            cal.add(Calibration.Measurement.ofRepeats(c.id(), side, Calibration.Source.SUITE, forks, bytes / records, detail));
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
    static Profile profileFor(Profile base, List<Case> cases, Properties user, int forks) {
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
            pp.put("keys", List.of(c.keys()));
            if (c.partitions() != null) {
                pp.put(Plan.PARTITIONS, List.of(String.valueOf(c.partitions())));
            }
            segs.add(new Profile.Segment("calibrate-" + c.id() + "-producer", SEND_ASYNC, pp, null, null, null, null));
            Map<String, List<String>> cp = new LinkedHashMap<>();
            cp.put("messageSize", List.of(String.valueOf(c.messageSize())));
            cp.put("maxPollRecords", List.of(effective(consumer, cd, ConsumerConfig.MAX_POLL_RECORDS_CONFIG)));
            cp.put("fetchMinBytes", List.of(effective(consumer, cd, ConsumerConfig.FETCH_MIN_BYTES_CONFIG)));
            if (c.partitions() != null) {
                cp.put(Plan.PARTITIONS, List.of(String.valueOf(c.partitions())));
            }
            segs.add(new Profile.Segment("calibrate-" + c.id() + "-consumer", POLL, cp, null, null, null, null));
        }
        return new Profile("calibrate", "calibration against Kafka's perf tools and a plain loop", forks, base.warmupIterations(),
                base.warmupSeconds(), Math.max(base.measurementIterations(), SUITE_MEASUREMENT_ITERATIONS), base.measurementSeconds(), base.consumerFillBytes(),
                base.brokerWarmupSeconds(), List.copyOf(segs));
    }

    private static String effective(Properties p, Map<String, Object> defaults, String key) {
        String v = p.getProperty(key);
        return v != null ? v.trim() : String.valueOf(defaults.get(key));
    }
}
