package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kcb.bench.broker.Broker;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.ParamRules;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code run.json}: everything needed to reproduce a run and to label its charts. Written when the broker is
 * up and rewritten at the end, atomically each time. Secrets from the client config are masked.
 */
public final class RunRecord {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Object> root = new LinkedHashMap<>();

    RunRecord(Path runDir, String runId, String profile, List<String> args, Path home) {
        this.file = runDir.resolve("run.json");
        root.put("runId", runId);
        root.put("profile", profile);
        root.put("command", "./run.sh " + String.join(" ", args));
        root.put("status", "running");
        root.put("start", Instant.now().toString());
        Map<String, Object> kafka = new LinkedHashMap<>();
        Properties v = clientVersionInfo();
        kafka.put("clientVersion", v.getProperty("version", "unknown"));
        kafka.put("clientCommit", v.getProperty("commitId", "unknown"));
        root.put("kafka", kafka);
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("name", System.getProperty("java.vm.name"));
        jvm.put("home", System.getProperty("java.home"));
        root.put("jvm", jvm);
        root.put("os", Map.of("name", System.getProperty("os.name"), "version", System.getProperty("os.version"),
                "arch", System.getProperty("os.arch")));
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("cpus", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            host.put("memoryBytes", os.getTotalMemorySize());
        }
        root.put("host", host);
        root.put("git", git(home));
    }

    /** The host-speed probe's result (HostSpeedProbe), under {@code host.speedProbe}. */
    void hostSpeed(Map<String, Object> probe) {
        @SuppressWarnings("unchecked")
        Map<String, Object> host = (Map<String, Object>) root.get("host");
        host.put("speedProbe", probe);
    }

    void broker(Broker broker, String reason) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("mode", broker.mode());
        b.put("reason", reason);
        b.put("bootstrapServers", broker.bootstrapServers());
        b.put("brokers", broker.brokerCount());
        b.put("config", broker.describe());
        root.put("broker", b);
        @SuppressWarnings("unchecked")
        Map<String, Object> kafka = (Map<String, Object>) root.get("kafka");
        kafka.put("brokerVersion", broker.version());
    }

    /**
     * How the cost per record is measured (see CostProfiler): the client's CPU and allocation always; the brokers' CPU
     * from where {@code cpu} says, or why it is not available.
     */
    void cost(dev.kcb.bench.cost.BrokerCpu cpu) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("clientCpu", "process CPU time of each fork (com.sun.management.OperatingSystemMXBean#getProcessCpuTime) per record");
        c.put("clientAlloc", "heap bytes allocated by the fork's threads (com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes) per record");
        c.put("brokerCpu", cpu.describe());
        c.put("records", "acknowledged records (producer, end-to-end), consumed records (consumer), per iteration");
        root.put("cost", c);
    }

    void topic(int partitions, int replicationFactor, Map<String, String> configs) {
        root.put("topic", Map.of("partitions", partitions, "replicationFactor", replicationFactor, "configs", configs));
    }

    /** The effective producer, consumer and admin configs, before per-benchmark params, secrets masked. */
    void clientConfig(Properties user, String userFile) {
        this.user = user;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("file", userFile == null ? "none" : userFile);
        for (ClientConfigs.Kind kind : ClientConfigs.Kind.values()) {
            c.put(kind.name().toLowerCase(), ClientConfigs.masked(ClientConfigs.merge(kind, user, Map.of())));
        }
        clientConfig = c;
        root.put("clientConfig", c);
    }

    private Properties user = new Properties();
    private Map<String, Object> clientConfig = new LinkedHashMap<>();

    /**
     * {@code clientConfig} as it ran: the configs above, {@code sweptByParams} (each client property a param of these
     * configurations sets, and the param), and {@code byConfiguration}: per configuration, the value each of those
     * properties had in its clients, from the same merge the benchmarks use (params over the file, an ab side's config
     * over both). The configs above hold none of them: a file that sets one is refused ({@link ClientConfigs#refuseSwept}).
     *
     * @param overlay an ab side's config, or null
     */
    Map<String, Object> clientConfigRan(List<Plan.Config> configs, Properties overlay) {
        return clientConfigRan(configs, overlay, null);
    }

    /**
     * As above; a property a {@code default} param left unset is recorded as {@code "unset (client default: 5)"} with
     * {@code clientDefaults}' value (the client version's own, see ClientInfo), or {@code "unset (client default)"}.
     */
    Map<String, Object> clientConfigRan(List<Plan.Config> configs, Properties overlay, Map<String, String> clientDefaults) {
        Map<String, Object> c = new LinkedHashMap<>(clientConfig);
        Map<String, String> swept = new java.util.TreeMap<>();
        List<Map<String, Object>> ran = new java.util.ArrayList<>();
        for (Plan.Config config : configs) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("configuration", config.label());
            for (ClientConfigs.Kind kind : ClientConfigs.Kind.values()) {
                Map<String, String> set = new java.util.TreeMap<>();
                config.params().forEach((param, value) -> {
                    String property = ParamRules.kafkaProperty(param);
                    if (property != null && ClientConfigs.kindsKnowing(property).contains(kind)) {
                        set.put(property, value);
                        swept.put(property, param);
                    }
                });
                if (!set.isEmpty()) {
                    Properties merged = ClientConfigs.merge(kind, user, set, overlay);
                    Map<String, String> value = new java.util.TreeMap<>(ClientConfigs.masked(merged));
                    value.keySet().retainAll(set.keySet());
                    // a param at "default" leaves its property to the client: say so, and what the client makes of it
                    // (that version's own default when a matrix ran it, else what this build's client resolves)
                    set.keySet().stream().filter(p -> !value.containsKey(p)).forEach(p -> value.put(p, "unset (client default: "
                            + (clientDefaults != null && clientDefaults.containsKey(p) ? clientDefaults.get(p) : ClientConfigs.resolved(kind, merged, p))
                            + ")"));
                    one.put(kind.name().toLowerCase(), value);
                }
            }
            ran.add(one);
        }
        c.put("sweptByParams", swept);
        c.put("byConfiguration", ran);
        return c;
    }

    /**
     * The plan's groups of configurations that take turns in one fork ({@link ConfigSlices}), and the estimate that
     * follows from them (one fork overhead per group).
     */
    @SuppressWarnings("unchecked")
    public void configSlices(List<Map<String, Object>> groups, long estimatedSeconds) {
        Map<String, Object> p = (Map<String, Object>) root.get("plan");
        if (p == null) {
            throw new IllegalStateException("configSlices before plan");
        }
        p.put("estimatedSeconds", estimatedSeconds);
        p.put("configSlices", groups);
    }

    /**
     * In place of the plan's configurations, forks and iterations, what really ran, for a command (ab) that runs the
     * profile's configurations its own way: one map per configuration.
     */
    @SuppressWarnings("unchecked")
    public void planRan(List<Map<String, Object>> configurations, long estimatedSeconds) {
        Map<String, Object> p = (Map<String, Object>) root.get("plan"); // plan()'s own map
        if (p == null) {
            throw new IllegalStateException("planRan before plan");
        }
        p.remove("forks");
        p.remove("steps");
        p.put("configurations", configurations.size());
        p.put("estimatedSeconds", estimatedSeconds);
        p.put("ran", configurations);
    }

    public void plan(Plan plan, List<String> jmhArgs) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("jmhVersion", org.openjdk.jmh.util.Utils.class.getPackage().getImplementationVersion() == null
                ? "1.37" : org.openjdk.jmh.util.Utils.class.getPackage().getImplementationVersion());
        p.put("jmhArgs", jmhArgs);
        p.put("forks", plan.forks());
        p.put("brokerWarmupSeconds", plan.profile().brokerWarmupSeconds());
        p.put("configurations", plan.configurations());
        p.put("estimatedSeconds", plan.estimatedSeconds());
        List<Map<String, Object>> steps = plan.steps().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("benchmarks", s.benchmarks());
            m.put("params", s.params()); // threads and partitions, when set, are here too (see Plan.THREADS)
            m.put("configurations", s.configurations());
            Plan.Config c = s.configs().get(0);
            m.put("warmup", c.warmupText());
            m.put("measurement", c.measurementText());
            return m;
        }).toList();
        p.put("steps", steps);
        root.put("plan", p);
        root.put("clientConfig", clientConfigRan(plan.configs(), null));
        // the user's payload files, by name, size and SHA-256: enough to tell two runs' data apart, never the data
        List<Map<String, Object>> files = plan.configs().stream().map(c -> c.params().get("payload")).filter(java.util.Objects::nonNull)
                .filter(dev.kcb.bench.common.Payloads::isFile).distinct()
                .map(dev.kcb.bench.common.Payloads::describe)
                .toList();
        if (!files.isEmpty()) {
            root.put("payloadFiles", files);
        }
        // how the keys were made, when any configuration sends keys (the values are in its params)
        if (plan.configs().stream().map(c -> c.params().get("keys")).anyMatch(v -> v != null && !v.trim().equals(dev.kcb.bench.common.Keys.NONE))) {
            root.put("keys", dev.kcb.bench.common.Keys.describe());
        }
        // segments that set their own partitions: the run-wide "partitions" above is not every topic's
        Map<String, Object> perStep = new LinkedHashMap<>();
        plan.steps().forEach(s -> {
            List<Integer> own = s.configs().stream().map(Plan.Config::partitions).filter(java.util.Objects::nonNull).distinct().toList();
            if (!own.isEmpty()) {
                perStep.put(s.name(), own);
            }
        });
        if (!perStep.isEmpty() && root.get("topic") instanceof Map<?, ?> topic) {
            Map<String, Object> t = new LinkedHashMap<>();
            topic.forEach((k, v) -> t.put(String.valueOf(k), v));
            t.put("partitionsBySegment", perStep);
            root.put("topic", t);
        }
    }

    /** This run's {@code kafka} section with another client version (a version matrix's side). */
    Map<String, Object> kafkaWithClient(String version, String commit) {
        @SuppressWarnings("unchecked")
        Map<String, Object> kafka = new LinkedHashMap<>((Map<String, Object>) root.get("kafka"));
        kafka.put("clientVersion", version);
        kafka.put("clientCommit", commit);
        kafka.remove("clientVersions");
        kafka.remove("runnerClientVersion");
        kafka.remove("runnerClientCommit");
        return kafka;
    }

    /**
     * A version matrix: {@code kafka.clientVersions} in order, and {@code kafka.clientVersion} says so; the runner's own
     * kafka-clients (it creates topics and warms the broker) is {@code runnerClientVersion}.
     */
    void clientVersions(List<String> versions) {
        @SuppressWarnings("unchecked")
        Map<String, Object> kafka = (Map<String, Object>) root.get("kafka");
        kafka.put("runnerClientVersion", kafka.get("clientVersion"));
        kafka.put("runnerClientCommit", kafka.remove("clientCommit"));
        kafka.put("clientVersion", String.join(",", versions));
        kafka.put("clientVersions", versions);
    }

    public void put(String key, Object value) {
        root.put(key, value);
    }

    void finish(String status, String message) {
        root.put("status", status);
        if (message != null) {
            root.put("error", message);
        }
        root.put("end", Instant.now().toString());
    }

    void write() throws IOException {
        ResultFiles.writeAtomically(file, JSON.writeValueAsString(root));
    }

    /** A copy of this record with extra top-level fields, written elsewhere (an A/B side's own run.json). */
    void writeCopy(Path target, Map<String, Object> extra) throws IOException {
        Map<String, Object> copy = new LinkedHashMap<>(root);
        copy.putAll(extra);
        ResultFiles.writeAtomically(target, JSON.writeValueAsString(copy));
    }

    /** kafka-clients' own build info, from the jar under test (not a property we could get wrong). */
    public static Properties clientVersionInfo() {
        Properties p = new Properties();
        try (var in = org.apache.kafka.clients.producer.KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // reported as unknown
        }
        return p;
    }

    private static Map<String, Object> git(Path home) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("commit", run(home, "git", "rev-parse", "HEAD"));
        String status = run(home, "git", "status", "--porcelain", "--untracked-files=no");
        g.put("dirty", "unknown".equals(status) ? "unknown" : !status.isBlank());
        return g;
    }

    private static String run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
