package dev.kcb.bench.calibrate;

import dev.kcb.bench.common.Keys;
import dev.kcb.bench.suite.Profile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One calibration configuration, from {@code calibrate/cases.properties}: message size, producer overrides, and the
 * records per tool run and plain-loop pass (enough bytes that the tools' steady state lasts seconds, not a JIT warm-up);
 * the record keys ({@code none}, or {@code uniform:N}: the suite's keys param, ProducerPerformance's
 * {@code --key-distribution random --record-key-range N}) and the partitions of every topic of the case (null: the
 * run-wide {@code --partitions}).
 */
public record Case(String id, int messageSize, Map<String, String> producerOverrides, long records, String keys, Integer partitions) {

    public Case(String id, int messageSize, Map<String, String> producerOverrides, long records) {
        this(id, messageSize, producerOverrides, records, Keys.NONE, null);
    }

    /** The same case at another record count ({@code --records}). */
    public Case withRecords(long n) {
        return new Case(id, messageSize, producerOverrides, n, keys, partitions);
    }

    /** N of {@code uniform:N}, the tool's {@code --record-key-range}; 0 without keys. */
    public int keyRange() {
        return Keys.parse(keys).count();
    }

    /** This case's partitions, else the run-wide ones. */
    public int partitionsOr(int runWide) {
        return partitions == null ? runWide : partitions;
    }

    public String label() {
        String shape = (keyRange() > 0 ? "keys=" + keys + ", " : "") + (partitions != null ? partitions + " partitions, " : "");
        return messageSize + " B, " + String.format("%,d records, ", records) + shape + (producerOverrides.isEmpty() ? "default config"
                : String.join(", ", producerOverrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }

    public static List<Case> load() {
        Properties p = new Properties();
        try (InputStream in = Case.class.getResourceAsStream("/calibrate/cases.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("calibrate/cases.properties missing from the jar", e);
        }
        List<Case> out = new ArrayList<>();
        for (String id : p.getProperty("cases").split(",")) {
            String c = id.trim();
            Map<String, String> overrides = new LinkedHashMap<>();
            Profile.parseParams(p.getProperty(c + ".producer", "")).forEach((k, v) -> overrides.put(k, String.join(",", v)));
            String keys = p.getProperty(c + ".keys", Keys.NONE).trim();
            // ProducerPerformance draws its keys uniformly (random) or in turn (range): zipf has no counterpart there
            if (Keys.parse(keys) == null || keys.startsWith("zipf:")) {
                throw new IllegalStateException("calibrate/cases.properties: " + c + ".keys=" + keys + ": expected none or uniform:N");
            }
            String partitions = p.getProperty(c + ".partitions");
            Integer n = partitions == null ? null : Integer.valueOf(partitions.trim());
            if (n != null && n < 1) {
                throw new IllegalStateException("calibrate/cases.properties: " + c + ".partitions=" + n + ": expected >= 1");
            }
            out.add(new Case(c, Integer.parseInt(p.getProperty(c + ".messageSize").trim()), Map.copyOf(overrides),
                    Long.parseLong(p.getProperty(c + ".records").trim()), keys, n));
        }
        return List.copyOf(out);
    }
}
