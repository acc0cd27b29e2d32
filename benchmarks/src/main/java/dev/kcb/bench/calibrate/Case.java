package dev.kcb.bench.calibrate;

import dev.kcb.bench.suite.Profile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** One calibration configuration, from {@code calibrate/cases.properties}: message size and producer overrides. */
public record Case(String id, int messageSize, Map<String, String> producerOverrides) {

    public String label() {
        return messageSize + " B, " + (producerOverrides.isEmpty() ? "default config" : String.join(", ",
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
            out.add(new Case(c, Integer.parseInt(p.getProperty(c + ".messageSize").trim()), Map.copyOf(overrides)));
        }
        return List.copyOf(out);
    }
}
