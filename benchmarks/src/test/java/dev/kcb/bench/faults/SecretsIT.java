package dev.kcb.bench.faults;

import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client config full of SASL/SSL secrets (which a PLAINTEXT client ignores, with a warning naming only the keys)
 * on a real run: no secret value appears in the output or in any file of the run; run.json shows them masked.
 */
class SecretsIT {
    private static final String MARK = "S3cr3t-do-not-print";

    @TempDir
    Path results;

    @Test
    void secretsNeverLeaveTheProcess() throws Exception {
        Path config = results.resolve("client-secrets.properties");
        Files.writeString(config, String.join("\n",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"bench\" password=\"" + MARK + "-jaas\";",
                "ssl.keystore.password=" + MARK + "-keystore",
                "ssl.key.password=" + MARK + "-key",
                "ssl.truststore.password=" + MARK + "-truststore",
                "basic.auth.user.info=bench:" + MARK + "-basic",
                "admin.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required password=\"" + MARK + "-admin\";",
                "producer.ssl.keystore.password=" + MARK + "-producer",
                ""));
        SuiteProcess.Outcome o = SuiteProcess.run(results, 240, "--broker", "external",
                "--bootstrap-servers", TestBroker.shared().bootstrapServers(), "--client-config", config.toString(),
                // a Schema Registry serializer's key, no Kafka client's: passed on with a warning that names the key only
                "--allow-unknown-config", "basic.auth.user.info",
                "--profile", "smoke", "--run-id", "secrets", "-wi", "0", "-i", "1", "-r", "1", "ProducerSendBenchmark.sendAsync");
        assertThat(o.exitCode()).as(o.output()).isZero();
        assertThat(o.output()).doesNotContain(MARK).contains("run.sh: warning: --client-config " + config + ": basic.auth.user.info is not a");
        Path runDir = results.resolve("secrets");
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(MARK);
            }
        }
        String runJson = Files.readString(runDir.resolve("run.json"));
        assertThat(runJson).contains("\"sasl.jaas.config\" : \"*****\"", "\"ssl.keystore.password\" : \"*****\"",
                "\"ssl.key.password\" : \"*****\"", "\"ssl.truststore.password\" : \"*****\"", "\"basic.auth.user.info\" : \"*****\"");
    }
}
