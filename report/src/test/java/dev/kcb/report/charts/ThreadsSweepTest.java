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
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JMH threads and topic partitions are not params, but entries that differ in them are different configs: the charts
 * sweep threads like a param and never join a 1-thread point to a 2-thread one on a line of another param.
 */
class ThreadsSweepTest {
    private static final String SEND_ASYNC = "dev.kcb.bench.producer.ProducerSendBenchmark.sendAsync";

    private static BenchmarkResult send(int threads, int partitions, double mbps, String linger, String shared) {
        Map<String, String> params = new TreeMap<>(Map.of("acks", "1", "batchSize", "16384", "messageSize", "100",
                "compressionType", "none", "lingerMs", linger, "sharedProducer", shared));
        Metric ops = new Metric(mbps * 1e4, 1.0, "ops/s", Map.of(), List.of(), List.of());
        Metric acked = new Metric(mbps * 1e6, 1e5, "B/s", Map.of(), List.of(), List.of());
        return new BenchmarkResult(SEND_ASYNC, "thrpt", threads, 2, params, ops, Map.of("ackedBytes", acked), "17", "vm", "1.37", partitions);
    }

    /** A standard run's producer entries: linger 0/5/20 at 1 thread and 1 partition, then the concurrency segment's. */
    private static final List<BenchmarkResult> STANDARD = List.of(
            send(1, 1, 100, "0", "false"), send(1, 1, 120, "5", "false"), send(1, 1, 110, "20", "false"),
            send(1, 2, 125, "5", "false"), send(2, 2, 190, "5", "false"), send(1, 2, 124, "5", "true"), send(2, 2, 150, "5", "true"));

    private static final Run RUN = new Run("r", "r", Path.of("jmh.json"), RunInfo.absent(), STANDARD);

    @Test
    void threadsAndPartitionsAreDimensionsOnlyWhereTheyDiffer() {
        List<Row> rows = STANDARD.stream().map(r -> new Row(RUN, r)).toList();
        assertThat(Sweep.varying(rows)).contains("threads", "partitions", "lingerMs", "sharedProducer");
        assertThat(rows.get(4).param("threads")).isEqualTo("2");
        // a run all at 1 thread and 1 partition: neither varies nor is worth a mention
        List<Row> single = rows.subList(0, 3);
        assertThat(Sweep.varying(single)).containsExactly("lingerMs");
        assertThat(Sweep.constant(single)).doesNotContainKeys("threads", "partitions");
        // all at 2 threads: said once, as a condition
        assertThat(Sweep.constant(rows.subList(4, 5))).containsEntry("threads", "2").containsEntry("partitions", "2");
        // never a line per thread count unless asked for
        assertThat(Sweep.chooseSeries(List.of("lingerMs", "partitions", "threads"), "lingerMs", List.of("batchSize"))).isNull();
    }

    @Test
    void aLineOfAnotherParamNeverMixesThreadCounts() {
        List<Row> rows = STANDARD.stream().map(r -> new Row(RUN, r)).toList();
        for (Sweep.Panel p : Sweep.panels(rows, "lingerMs", null, List.of(RUN), Measure.ACKED_MBPS)) {
            assertThat(p.fixed()).containsKeys("threads", "partitions");
        }
        List<RenderedChart> charts = new ChartCatalog(List.of(RUN)).charts();
        List<String> names = charts.stream().map(RenderedChart::name).toList();
        // the linger chart is drawn once: at 1 thread, 1 partition (elsewhere each line has one linger value); the
        // series is sharedProducer, the first varying param that is not threads or partitions
        assertThat(names).filteredOn(n -> n.startsWith("producer-acked-mbps-vs-linger"))
                .containsExactly("producer-acked-mbps-vs-linger");
        assertThat(names).filteredOn(n -> n.startsWith("producer-acked-mbps-vs-threads"))
                .containsExactly("producer-acked-mbps-vs-threads-linger-ms-5-partitions-2");
    }

    private static BenchmarkResult poll(int threads, int partitions, double mbps, String size) {
        Map<String, String> params = Map.of("messageSize", size, "maxPollRecords", "500", "fetchMinBytes", "1");
        Metric polls = new Metric(mbps * 10, 1.0, "ops/s", Map.of(), List.of(), List.of());
        Metric bytes = new Metric(mbps * 1e6, 1e5, "B/s", Map.of(), List.of(), List.of());
        return new BenchmarkResult("dev.kcb.bench.consumer.ConsumerPollBenchmark.poll", "thrpt", threads, 2, params, polls,
                Map.of("consumedBytes", bytes), "17", "vm", "1.37", partitions);
    }

    @Test
    void consumerChartsAgainstThreadsAndMessageSizeButNotAgainstTheSegmentsPartitions() {
        Run run = new Run("r", "r", Path.of("jmh.json"), RunInfo.absent(), List.of(poll(1, 1, 360, "100"), poll(1, 1, 700, "1024"),
                poll(1, 2, 350, "100"), poll(2, 2, 540, "100")));
        List<String> names = new ChartCatalog(List.of(run)).charts().stream().map(RenderedChart::name).toList();
        assertThat(names).filteredOn(n -> n.startsWith("consumer-mbps"))
                .containsExactly("consumer-mbps-vs-message-size", "consumer-mbps-vs-threads-partitions-2");
    }

    @Test
    void theThreadsChartHasALinePerSharedProducerAndSaysItShowsTotals() {
        List<Row> rows = STANDARD.stream().map(r -> new Row(RUN, r)).toList();
        List<Sweep.Panel> panels = Sweep.panels(rows, "threads", "sharedProducer", List.of(RUN), Measure.ACKED_MBPS).stream()
                .filter(p -> p.maxSeriesPoints() >= 2).toList();
        assertThat(panels).hasSize(1);
        assertThat(panels.get(0).series().keySet()).extracting(Sweep.SeriesKey::label)
                .containsExactly("sharedProducer=false", "sharedProducer=true");
        assertThat(panels.get(0).series().values()).allSatisfy(points ->
                assertThat(points).extracting(Sweep.Point::x).containsExactly(1.0, 2.0));
        RenderedChart chart = new ChartCatalog(List.of(RUN)).charts().stream()
                .filter(c -> c.name().startsWith("producer-acked-mbps-vs-threads")).findFirst().orElseThrow();
        assertThat(chart.caption()).contains("total over all threads").contains("best 190.0 MB/s at threads=2 (sharedProducer=false)");
        assertThat(chart.figure().subtitle()).startsWith("vs threads, one line per sharedProducer · total of all threads");
    }
}
