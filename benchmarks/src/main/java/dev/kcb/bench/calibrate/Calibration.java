package dev.kcb.bench.calibrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kcb.bench.suite.ResultFiles;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code calibrate} found: one {@link Measurement} per case, side and source, and the ratios of the suite to
 * each reference, with the reason when a ratio leaves its band. Written as {@code calibration.json}; the report
 * reads that file only. Numbers are never adjusted: a disagreement is shown as a finding, with its reason.
 */
public final class Calibration {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Who measured. */
    public enum Source {
        TOOL("Kafka tool", "ProducerPerformance --record-size (random payload per record) / ConsumerPerformance"),
        TOOL_PAYLOAD_FILE("Kafka tool, --payload-file", "ProducerPerformance --payload-file"),
        PLAIN_COLD("plain loop, first pass", "JavaDriver in its own JVM: first pass, cold JIT, like the tools"),
        PLAIN("plain loop", "JavaDriver in its own JVM: mean of the passes after the first (warm)"),
        SUITE("suite (JMH)", "sendAsync ackedRecords/ackedBytes, poll consumedRecords/consumedBytes");

        final String label;
        final String description;

        Source(String label, String description) {
            this.label = label;
            this.description = description;
        }
    }

    /**
     * @param lnHalfWidth95 the 95% confidence half-width of ln(records/s) over independent repeats (the tool's runs, the
     *                      suite's forks, the plain loop's warm passes); NaN when there is one repeat only
     * @param error         null when measured; otherwise why there is no number (records/s and MB/s are then NaN)
     */
    public record Measurement(String caseId, String side, Source source, double recordsPerSec, double mbPerSec, double lnHalfWidth95,
                              String detail, String error) {
        public Measurement(String caseId, String side, Source source, double recordsPerSec, double mbPerSec, String detail, String error) {
            this(caseId, side, source, recordsPerSec, mbPerSec, Double.NaN, detail, error);
        }

        /** Repeats of one measurement: their mean, and the 95% interval of ln(rate) (Student's t over the repeats). */
        static Measurement ofRepeats(String caseId, String side, Source source, double[] recordsPerSec, double bytesPerRecord, String detail) {
            SummaryStatistics ln = new SummaryStatistics();
            for (double r : recordsPerSec) {
                ln.addValue(Math.log(r));
            }
            double mean = java.util.Arrays.stream(recordsPerSec).average().orElse(Double.NaN);
            long n = ln.getN();
            double h = n > 1 ? new TDistribution(n - 1).inverseCumulativeProbability(0.975) * ln.getStandardDeviation() / Math.sqrt(n)
                    : Double.NaN;
            return new Measurement(caseId, side, source, mean, mean * bytesPerRecord / 1e6, h, detail, null);
        }
    }

    /** What a ratio's 95% interval says against its band. */
    public enum Verdict {
        AGREES("agrees"), DIFFERS("differs"), INCONCLUSIVE("inconclusive"),
        /** one repeat on a side: the point alone, which cannot conclude */
        NO_INTERVAL("no interval");

        final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    /**
     * suite / reference, its 95% interval (the two sides' ln half-widths added in quadrature), the band it must fall
     * in, the verdict and, when the point is outside the band, the reason.
     */
    public record Ratio(String caseId, String side, String name, double value, double ciLow, double ciHigh, double low, double high,
                        Verdict verdict, String reason) {
        public boolean finding() {
            return verdict == Verdict.DIFFERS || verdict == Verdict.NO_INTERVAL && (value < low || value > high);
        }

        static Verdict verdict(double ciLow, double ciHigh, double low, double high) {
            if (!Double.isFinite(ciLow) || !Double.isFinite(ciHigh)) {
                return Verdict.NO_INTERVAL;
            }
            if (ciLow >= low && ciHigh <= high) {
                return Verdict.AGREES;
            }
            return ciHigh < low || ciLow > high ? Verdict.DIFFERS : Verdict.INCONCLUSIVE;
        }
    }

    private final int repeats;
    private final List<Case> cases;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();

    public Calibration(List<Case> cases, int repeats) {
        this.repeats = repeats;
        this.cases = cases;
    }

    public void add(Measurement m) {
        measurements.add(m);
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    public List<Ratio> ratios() {
        return ratios;
    }

    public void environment(String key, Object value) {
        environment.put(key, value);
    }

    Measurement find(String caseId, String side, Source source) {
        return measurements.stream().filter(m -> m.caseId().equals(caseId) && m.side().equals(side) && m.source() == source)
                .findFirst().orElse(null);
    }

    /** Computes the ratios of one case from its measurements (call when the case is done). */
    public void compare(Case c) {
        Measurement suiteProducer = find(c.id(), "producer", Source.SUITE);
        ratio(c, "producer", suiteProducer, Source.TOOL, 0.9, 1.1, Reasons.producerTool(true));
        ratio(c, "producer", suiteProducer, Source.TOOL_PAYLOAD_FILE, 0.9, 1.1, Reasons.producerTool(false));
        ratio(c, "producer", suiteProducer, Source.PLAIN, 0.95, 1.05, null);
        Measurement suiteConsumer = find(c.id(), "consumer", Source.SUITE);
        ratio(c, "consumer", suiteConsumer, Source.TOOL, 0.9, 1.1, Reasons.CONSUMER_TOOL);  // its reasons cut both ways
        ratio(c, "consumer", suiteConsumer, Source.PLAIN, 0.95, 1.05, null);
    }

    private void ratio(Case c, String side, Measurement suite, Source ref, double low, double high, String knownReason) {
        Measurement r = find(c.id(), side, ref);
        if (suite == null || r == null || suite.error() != null || r.error() != null) {
            return;
        }
        double v = suite.recordsPerSec() / r.recordsPerSec();
        double h = Math.hypot(suite.lnHalfWidth95(), r.lnHalfWidth95());
        double ciLow = v * Math.exp(-h);
        double ciHigh = v * Math.exp(h);
        Verdict verdict = Ratio.verdict(ciLow, ciHigh, low, high);
        String reason = null;
        if (v < low || v > high) {
            boolean bothWays = side.equals("consumer");
            reason = ref == Source.PLAIN ? Reasons.harness(v, suite, find(c.id(), side, Source.PLAIN_COLD), r)
                    : v > high || bothWays ? knownReason
                    : "the suite measured less than the tool: none of the known reasons (they slow the tool) explains it; "
                    + "read the suite/plain-loop ratio";
            reason = Reasons.uncertainty(verdict, ciLow, ciHigh, low, high) + reason;
        }
        ratios.add(new Ratio(c.id(), side, "suite / " + ref.label, v, ciLow, ciHigh, low, high, verdict, reason));
    }

    public void write(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("repeats", repeats);
        root.put("units", Map.of("recordsPerSec", "records per second", "mbPerSec", "MB per second, 1 MB = 10^6 bytes of record value"));
        root.put("note", "Measured on one machine that also runs the broker; compare within this run only.");
        root.put("environment", environment);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Case c : cases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("label", c.label());
            m.put("messageSize", c.messageSize());
            m.put("records", c.records());
            m.put("producerOverrides", c.producerOverrides());
            cs.add(m);
        }
        root.put("cases", cs);
        Map<String, String> sources = new LinkedHashMap<>();
        for (Source s : Source.values()) {
            sources.put(s.label, s.description);
        }
        root.put("sources", sources);
        root.put("measurements", measurements.stream().map(m -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("case", m.caseId());
            o.put("side", m.side());
            o.put("source", m.source().label);
            o.put("recordsPerSec", finite(m.recordsPerSec()));
            o.put("mbPerSec", finite(m.mbPerSec()));
            if (Double.isFinite(m.lnHalfWidth95())) {
                o.put("ci95", List.of(m.recordsPerSec() * Math.exp(-m.lnHalfWidth95()), m.recordsPerSec() * Math.exp(m.lnHalfWidth95())));
            }
            o.put("detail", m.detail());
            if (m.error() != null) {
                o.put("error", m.error());
            }
            return o;
        }).toList());
        root.put("ratios", ratios.stream().map(r -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("case", r.caseId());
            o.put("side", r.side());
            o.put("name", r.name());
            o.put("value", r.value());
            if (Double.isFinite(r.ciLow())) {
                o.put("ci95", List.of(r.ciLow(), r.ciHigh()));
            }
            o.put("band", List.of(r.low(), r.high()));
            o.put("verdict", r.verdict().label);
            o.put("finding", r.finding());
            if (r.reason() != null) {
                o.put("reason", r.reason());
            }
            return o;
        }).toList());
        ResultFiles.writeAtomically(file, JSON.writeValueAsString(root));
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The console table: side by side per case, then the ratios and findings. */
    public void print(PrintStream out) {
        out.printf("%nCalibration, %d repeat(s) per measurement; %s (MB = 10^6 bytes)%n", repeats,
                String.join(", ", cases.stream().map(c -> String.format("%s: %,d records per run", c.id(), c.records())).toList()));
        String fmt = "%-16s %-9s %-30s %14s %9s%n";
        out.printf(fmt, "case", "side", "source", "records/s", "MB/s");
        for (Measurement m : measurements) {
            out.printf(fmt, m.caseId(), m.side(), m.source().label,
                    m.error() == null ? String.format("%,.0f", m.recordsPerSec()) : "failed",
                    m.error() == null ? String.format("%.2f", m.mbPerSec()) : "-");
        }
        out.printf("%n%-16s %-9s %-40s %7s  %-13s %-9s  %s%n", "case", "side", "ratio (records/s)", "value", "95% interval", "band", "verdict");
        for (Ratio r : ratios) {
            out.printf("%-16s %-9s %-40s %7.2f  %-13s %.2f-%.2f  %s%s%n", r.caseId(), r.side(), r.name(), r.value(),
                    Double.isFinite(r.ciLow()) ? String.format("[%.2f, %.2f]", r.ciLow(), r.ciHigh()) : "-", r.low(), r.high(),
                    r.verdict().label, r.finding() ? "  FINDING" : "");
        }
        List<Ratio> findings = ratios.stream().filter(Ratio::finding).toList();
        if (!findings.isEmpty()) {
            out.println("\nFindings:");
            findings.forEach(r -> out.printf("- %s %s, %s = %.2f: %s%n", r.caseId(), r.side(), r.name(), r.value(), r.reason()));
        }
    }
}
