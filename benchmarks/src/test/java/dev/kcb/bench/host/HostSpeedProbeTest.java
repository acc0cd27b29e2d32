package dev.kcb.bench.host;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HostSpeedProbeTest {
    @Test
    void summarizesTheWindowsAsMedianAndCv() {
        HostSpeedProbe.Result r = HostSpeedProbe.summarize(100, new double[]{80, 100, 120, 100});
        assertThat(r.median()).isEqualTo(100.0);
        // sample SD of {80, 100, 120, 100} is sqrt(800 / 3) = 16.33; mean 100
        assertThat(r.cvPercent()).isCloseTo(16.330, within(1e-3));
        assertThat(r.unsteady()).isTrue();
        assertThat(r.summary()).isEqualTo("CV 16.3% over 4 windows of 100 ms (median 0.0M steps/s)");
        assertThat(r.asMap()).containsEntry("cvPercent", 16.33).containsEntry("windowMs", 100L)
                .containsEntry("stepsPerSecond", java.util.List.of(80L, 100L, 120L, 100L));
    }

    @Test
    void aSteadyHostIsNotFlagged() {
        HostSpeedProbe.Result r = HostSpeedProbe.summarize(100, new double[]{95, 100, 105, 100});
        assertThat(r.unsteady()).isFalse();
    }

    @Test
    void needsTwoWindows() {
        assertThatThrownBy(() -> HostSpeedProbe.summarize(100, new double[]{1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWalkIsOneCycleThroughEverySlot() {
        int[] next = HostSpeedProbe.cycle(1000, new SplittableRandom(7));
        boolean[] seen = new boolean[next.length];
        int p = 0;
        for (int i = 0; i < next.length; i++) {
            assertThat(seen[p]).as("slot %d visited twice", p).isFalse();
            seen[p] = true;
            p = next[p];
        }
        assertThat(p).isZero();
        assertThat(Arrays.stream(next).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
    }

    @Test
    void runsItsWindowsAndDropsTheFirst() {
        HostSpeedProbe.Result r = HostSpeedProbe.run(Duration.ofMillis(100), Duration.ofMillis(10));
        assertThat(r.rates()).hasSize(10 - HostSpeedProbe.SKIPPED);
        assertThat(Arrays.stream(r.rates()).min().orElseThrow()).isPositive();
        assertThat(r.windowMillis()).isEqualTo(10);
    }
}
