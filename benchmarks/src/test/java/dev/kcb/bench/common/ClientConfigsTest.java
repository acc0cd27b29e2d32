package dev.kcb.bench.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void secretsAreRecognised() {
        for (String key : List.of("sasl.jaas.config", "ssl.keystore.password", "ssl.key.password", "ssl.truststore.password",
                "basic.auth.user.info", "ssl.keystore.key", "sasl.oauthbearer.client.credentials.client.secret",
                "sasl.login.callback.handler.token", "producer.ssl.keystore.password", "admin.sasl.jaas.config")) {
            assertThat(ClientConfigs.isSecret(key)).as(key).isTrue();
        }
        for (String key : List.of("bootstrap.servers", "security.protocol", "sasl.mechanism", "ssl.keystore.location", "acks")) {
            assertThat(ClientConfigs.isSecret(key)).as(key).isFalse();
        }
    }

    @Test
    void maskedHidesValuesOnly() {
        Properties p = new Properties();
        p.setProperty("sasl.jaas.config", "x required password=\"hunter2\";");
        p.setProperty("security.protocol", "SASL_SSL");
        assertThat(ClientConfigs.masked(p)).containsEntry("sasl.jaas.config", "*****").containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void keysAreCheckedAgainstKafkaClientsOwnConfigNames() {
        Properties p = new Properties();
        p.setProperty("lingr.ms", "5");
        p.setProperty("schema.registry.url", "http://r:8081");
        assertThatThrownBy(() -> ClientConfigs.checkKeys("--client-config", Path.of("c.properties"), p, List.of()))
                .hasMessage("--client-config c.properties: lingr.ms is not a producer, consumer or admin config; did you mean linger.ms?;"
                        + " schema.registry.url is not a producer, consumer or admin config (a key a plugin reads: --allow-unknown-config KEY)");
        p.remove("lingr.ms");
        assertThat(ClientConfigs.checkKeys("--client-config", Path.of("c.properties"), p, List.of("schema.registry.*")))
                .singleElement().asString().startsWith("warning: --client-config c.properties: schema.registry.url is not a producer");
        Properties known = new Properties();
        for (String key : List.of("linger.ms", "producer.batch.size", "consumer.max.poll.records", "admin.retries",
                "sasl.jaas.config", "ssl.keystore.location", "interceptor.classes", "client.id")) {
            known.setProperty(key, "x");
        }
        assertThat(ClientConfigs.checkKeys("--client-config", Path.of("c.properties"), known, List.of())).isEmpty();
    }
}
