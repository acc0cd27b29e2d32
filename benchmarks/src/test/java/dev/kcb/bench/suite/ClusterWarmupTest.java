package dev.kcb.bench.suite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A cluster's nodes share the cores, so N nodes warm N + 1 times the profile's time; one broker keeps it. */
class ClusterWarmupTest {
    @Test
    void oneBrokerKeepsTheProfilesWarmup() {
        assertThat(RunSession.warmupSeconds(15, 1)).isEqualTo(15);
        assertThat(RunSession.warmupSeconds(0, 1)).isZero();
    }

    @Test
    void aClusterOfNNodesWarmsNPlusOneTimesAsLong() {
        assertThat(RunSession.warmupSeconds(15, 3)).as("quick: the 60 s measured for 3 nodes").isEqualTo(60);
        assertThat(RunSession.warmupSeconds(3, 3)).as("smoke stays short").isEqualTo(12);
        assertThat(RunSession.warmupSeconds(0, 3)).as("no warm-up stays none").isZero();
        assertThat(RunSession.warmupSeconds(120, 3)).as("an ab on 3 nodes: capped").isEqualTo(240);
    }
}
