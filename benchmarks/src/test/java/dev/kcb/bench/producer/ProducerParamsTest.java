package dev.kcb.bench.producer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each producer param sets the Kafka property it is named after. */
class ProducerParamsTest {

    @Test
    void paramsMapToTheirKafkaProperties() {
        ProducerSendBenchmark.Config c = new ProducerSendBenchmark.Config();
        c.acks = "all";
        c.lingerMs = "20";
        c.batchSize = "131072";
        c.compressionType = "lz4";
        c.messageSize = "100";
        c.enableIdempotence = "default";
        // "default" is passed on: ClientConfigs.merge removes the property so that Kafka decides
        assertThat(c.producerOverrides())
                .containsEntry("acks", "all")
                .containsEntry("linger.ms", "20")
                .containsEntry("batch.size", "131072")
                .containsEntry("compression.type", "lz4")
                .containsEntry("enable.idempotence", "default")
                .hasSize(5);
    }
}
