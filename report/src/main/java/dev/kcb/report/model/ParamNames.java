package dev.kcb.report.model;

import java.util.Map;

/** Display names for benchmark params: the Kafka config name where there is one, with the unit. */
public final class ParamNames {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("acks", "acks"),
            Map.entry("lingerMs", "linger.ms"),
            Map.entry("batchSize", "batch.size"),
            Map.entry("messageSize", "message size"),
            Map.entry("compressionType", "compression.type"),
            Map.entry("maxPollRecords", "max.poll.records"),
            Map.entry("fetchMinBytes", "fetch.min.bytes"),
            Map.entry("targetRate", "target rate"),
            Map.entry("fetchMaxWaitMs", "fetch.max.wait.ms"));
    private static final Map<String, String> UNITS = Map.of(
            "lingerMs", "ms", "batchSize", "B", "messageSize", "B", "fetchMinBytes", "B", "fetchMaxWaitMs", "ms", "targetRate", "records/s");

    /** Params whose display name does not already say the unit. */
    private static final Map<String, String> VALUE_UNITS = Map.of("messageSize", "B", "targetRate", "records/s");

    private ParamNames() {
    }

    /** "linger.ms" for "lingerMs"; the param itself when unknown. */
    public static String name(String param) {
        return NAMES.getOrDefault(param, param);
    }

    /** "message size (B)": for axis titles. */
    public static String axisTitle(String param) {
        String unit = UNITS.get(param);
        return unit == null || name(param).endsWith("." + unit) ? name(param) : name(param) + " (" + unit + ")";
    }

    /** "batch.size=16384", "message size=1000 B": for legends and captions (a unit only where the name has none). */
    public static String assignment(String param, String value) {
        String unit = VALUE_UNITS.get(param);
        return name(param) + "=" + value + (unit == null || Double.isNaN(Numbers.parse(value)) ? "" : " " + unit);
    }
}
