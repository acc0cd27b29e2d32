package dev.kcb.bench.calibrate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The perf tools' output as captured from real runs of Kafka 4.4.0's tools on the local broker (tool-output/*.log). */
class ToolOutputTest {

    @Test
    void producerPerformanceFinalLine() throws IOException {
        ToolOutput.Producer p = ToolOutput.producer(resource("100B-default-producer-perf.log"));
        assertThat(p.records()).isEqualTo(200_000);
        assertThat(p.recordsPerSec()).isCloseTo(109_349.371241, within(1e-6));
        assertThat(p.mibPerSec()).isEqualTo(10.43);
        assertThat(p.avgLatencyMs()).isEqualTo(440.04);
        assertThat(p.p99Ms()).isEqualTo(567);
    }

    @Test
    void producerPerformanceSkipsIntermediateLines() throws IOException {
        // the 5-second progress line ("132490 records sent, ...") has no percentiles: only the final one counts
        ToolOutput.Producer p = ToolOutput.producer(resource("1KiB-default-producer-perf-payload-file.log"));
        assertThat(p.records()).isEqualTo(200_000);
        assertThat(p.recordsPerSec()).isCloseTo(27_173.913043, within(1e-6));
        assertThat(p.mibPerSec()).isEqualTo(26.54);
    }

    @Test
    void producerPerformanceSteadyStateLineAfterWarmupRecords() throws IOException {
        // --warmup-records 8000000 of 16000000: the whole run's line, then the steady state's
        String log = resource("100B-default-producer-perf-warmup.log");
        ToolOutput.Producer whole = ToolOutput.producer(log);
        ToolOutput.Producer steady = ToolOutput.producerSteadyState(log);
        assertThat(whole.records()).isEqualTo(16_000_000);
        assertThat(steady.records()).isEqualTo(8_000_000);
        assertThat(steady.recordsPerSec()).isCloseTo(754_147.812971, within(1e-6));
        assertThat(steady.recordsPerSec()).isGreaterThan(whole.recordsPerSec());
    }

    @Test
    void noSteadyStateLineWithoutWarmupRecords() throws IOException {
        String log = resource("100B-default-producer-perf.log");
        assertThatThrownBy(() -> ToolOutput.producerSteadyState(log)).hasMessageContaining("steady-state line");
    }

    @Test
    void consumerPerformanceSummaryByHeader() throws IOException {
        ToolOutput.Consumer c = ToolOutput.consumer(resource("100B-default-consumer-perf.log"));
        assertThat(c.records()).isEqualTo(200_000);
        assertThat(c.mib()).isEqualTo(19.0735);
        assertThat(c.recordsPerSec()).isCloseTo(162_206.0016, within(1e-6));
        assertThat(c.rebalanceMs()).isEqualTo(898);
        assertThat(c.fetchMs()).isEqualTo(335);
        assertThat(c.fetchRecordsPerSec()).isCloseTo(597_014.9254, within(1e-6));
        // the tool's MB is 2^20 bytes: 200,000 x 100 B = 19.0735 MiB
        assertThat(c.mib() * ToolOutput.MIB_TO_MB).isCloseTo(20.0, within(1e-3));
    }

    @Test
    void failedRunsSayWhatIsMissing() {
        assertThatThrownBy(() -> ToolOutput.producer("Exception in thread \"main\" org.apache.kafka.common.errors.TimeoutException"))
                .hasMessageContaining("no ProducerPerformance summary line");
        assertThatThrownBy(() -> ToolOutput.consumer("WARNING: Exiting before consuming the expected number of records"))
                .hasMessageContaining("no ConsumerPerformance summary");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ToolOutputTest.class.getResourceAsStream("/tool-output/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
