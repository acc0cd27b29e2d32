package dev.kcb.report.charts;

import dev.kcb.report.model.BenchmarkResult;
import dev.kcb.report.model.Measure;
import dev.kcb.report.model.Metric;
import dev.kcb.report.model.Run;
import dev.kcb.report.model.RunInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTest {
    private static final Run RUN = new Run("r1", "r1", Path.of("jmh.json"), RunInfo.absent(), List.of());
    private static final Run RUN2 = new Run("r2", "r2", Path.of("jmh.json"), RunInfo.absent(), List.of());

    private static Row row(Run run, double score, String... kv) {
        Map<String, String> params = new java.util.TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put(kv[i], kv[i + 1]);
        }
        Metric m = new Metric(score, 1.0, "ops/s", Map.of(), List.of(), List.of());
        return new Row(run, new BenchmarkResult("a.B.m", "thrpt", 1, 1, params, m, Map.of(), "17", "vm", "1.37"));
    }

    private final List<Row> rows = List.of(
            row(RUN, 10, "acks", "1", "lingerMs", "0", "size", "100"),
            row(RUN, 20, "acks", "1", "lingerMs", "5", "size", "100"),
            row(RUN, 30, "acks", "all", "lingerMs", "0", "size", "100"),
            row(RUN, Double.NaN, "acks", "all", "lingerMs", "5", "size", "100"));

    @Test
    void findsVaryingAndConstantParams() {
        assertThat(Sweep.varying(rows)).containsExactly("acks", "lingerMs");
        assertThat(Sweep.constant(rows)).containsExactly(Map.entry("size", "100"));
        assertThat(Sweep.chooseSeries(List.of("acks", "lingerMs"), "lingerMs", List.of("batchSize"))).isEqualTo("acks");
        assertThat(Sweep.chooseSeries(List.of("lingerMs"), "lingerMs", List.of("acks"))).isNull();
    }

    @Test
    void panelsHaveOneSeriesPerValueAndSkipNaN() {
        List<Sweep.Panel> panels = Sweep.panels(rows, "lingerMs", "acks", List.of(RUN), Measure.raw(null, "ops/s"));
        assertThat(panels).hasSize(1);
        Map<Sweep.SeriesKey, List<Sweep.Point>> series = panels.get(0).series();
        assertThat(series.keySet()).extracting(Sweep.SeriesKey::label).containsExactly("acks=1", "acks=all");
        assertThat(series.values()).extracting(List::size).containsExactly(2, 1);
    }

    @Test
    void severalRunsGiveASeriesPerRun() {
        List<Row> two = List.of(row(RUN, 1, "lingerMs", "0"), row(RUN, 2, "lingerMs", "5"),
                row(RUN2, 3, "lingerMs", "0"), row(RUN2, 4, "lingerMs", "5"));
        List<Sweep.Panel> panels = Sweep.panels(two, "lingerMs", null, List.of(RUN, RUN2), Measure.raw(null, "ops/s"));
        assertThat(panels.get(0).series().keySet()).extracting(Sweep.SeriesKey::label).containsExactly("r1", "r2");
    }

    @Test
    void valueOrderIsNumericThenWords() {
        assertThat(List.of("all", "10", "2", "0").stream().sorted(Sweep.VALUE_ORDER).toList()).containsExactly("0", "2", "10", "all");
    }
}
