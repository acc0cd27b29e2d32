package dev.kcb.bench.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamRulesTest {

    @ParameterizedTest
    @CsvSource({"acks,2,0, 1, all", "lingerMs,-1,an integer >= 0", "compressionType,brotli,none, gzip, snappy, lz4, zstd",
            "messageSize,0,an integer > 0", "batchSize,abc,an integer > 0"})
    void rejectsInvalidValuesNamingTheParamAndWhatIsAllowed(String param, String value, String allowedStart) {
        assertThatThrownBy(() -> ParamRules.check(param, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("param " + param)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("allowed: " + allowedStart);
    }

    @ParameterizedTest
    @CsvSource({"acks,0", "acks,1", "acks,all", "lingerMs,0", "lingerMs,20", "batchSize,262144", "compressionType,lz4",
            "compressionType,zstd", "messageSize,100", "targetRate,50000", "fetchMaxWaitMs,0"})
    void acceptsValidValues(String param, String value) {
        assertThat(ParamRules.check(param, value)).isEqualTo(value);
    }

    @Test
    void unknownParamsAreLeftToJmh() {
        assertThat(ParamRules.known("somethingElse")).isFalse();
        assertThat(ParamRules.check("somethingElse", "x")).isEqualTo("x");
    }

    @ParameterizedTest
    @CsvSource({"acks", "lingerMs", "batchSize", "compressionType", "maxPollRecords", "fetchMinBytes", "fetchMaxWaitMs", "maxPartitionFetchBytes"})
    void defaultIsAcceptedForEveryParamThatSetsAClientProperty(String param) {
        assertThat(ParamRules.check(param, "default")).isEqualTo(ParamRules.DEFAULT);
    }

    @Test
    void defaultIsRefusedForParamsThatSetNoClientProperty() {
        assertThatThrownBy(() -> ParamRules.check("messageSize", "default")).hasMessageContaining("param messageSize");
    }

    @Test
    void defaultRemovesThePropertySoTheClientUsesItsOwnDefault() {
        java.util.Properties user = new java.util.Properties();
        user.setProperty("producer.linger.ms", "7"); // what a preset or file would set; a "default" param wins over it
        java.util.Properties merged = ClientConfigs.merge(ClientConfigs.Kind.PRODUCER, user,
                java.util.Map.of("linger.ms", ParamRules.DEFAULT, "acks", "1"));
        assertThat(merged).doesNotContainKey("linger.ms").containsEntry("acks", "1");
    }
}
