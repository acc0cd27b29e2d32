package dev.kcb.bench.suite;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The benchmarks jar of each kafka-clients version in a matrix ({@code --client-version 3.9.1,4.0.0,4.4.0}): the same
 * sources built by Maven with {@code -Dkafka.client.version=V} into {@code benchmarks/target/clients/V/}, so only the
 * client differs; JMH, the broker launcher and the runner are the build's. A jar is built once and reused while it is
 * newer than every source and pom it comes from, so a second run builds nothing; the build's own version runs on the
 * runner's {@code benchmarks.jar}, which is that build.
 *
 * <p>Everything here happens before a broker starts, and every failure is one line and exit 2: a version that is
 * not a version, is older than {@link #OLDEST}, does not resolve from Maven, does not compile with the benchmarks,
 * or lacks a config or producer metric the benchmarks read ({@link ClientInfo}).
 */
public final class ClientJars {
    /**
     * The oldest kafka-clients the benchmarks compile and run against (checked by building and by VersionMatrixIT).
     * Older clients lack APIs the benchmarks call; stated in the README and in {@code --help}.
     */
    public static final String OLDEST = "3.9.1";

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-.][A-Za-z0-9.-]+)?");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    /** One version's jar and what the version says of itself (see {@link ClientInfo}). */
    public record ClientJar(String version, Path jar, Map<String, Object> info) {
        /** This version's default of each client property a param sets, producer and consumer together. */
        @SuppressWarnings("unchecked")
        public Map<String, String> defaults() {
            Map<String, String> out = new java.util.TreeMap<>();
            ((Map<String, Map<String, String>>) info.getOrDefault("defaults", Map.of())).values().forEach(out::putAll);
            return out;
        }
    }

    private ClientJars() {
    }

    /**
     * The versions as given, checked for form, order against {@link #OLDEST} and duplicates.
     *
     * @throws IllegalArgumentException naming the first bad one
     */
    public static List<String> parse(List<String> given) {
        List<String> out = new ArrayList<>();
        for (String raw : given) {
            String v = raw.trim();
            if (!VERSION.matcher(v).matches()) {
                throw new IllegalArgumentException("--client-version " + raw + ": not a kafka-clients version (e.g. 3.9.1, 4.0.0)");
            }
            if (compare(v, OLDEST) < 0) {
                throw new IllegalArgumentException("--client-version " + v + ": older than " + OLDEST
                        + ", the oldest kafka-clients the benchmarks support");
            }
            if (out.contains(v)) {
                throw new IllegalArgumentException("--client-version " + v + " is given twice");
            }
            out.add(v);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--client-version needs at least one version");
        }
        return out;
    }

    /** Numeric order of the dotted parts; a qualifier ("-rc1") sorts before the release. */
    static int compare(String a, String b) {
        String[] x = a.split("[-]", 2)[0].split("\\.");
        String[] y = b.split("[-]", 2)[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Long.compare(i < x.length ? Long.parseLong(x[i]) : 0, i < y.length ? Long.parseLong(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(!a.contains("-"), !b.contains("-"));
    }

    /**
     * Resolves, builds (when not cached) and asks every version about itself, in order.
     *
     * @throws IllegalArgumentException one line: which version, and why it cannot run
     */
    public static List<ClientJar> prepare(List<String> versions, Path home, PrintStream out) {
        for (String v : versions) {
            resolve(v, home);
        }
        List<ClientJar> jars = new ArrayList<>();
        for (String v : versions) {
            jars.add(build(v, home, out));
        }
        return jars;
    }

    /** The cache dir of one version's jar. */
    static Path dir(Path home, String version) {
        return home.resolve("benchmarks/target/clients").resolve(version);
    }

    /** Whether Maven finds org.apache.kafka:kafka-clients:V (the local repository first, then Maven Central). */
    static void resolve(String v, Path home) {
        Path local = Path.of(System.getProperty("user.home"), ".m2/repository/org/apache/kafka/kafka-clients", v, "kafka-clients-" + v + ".jar");
        if (Files.isRegularFile(local)) {
            return;
        }
        ChildProcess.Outcome o = mvn(home, dir(home, v).resolve("resolve.log"), Duration.ofMinutes(2),
                "dependency:get", "-Dartifact=org.apache.kafka:kafka-clients:" + v, "-Dtransitive=false");
        if (!o.ok()) {
            throw new IllegalArgumentException("--client-version " + v + ": org.apache.kafka:kafka-clients:" + v
                    + " does not resolve from Maven (" + firstError(o) + "; log: " + o.log() + ")");
        }
    }

    private static ClientJar build(String v, Path home, PrintStream out) {
        Path dir = dir(home, v);
        Path runnerJar = runnerJar();
        boolean own = v.equals(RunRecord.clientVersionInfo().getProperty("version")) && runnerJar != null;
        Path jar = own ? runnerJar : dir.resolve("benchmarks.jar");
        Path info = dir.resolve("client-info.json");
        if (own) {
            out.printf("client %s: the runner's own %s%n", v, jar);
            if (!Files.isRegularFile(info) || !fresh(info, home)) {
                describe(v, jar, dir, info);
            }
        } else if (!fresh(jar, home) || !Files.isRegularFile(info)) {
            out.printf("client %s: building its benchmarks jar (mvn -Dkafka.client.version=%s, once; log %s)%n", v, v, dir.resolve("build.log"));
            ChildProcess.Outcome o = mvn(home, dir.resolve("build.log"), BUILD_TIMEOUT, "-f", home.resolve("benchmarks/pom.xml").toString(),
                    "-Dkafka.client.version=" + v, "-Dkcb.buildDir=" + dir, "-Dmaven.test.skip=true", "package");
            if (!o.ok() || !Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--client-version " + v + ": the benchmarks do not build against kafka-clients " + v
                        + " (" + firstError(o) + "; log: " + o.log() + ")");
            }
            describe(v, jar, dir, info);
        } else {
            out.printf("client %s: %s (cached)%n", v, jar);
        }
        Map<String, Object> described;
        try {
            described = new ObjectMapper().readValue(info.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("--client-version " + v + ": cannot read " + info + ": " + e.getMessage());
        }
        for (String key : List.of("missingConfigs", "missingMetrics")) {
            if (described.get(key) instanceof List<?> l && !l.isEmpty()) {
                throw new IllegalArgumentException("--client-version " + v + ": kafka-clients " + v + " lacks "
                        + (key.equals("missingConfigs") ? "configs" : "producer metrics") + " the benchmarks read: " + l);
            }
        }
        if (!v.equals(described.get("version"))) {
            throw new IllegalArgumentException("--client-version " + v + ": its jar holds kafka-clients " + described.get("version"));
        }
        return new ClientJar(v, jar, described);
    }

    /** Asks the version on its jar about itself ({@link ClientInfo}), into {@code info}. */
    private static void describe(String v, Path jar, Path dir, Path info) {
        try {
            ChildProcess.Outcome i = ChildProcess.run(List.of(ChildProcess.javaBin(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                    "-cp", jar.toString(), ClientInfo.class.getName(), info.toString()), dir.resolve("client-info.log"), Duration.ofMinutes(1));
            if (!i.ok()) {
                throw new IllegalArgumentException("--client-version " + v + ": cannot ask the client about itself (" + i.lastLine() + "; log: " + i.log() + ")");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--client-version " + v + ": " + e.getMessage());
        }
    }

    /** The jar the runner runs from (benchmarks.jar); null when it runs from classes (an IDE, a unit test). */
    static Path runnerJar() {
        try {
            Path p = Path.of(ClientJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Built after every source and pom it is built from was last changed: nothing changed since. */
    static boolean fresh(Path jar, Path home) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (var sources = Files.walk(home.resolve("benchmarks/src/main"))) {
            java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(jar);
            List<Path> inputs = new ArrayList<>(sources.filter(Files::isRegularFile).toList());
            inputs.add(home.resolve("pom.xml"));
            inputs.add(home.resolve("benchmarks/pom.xml"));
            for (Path in : inputs) {
                if (Files.exists(in) && Files.getLastModifiedTime(in).compareTo(built) > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ChildProcess.Outcome mvn(Path home, Path log, Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q", "-Dstyle.color=never"));
        cmd.addAll(List.of(args));
        try {
            return ChildProcess.run(cmd, log, timeout);
        } catch (IOException e) {
            throw new IllegalArgumentException("--client-version needs Maven to build each version's jar: " + e.getMessage());
        }
    }

    /** Maven's first [ERROR] line, its cause only ("Could not find artifact ... in central (...)"); else the last line. */
    static String firstError(ChildProcess.Outcome o) {
        return o.output().lines().map(l -> l.replaceAll("\u001B\\[[0-9;]*m", ""))
                .filter(l -> l.startsWith("[ERROR] ") && l.length() > 8).map(l -> l.substring(8).strip())
                .map(l -> l.replaceFirst("^.*(Couldn't download artifact|Failed to collect dependencies[^:]*): ", "").replaceFirst(" -> \\[Help 1\\]$", ""))
                .findFirst().map(l -> l.length() > 240 ? l.substring(0, 240) + "…" : l).orElse(o.lastLine());
    }
}
