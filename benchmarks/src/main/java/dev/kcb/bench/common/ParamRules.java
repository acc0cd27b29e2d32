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

    /** ConsumerPollBenchmark's mode: how the consumer gets its partitions and commits its offsets. */
    public static final List<String> CONSUMER_MODES = List.of("assign", "commitSync", "commitAsync", "autoCommit");

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
            Map.entry("payload", new Rule(v -> Payloads.unusable(v) == null,
                    "random, text, file:PATH (an existing UTF-8 file with at least one non-empty line; one record per line),"
                            + " lpfile:PATH (binary records, each a 4-byte big-endian length, then its bytes)")),
            Map.entry("enableIdempotence", new Rule(v -> v.equals("true") || v.equals("false"), "true, false")),
            Map.entry("recordsPerTransaction", new Rule(positiveInt(), "an integer > 0 (records)")),
            Map.entry("fetchMaxBytes", new Rule(positiveInt(), "an integer > 0 (bytes)")),
            Map.entry("mode", new Rule(v -> CONSUMER_MODES.contains(v), String.join(", ", CONSUMER_MODES))),
            Map.entry("keys", new Rule(v -> Keys.parse(v) != null, "none, uniform:N, zipf:N (N distinct keys, an integer from 1 to "
                    + Keys.MAX_KEYS + ")")));

    /** The Kafka client property each client param sets; params not listed here set none. */
    private static final Map<String, String> KAFKA_PROPERTY = Map.ofEntries(
            Map.entry("acks", "acks"), Map.entry("lingerMs", "linger.ms"), Map.entry("batchSize", "batch.size"),
            Map.entry("compressionType", "compression.type"), Map.entry("maxPollRecords", "max.poll.records"),
            Map.entry("fetchMinBytes", "fetch.min.bytes"), Map.entry("fetchMaxWaitMs", "fetch.max.wait.ms"),
            Map.entry("maxPartitionFetchBytes", "max.partition.fetch.bytes"), Map.entry("fetchMaxBytes", "fetch.max.bytes"),
            Map.entry("enableIdempotence", "enable.idempotence"));

    /** The value that leaves a param's client property unset: the client's own default (enable.idempotence: on with acks=all, else off). */
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
        return check(param, value, true);
    }

    /**
     * As {@link #check(String, String)}; with {@code defaultAllowed} false, {@value #DEFAULT} is not a value here
     * (an {@code ab} side's file: leaving the key out is how a file asks for the client's default).
     */
    public static String check(String param, String value, boolean defaultAllowed) {
        Rule rule = RULES.get(param);
        boolean withDefault = defaultAllowed && KAFKA_PROPERTY.containsKey(param);
        boolean clientDefault = value != null && DEFAULT.equals(value.trim()) && withDefault;
        if (rule != null && !clientDefault && (value == null || !rule.accepts().test(value.trim()))) {
            String why = param.equals("payload") && value != null && Payloads.isFile(value.trim()) ? " (" + Payloads.unusable(value.trim()) + ")" : "";
            throw new IllegalArgumentException("invalid value '" + value + "' for param " + param + why + "; allowed: " + rule.allowed()
                    + (withDefault ? ", or " + DEFAULT + " (the client's own default)" : ""));
        }
        return value == null ? null : value.trim();
    }

    /**
     * Refuses a combination of params the client would refuse: {@code enableIdempotence=true} needs {@code acks=all}
     * (with acks 0 or 1 the producer throws a ConfigException when it is built, after the broker and topic exist).
     * {@code enableIdempotence=false} with acks=all is legal: the producer then may duplicate on retries.
     *
     * @param params one configuration's params (name to value); params it does not name are not checked
     * @throws IllegalArgumentException one line naming both params and what to give instead
     */
    public static void checkTogether(Map<String, String> params) {
        String idempotence = params.get("enableIdempotence");
        String acks = params.get("acks");
        if ("true".equals(idempotence == null ? null : idempotence.trim()) && acks != null && !List.of("all", "-1").contains(acks.trim())) {
            throw new IllegalArgumentException("enableIdempotence=true with acks=" + acks.trim() + ": Kafka allows idempotence only with"
                    + " acks=all; give -p acks=all, or enableIdempotence=false or " + DEFAULT + " (Kafka's default: on with acks=all, else off)");
        }
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
