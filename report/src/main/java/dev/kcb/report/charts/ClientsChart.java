package dev.kcb.report.charts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcb.report.model.Run;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.util.ArrayList;
import java.util.List;

/** {@code clients.json}: producer and consumer MB/s per measured client, as grouped bars (one group per client). */
public final class ClientsChart {
    /** The section the page places this chart in (RenderedChart's benchmark field). */
    public static final String SECTION = "clients";

    private ClientsChart() {
    }

    /** The chart's file name for the run at {@code index} of {@code runs}. */
    public static String name(int index, int runs) {
        return runs == 1 ? "clients" : "clients-" + (index + 1);
    }

    /** @return null when no client was measured */
    static RenderedChart build(Run run, ChartTheme theme, String footer, String name) {
        JsonNode json = run.sidecars().clients();
        List<String> clients = new ArrayList<>();
        List<Double> producer = new ArrayList<>();
        List<Double> consumer = new ArrayList<>();
        for (JsonNode c : json.path("clients")) {
            if ("measured".equals(c.path("status").asText())) {
                clients.add(c.path("client").asText());
                producer.add(c.path("producerMBPerSec").asDouble());
                consumer.add(c.path("consumerMBPerSec").asDouble());
            }
        }
        if (clients.isEmpty()) {
            return null;
        }
        CategoryChart chart = theme.bars("client", "MB/s (10^6 bytes of record value per second)");
        CategorySeries p = chart.addSeries("producer", clients, producer);
        theme.bar(p, "producer");
        CategorySeries c = chart.addSeries("consumer", clients, consumer);
        theme.bar(c, "consumer");
        String subtitle = String.format("%,d records of %d B per client, default configs, one broker%s", json.path("records").asLong(),
                json.path("messageSize").asInt(), run.label().equals(run.id()) ? "" : " · " + run.label());
        return new RenderedChart(SECTION, name, "Client throughput: producer and consumer MB/s",
                "Each client produced the records and waited for delivery, then consumed them all from the beginning, in its own process. "
                        + "Measured on a machine that also runs the broker: compare clients within this run.",
                new Figure("Client throughput: producer and consumer MB/s", subtitle, footer, chart));
    }
}
