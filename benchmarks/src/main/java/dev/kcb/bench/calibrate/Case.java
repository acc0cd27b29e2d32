package dev.kcb.bench.calibrate;

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
 * records per tool run and plain-loop pass (enough bytes that the tools' steady state lasts seconds, not a JIT warm-up).
 */
public record Case(String id, int messageSize, Map<String, String> producerOverrides, long records) {

    /** The same case at another record count ({@code --records}). */
    public Case withRecords(long n) {
        return new Case(id, messageSize, producerOverrides, n);
    }

    public String label() {
        return messageSize + " B, " + String.format("%,d records, ", records) + (producerOverrides.isEmpty() ? "default config" : String.join(", ",
                producerOverrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
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
            out.add(new Case(c, Integer.parseInt(p.getProperty(c + ".messageSize").trim()), Map.copyOf(overrides),
                    Long.parseLong(p.getProperty(c + ".records").trim())));
        }
        return List.copyOf(out);
    }
}
