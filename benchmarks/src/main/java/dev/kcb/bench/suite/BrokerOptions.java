package dev.kcb.bench.suite;

import dev.kcb.bench.common.BenchTarget;
import dev.kcb.bench.common.ClientConfigs;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The options every command that needs a broker shares: where the broker is, how clients connect, where results go. */
public final class BrokerOptions {

    @Option(names = "--broker", defaultValue = "auto", description = "auto (container if Docker answers, else local), local, container, external. Default: ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--bootstrap-servers", description = "external mode: HOST:PORT[,...]")
    String bootstrapServers;

    @Option(names = "--client-config", description = "properties merged into every producer, consumer and admin client (prefix a key with producer./consumer./admin. to scope it)."
            + " A key no client knows is refused; one a benchmark param sweeps (acks, linger.ms, ...) is refused too: give it as -p")
    Path clientConfig;

    @Option(names = "--allow-unknown-config", split = ",", paramLabel = "KEY", description = "config keys a plugin reads (an interceptor's,"
            + " a partitioner's, a SASL callback handler's), which no Kafka client knows: passed on with a warning instead of refused;"
            + " KEY or PREFIX*, comma-separated or repeated")
    List<String> allowUnknownConfig = new ArrayList<>();

    @Option(names = "--brokers", defaultValue = "1", description = "number of KRaft nodes, 1 or 3 (local or container mode). Default: ${DEFAULT-VALUE}")
    int brokers;

    @Option(names = "--partitions", defaultValue = "1", description = "partitions of each trial's topic. Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--replication-factor", description = "of each trial's topic. Default: min(brokers, 3), 1 for external")
    Integer replicationFactor;

    @Option(names = "--topic-config", description = "topic config KEY=VALUE, repeatable. Default with 3+ brokers: min.insync.replicas=2")
    List<String> topicConfigs = new ArrayList<>();

    @Option(names = "--results-dir", description = "Default: results/ under the project")
    Path resultsDir;

    @Option(names = "--run-id", description = "Default: <date>-<time>-<profile or command>")
    String runId;

    /** Everything derived from the options, checked: what a run uses. */
    public record Resolved(String mode, String bootstrapServers, Path clientConfig, Properties userConfig, int brokers,
                           int partitions, int replicationFactor, Map<String, String> topicConfigs, Path resultsDir, String runId) {

        /** Where the forks' benchmarks connect, as the BenchTarget the forks rebuild from system properties. */
        public BenchTarget target(String bootstrap) {
            return new BenchTarget(bootstrap, userConfig, partitions, (short) replicationFactor, topicConfigs);
        }
    }

    /** @throws IllegalArgumentException with a one-line message for anything wrong; nothing has started yet */
    public Resolved resolve(Path home) {
        if (!List.of("auto", "local", "container", "external").contains(mode)) {
            throw new IllegalArgumentException("unknown --broker '" + mode + "'; allowed: auto, local, container, external");
        }
        if ("external".equals(mode) && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("--broker external needs --bootstrap-servers HOST:PORT[,...]");
        }
        if (brokers != 1 && brokers != 3) {
            throw new IllegalArgumentException("--brokers must be 1 or 3");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1");
        }
        Properties user = clientConfig == null ? new Properties() : readChecked("--client-config", clientConfig);
        int rf = replicationFactor != null ? replicationFactor : "external".equals(mode) ? 1 : Math.min(brokers, 3);
        if (rf < 1) {
            throw new IllegalArgumentException("--replication-factor must be >= 1");
        }
        Map<String, String> topic = BenchTarget.parseTopicConfigs(String.join(",", topicConfigs));
        if (brokers >= 3 && rf >= 3) {
            topic.putIfAbsent("min.insync.replicas", "2");
        }
        Path results = resultsDir != null ? resultsDir.toAbsolutePath() : home.resolve("results");
        return new Resolved(mode, bootstrapServers, clientConfig == null ? null : clientConfig.toAbsolutePath(), user, brokers,
                partitions, rf, topic, results, runId);
    }

    /**
     * A client config file, its keys checked against kafka-clients' own config names ({@link ClientConfigs#checkKeys});
     * the keys {@code --allow-unknown-config} lets through are printed as warnings.
     *
     * @throws IllegalArgumentException naming the file and the unknown key, with the nearest known one
     */
    Properties readChecked(String option, Path file) {
        Properties p = ClientConfigs.readUserFile(file);
        ClientConfigs.checkKeys(option, file, p, allowUnknownConfig).forEach(w -> System.err.println("run.sh: " + w));
        return p;
    }
}
