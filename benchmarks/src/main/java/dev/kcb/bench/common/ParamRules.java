package dev.kcb.bench.common;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What each benchmark param accepts. The suite runner checks every {@code -p} value here before a broker
 * starts; the benchmarks check again in setup (a plain JMH run bypasses the runner).
 *
 * <p>A param that sets a client property also accepts {@value #DEFAULT}: the property is then left unset, so each
 * kafka-clients version runs with its own default ({@code -p lingerMs=default} is 0 ms before 4.0 and 5 ms from 4.0,
 * KIP-1030). {@link ClientConfigs#merge} removes it, a preset's value included.
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
            Map.entry("sharedProducer", new Rule(v -> v.equals("true") || v.equals("false"), "true, false")));

    /** The Kafka client property each client param sets; params not listed here set none. */
    private static final Map<String, String> KAFKA_PROPERTY = Map.of(
            "acks", "acks", "lingerMs", "linger.ms", "batchSize", "batch.size", "compressionType", "compression.type",
            "maxPollRecords", "max.poll.records", "fetchMinBytes", "fetch.min.bytes", "fetchMaxWaitMs", "fetch.max.wait.ms",
            "maxPartitionFetchBytes", "max.partition.fetch.bytes");

    /** The value that leaves a param's client property unset: the client's own default. */
    public static final String DEFAULT = "default";

    private ParamRules() {
    }

    /** e.g. "linger.ms" for "lingerMs"; null for params that set no client property. */
    public static String kafkaProperty(String param) {
        return KAFKA_PROPERTY.get(param);
    }

    /** Every client property a param sets ({@code linger.ms}, {@code max.poll.records}, ...), sorted. */
    public static java.util.SortedSet<String> clientProperties() {
        return new java.util.TreeSet<>(KAFKA_PROPERTY.values());
    }

    public static boolean known(String param) {
        return RULES.containsKey(param);
    }

    /** @throws IllegalArgumentException naming the param and its allowed values */
    public static String check(String param, String value) {
        Rule rule = RULES.get(param);
        boolean clientDefault = value != null && DEFAULT.equals(value.trim()) && KAFKA_PROPERTY.containsKey(param);
        if (rule != null && !clientDefault && (value == null || !rule.accepts().test(value.trim()))) {
            throw new IllegalArgumentException("invalid value '" + value + "' for param " + param + "; allowed: " + rule.allowed()
                    + (KAFKA_PROPERTY.containsKey(param) ? ", or " + DEFAULT + " (the client's own default)" : ""));
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
