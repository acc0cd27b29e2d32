package dev.kcb.report.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The run's environment from run.json, written by the suite runner. Absent for a bare jmh.json from elsewhere,
 * in which case every accessor answers "unknown" rather than inventing a value.
 */
public record RunInfo(JsonNode json) {

    public static RunInfo absent() {
        return new RunInfo(MissingNode.getInstance());
    }

    public boolean present() {
        return !json.isMissingNode();
    }

    /** A value by dotted path ("broker.mode"), or "unknown". */
    public String get(String dottedPath) {
        JsonNode n = json;
        for (String part : dottedPath.split("\\.")) {
            n = n.path(part);
        }
        return n.isMissingNode() || n.isNull() ? "unknown" : (n.isValueNode() ? n.asText() : n.toString());
    }

    /**
     * For one side of {@code ./run.sh ab}: the client properties that side ran with (masked as run.json holds them),
     * in file order; empty for any other run.
     */
    public java.util.Map<String, String> abSideConfig() {
        String side = json.path("abSide").asText("");
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (side.equals("baseline") || side.equals("candidate")) {
            json.path("ab").path(side + "Config").path("properties").fields()
                    .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /**
     * True when this is the baseline side and {@code candidate} the candidate side of the same {@code ./run.sh ab}
     * (run ids {@code <id>-baseline} and {@code <id>-candidate}): their forks ran alternately on one broker.
     */
    public boolean abPartnerOf(RunInfo candidate) {
        String a = runId();
        String b = candidate.runId();
        return "baseline".equals(json.path("abSide").asText()) && "candidate".equals(candidate.json.path("abSide").asText())
                && a.endsWith("-baseline") && b.endsWith("-candidate")
                && a.substring(0, a.length() - 9).equals(b.substring(0, b.length() - 10));
    }

    /**
     * The benchmarks (JMH's full names) whose two sides took turns inside each fork of this {@code ./run.sh ab}
     * (run.json's {@code ab.slicedBenchmarks}); empty for fork-by-fork pairs and for any other run.
     */
    public java.util.Set<String> abSlicedBenchmarks() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        json.path("ab").path("slicedBenchmarks").forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * One line per group of configurations that took turns in one fork (run.json's {@code plan.configSlices}, written by
     * the suite's ConfigSlices): "producer: 6 configurations of sendAsync in turns 0 1 2 3 4 5 5 4 3 2 1 0 ..., 1 x 2 s
     * warm-up and 8 x 2 s measured each, 1 fork(s)"; empty for a run without them.
     */
    public java.util.List<String> configSlices() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode g : json.path("plan").path("configSlices")) {
            String bench = g.path("benchmark").asText().replaceAll("^.*\\.", "");
            out.add(g.path("step").asText() + ": " + g.path("configurations").size() + " configurations of " + bench
                    + " in turns " + g.path("order").asText() + ", " + g.path("warmupPerConfiguration").asText() + " warm-up and "
                    + g.path("measurementPerConfiguration").asText() + " measured each, " + g.path("forks").asInt() + " fork(s)");
        }
        return out;
    }

    /**
     * Why the brokers' CPU per record was not measured (run.json's {@code cost.brokerCpu.reason}: an external cluster,
     * a container whose cgroup is not visible); null when it was, or when run.json does not say.
     */
    public String brokerCpuUnavailable() {
        JsonNode b = json.path("cost").path("brokerCpu");
        return b.path("available").isBoolean() && !b.path("available").asBoolean() ? b.path("reason").asText("unknown") : null;
    }

    public String runId() {
        return get("runId");
    }

    public String clientVersion() {
        return get("kafka.clientVersion");
    }

    public String brokerVersion() {
        return get("kafka.brokerVersion");
    }

    public String brokerMode() {
        return get("broker.mode");
    }

    /**
     * "local", or with several brokers "local, 3 nodes, RF 3" (topic replication factor), so a chart of a cluster
     * run says so.
     */
    public String brokerSetup() {
        String brokers = get("broker.brokers");
        if (brokers.equals("unknown") || brokers.equals("1")) {
            return brokerMode();
        }
        String rf = get("topic.replicationFactor");
        return brokerMode() + ", " + brokers + " nodes" + (rf.equals("unknown") ? "" : ", RF " + rf);
    }

    public String jdk() {
        return get("jvm.version");
    }

    public String cpus() {
        return get("host.cpus");
    }

    /** The host-speed probe's median rate (steps/s) from before the broker started; empty for runs without one. */
    public java.util.OptionalDouble hostSpeed() {
        JsonNode n = json.path("host").path("speedProbe").path("medianStepsPerSecond");
        return n.isNumber() && n.asDouble() > 0 ? java.util.OptionalDouble.of(n.asDouble()) : java.util.OptionalDouble.empty();
    }

    public String profile() {
        return get("profile");
    }
}
