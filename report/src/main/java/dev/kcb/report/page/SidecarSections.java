package dev.kcb.report.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcb.report.charts.ClientsChart;
import dev.kcb.report.charts.RenderedChart;
import dev.kcb.report.model.Numbers;
import dev.kcb.report.model.Run;

import java.util.ArrayList;
import java.util.List;

/** The page sections for a run's sidecar files: Calibration (calibration.json) and Clients (clients.json). */
final class SidecarSections {
    private SidecarSections() {
    }

    static void calibration(Doc doc, Run run, boolean many) {
        JsonNode cal = run.sidecars().calibration();
        doc.add(new Doc.Heading(2, "Calibration" + (many ? " — " + run.label() : "")));
        String counts = cal.has("records") ? String.format("%,d records per run", cal.path("records").asLong())
                : String.join(", ", java.util.stream.StreamSupport.stream(cal.path("cases").spliterator(), false)
                .map(c -> String.format("%s: %,d records per run", c.path("id").asText(), c.path("records").asLong())).toList())
                + String.format("; %d rounds, each running every tool, the plain loop and one suite fork per benchmark", cal.path("repeats").asInt());
        doc.add(new Doc.Para("Kafka's perf tools, a plain send loop and the suite on the same broker, record counts (" + counts + ") and client config. "
                + "MB = 10^6 bytes of record value. " + cal.path("note").asText()
                + " Load average at start: `" + cal.path("environment").path("loadAverageAtStart").asText("unknown") + "`, at end: `"
                + cal.path("environment").path("loadAverageAtEnd").asText("unknown") + "`."));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode m : cal.path("measurements")) {
            rows.add(List.of(m.path("case").asText(), m.path("side").asText(), m.path("source").asText(),
                    m.has("error") ? "failed" : Numbers.format(m.path("recordsPerSec").asDouble()),
                    m.has("error") ? "–" : Numbers.format(m.path("mbPerSec").asDouble()),
                    m.has("error") ? m.path("error").asText() : m.path("detail").asText()));
        }
        doc.add(new Doc.Table(List.of("Case", "Side", "Measured by", "records/s", "MB/s", "Detail"),
                List.of(false, false, false, true, true, false), rows));
        List<List<String>> ratios = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        for (JsonNode r : cal.path("ratios")) {
            boolean finding = r.path("finding").asBoolean();
            String band = Numbers.format(r.path("band").path(0).asDouble()) + "–" + Numbers.format(r.path("band").path(1).asDouble());
            String ci = r.has("ci95") ? "[" + Numbers.format(r.path("ci95").path(0).asDouble()) + ", "
                    + Numbers.format(r.path("ci95").path(1).asDouble()) + "]" : "–";
            String verdict = r.has("verdict") ? r.path("verdict").asText() : finding ? "outside" : "within";
            ratios.add(List.of(r.path("case").asText(), r.path("side").asText(), r.path("name").asText(),
                    Numbers.format(r.path("value").asDouble()), ci, band, finding ? "**finding** (" + verdict + ")" : verdict));
            if (finding) {
                findings.add("- **" + r.path("case").asText() + " " + r.path("side").asText() + "**, " + r.path("name").asText() + " = "
                        + Numbers.format(r.path("value").asDouble()) + ": " + r.path("reason").asText());
            }
        }
        doc.add(new Doc.Table(List.of("Case", "Side", "Ratio (records/s)", "Value", "95% interval", "Band", "Verdict"),
                List.of(false, false, false, true, false, false, false), ratios));
        java.util.Set<String> intervals = new java.util.LinkedHashSet<>();
        cal.path("ratios").forEach(r -> intervals.add(r.path("interval").asText("")));
        intervals.remove("");
        if (!intervals.isEmpty()) {
            doc.add(new Doc.Para("Intervals: " + String.join("; ", intervals) + "."));
        }
        if (!findings.isEmpty()) {
            doc.add(new Doc.Para("**Findings** (ratios outside their band; numbers are never adjusted to agree):"));
            findings.forEach(f -> doc.add(new Doc.Para(f)));
        }
    }

    static void clients(Doc doc, Run run, boolean many, String chartName, List<RenderedChart> charts, String imageExt) {
        JsonNode json = run.sidecars().clients();
        doc.add(new Doc.Heading(2, "Clients" + (many ? " — " + run.label() : "")));
        doc.add(new Doc.Para(String.format("%,d records of %d B per client, default configs. MB = 10^6 bytes of record value.",
                json.path("records").asLong(), json.path("messageSize").asInt())));
        for (RenderedChart c : charts) {
            if (c.benchmark().equals(ClientsChart.SECTION) && c.name().equals(chartName)) {
                doc.add(new Doc.Image(c.name() + "." + imageExt, c.title(), c.caption()));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : json.path("clients")) {
            String status = c.path("status").asText();
            if (status.equals("measured")) {
                rows.add(List.of(c.path("client").asText(), c.path("version").asText(), Numbers.format(c.path("producerMBPerSec").asDouble()),
                        Numbers.format(c.path("consumerMBPerSec").asDouble()), "measured here, this run"));
            } else {
                String why = c.path("reason").asText(c.path("error").asText(""));
                rows.add(List.of(c.path("client").asText(), "–", "–", "–",
                        status + ": " + why + (c.has("install") ? " (install: `" + c.path("install").asText() + "`)" : "")));
            }
        }
        for (JsonNode p : json.path("published")) {
            rows.add(List.of(p.path("client").asText(), "–", p.path("producerMBPerSec").asText(), p.path("consumerMBPerSec").asText(),
                    "published elsewhere, on other hardware"));
        }
        doc.add(new Doc.Table(List.of("Client", "Version", "Producer MB/s", "Consumer MB/s", "Source"),
                List.of(false, false, true, true, false), rows));
        if (!json.path("published").isEmpty()) {
            doc.add(new Doc.Para("Published rows: " + json.path("published").get(0).path("source").asText()
                    + ". They are not comparable with the rows measured here; they show what users saw elsewhere."));
        }
    }
}
