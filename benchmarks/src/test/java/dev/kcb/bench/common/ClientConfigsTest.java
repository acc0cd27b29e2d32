package dev.kcb.bench.common;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ClientConfigsTest {
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
}
