package dev.kcb.bench.common;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What each benchmark param accepts. The suite runner checks every {@code -p} value here before a broker
 * starts; the benchmarks check again in setup (a plain JMH run bypasses the runner).
 */
public final class ParamRules {
    private record Rule(Predicate<String> accepts, String allowed) {
    }

    private static final Set<String> COMPRESSION = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("acks", new Rule(v -> List.of("0", "1", "all", "-1").contains(v), "0, 1, all")),
            Map.entry("lingerMs", new Rule(nonNegativeInt(), "an integer >= 0 (ms)")),
            Map.entry("batchSize", new Rule(positiveInt(), "an integer > 0 (bytes)")),
            Map.entry("messageSize", new Rule(positiveInt(), "an integer > 0 (bytes)")),
            Map.entry("compressionType", new Rule(v -> COMPRESSION.contains(v.toLowerCase(Locale.ROOT)), "none, gzip, snappy, lz4, zstd")),
            Map.entry("maxPollRecords", new Rule(positiveInt(), "an integer > 0")),
            Map.entry("fetchMinBytes", new Rule(positiveInt(), "an integer > 0 (bytes)")),
            Map.entry("fetchMaxWaitMs", new Rule(nonNegativeInt(), "an integer >= 0 (ms)")),
            Map.entry("maxPartitionFetchBytes", new Rule(positiveInt(), "an integer > 0 (bytes)")),
            Map.entry("targetRate", new Rule(positiveInt(), "an integer > 0 (records/s)")),
            Map.entry("sharedProducer", new Rule(v -> v.equals("true") || v.equals("false"), "true, false")),
            Map.entry("payload", new Rule(v -> v.equals("random") || v.equals("text")
                    || v.startsWith(Payloads.FILE_PREFIX) && Payloads.unusable(java.nio.file.Path.of(v.substring(Payloads.FILE_PREFIX.length()))) == null,
                    "random, text, file:PATH (an existing file with at least one non-empty line; one record per line)")));

    /** The Kafka client property each client param sets; params not listed here set none. */
    private static final Map<String, String> KAFKA_PROPERTY = Map.of(
            "acks", "acks", "lingerMs", "linger.ms", "batchSize", "batch.size", "compressionType", "compression.type",
            "maxPollRecords", "max.poll.records", "fetchMinBytes", "fetch.min.bytes", "fetchMaxWaitMs", "fetch.max.wait.ms",
            "maxPartitionFetchBytes", "max.partition.fetch.bytes");

    private ParamRules() {
    }

    /** e.g. "linger.ms" for "lingerMs"; null for params that set no client property. */
    public static String kafkaProperty(String param) {
        return KAFKA_PROPERTY.get(param);
    }

    public static boolean known(String param) {
        return RULES.containsKey(param);
    }

    /** @throws IllegalArgumentException naming the param and its allowed values */
    public static String check(String param, String value) {
        Rule rule = RULES.get(param);
        if (rule != null && (value == null || !rule.accepts().test(value.trim()))) {
            String why = param.equals("payload") && value != null && value.trim().startsWith(Payloads.FILE_PREFIX)
                    ? " (" + Payloads.unusable(java.nio.file.Path.of(value.trim().substring(Payloads.FILE_PREFIX.length()))) + ")" : "";
            throw new IllegalArgumentException("invalid value '" + value + "' for param " + param + why + "; allowed: " + rule.allowed());
        }
        return value == null ? null : value.trim();
    }

    public static int checkInt(String param, String value) {
        return Integer.parseInt(check(param, value));
    }

    private static Predicate<String> positiveInt() {
        return v -> parses(v) && Long.parseLong(v) > 0;
    }

    private static Predicate<String> nonNegativeInt() {
        return v -> parses(v) && Long.parseLong(v) >= 0;
    }

    private static boolean parses(String v) {
        try {
            long l = Long.parseLong(v);
            return l <= Integer.MAX_VALUE;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
