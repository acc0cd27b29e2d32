package dev.kcb.bench.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientConfigsTest {

    @Test
    void paramsOverrideTheUserFileWhichOverridesThePreset() {
        Properties user = new Properties();
        user.setProperty("linger.ms", "50");
        user.setProperty("request.timeout.ms", "9999");
        user.setProperty("security.protocol", "SASL_SSL");
        Properties p = ClientConfigs.merge(ClientConfigs.Kind.PRODUCER, user, Map.of("linger.ms", "5"));
        assertThat(p.getProperty("linger.ms")).isEqualTo("5");
        assertThat(p.getProperty("request.timeout.ms")).isEqualTo("9999");
        assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(p.getProperty("value.serializer")).endsWith("ByteArraySerializer");
    }

    @Test
    void scopedKeysApplyToTheirClientOnly() {
        Properties user = new Properties();
        user.setProperty("producer.compression.type", "zstd");
        user.setProperty("consumer.fetch.max.bytes", "1000000");
        assertThat(ClientConfigs.merge(ClientConfigs.Kind.PRODUCER, user, Map.of()).getProperty("compression.type")).isEqualTo("zstd");
        assertThat(ClientConfigs.merge(ClientConfigs.Kind.CONSUMER, user, Map.of()).getProperty("compression.type")).isNull();
        assertThat(ClientConfigs.merge(ClientConfigs.Kind.CONSUMER, user, Map.of()).getProperty("fetch.max.bytes")).isEqualTo("1000000");
    }

    @Test
    void secretsAreMasked() {
        Properties p = new Properties();
        p.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2\";");
        p.setProperty("ssl.keystore.password", "hunter2");
        p.setProperty("ssl.key.password", "hunter2");
        p.setProperty("ssl.truststore.password", "hunter2");
        p.setProperty("bootstrap.servers", "b:9092");
        Map<String, String> masked = ClientConfigs.masked(p);
        assertThat(masked.values()).noneMatch(v -> v.contains("hunter2"));
        assertThat(masked).containsEntry("bootstrap.servers", "b:9092");
    }

    @Test
    void aMissingOrMalformedFileIsAOneLineError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ClientConfigs.readUserFile(dir.resolve("nope.properties")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such file");
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "linger.ms=\\u00zz\n");
        assertThatThrownBy(() -> ClientConfigs.readUserFile(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
    }
}
