package dev.kcb.bench.suite;

import dev.kcb.bench.broker.Broker;
import dev.kcb.bench.broker.Brokers;
import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.cost.BrokerCpu;
import dev.kcb.bench.host.HostSpeedProbe;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One run of any command that measures: its results dir, its run.json, and the one broker it starts (and
 * always stops). Commands build one after validating their arguments, then run their measurements against
 * {@link #bootstrapServers()}.
 */
public final class RunSession implements AutoCloseable {
    private final Path home;
    private final Path runDir;
    private final Path resultsDir;
    private final RunRecord record;
    private final BrokerOptions.Resolved options;
    private final PrintStream out;
    private Broker broker;
    /** Where forks read the brokers' CPU time (cost per record), known once the broker is up. */
    private BrokerCpu brokerCpu;

    private RunSession(Path home, Path runDir, BrokerOptions.Resolved options, RunRecord record, PrintStream out) {
        this.home = home;
        this.runDir = runDir;
        this.resultsDir = options.resultsDir();
        this.options = options;
        this.record = record;
        this.out = out;
    }

    /** The project dir (run.sh passes -Dkcb.home); the current dir otherwise. */
    public static Path home() {
        return Path.of(System.getProperty("kcb.home", ".")).toAbsolutePath().normalize();
    }

    /**
     * Creates {@code results/<run-id>/} (checking it is writable) and its run.json. Does not start the broker.
     *
     * @throws IllegalArgumentException when the results dir cannot be written
     */
    public static RunSession create(BrokerOptions.Resolved options, String kind, List<String> args, PrintStream out) {
        Path home = home();
        String id = options.runId() != null ? options.runId()
                : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + kind;
        Path runDir = options.resultsDir().resolve(id);
        try {
            Files.createDirectories(runDir);
            Path probe = Files.createTempFile(runDir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException("results dir " + runDir + " is not writable: " + e.getMessage());
        }
        RunRecord record = new RunRecord(runDir, id, kind, args, home);
        record.clientConfig(options.userConfig(), options.clientConfig() == null ? null : options.clientConfig().toString());
        record.topic(options.partitions(), options.replicationFactor(), options.topicConfigs());
        return new RunSession(home, runDir, options, record, out);
    }

    /**
     * Starts (or reaches) the broker and warms it for {@code warmupSeconds} (a fresh broker JVM is slower for its
     * first seconds). On failure prints one line, records it in run.json and answers {@link ExitCodes#BROKER_UNAVAILABLE};
     * else {@link ExitCodes#OK}.
     */
    public int startBrokerAndWarm(int warmupSeconds) {
        String failure;
        try {
            startBroker();
            int seconds = warmupSeconds(warmupSeconds, options.brokers());
            record.put("brokerWarmupSecondsApplied", seconds);
            if (seconds <= 0) {
                return ExitCodes.OK;
            }
            out.printf("warming the broker until its acked rate stops rising, at most %d s (a fresh broker JVM is slower for its first minute%s); k records/s per %d s:%n ",
                    seconds, options.brokers() > 1 ? "; " + options.brokers() + " nodes share the cores, so they warm more slowly" : "",
                    BrokerWarmup.WINDOW.toSeconds());
            BrokerWarmup.Result warm = BrokerWarmup.run(target(), java.time.Duration.ofSeconds(seconds), rate -> {
                out.print(" " + Math.round(rate / 1000.0));
                out.flush();
            });
            out.printf("%n  %s after %d s%n", warm.plateau() ? "plateau" : "no plateau within the maximum", warm.seconds());
            record.put("brokerWarmup", warm.asMap());
            return ExitCodes.OK;
        } catch (dev.kcb.bench.broker.BrokerStartException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = "the broker failed the warm-up: " + SuiteRunner.rootMessage(e);
        }
        System.err.println("run.sh: " + failure);
        finish(false, failure);
        return ExitCodes.BROKER_UNAVAILABLE;
    }

    /**
     * The profile's warm-up for one broker; (N + 1) times that for a cluster of N nodes, whose JVMs share the cores
     * and warm more slowly. Measured on 2 cores: a fresh 3-node local cluster, after a 15 s warm-up, ran sendAsync
     * (acks=1, 100 B) at 2-8 MB/s for 16 s and reached its steady 26-50 MB/s only about 45 s later, so 60 s in all;
     * an ab of acks=1 against acks=all had the first forks of each side at a third of the others. Scaling the
     * profile's figure keeps smoke short (3 s -> 12 s). It is a maximum: the warm-up stops once the rate stops rising
     * (see BrokerWarmup), and never runs past {@link #MAX_WARMUP_SECONDS}.
     */
    static int warmupSeconds(int profileSeconds, int brokers) {
        return brokers <= 1 ? profileSeconds : Math.min(MAX_WARMUP_SECONDS, profileSeconds * (brokers + 1));
    }

    /** The longest broker warm-up any run asks for, however many nodes. */
    static final int MAX_WARMUP_SECONDS = 240;

    /** Starts (or reaches) the broker; prints which mode and why. Throws BrokerStartException. */
    public void startBroker() {
        probeHost();
        StringBuilder reason = new StringBuilder();
        broker = Brokers.start(options.mode(), options.brokers(), SuiteRunner.brokerVersion(), home.resolve("dist/broker/target/lib"),
                runDir, options.bootstrapServers(), options.userConfig(), line -> {
                    out.println(line);
                    reason.append(line);
                });
        record.broker(broker, reason.toString());
        brokerCpu = broker.cpu();
        record.cost(brokerCpu);
        if (!brokerCpu.available()) {
            out.println("broker CPU per record: not available (" + brokerCpu.reason() + ")");
        }
        out.printf("broker up: %s at %s (version %s)%n", broker.mode(), broker.bootstrapServers(), broker.version());
        writeRecord();
    }

    /** Times a fixed single-thread walk before anything else runs (see HostSpeedProbe); records it and prints one line. */
    private void probeHost() {
        HostSpeedProbe.Result speed = HostSpeedProbe.run();
        record.hostSpeed(speed.asMap());
        out.println("host: a fixed single-thread memory walk, before the broker started: " + speed.summary()
                + (speed.unsteady() ? String.format("; over %.0f%%: something else on this machine or its host was taking CPU or"
                + " memory bandwidth; while it goes on, intervals are wider (run.json host.speedProbe; steal is recorded per iteration)", HostSpeedProbe.UNSTEADY_CV_PERCENT)
                : "; steady"));
    }

    /**
     * On Ctrl-C or SIGTERM: SIGKILL every process this JVM started (JMH forks, broker nodes) and mark run.json
     * interrupted. The broker's own hook, running alongside, then finds its nodes dead and removes its data dir;
     * a container broker's hook stops its container.
     */
    public void stopEverythingOnSignal() {
        Thread hook = new Thread(() -> {
            signalled = true;
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            if (!finished) {
                record.finish("interrupted", "stopped by a signal (Ctrl-C or SIGTERM)");
                writeRecord();
            }
        }, "kcb-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        signalHook = hook;
    }

    private volatile boolean finished;
    private volatile boolean signalled;
    private Thread signalHook;

    /** Whether Ctrl-C or SIGTERM arrived: then a failing fork is the signal's doing, not the benchmark's. */
    public boolean signalled() {
        return signalled;
    }

    public Broker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public BenchTarget target() {
        return options.target(broker.bootstrapServers());
    }

    public Properties userConfig() {
        return options.userConfig();
    }

    public BrokerOptions.Resolved options() {
        return options;
    }

    /**
     * System properties that hand the broker and topic settings to a JMH fork (see BenchTarget), the run dir,
     * where benchmarks write files of their own ({@code latency/*.hlog}), and where the brokers' CPU time is read
     * (see BrokerCpu).
     */
    public List<String> forkSystemProperties() {
        List<String> props = new ArrayList<>(List.of(
                "-D" + BenchTarget.BOOTSTRAP + "=" + broker.bootstrapServers(),
                "-D" + BenchTarget.PARTITIONS + "=" + options.partitions(),
                "-D" + BenchTarget.REPLICATION_FACTOR + "=" + options.replicationFactor(),
                "-D" + BenchTarget.TOPIC_CONFIGS + "=" + String.join(",",
                        options.topicConfigs().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()),
                "-D" + BenchTarget.RUN_DIR + "=" + runDir));
        if (options.clientConfig() != null) {
            props.add("-D" + BenchTarget.CLIENT_CONFIG + "=" + options.clientConfig());
        }
        if (brokerCpu != null && brokerCpu.available()) {
            props.add(brokerCpu.systemProperty());
        }
        return props;
    }

    public Path runDir() {
        return runDir;
    }

    public Path resultsDir() {
        return resultsDir;
    }

    public RunRecord record() {
        return record;
    }

    public void writeRecord() {
        try {
            record.write();
        } catch (IOException e) {
            System.err.println("run.sh: cannot write run.json: " + e.getMessage());
        }
    }

    /** Records the outcome, points results/latest at this run, and writes run.json. */
    public void finish(boolean ok, String error) {
        finished = true;
        if (signalled) { // the failure the main thread saw is the signal killing the fork
            record.finish("interrupted", "stopped by a signal (Ctrl-C or SIGTERM)");
        } else {
            record.finish(ok ? "ok" : "failed", error);
        }
        writeRecord();
        try {
            ResultFiles.pointLatest(resultsDir, runDir);
        } catch (IOException e) {
            System.err.println("run.sh: could not update results/latest: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        finished = true;
        if (signalHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(signalHook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is running
            }
        }
        if (broker != null) {
            broker.close();
        }
    }
}
