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

    public String profile() {
        return get("profile");
    }
}
