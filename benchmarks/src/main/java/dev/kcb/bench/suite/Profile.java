package dev.kcb.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A named run plan, as data in {@code profiles/<name>.properties}: iteration settings, and segments, each a
 * benchmark regex with its param values. Segments let a profile cover a slice of a cross product (acks x
 * linger at 100 B, then message size at one linger) instead of all of it.
 */
public record Profile(String name, String description, int forks, int warmupIterations, int warmupSeconds,
                      int measurementIterations, int measurementSeconds, long consumerFillBytes, int brokerWarmupSeconds,
                      List<Segment> segments) {

    public static final List<String> NAMES = List.of("smoke", "quick", "standard", "full");

    /**
     * A benchmark regex and its param values (name to values), with optional iteration settings of its own
     * ({@code <segment>.warmupIterations} etc.); null means the profile's. {@code <segment>.slices=true} runs the
     * configurations that differ only in client settings in one fork, taking turns by iteration ({@link ConfigSlices});
     * its iteration settings are then each configuration's turns.
     */
    public record Segment(String name, String benchmarkRegex, Map<String, List<String>> params, Integer warmupIterations,
                          Integer warmupSeconds, Integer measurementIterations, Integer measurementSeconds, boolean slices) {

        /** A segment whose configurations run one fork each. */
        public Segment(String name, String benchmarkRegex, Map<String, List<String>> params, Integer warmupIterations,
                       Integer warmupSeconds, Integer measurementIterations, Integer measurementSeconds) {
            this(name, benchmarkRegex, params, warmupIterations, warmupSeconds, measurementIterations, measurementSeconds, false);
        }
    }

    public static Profile load(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown profile '" + name + "'; allowed: " + String.join(", ", NAMES));
        }
        Properties p = new Properties();
        try (InputStream in = Profile.class.getResourceAsStream("/profiles/" + name + ".properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("profile " + name + " is missing from the jar", e);
        }
        List<Segment> segments = new ArrayList<>();
        for (String s : p.getProperty("segments").split(",")) {
            String seg = s.trim();
            segments.add(new Segment(seg, p.getProperty(seg + ".benchmark"), parseParams(p.getProperty(seg + ".params", "")),
                    optionalInt(p, seg + ".warmupIterations"), optionalInt(p, seg + ".warmupTime"),
                    optionalInt(p, seg + ".measurementIterations"), optionalInt(p, seg + ".measurementTime"),
                    Boolean.parseBoolean(p.getProperty(seg + ".slices", "false").trim())));
        }
        return new Profile(name, p.getProperty("description", ""), intOf(p, "forks"), intOf(p, "warmupIterations"),
                intOf(p, "warmupTime"), intOf(p, "measurementIterations"), intOf(p, "measurementTime"),
                Long.parseLong(p.getProperty("consumerFillBytes", "64000000")),
                Integer.parseInt(p.getProperty("brokerWarmupSeconds", "15")), List.copyOf(segments));
    }

    /**
     * This profile with only the named segments ({@code --segment}), in the profile's order.
     *
     * @throws IllegalArgumentException naming the profile's segments when a name is not one of them
     */
    public Profile only(List<String> names) {
        List<String> known = segments.stream().map(Segment::name).toList();
        for (String n : names) {
            if (!known.contains(n)) {
                throw new IllegalArgumentException("profile " + name + " has no segment '" + n + "'; its segments: " + String.join(", ", known));
            }
        }
        return new Profile(name, description, forks, warmupIterations, warmupSeconds, measurementIterations, measurementSeconds,
                consumerFillBytes, brokerWarmupSeconds, segments.stream().filter(s -> names.contains(s.name())).toList());
    }

    /**
     * "acks=1,all;lingerMs=0,5" to {acks: [1, all], lingerMs: [0, 5]}. Besides a benchmark's @Params a segment may set
     * {@code threads} and {@code partitions} (see {@link Plan#THREADS}, {@link Plan#PARTITIONS}).
     */
    public static Map<String, List<String>> parseParams(String s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String kv : s.split(";")) {
            if (kv.isBlank()) {
                continue;
            }
            int eq = kv.indexOf('=');
            out.put(kv.substring(0, eq).trim(), List.of(kv.substring(eq + 1).trim().split("\\s*,\\s*")));
        }
        return out;
    }

    private static Integer optionalInt(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? null : Integer.valueOf(v.trim());
    }

    private static int intOf(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key).trim());
    }
}
