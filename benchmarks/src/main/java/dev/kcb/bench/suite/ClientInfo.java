package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kcb.bench.common.ClientConfigs;
import dev.kcb.bench.common.ParamRules;
import dev.kcb.bench.common.ProduceRequests;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What one kafka-clients version is, asked of that version itself: run on its benchmarks jar
 * ({@code java -cp clients/<v>/benchmarks.jar dev.kcb.bench.suite.ClientInfo OUT.json}) by {@link ClientJars}, so that
 * the answers are that client's and not the runner's (the runner holds the build's own kafka-clients).
 * <ul>
 *   <li>{@code version}, {@code commitId}: from the jar's {@code kafka/kafka-version.properties};</li>
 *   <li>{@code defaults}: each client property a benchmark param sets, with this version's default
 *   ({@code ProducerConfig.configDef()}, {@code ConsumerConfig.configDef()}): what {@code -p lingerMs=default} runs;</li>
 *   <li>{@code missingConfigs}: such properties this version does not define;</li>
 *   <li>{@code missingMetrics}: producer metrics the benchmarks read by name ({@link ProduceRequests#METRICS}) that a
 *   producer of this version does not register. The producer is built with an unreachable bootstrap address and closed
 *   at once: its metrics exist from construction, and it sends nothing.</li>
 * </ul>
 */
public final class ClientInfo {
    private ClientInfo() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ClientInfo OUT.json");
            System.exit(ExitCodes.USAGE);
        }
        Files.writeString(Path.of(args[0]), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(describe()));
    }

    /** This JVM's kafka-clients, as {@link #main} writes it. */
    public static Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        Properties v = RunRecord.clientVersionInfo();
        out.put("version", v.getProperty("version", "unknown"));
        out.put("commitId", v.getProperty("commitId", "unknown"));
        Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
        defaults.put("producer", new TreeMap<>());
        defaults.put("consumer", new TreeMap<>());
        List<String> missingConfigs = new java.util.ArrayList<>();
        for (String property : ParamRules.clientProperties()) {
            boolean found = false;
            for (Map.Entry<String, ConfigDef> kind : Map.of("producer", ProducerConfig.configDef(), "consumer", ConsumerConfig.configDef()).entrySet()) {
                ConfigDef.ConfigKey key = kind.getValue().configKeys().get(property);
                if (key != null) {
                    found = true;
                    defaults.get(kind.getKey()).put(property, key.hasDefault() ? ConfigDef.convertToString(key.defaultValue, key.type) : "(no default)");
                }
            }
            if (!found) {
                missingConfigs.add(property);
            }
        }
        out.put("defaults", defaults);
        out.put("missingConfigs", missingConfigs);
        out.put("missingMetrics", missingProducerMetrics());
        return out;
    }

    /** {@link ProduceRequests#METRICS} a producer of this client does not register. */
    static List<String> missingProducerMetrics() {
        Properties p = ClientConfigs.merge(ClientConfigs.Kind.PRODUCER, new Properties(),
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9", ProducerConfig.MAX_BLOCK_MS_CONFIG, "1"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            List<String> missing = ProduceRequests.missing(producer.metrics());
            producer.close(Duration.ZERO);
            return missing;
        }
    }
}
