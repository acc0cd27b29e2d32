package dev.kcb.bench.suite;

import dev.kcb.bench.common.ParamRules;
import dev.kcb.bench.common.ProduceRequests;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client this build holds still has every producer metric and config the figures read by name. A client upgrade
 * that renames or drops one fails here (and a version matrix refuses such a version before anything starts, from the
 * same {@link ClientInfo} run on that version's jar). Check another version with
 * {@code mvn -B -o test -pl benchmarks -Dkafka.client.version=3.9.1 -Dtest=ClientInfoTest}.
 */
class ClientInfoTest {

    @Test
    void theBuildsClientHasEveryMetricAndConfigTheBenchmarksRead() {
        Map<String, Object> info = ClientInfo.describe();
        assertThat(info.get("version")).isEqualTo(RunRecord.clientVersionInfo().getProperty("version")).isNotEqualTo("unknown");
        assertThat(info.get("missingMetrics")).as("producer-metrics read by ProduceRequests").isEqualTo(List.of());
        assertThat(info.get("missingConfigs")).as("client properties the params set").isEqualTo(List.of());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> defaults = (Map<String, Map<String, String>>) info.get("defaults");
        assertThat(defaults.get("producer")).containsKeys("acks", "linger.ms", "batch.size", "compression.type");
        assertThat(defaults.get("consumer")).containsKeys("max.poll.records", "fetch.min.bytes", "fetch.max.wait.ms", "max.partition.fetch.bytes");
        int size = defaults.get("producer").size() + defaults.get("consumer").size();
        assertThat(size).as("every property a param sets").isEqualTo(ParamRules.clientProperties().size());
    }

    @Test
    void lingerDefaultIsTheOneKip1030Gives() {
        String version = RunRecord.clientVersionInfo().getProperty("version");
        @SuppressWarnings("unchecked")
        String linger = ((Map<String, Map<String, String>>) ClientInfo.describe().get("defaults")).get("producer").get("linger.ms");
        assertThat(linger).as("linger.ms default of kafka-clients " + version)
                .isEqualTo(ClientJars.compare(version, "4.0.0") >= 0 ? "5" : "0");
    }

    @Test
    void aMetricTheProducerLacksIsReportedByName() {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            var metrics = new java.util.HashMap<>(producer.metrics());
            assertThat(ProduceRequests.missing(metrics)).isEmpty();
            metrics.keySet().removeIf(k -> k.name().equals("request-total"));
            assertThat(ProduceRequests.missing(metrics)).containsExactly("producer-metrics:request-total");
            producer.close(java.time.Duration.ZERO);
        }
    }

    @Test
    void versionsAreCheckedBeforeAnythingStarts() {
        assertThat(ClientJars.parse(List.of("3.9.1", " 4.0.0", "4.4.0"))).containsExactly("3.9.1", "4.0.0", "4.4.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientJars.parse(List.of("3.8.1")))
                .hasMessageContaining("older than " + ClientJars.OLDEST);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientJars.parse(List.of("4.0")))
                .hasMessageContaining("not a kafka-clients version");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientJars.parse(List.of("4.0.0", "4.0.0")))
                .hasMessageContaining("given twice");
        assertThat(ClientJars.compare("4.0.0", "3.9.1")).isPositive();
        assertThat(ClientJars.compare("3.10.0", "3.9.1")).isPositive();
        assertThat(ClientJars.compare("4.0.0-rc1", "4.0.0")).isNegative();
    }
}
