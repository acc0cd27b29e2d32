package dev.kcb.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcb.bench.common.AbSlices;
import org.openjdk.jmh.util.ListStatistics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns one sliced fork's JMH result (both sides' iterations, in turns) into one entry per side, so that the ab's
 * {@code baseline/jmh.json} and {@code candidate/jmh.json} read like any run's: each metric's {@code rawData} keeps
 * that side's iterations in the order they ran, and score, error, interval and percentiles are recomputed from them
 * the way JMH computes them for one fork (99.9% Student t). JMH's own file stays as it wrote it, under
 * {@code slices/segments/}; every derived entry names it in {@code abSlices.from}.
 *
 * <p>The side of each measured iteration comes from the fork's slice log, checked against {@link AbSlices#side(int, int, boolean)}:
 * a log that is missing a line, has one too many, or disagrees with the schedule fails the ab rather than
 * splitting on a guess.
 */
final class SliceSplit {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] PERCENTILES = {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0};

    private SliceSplit() {
    }

    /**
     * The sides, in measurement order, that a slice log records; checked against the fork's schedule (A B B A ..., or
     * B A A B ... when {@code swapped}).
     */
    static List<Integer> sides(String log, boolean swapped) {
        return sides(log, AbSlices.SIDES, swapped);
    }

    /**
     * As above, for sides labelled {@code labels} in the log ("baseline", "candidate"; "config0", "config1", ... for
     * config slices), checked against the serpentine schedule of {@link AbSlices#side(int, int, boolean)}.
     */
    static List<Integer> sides(String log, List<String> labels, boolean swapped) {
        List<Integer> out = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            int index = Integer.parseInt(f[1]);
            int side = labels.indexOf(f[2]);
            if (!f[0].equals("measurement") || index != out.size() || side != AbSlices.side(index, labels.size(), swapped)) {
                throw new IllegalStateException("slice log line '" + line + "' does not follow the "
                        + (labels.equals(AbSlices.SIDES) ? order(swapped) : configOrder(labels.size())) + " schedule");
            }
            out.add(side);
        }
        return out;
    }

    /** The labels a config-sliced fork's log gives its {@code n} configurations. */
    static List<String> configLabels(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "config" + i).toList();
    }

    /**
     * @param jmhJson JMH's result array of one sliced fork
     * @param sides   the side of each measured iteration ({@link #sides})
     * @param swapped the fork ran B A A B ... (recorded in each derived entry)
     * @param from    the JMH file's path, recorded in each derived entry
     * @return the baseline's and the candidate's result arrays, pretty-printed
     */
    static Map<String, String> split(String jmhJson, List<Integer> sides, boolean swapped, String from) throws IOException {
        JsonNode entries = JSON.readTree(jmhJson);
        ArrayNode[] out = {JSON.createArrayNode(), JSON.createArrayNode()};
        for (JsonNode entry : entries) {
            for (int side = 0; side < 2; side++) {
                ObjectNode e = part(entry, sides, side);
                ObjectNode note = e.putObject("abSlices");
                note.put("side", AbSlices.SIDES.get(side));
                note.put("from", from);
                note.put("order", order(swapped) + " ...: iteration k of each side is a pair");
                out[side].add(e);
            }
        }
        return Map.of("baseline", pretty(out[0]), "candidate", pretty(out[1]));
    }

    /**
     * Splits a config-sliced fork (one JMH entry, all configurations' iterations in turns) into one result array per
     * configuration, each entry's {@code params} set to what that configuration ran: JMH records the carrier's (the
     * first configuration's) params, which each configuration's client config overrode.
     *
     * @param params each configuration's params, in slice order
     */
    static List<String> splitConfigs(String jmhJson, List<Integer> sides, List<Map<String, String>> params, String from)
            throws IOException {
        JsonNode entries = JSON.readTree(jmhJson);
        List<String> out = new ArrayList<>();
        for (int side = 0; side < params.size(); side++) {
            ArrayNode part = JSON.createArrayNode();
            for (JsonNode entry : entries) {
                ObjectNode e = part(entry, sides, side);
                ObjectNode p = e.putObject("params");
                params.get(side).forEach(p::put);
                ObjectNode note = e.putObject("configSlices");
                note.put("config", side);
                note.put("of", params.size());
                note.put("from", from);
                note.put("order", configOrder(params.size()) + " ...: the configurations take turns, one iteration each");
                part.add(e);
            }
            out.add(pretty(part));
        }
        return out;
    }

    /** A copy of one entry with one side's iterations only, its summaries recomputed. */
    private static ObjectNode part(JsonNode entry, List<Integer> sides, int side) {
        ObjectNode e = entry.deepCopy();
        int kept = filter((ObjectNode) e.get("primaryMetric"), sides, side);
        for (Iterator<JsonNode> it = e.path("secondaryMetrics").elements(); it.hasNext(); ) {
            filter((ObjectNode) it.next(), sides, side);
        }
        e.put("measurementIterations", kept);
        return e;
    }

    /** "A B B A" / "B A A B": an ab's two sides. */
    static String order(boolean swapped) {
        return swapped ? "B A A B" : "A B B A";
    }

    /** Two rounds of config slices' turns: "0 1 1 0" for two, "0 1 2 2 1 0" for three. */
    static String configOrder(int n) {
        List<String> turns = new ArrayList<>();
        for (int i = 0; i < 2 * n; i++) {
            turns.add(String.valueOf(AbSlices.side(i, n, false)));
        }
        return String.join(" ", turns);
    }

    private static String pretty(ArrayNode a) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(a) + "\n";
    }

    /** Keeps one side's iterations of a metric's single fork and recomputes its summary; returns how many it kept. */
    private static int filter(ObjectNode metric, List<Integer> sides, int side) {
        JsonNode raw = metric.path("rawData");
        if (raw.size() != 1) {
            throw new IllegalStateException("a sliced segment must hold one fork, found " + raw.size());
        }
        JsonNode fork = raw.get(0);
        if (fork.size() != sides.size()) {
            throw new IllegalStateException("the slice log has " + sides.size() + " measured iterations, JMH "
                    + fork.size());
        }
        ListStatistics stats = new ListStatistics();
        ArrayNode keptFork = JSON.createArrayNode();
        for (int i = 0; i < fork.size(); i++) {
            if (sides.get(i) == side) {
                keptFork.add(fork.get(i).asDouble());
                stats.addValue(fork.get(i).asDouble());
            }
        }
        ArrayNode newRaw = metric.putArray("rawData");
        newRaw.add(keptFork);
        metric.put("score", stats.getMean());
        double error = stats.getN() > 2 ? stats.getMeanErrorAt(0.999) : Double.NaN;
        if (Double.isFinite(error)) {
            metric.put("scoreError", error);
            metric.putArray("scoreConfidence").add(stats.getMean() - error).add(stats.getMean() + error);
        } else {
            metric.put("scoreError", "NaN");
            metric.putArray("scoreConfidence").add(stats.getMean()).add(stats.getMean());
        }
        ObjectNode pct = metric.putObject("scorePercentiles");
        for (double p : PERCENTILES) {
            pct.put(String.valueOf(p), p == 0.0 ? stats.getMin() : p == 100.0 ? stats.getMax() : stats.getPercentile(p));
        }
        return keptFork.size();
    }
}
