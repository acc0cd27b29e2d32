package dev.kcb.report.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcb.report.model.Run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link RunComparison}: console table, compare.md, compare.json. */
public final class CompareOutput {
    static final String METHOD = "t-test, one-sided per direction (p_worse for regressed, p_better for improved); "
            + "the variance of each side's mean from pooled iterations on both sides when one joint F-test of the fork "
            + "effect over both sides ((SSB_a+SSB_b)/(dfB_a+dfB_b) over (SSW_a+SSW_b)/(dfW_a+dfW_b)) has p >= 0.25, "
            + "else from per-fork means on both sides (sometimes-pool rule, Bancroft 1964); per-fork values for "
            + "histogram metrics (mean/p50/p99 of SampleTime); iterations when a side has one fork; "
            + "per-fork means on two sides of the same forks x iterations: nested t (fork-mean variance from both "
            + "sides, 2(forks-1) df), else Welch's t with Welch-Satterthwaite df; "
            + "CI: Fieller's interval for the ratio of means at 1 - 2 alpha, i.e. the two one-sided 1 - alpha bounds";
    private static final String[] HEADER = {"benchmark", "params", "metric", "baseline", "candidate", "change % [CI]", "p",
            "detects", "samples", "verdict"};
    /** Power at which the "detects" column's smallest detectable change is computed. */
    static final double POWER = 0.8;
    /** The verdict table's header, for pages that show the verdict (the report's A/B section). */
    public static final List<String> HEADER_CELLS = List.of(HEADER);

    private CompareOutput() {
    }

    // ---- formatting -------------------------------------------------------------------------------------------

    static String value(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String pct(double fraction) {
        if (!Double.isFinite(fraction)) {
            return "-";
        }
        String s = String.format(Locale.ROOT, "%+.1f", fraction * 100);
        return s.equals("-0.0") || s.equals("+0.0") ? "0.0" : s;
    }

    static String change(Row r) {
        Comparison c = r.stats();
        if (c == null) {
            return "-";
        }
        String s = pct(c.change()) + "%";
        if (c.insufficient()) {
            return s;
        }
        if (!Double.isFinite(c.ciLow()) || !Double.isFinite(c.ciHigh())) {
            return s + " [unbounded]";
        }
        return s + " [" + pct(c.ciLow()) + ", " + pct(c.ciHigh()) + "]";
    }

    /** The one-sided p-value in the direction of the observed change (p_worse if worse, p_better if better). */
    static String p(Row r) {
        if (r.stats() == null || !Double.isFinite(r.stats().p())) {
            return "-";
        }
        double p = r.stats().p();
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** The smallest change this row could have detected ("±4.2%"), see {@link Statistics#minimumDetectable}. */
    static String detects(Row r) {
        double m = r.detectable();
        return Double.isFinite(m) ? "±" + String.format(Locale.ROOT, "%.1f", 100 * m) + "%" : "-";
    }

    /** "P/F": how the baseline's and the candidate's variance were estimated; "-" without statistics. */
    static String samplesMarker(Row r) {
        Comparison c = r.stats();
        if (c == null) {
            return "-";
        }
        if (c.test() == TestKind.PAIRED) {
            return "pairs";
        }
        if (c.test().sliced()) {
            return "slices";
        }
        return c.baselineEstimate().method().marker() + "/" + c.candidateEstimate().method().marker();
    }

    /** "baseline: pooled iterations (fork effect p=0.61); candidate: per-fork means (fork effect p=0.03)". */
    static String samplesText(Row r) {
        Comparison c = r.stats();
        if (c == null) {
            return null;
        }
        return "baseline: " + c.baselineEstimate().describe() + "; candidate: " + c.candidateEstimate().describe()
                + "; " + c.test().label();
    }

    static String metric(Row r) {
        String unit = r.unit() == null || r.unit().isEmpty() || r.label().endsWith(r.unit()) ? "" : " (" + r.unit() + ")";
        return r.label() + unit;
    }

    /** One verdict row as the table cells under {@link #HEADER}. */
    public static String[] cells(Row r) {
        return new String[]{r.benchmark() + (r.mode().equals("thrpt") ? "" : " [" + r.mode() + "]"),
                r.params().isEmpty() ? "-" : r.params(), metric(r), value(r.baselineValue()), value(r.candidateValue()),
                change(r), p(r), detects(r), samplesMarker(r), r.verdictLabel()};
    }

    public static List<String> notes(RunComparison c) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "regressed/improved = worse/better by more than %s%% AND the one-sided p "
                        + "in that direction (p_worse/p_better) < %s; the p column is the one-sided p in the direction of "
                        + "the change; CI at %s%% confidence (two-sided, = two one-sided %s%% bounds, so it excludes 0 "
                        + "on a side exactly when that side's p < %s).",
                trim(c.thresholdPct()), trim(c.alpha()), trim(100 * (1 - 2 * c.alpha())),
                trim(100 * (1 - c.alpha())), trim(c.alpha())));
        notes.add("Method: " + METHOD + ". Change = candidate / baseline - 1; direction is per metric "
                + "(rates: higher is better; times, latencies and cost per record: lower is better).");
        notes.add(samplesNote(c));
        notes.add(String.format(Locale.ROOT, "detects = the smallest change this comparison would flag with %d%% "
                + "probability at this alpha, from its own measured noise: \"unchanged\" says only that no change "
                + "that large happened.", Math.round(POWER * 100)));
        if (c.paired() && c.rows().stream().anyMatch(r -> r.stats() != null && r.stats().test().sliced())) {
            notes.add("Slices (samples = slices): in each fork both sides ran, one iteration each in turn (A B B A ...), so iteration k "
                    + "of each side in a fork is a pair that shared the JVM, its JIT and the moment; the test is the one-sample t on "
                    + "ln(candidate iteration / baseline iteration): all pairs pooled when the forks' mean ratios do not "
                    + "differ (F-test p >= 0.25), else the forks' mean ratios. Every second fork built the candidate's client first and ran "
                    + "B A A B; with as many forks of each order, the order is a fixed effect, as in a crossover: the F-test compares each "
                    + "fork with its own order's forks (forks-2 df) and the pooled pairs vary about their order's mean (n-2 df; n-1 "
                    + "with an odd number of forks); the forks' mean ratios, when used, keep forks-1 df. Change = the geometric mean of the ratios.");
        }
        if (c.paired() && c.rows().stream().anyMatch(r -> r.stats() != null && r.stats().test() == TestKind.PAIRED)) {
            notes.add("Paired: both sides come from one ab, whose forks ran in pairs A B, B A, A B, ... on one broker; "
                    + "fork i of each side is a pair, and the test is the one-sample t on ln(candidate fork mean / baseline fork mean), "
                    + "n-1 df, so drift that is slow against a pair cancels. Change = the geometric mean of the pair ratios.");
        }
        if (c.anyIterationsAsIndependent()) {
            notes.add("Some rows come from a run with a single fork: its iterations were treated as independent samples, "
                    + "which they are not (they share one JVM), so those p-values are optimistic. Run with 2+ forks.");
        }
        hostSpeedNote(c).ifPresent(notes::add);
        if (c.insufficientCount() > 0) {
            notes.add("\"insufficient data\": fewer than 2 samples on a side, or no variation on either side; "
                    + "no test was possible, so no verdict other than unchanged.");
        }
        return notes;
    }

    /**
     * Beyond this difference (%) between two separate runs' host-speed probes, compare says the machines ran at
     * different speeds. On one 2-core VM in one afternoon the probe's median ranged over 25.5–29.6M steps/s in
     * steady periods and fell to 18.2M (and the suite's rate from 108 to 63 MB/s) in a slow one.
     */
    static final double HOST_SPEED_DIFFERS_PCT = 20.0;

    /**
     * For two separate runs whose run.json both carry the host-speed probe: a note when its medians differ by more than
     * {@link #HOST_SPEED_DIFFERS_PCT}. Not for an ab, whose sides share one probe and one moment. Changes no verdict.
     */
    static java.util.Optional<String> hostSpeedNote(RunComparison c) {
        if (c.paired()) {
            return java.util.Optional.empty();
        }
        java.util.OptionalDouble base = c.baseline().info().hostSpeed();
        java.util.OptionalDouble cand = c.candidate().info().hostSpeed();
        if (base.isEmpty() || cand.isEmpty()) {
            return java.util.Optional.empty();
        }
        double pct = 100 * (cand.getAsDouble() / base.getAsDouble() - 1);
        if (Math.abs(pct) <= HOST_SPEED_DIFFERS_PCT) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "The machines ran at different speeds: before its broker started, "
                        + "the baseline's host probe walked %.1fM steps/s and the candidate's %.1fM (%+.0f%%; run.json host.speedProbe). "
                        + "A change in this table may be the machine's, not the client's: rerun both on a quiet machine, or use "
                        + "./run.sh ab, whose sides share every moment.",
                base.getAsDouble() / 1e6, cand.getAsDouble() / 1e6, pct));
    }

    /** The footnote for the "samples" column, listing the markers that occur. */
    static String samplesNote(RunComparison c) {
        java.util.EnumSet<SideEstimate.Method> used = java.util.EnumSet.noneOf(SideEstimate.Method.class);
        for (Row r : c.rows()) {
            if (r.stats() != null) {
                used.add(r.stats().baselineEstimate().method());
                used.add(r.stats().candidateEstimate().method());
            }
        }
        List<String> parts = new ArrayList<>();
        for (SideEstimate.Method m : used) {
            parts.add(m.marker() + " = " + switch (m) {
                case POOLED_ITERATIONS -> "pooled iterations (no fork effect: joint F-test over both sides, "
                        + PoolingRule.DEFAULT.text() + ")";
                case FORK_MEANS -> "per-fork means (joint fork-effect test rejected at 0.25, "
                        + "or per-fork values of a histogram metric)";
                case ONE_FORK_ITERATIONS -> "one fork, iterations as independent";
                case NONE -> "no raw data";
            });
        }
        return "samples (baseline/candidate): " + (parts.isEmpty() ? "-" : String.join(", ", parts))
                + "; the fork-effect p-value is in compare.json.";
    }

    /**
     * For the two sides of an {@code ab} run: which client configs were compared (settings that are no param, such as
     * enable.idempotence, show nowhere else).
     */
    public static String abLine(RunComparison c) {
        Map<String, String> a = c.baseline().info().abSideConfig();
        Map<String, String> b = c.candidate().info().abSideConfig();
        if (a.isEmpty() && b.isEmpty()) {
            return null;
        }
        return "A/B of client configs on the same broker(s), interleaved: baseline " + props(a) + ", candidate "
                + props(b) + ". A param these set shows what ran, as baseline→candidate.";
    }

    private static String props(Map<String, String> p) {
        return p.isEmpty() ? "(no overrides)" : "`" + p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")) + "`";
    }

    static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    // ---- console ----------------------------------------------------------------------------------------------

    public static String console(RunComparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("baseline:  ").append(describe(c.baseline())).append('\n');
        sb.append("candidate: ").append(describe(c.candidate())).append('\n');
        String ab = abLine(c);
        if (ab != null) {
            sb.append(ab.replace("`", "")).append('\n');
        }
        sb.append('\n');
        consoleTable(sb, c.rows(MetricGroup.SPEED));
        List<Row> cost = c.rows(MetricGroup.COST);
        if (!cost.isEmpty()) {
            sb.append('\n').append(COST_TITLE).append('\n');
            consoleTable(sb, cost);
        }
        sb.append('\n').append(c.summary()).append('\n');
        notes(c).forEach(n -> sb.append("  * ").append(n).append('\n'));
        List<String[]> req = requestLines(c);
        if (req.size() > 1) {
            sb.append('\n').append(REQUESTS_TITLE).append('\n');
            int[] rw = new int[REQUESTS_HEADER.length];
            for (String[] l : req) {
                for (int i = 0; i < l.length; i++) {
                    rw[i] = Math.max(rw[i], l[i].length());
                }
            }
            for (String[] l : req) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < l.length; i++) {
                    String cell = i >= 2 ? " ".repeat(rw[i] - l[i].length()) + l[i] : l[i] + " ".repeat(rw[i] - l[i].length());
                    line.append(cell).append(i < l.length - 1 ? "  " : "");
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
        }
        return sb.toString();
    }

    /** One verdict table under {@link #HEADER}, columns padded, numbers right-aligned. */
    private static void consoleTable(StringBuilder sb, List<Row> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(r -> lines.add(cells(r)));
        int[] w = new int[HEADER.length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                w[i] = Math.max(w[i], l[i].length());
            }
        }
        for (int li = 0; li < lines.size(); li++) {
            String[] l = lines.get(li);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                boolean right = i >= 3 && i <= 6;
                String cell = right ? " ".repeat(w[i] - l[i].length()) + l[i] : l[i] + " ".repeat(w[i] - l[i].length());
                line.append(cell).append(i < l.length - 1 ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (li == 0) {
                int total = 0;
                for (int x : w) {
                    total += x + 2;
                }
                sb.append("-".repeat(total - 2)).append('\n');
            }
        }
    }

    /** The heading of the second verdict table. */
    public static final String COST_TITLE = "Cost per record (client CPU, broker CPU, client allocation per acknowledged or consumed "
            + "record; lower is better; judged like the table above, and a regression here fails compare too: a config can be "
            + "as fast and cost more)";

    static final String REQUESTS_TITLE = "Produce requests (the producer's own metrics; shown, not judged: they explain "
            + "whether batching changed, e.g. why a linger.ms change did or did not move throughput)";
    static final String[] REQUESTS_HEADER = {"benchmark", "params", "records/request", "bytes/request", "requests/s"};

    /** The header, then one line per entry with produce-request metrics on both sides: "baseline -> candidate". */
    static List<String[]> requestLines(RunComparison c) {
        List<String[]> lines = new ArrayList<>();
        lines.add(REQUESTS_HEADER);
        for (RequestDiagnostic d : c.requestDiagnostics()) {
            lines.add(new String[]{d.benchmark() + (d.mode().equals("thrpt") ? "" : " [" + d.mode() + "]"),
                    d.params().isEmpty() ? "-" : d.params(),
                    arrow(d.baseline().recordsPerRequest(), d.candidate().recordsPerRequest()),
                    arrow(d.baseline().bytesPerRequest(), d.candidate().bytesPerRequest()),
                    arrow(d.baseline().requestsPerSecond(), d.candidate().requestsPerSecond())});
        }
        return lines;
    }

    private static String arrow(double base, double cand) {
        return value(base) + " -> " + value(cand);
    }

    private static String describe(Run r) {
        return r.label() + " (" + r.source() + ")";
    }

    // ---- markdown ---------------------------------------------------------------------------------------------

    public static String markdown(RunComparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("**").append(c.summary()).append("**\n\n");
        sb.append("Baseline `").append(c.baseline().label()).append("` vs candidate `").append(c.candidate().label())
                .append("`.\n\n");
        String ab = abLine(c);
        if (ab != null) {
            sb.append(ab).append("\n\n");
        }
        markdownTable(sb, c.rows(MetricGroup.SPEED));
        List<Row> cost = c.rows(MetricGroup.COST);
        if (!cost.isEmpty()) {
            sb.append('\n').append(COST_TITLE).append(":\n\n");
            markdownTable(sb, cost);
        }
        sb.append('\n');
        notes(c).forEach(n -> sb.append("- ").append(n).append('\n'));
        List<String[]> req = requestLines(c);
        if (req.size() > 1) {
            sb.append('\n').append(REQUESTS_TITLE).append(":\n\n");
            for (int li = 0; li < req.size(); li++) {
                sb.append('|');
                for (String cell : req.get(li)) {
                    sb.append(' ').append(cell.replace("|", "\\|").replace("->", "→")).append(" |");
                }
                sb.append('\n');
                if (li == 0) {
                    sb.append("|---|---|---:|---:|---:|\n");
                }
            }
        }
        return sb.toString();
    }

    private static void markdownTable(StringBuilder sb, List<Row> rows) {
        sb.append('|');
        for (String h : HEADER) {
            sb.append(' ').append(h).append(" |");
        }
        sb.append("\n|");
        for (int i = 0; i < HEADER.length; i++) {
            sb.append(i >= 3 && i <= 6 ? "---:|" : "---|");
        }
        sb.append('\n');
        for (Row r : rows) {
            String[] cells = cells(r);
            if (r.verdict() == Verdict.REGRESSED || r.verdict() == Verdict.IMPROVED) {
                cells[9] = "**" + cells[9] + "**";
            }
            sb.append('|');
            for (String cell : cells) {
                sb.append(' ').append(cell.replace("|", "\\|")).append(" |");
            }
            sb.append('\n');
        }
    }

    // ---- json -------------------------------------------------------------------------------------------------

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String json(RunComparison c) {
        ObjectNode root = JSON.createObjectNode();
        root.set("baseline", run(c.baseline()));
        root.set("candidate", run(c.candidate()));
        root.put("thresholdPct", c.thresholdPct());
        root.put("alpha", c.alpha());
        root.put("confidence", 1 - 2 * c.alpha());
        root.put("sided", "one-sided per direction: regressed uses pWorse, improved uses pBetter");
        root.put("method", METHOD);
        if (abLine(c) != null) {
            ObjectNode ab = root.putObject("ab");
            ab.set("baselineConfig", JSON.valueToTree(c.baseline().info().abSideConfig()));
            ab.set("candidateConfig", JSON.valueToTree(c.candidate().info().abSideConfig()));
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("text", c.summary());
        for (Verdict v : Verdict.values()) {
            summary.put(v.label(), c.count(v));
        }
        summary.put("insufficientData", c.insufficientCount());
        for (MetricGroup g : MetricGroup.values()) {
            ObjectNode group = summary.putObject(g.name().toLowerCase(Locale.ROOT));
            for (Verdict v : Verdict.values()) {
                group.put(v.label(), c.count(g, v));
            }
        }
        ArrayNode rows = root.putArray("rows");
        for (Row r : c.rows()) {
            ObjectNode n = entry(rows, r.benchmark(), r.mode(), r.params());
            n.put("key", r.key());
            n.put("metric", r.metric());
            n.put("group", r.group().name().toLowerCase(Locale.ROOT));
            n.put("label", r.label());
            n.put("unit", r.unit());
            n.put("higherIsBetter", r.higherIsBetter());
            num(n, "baseline", r.baselineValue());
            num(n, "candidate", r.candidateValue());
            Comparison s = r.stats();
            num(n, "changePct", s == null ? Double.NaN : 100 * s.change());
            num(n, "ciLowPct", s == null ? Double.NaN : 100 * s.ciLow());
            num(n, "ciHighPct", s == null ? Double.NaN : 100 * s.ciHigh());
            num(n, "pWorse", s == null ? Double.NaN : s.pWorse(r.higherIsBetter()));
            num(n, "pBetter", s == null ? Double.NaN : s.pBetter(r.higherIsBetter()));
            num(n, "df", s == null ? Double.NaN : s.df());
            num(n, "minDetectablePct", 100 * r.detectable());
            if (s == null) {
                n.putNull("test");
            } else {
                n.put("test", s.test().label());
            }
            n.put("verdict", r.verdict().label());
            n.put("insufficientData", r.insufficient());
            n.put("iterationsTreatedAsIndependent", r.stats() != null && r.iterationsAsIndependent());
            if (s == null) {
                n.putNull("sampling");
            } else {
                n.put("sampling", samplesText(r));
                // the joint preliminary test: one p for both sides (a side without iterations has NaN)
                double fp = s.baselineEstimate().forkEffectP();
                num(n, "forkEffectP", Double.isFinite(fp) ? fp : s.candidateEstimate().forkEffectP());
            }
            samples(n, "baselineSamples", r.baselineSamples(), s == null ? null : s.baselineEstimate());
            samples(n, "candidateSamples", r.candidateSamples(), s == null ? null : s.candidateEstimate());
        }
        ArrayNode requests = root.putArray("produceRequests");
        for (RequestDiagnostic d : c.requestDiagnostics()) {
            ObjectNode n = entry(requests, d.benchmark(), d.mode(), d.params());
            fill(n.putObject("baseline"), d.baseline());
            fill(n.putObject("candidate"), d.candidate());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode run(Run r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id());
        n.put("label", r.label());
        n.put("source", String.valueOf(r.source()));
        return n;
    }

    private static ObjectNode entry(ArrayNode array, String benchmark, String mode, String params) {
        ObjectNode n = array.addObject();
        n.put("benchmark", benchmark);
        n.put("mode", mode);
        n.put("params", params);
        return n;
    }

    private static void fill(ObjectNode n, RequestDiagnostic.Fill f) {
        num(n, "recordsPerRequest", f.recordsPerRequest());
        num(n, "bytesPerRequest", f.bytesPerRequest());
        num(n, "requestsPerSecond", f.requestsPerSecond());
    }

    /** JSON has no NaN: unknown numbers are null. */
    private static void num(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    private static void samples(ObjectNode n, String field, Samples s, SideEstimate e) {
        if (s == null) {
            n.putNull(field);
            return;
        }
        ObjectNode o = n.putObject(field);
        o.put("kind", s.n() == 0 ? "none" : s.perFork() ? "forkMeans" : "iterations");
        o.put("forks", s.forks());
        if (e != null) {
            o.put("method", e.method().id());
            o.put("methodText", e.describe());
            num(o, "forkEffectP", e.forkEffectP());
            num(o, "df", e.df());
            num(o, "standardError", Math.sqrt(e.varianceOfMean()));
        }
        ArrayNode values = o.putArray("values");
        for (double v : s.values()) {
            values.add(v);
        }
    }
}
