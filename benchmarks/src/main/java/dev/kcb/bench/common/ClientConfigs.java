package dev.kcb.bench.common;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    /** Every config name each client knows, from kafka-clients itself (the version under test). */
    private static final Map<Kind, Set<String>> KNOWN = Map.of(Kind.PRODUCER, ProducerConfig.configNames(),
            Kind.CONSUMER, ConsumerConfig.configNames(), Kind.ADMIN, AdminClientConfig.configNames());

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
     * ({@code ./run.sh ab}): what the user is testing must win over the params it collides with. An override of
     * {@value ParamRules#DEFAULT} removes the property, whoever set it before: the client then uses its own default.
     */
    public static Properties merge(Kind kind, Properties user, Map<String, ?> overrides, Properties overlay) {
        Properties out = preset(kind);
        applyUserLines(out, kind, user);
        overrides.forEach((k, v) -> {
            if (ParamRules.DEFAULT.equals(String.valueOf(v))) {
                out.remove(k);
            } else {
                out.setProperty(k, String.valueOf(v));
            }
        });
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

    /** The kind a {@code producer.}/{@code consumer.}/{@code admin.} key is scoped to; null for an unscoped key. */
    private static Kind scope(String key) {
        for (Kind k : Kind.values()) {
            if (key.startsWith(k.name().toLowerCase() + ".")) {
                return k;
            }
        }
        return null;
    }

    /** The key without its {@code producer.}/{@code consumer.}/{@code admin.} scope. */
    public static String unscoped(String key) {
        Kind k = scope(key);
        return k == null ? key : key.substring(k.name().length() + 1);
    }

    /** The clients whose kafka-clients config has this (unscoped) name: "acks" is the producer's only. */
    public static Set<Kind> kindsKnowing(String property) {
        Set<Kind> out = EnumSet.noneOf(Kind.class);
        KNOWN.forEach((kind, names) -> {
            if (names.contains(property)) {
                out.add(kind);
            }
        });
        return out;
    }

    /**
     * Refuses keys that no client it applies to knows: a scoped key must be a config of its client, an unscoped one of
     * at least one of the three (SASL/SSL settings are all three's). A typo such as {@code lingr.ms} would otherwise go
     * into every client and leave the default in force. Keys a plugin reads (an interceptor's, a partitioner's, a SASL
     * callback handler's) pass when {@code allowed} names them ({@code KEY}, or {@code PREFIX*}); each gets a warning.
     *
     * @param option  the option that named the file, for the message ({@code --client-config})
     * @param allowed the user's {@code --allow-unknown-config} keys, scoped or not
     * @return one warning per unknown key let through
     * @throws IllegalArgumentException one line naming the file, each unknown key and the nearest known key
     */
    public static List<String> checkKeys(String option, Path file, Properties user, List<String> allowed) {
        List<String> refused = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(user.stringPropertyNames())) {
            Kind kind = scope(key);
            String name = unscoped(key);
            Set<String> names = kind != null ? KNOWN.get(kind) : union();
            if (names.contains(name)) {
                continue;
            }
            String what = kind != null ? "not a " + kind.name().toLowerCase() + " config" : "not a producer, consumer or admin config";
            if (allowed.stream().anyMatch(a -> matches(a, key) || matches(a, name))) {
                warnings.add("warning: " + option + " " + file + ": " + key + " is " + what
                        + "; passed on to the clients as --allow-unknown-config asks (only a plugin that reads it uses it)");
                continue;
            }
            String nearest = nearest(name, names);
            refused.add(key + " is " + what + (nearest == null ? "" : "; did you mean "
                    + (kind == null ? "" : kind.name().toLowerCase() + ".") + nearest + "?"));
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + ": " + String.join("; ", refused)
                    + " (a key a plugin reads: --allow-unknown-config KEY)");
        }
        return warnings;
    }

    private static Set<String> union() {
        Set<String> all = new TreeSet<>();
        KNOWN.values().forEach(all::addAll);
        return all;
    }

    private static boolean matches(String allowed, String key) {
        String a = allowed.trim();
        return a.endsWith("*") ? key.startsWith(a.substring(0, a.length() - 1)) : key.equals(a);
    }

    /** The known name fewest edits away, if it is near enough to be what was meant (a third of the key's length, at least 3). */
    private static String nearest(String key, Set<String> names) {
        int limit = Math.max(3, key.length() / 3);
        LevenshteinDistance distance = new LevenshteinDistance(limit); // -1 beyond the limit
        return names.stream().map(n -> Map.entry(n, distance.apply(key, n))).filter(e -> e.getValue() >= 0)
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(null);
    }

    /**
     * Refuses a key that sets a property the benchmarks sweep as a param ({@code producer.acks=2} while acks is a
     * param): the param would win over it in every client while the file claimed otherwise, and the params are what
     * jmh.json, run.json and the charts record.
     *
     * @param swept the swept client properties, each with the param that sets it ({@code linger.ms -> lingerMs})
     * @throws IllegalArgumentException one line naming the file, the key and the {@code -p} to use instead
     */
    public static void refuseSwept(String option, Path file, Properties user, Map<String, String> swept) {
        for (String key : new TreeSet<>(user.stringPropertyNames())) {
            String param = swept.get(unscoped(key));
            if (param != null) {
                throw new IllegalArgumentException(option + " " + file + ": " + key + "=" + user.getProperty(key).trim() + " sets "
                        + unscoped(key) + ", which the benchmarks sweep as param " + param + "; give it as -p " + param + "="
                        + user.getProperty(key).trim() + " (the params are what runs and what run.json and the charts record)");
            }
        }
    }

    /**
     * The value the client itself resolves for {@code key} from these properties, by building its config as the client
     * does: for a key nobody set, Kafka's default after its own post-processing ({@code enable.idempotence} is true
     * with acks=all and false otherwise, unless set).
     */
    public static String resolved(Kind kind, Properties given, String key) {
        Properties props = new Properties();
        props.putAll(given);
        // required, but it changes no other setting's resolution; run.json is written before the broker is known
        props.putIfAbsent("bootstrap.servers", "localhost:9092");
        Object v = switch (kind) {
            case PRODUCER -> new ProducerConfig(props).values().get(key);
            case CONSUMER -> new ConsumerConfig(props).values().get(key);
            case ADMIN -> new AdminClientConfig(props).values().get(key);
        };
        return String.valueOf(v);
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
