package dev.kcb.bench.suite;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./run.sh --client-version 3.9.1,4.0.0,4.4.0 [the usual options]}: the plan run once per kafka-clients version,
 * in one run against one broker. Each version's forks run on its own benchmarks jar ({@link ClientJars}); fork r of
 * every version runs before fork r + 1 of any, in the order given (v1 v2 v3 v1 v2 v3 ...: {@link InterleavedForks}), so
 * the broker's and the machine's drift over the run reach every version alike.
 *
 * <p>Each version's results are a run of their own, {@code <run>/<version>/jmh.json} and {@code run.json} (its client
 * version and commit as that jar reports them, and per configuration what each swept property was; a
 * {@code default} param is recorded as unset, with that version's default). The run's own {@code run.json} has
 * {@code matrix}: the versions in order and their dirs. {@code report RUN} draws each headline against the version,
 * and {@code compare RUN} judges each version against the one before it.
 */
final class VersionMatrix {
    private VersionMatrix() {
    }

    /** @param runStarted when the command started: its wall time includes the host probe, broker start and warm-up */
    static int run(Plan plan, CommandLineOptions jmh, List<String> sysProps, RunSession session,
                   List<ClientJars.ClientJar> clients, PrintStream out, long runStarted) {
        Path runDir = session.runDir();
        List<InterleavedForks.Side> sides = new ArrayList<>();
        try {
            for (ClientJars.ClientJar c : clients) {
                sides.add(new InterleavedForks.Side(c.version(), new JmhSegments(runDir.resolve(c.version()), jmh, sysProps, c.jar()), List.of()));
            }
        } catch (IOException e) {
            System.err.println("run.sh: cannot create " + runDir + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<Plan.Config> configs = plan.configs();
        int total = configs.stream().mapToInt(c -> c.forks() * clients.size()).sum();
        long started = System.nanoTime();
        int k = 0;
        String error = null;
        for (Plan.Config c : configs) {
            error = InterleavedForks.run(c, c.forks(), round -> sides, k, (n, side, round, rounds) -> {
                long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
                String eta = n == 1 ? "" : "  ETA " + Plan.duration(elapsed * (total - n + 1) / (n - 1));
                out.printf("%n[%d/%d] %s  kafka-clients %s fork %d/%d%s%n", n, total, c.label(), side.name(), round, rounds, eta);
            });
            k += c.forks() * clients.size();
            if (error != null) {
                String dead = session.broker().deadReason();
                error = session.signalled() ? "stopped by a signal (Ctrl-C or SIGTERM); broker and forks stopped"
                        : (dead != null ? "the broker died mid-run: " + dead + "; " : "") + error;
                break;
            }
        }
        session.finish(error == null, error);
        writeVersionRecords(session, clients, configs);
        for (InterleavedForks.Side side : sides) {
            out.printf("%nkafka-clients %s:", side.name());
            Headlines.print(byConfiguration(side.results()), out);
        }
        out.printf("%nwall time %s; results in %s (one dir per version)%n", Plan.wallTime(runStarted, started, "benchmarks"), runDir);
        if (error != null) {
            System.err.println("run.sh: " + error + " (results of finished forks are in " + runDir + ")");
            return ExitCodes.BENCHMARK_FAILED;
        }
        return ExitCodes.OK;
    }

    /** What the run's own run.json says of the matrix. */
    static Map<String, Object> describe(List<ClientJars.ClientJar> clients) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientVersions", clients.stream().map(ClientJars.ClientJar::version).toList());
        m.put("dirs", clients.stream().map(ClientJars.ClientJar::version).toList());
        m.put("jars", clients.stream().map(c -> c.jar().toString()).toList());
        m.put("order", "round-robin: fork r of every version in the order given, then fork r + 1 (v1 v2 v3 v1 v2 v3 ...);"
                + " one broker, one JMH (the runner's), each version's forks on its own benchmarks jar");
        return m;
    }

    /** Each version's run.json: the run's record, with that version as the client and what its clients ran. */
    private static void writeVersionRecords(RunSession session, List<ClientJars.ClientJar> clients, List<Plan.Config> configs) {
        for (ClientJars.ClientJar c : clients) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("runId", session.runDir().getFileName() + "-" + c.version());
            extra.put("matrixVersion", c.version());
            extra.put("kafka", session.record().kafkaWithClient(c.version(), String.valueOf(c.info().get("commitId"))));
            extra.put("clientDefaults", c.info().get("defaults"));
            extra.put("clientConfig", session.record().clientConfigRan(configs, null, c.defaults()));
            try {
                session.record().writeCopy(session.runDir().resolve(c.version()).resolve("run.json"), extra);
            } catch (IOException e) {
                System.err.println("run.sh: cannot write " + c.version() + "/run.json: " + e.getMessage());
            }
        }
    }

    /** One result per configuration, its forks' iterations together (each fork was a JMH invocation of its own). */
    static List<RunResult> byConfiguration(List<RunResult> forks) {
        Map<BenchmarkParams, List<BenchmarkResult>> merged = new LinkedHashMap<>();
        Map<String, BenchmarkParams> first = new LinkedHashMap<>();
        for (RunResult r : forks) {
            BenchmarkParams bp = r.getParams();
            String key = bp.getBenchmark() + " " + bp.getParamsKeys().stream().map(k -> k + "=" + bp.getParam(k)).toList()
                    + " t" + bp.getThreads() + " " + bp.getJvmArgs();
            BenchmarkParams p = first.computeIfAbsent(key, x -> bp);
            merged.computeIfAbsent(p, x -> new ArrayList<>()).addAll(r.getBenchmarkResults());
        }
        List<RunResult> out = new ArrayList<>();
        merged.forEach((p, results) -> out.add(new RunResult(p, results)));
        return out;
    }
}
