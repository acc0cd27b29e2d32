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
     *                      suite's forks, the plain loop's JVMs); NaN when there is one repeat only
     * @param error         null when measured; otherwise why there is no number (records/s and MB/s are then NaN)
     * @param rounds        records/s of each round, in round order (null when not measured by round): what pairs a
     *                      ratio's two sides round by round
     */
    public record Measurement(String caseId, String side, Source source, double recordsPerSec, double mbPerSec, double lnHalfWidth95,
                              String detail, String error, double[] rounds) {
        public Measurement(String caseId, String side, Source source, double recordsPerSec, double mbPerSec, String detail, String error) {
            this(caseId, side, source, recordsPerSec, mbPerSec, Double.NaN, detail, error, null);
        }

        public Measurement(String caseId, String side, Source source, double recordsPerSec, double mbPerSec, double lnHalfWidth95,
                           String detail, String error) {
            this(caseId, side, source, recordsPerSec, mbPerSec, lnHalfWidth95, detail, error, null);
        }

        /**
         * Repeats of one measurement, one per round: their mean, and the 95% interval of ln(rate) (Student's t over the
         * repeats); the repeats are kept for {@link Calibration#compare}'s pairing.
         */
        static Measurement ofRepeats(String caseId, String side, Source source, double[] recordsPerSec, double bytesPerRecord, String detail) {
            SummaryStatistics ln = new SummaryStatistics();
            for (double r : recordsPerSec) {
                ln.addValue(Math.log(r));
            }
            double mean = java.util.Arrays.stream(recordsPerSec).average().orElse(Double.NaN);
            long n = ln.getN();
            double h = n > 1 ? new TDistribution(n - 1).inverseCumulativeProbability(0.975) * ln.getStandardDeviation() / Math.sqrt(n)
                    : Double.NaN;
            return new Measurement(caseId, side, source, mean, mean * bytesPerRecord / 1e6, h, detail, null, recordsPerSec.clone());
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
     * suite / reference, its 95% interval, the band it must fall in, the verdict and, when the point is outside the
     * band, the reason. With {@code pairs} rounds on both sides the value is the geometric mean of the rounds' ratios and
     * the interval Student's t on their logarithms (n - 1 df); with {@code pairs} 0 (the sides were not measured in
     * the same rounds) it is the ratio of the means and the two sides' ln half-widths added in quadrature.
     */
    public record Ratio(String caseId, String side, String name, double value, double ciLow, double ciHigh, double low, double high,
                        Verdict verdict, String reason, int pairs) {
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
        double[] paired = paired(suite.rounds(), r.rounds());
        double v;
        double ciLow;
        double ciHigh;
        if (paired != null) {
            v = paired[0];
            ciLow = paired[1];
            ciHigh = paired[2];
        } else {
            v = suite.recordsPerSec() / r.recordsPerSec();
            double h = Math.hypot(suite.lnHalfWidth95(), r.lnHalfWidth95());
            ciLow = v * Math.exp(-h);
            ciHigh = v * Math.exp(h);
        }
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
        ratios.add(new Ratio(c.id(), side, "suite / " + ref.label, v, ciLow, ciHigh, low, high, verdict, reason,
                paired != null ? suite.rounds().length : 0));
    }

    /**
     * Pairs two measurements round by round: {geometric mean of suite_i / reference_i, its 95% interval}, from Student's
     * t on ln(suite_i / reference_i); null when the sides have no rounds, different numbers of them, or fewer than 2.
     * Both sides of a round ran minutes apart at most, so a drift of the machine over a calibration's half hour
     * (its speed changed by half over an afternoon here) reaches both alike and cancels in the pair.
     */
    static double[] paired(double[] suite, double[] reference) {
        if (suite == null || reference == null || suite.length != reference.length || suite.length < 2) {
            return null;
        }
        SummaryStatistics d = new SummaryStatistics();
        for (int i = 0; i < suite.length; i++) {
            d.addValue(Math.log(suite[i] / reference[i]));
        }
        double h = new TDistribution(d.getN() - 1).inverseCumulativeProbability(0.975) * d.getStandardDeviation() / Math.sqrt(d.getN());
        return new double[] {Math.exp(d.getMean()), Math.exp(d.getMean() - h), Math.exp(d.getMean() + h)};
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
            if (m.rounds() != null) {
                o.put("rounds", m.rounds());
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
            o.put("interval", r.pairs() > 0 ? "paired by round: Student's t on ln(suite / reference) of " + r.pairs() + " rounds"
                    : "the two sides' 95% intervals of ln(records/s) added in quadrature");
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
        out.printf("%nCalibration, %d round(s), each running every tool, the plain loop and one suite fork per benchmark; %s (MB = 10^6 bytes)%n", repeats,
                String.join(", ", cases.stream().map(c -> String.format("%s: %,d records per run", c.id(), c.records())).toList()));
        String fmt = "%-16s %-9s %-30s %14s %9s%n";
        out.printf(fmt, "case", "side", "source", "records/s", "MB/s");
        for (Measurement m : measurements) {
            out.printf(fmt, m.caseId(), m.side(), m.source().label,
                    m.error() == null ? String.format("%,.0f", m.recordsPerSec()) : "failed",
                    m.error() == null ? String.format("%.2f", m.mbPerSec()) : "-");
        }
        out.printf("%n%-16s %-9s %-40s %7s  %-13s %-9s  %s%n", "case", "side", "ratio (records/s)", "value", "95% interval", "band", "verdict");
        out.println("(with rounds on both sides: the geometric mean of the rounds' ratios and Student's t on their logarithms)");
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
