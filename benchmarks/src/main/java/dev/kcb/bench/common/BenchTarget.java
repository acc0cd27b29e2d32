package dev.kcb.bench.common;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the benchmarks send: handed from the suite runner to each JMH fork as system properties,
 * because the broker lives outside the forks (started once per run, not once per trial).
 *
 * <ul>
 *   <li>{@code kcb.bootstrap} — bootstrap servers (required)</li>
 *   <li>{@code kcb.clientConfig} — path of the user's client properties (optional)</li>
 *   <li>{@code kcb.partitions}, {@code kcb.replicationFactor} — for each trial's topic (default 1, 1)</li>
 *   <li>{@code kcb.topicConfigs} — comma-separated topic configs, e.g. {@code min.insync.replicas=2}</li>
 *   <li>{@code kcb.clientConfigOverlay} — an A/B side's client config, applied over the params</li>
 *   <li>{@code kcb.ab.baselineOverlay}, {@code kcb.ab.candidateOverlay} — both sides' client configs, for an ab
 *       whose sides alternate inside one fork (see {@link AbSlices})</li>
 *   <li>{@code kcb.runDir} — the run's results dir, for files a benchmark writes itself (optional; not part of the record)</li>
 * </ul>
 */
public record BenchTarget(String bootstrapServers, Properties userConfig, int partitions, short replicationFactor,
                          Map<String, String> topicConfigs, Properties overlay) {

    public BenchTarget(String bootstrapServers, Properties userConfig, int partitions, short replicationFactor,
                       Map<String, String> topicConfigs) {
        this(bootstrapServers, userConfig, partitions, replicationFactor, topicConfigs, new Properties());
    }

    public static final String BOOTSTRAP = "kcb.bootstrap";
    public static final String CLIENT_CONFIG = "kcb.clientConfig";
    public static final String PARTITIONS = "kcb.partitions";
    public static final String REPLICATION_FACTOR = "kcb.replicationFactor";
    public static final String TOPIC_CONFIGS = "kcb.topicConfigs";
    /** An A/B side's client config ({@code ./run.sh ab}); wins over params. */
    public static final String CLIENT_CONFIG_OVERLAY = "kcb.clientConfigOverlay";
    public static final String RUN_DIR = "kcb.runDir";

    /** Reads the fork's system properties; fails with a message a JMH user understands when run without the suite. */
    private static volatile boolean announced;

    public static BenchTarget fromSystemProperties() {
        if (!announced) {
            // what this fork really runs: in a version matrix each version's forks are on their own jar
            System.out.println("[kcb] fork client: kafka-clients " + dev.kcb.bench.suite.RunRecord.clientVersionInfo().getProperty("version", "unknown"));
            announced = true;
        }
        String bootstrap = System.getProperty(BOOTSTRAP);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalStateException("no broker: run through ./run.sh, or pass -jvmArgsAppend -D" + BOOTSTRAP
                    + "=host:port to a plain JMH run");
        }
        String configPath = System.getProperty(CLIENT_CONFIG, "");
        Properties user = configPath.isBlank() ? new Properties() : ClientConfigs.readUserFile(Path.of(configPath));
        String overlayPath = System.getProperty(CLIENT_CONFIG_OVERLAY, "");
        Properties overlay = overlayPath.isBlank() ? new Properties() : ClientConfigs.readUserFile(Path.of(overlayPath));
        return new BenchTarget(bootstrap, user,
                Integer.parseInt(System.getProperty(PARTITIONS, "1")),
                Short.parseShort(System.getProperty(REPLICATION_FACTOR, "1")),
                parseTopicConfigs(System.getProperty(TOPIC_CONFIGS, "")), overlay);
    }

    /** The same broker and topic settings with another A/B side's client config in place of this one's overlay. */
    public BenchTarget withOverlay(Properties sideOverlay) {
        return new BenchTarget(bootstrapServers, userConfig, partitions, replicationFactor, topicConfigs, sideOverlay);
    }

    /** The same broker, client config and topic settings with another partition count (a calibrate case's own). */
    public BenchTarget withPartitions(int n) {
        return new BenchTarget(bootstrapServers, userConfig, n, replicationFactor, topicConfigs, overlay);
    }

    public static Map<String, String> parseTopicConfigs(String s) {
        Map<String, String> out = new HashMap<>();
        for (String kv : s.split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("topic config '" + kv + "' is not key=value");
            }
            out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return out;
    }

    public Properties clientProps(ClientConfigs.Kind kind, Map<String, ?> overrides) {
        Map<String, Object> all = new HashMap<>(overrides);
        all.put("bootstrap.servers", bootstrapServers);
        return ClientConfigs.merge(kind, userConfig, all, overlay);
    }
}
