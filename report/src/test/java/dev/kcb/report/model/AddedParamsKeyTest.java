package dev.kcb.report.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A baseline saved before a benchmark had its payload param matches today's run at {@code payload=random}, the values
 * it always sent: for the consumer and end-to-end benchmarks as for the producer (the match key drops a param at
 * the value it had before it existed, whatever the benchmark).
 */
class AddedParamsKeyTest {
    private static final String CONSUMER = "dev.kcb.bench.consumer.ConsumerPollBenchmark.poll";
    private static final String E2E = "dev.kcb.bench.latency.EndToEndLatencyBenchmark.endToEnd";

    private static BenchmarkResult result(String benchmark, Map<String, String> params) {
        Metric score = new Metric(1, Double.NaN, "ops/s", Map.of(), List.of(List.of(1.0)), List.of());
        return new BenchmarkResult(benchmark, "thrpt", 1, 1, params, score, Map.of(), "17", "OpenJDK", "1.37");
    }

    @Test
    void payloadRandomMatchesAResultFromBeforeTheParamOnConsumerAndEndToEnd() {
        for (String benchmark : List.of(CONSUMER, E2E)) {
            Map<String, String> old = Map.of("messageSize", "1024");
            assertThat(result(benchmark, Map.of("messageSize", "1024", "payload", "random")).key()).isEqualTo(result(benchmark, old).key());
            assertThat(result(benchmark, Map.of("messageSize", "1024", "payload", "text")).key()).isNotEqualTo(result(benchmark, old).key())
                    .contains("payload=text");
        }
    }

    @Test
    void keysNoneMatchesAProducerResultFromBeforeTheParam() {
        String producer = "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync";
        Map<String, String> old = Map.of("acks", "1", "lingerMs", "5");
        assertThat(result(producer, Map.of("acks", "1", "lingerMs", "5", "keys", "none")).key()).isEqualTo(result(producer, old).key());
        assertThat(result(producer, Map.of("acks", "1", "lingerMs", "5", "keys", "uniform:1000")).key())
                .isNotEqualTo(result(producer, old).key()).contains("keys=uniform:1000");
    }
}
