package dev.kcb.bench.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Client configuration as data. Each client is built from, in increasing precedence:
 * the preset in {@code presets/<kind>.properties}, the user's {@code --client-config} file, and the
 * benchmark's params. The same merge serves the benchmarks (inside JMH forks) and the suite runner
 * (which records the effective config in run.json, with secrets masked).
 */
public final class ClientConfigs {
    /**
     * Config keys whose values never leave the process: passwords (ssl.*.password), JAAS configs (sasl.jaas.config),
     * keys (ssl.keystore.key, ssl.key.password), tokens, client secrets, and user:password pairs (basic.auth.user.info).
     */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|jaas|token|credential|\\.key$|key\\.pem|keystore\\.key|user\\.info).*");

    public enum Kind { PRODUCER, CONSUMER, ADMIN }

    private ClientConfigs() {
    }

    public static Properties preset(Kind kind) {
        String name = "/presets/" + kind.name().toLowerCase() + ".properties";
        Properties p = new Properties();
        try (InputStream in = ClientConfigs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing preset " + name);
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read preset " + name, e);
        }
        return p;
    }

    /**
     * Reads the user's client config. Lines prefixed {@code producer.}, {@code consumer.} or {@code admin.}
     * apply to that client only; other lines apply to all three (as SASL/SSL settings should).
     *
     * @throws IllegalArgumentException with a one-line reason when the file is missing, unreadable or malformed
     */
    public static Properties readUserFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--client-config " + file + ": is a directory, not a properties file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--client-config " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--client-config " + file + ": not readable");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--client-config " + file + ": malformed properties (" + e.getMessage() + ")");
        }
        for (String key : p.stringPropertyNames()) {
            if (key.isBlank() || key.contains(" ")) {
                throw new IllegalArgumentException("--client-config " + file + ": malformed key '" + key + "'");
            }
        }
        return p;
    }

    /** preset, then the user's lines for this kind (unprefixed and prefixed), then the overrides. */
    public static Properties merge(Kind kind, Properties user, Map<String, ?> overrides) {
        return merge(kind, user, overrides, null);
    }

    /**
     * preset &lt; user file &lt; overrides (the benchmark's params) &lt; overlay. The overlay is an A/B side's config
     * ({@code ./run.sh ab}): what the user is testing must win over the params it collides with.
     */
    public static Properties merge(Kind kind, Properties user, Map<String, ?> overrides, Properties overlay) {
        Properties out = preset(kind);
        applyUserLines(out, kind, user);
        overrides.forEach((k, v) -> out.setProperty(k, String.valueOf(v)));
        applyUserLines(out, kind, overlay);
        return out;
    }

    /** Unscoped keys first, then {@code producer.}/{@code consumer.}/{@code admin.}-scoped ones for this kind. */
    private static void applyUserLines(Properties out, Kind kind, Properties user) {
        if (user == null) {
            return;
        }
        String prefix = kind.name().toLowerCase() + ".";
        for (String key : user.stringPropertyNames()) {
            if (!isScoped(key)) {
                out.setProperty(key, user.getProperty(key));
            }
        }
        for (String key : user.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                out.setProperty(key.substring(prefix.length()), user.getProperty(key));
            }
        }
    }

    private static boolean isScoped(String key) {
        return key.startsWith("producer.") || key.startsWith("consumer.") || key.startsWith("admin.");
    }

    /** A copy safe to write to run.json or a log: secret values replaced by "*****". */
    public static Map<String, String> masked(Properties p) {
        Map<String, String> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            out.put(key, isSecret(key) ? "*****" : p.getProperty(key));
        }
        return out;
    }

    public static boolean isSecret(String key) {
        return SECRET.matcher(key).matches();
    }
}
