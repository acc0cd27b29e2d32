package dev.kcb.bench.suite;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up's stopping rule, on window rates measured on a fresh local broker (ProducerPerformance, k records/s). */
class BrokerWarmupTest {
    @Test
    void stillRisingIsNoPlateau() {
        assertThat(BrokerWarmup.plateau(List.of(18L, 90L, 149L, 208L, 324L, 389L, 371L, 455L), 4, 0.03)).isFalse();
    }

    @Test
    void flatAfterTheRiseIsAPlateau() {
        assertThat(BrokerWarmup.plateau(List.of(208L, 324L, 389L, 371L, 455L, 402L, 485L, 483L, 466L, 332L, 421L, 435L),
                4, 0.03)).isTrue();
    }

    @Test
    void tooFewWindowsIsNoPlateau() {
        assertThat(BrokerWarmup.plateau(List.of(400L, 400L, 400L), 4, 0.03)).isFalse();
    }
}
