package dev.kcb.report.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The page's steal note: how much CPU the hypervisor took while throughput was measured, and whether the rate moved
 * with it within each configuration, so that a faster configuration measured at lower steal does not make a
 * correlation of its own.
 */
class HostStealTest {
    private static final String SEND_ASYNC = "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync";
    private static final String SEND_SYNC = "dev.kcb.bench.producer.ProducerSendBenchmark.sendSync";

    private static Metric series(String unit, List<List<Double>> raw) {
        return new Metric(raw.get(0).get(0), Double.NaN, unit, Map.of(), raw, List.of());
    }

    private static BenchmarkResult result(String benchmark, String linger, List<List<Double>> acked, List<List<Double>> steal) {
        return new BenchmarkResult(benchmark, "thrpt", 1, acked.size(), Map.of("lingerMs", linger), series("ops/s", acked),
                Map.of("ackedBytes", series("ops/s", acked), "host.stealPercent", series("%", steal)), "17", "OpenJDK", "1.37");
    }

    @Test
    void throughputThatFallsAsStealRisesWithinEachConfigIsNamedWithItsCorrelation() {
        // each config: the rate falls by 1% per point of steal around its own mean
        List<BenchmarkResult> run = List.of(
                result(SEND_ASYNC, "0", List.of(List.of(100.0, 90.0, 80.0, 95.0)), List.of(List.of(0.0, 10.0, 20.0, 5.0))),
                result(SEND_ASYNC, "5", List.of(List.of(60.0, 54.0, 57.0)), List.of(List.of(2.0, 12.0, 7.0))));
        HostSteal s = HostSteal.of(run);
        assertThat(s.configs()).isEqualTo(2);
        assertThat(s.iterations()).isEqualTo(7);
        assertThat(s.maxPercent()).isEqualTo(20.0);
        assertThat(s.meanPercent()).isCloseTo(56.0 / 7, within(1e-9));
        assertThat(s.correlation()).isLessThan(-0.99);
        assertThat(s.notable()).isTrue();
        assertThat(s.note()).contains("up to 20.0% in one iteration", "7 iterations of 2 throughput config(s)", "r = -1.00",
                "throughput fell as steal rose", "accounts for 100% of the iterations");
    }

    @Test
    void aFastConfigAtLowStealAndASlowOneAtHighStealDoNotCorrelateByThemselves() {
        // between configs, low steal goes with high rates; within each, steal and rate are unrelated
        List<BenchmarkResult> run = List.of(
                result(SEND_ASYNC, "0", List.of(List.of(100.0, 104.0, 100.0, 104.0)), List.of(List.of(1.0, 1.0, 3.0, 3.0))),
                result(SEND_ASYNC, "5", List.of(List.of(50.0, 52.0, 50.0, 52.0)), List.of(List.of(20.0, 20.0, 24.0, 24.0))));
        HostSteal s = HostSteal.of(run);
        assertThat(s.correlation()).isCloseTo(0.0, within(1e-9));
        assertThat(s.note()).contains("no clear link");
    }

    @Test
    void eachForkIsCentredOnItsOwnMeans() {
        // two forks of one config: the second ran slower at higher steal throughout, with no link inside either fork
        List<BenchmarkResult> run = List.of(result(SEND_ASYNC, "0",
                List.of(List.of(100.0, 102.0, 100.0, 102.0), List.of(70.0, 70.0, 72.0, 72.0)),
                List.of(List.of(1.0, 3.0, 3.0, 1.0), List.of(20.0, 22.0, 20.0, 22.0))));
        assertThat(HostSteal.of(run).correlation()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void latencyBenchmarksAndRunsWithoutStealAreLeftOutAndLowStealIsNotNotable() {
        BenchmarkResult sync = result(SEND_SYNC, "0", List.of(List.of(1.0, 2.0, 3.0)), List.of(List.of(30.0, 30.0, 30.0)));
        assertThat(HostSteal.of(List.of(sync))).isNull();
        BenchmarkResult noSteal = new BenchmarkResult(SEND_ASYNC, "thrpt", 1, 1, Map.of(), series("ops/s", List.of(List.of(1.0))),
                Map.of("ackedBytes", series("ops/s", List.of(List.of(1.0)))), "17", "OpenJDK", "1.37");
        assertThat(HostSteal.of(List.of(noSteal))).isNull();
        HostSteal quiet = HostSteal.of(List.of(result(SEND_ASYNC, "0", List.of(List.of(10.0, 11.0, 12.0)), List.of(List.of(0.5, 4.9, 1.0)))));
        assertThat(quiet.notable()).isFalse();
    }
}
