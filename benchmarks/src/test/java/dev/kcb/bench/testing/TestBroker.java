package dev.kcb.bench.testing;

import dev.kcb.bench.broker.LocalKraftBroker;
import dev.kcb.bench.common.BenchTarget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * One real local KRaft broker shared by every integration test in the failsafe JVM: started on first use,
 * stopped by a shutdown hook. Tests that kill or restart a broker start their own instead.
 */
public final class TestBroker {
    private static LocalKraftBroker shared;

    private TestBroker() {
    }

    /** The project dir: failsafe passes kcb.home; from an IDE, the parent of the module dir. */
    public static Path home() {
        String home = System.getProperty("kcb.home");
        Path p = home != null ? Path.of(home) : Path.of("").toAbsolutePath().getParent();
        return p.toAbsolutePath().normalize();
    }

    public static Path brokerLib() {
        return home().resolve("dist/broker/target/lib");
    }

    public static Path benchmarksJar() {
        return home().resolve("benchmarks/target/benchmarks.jar");
    }

    public static synchronized LocalKraftBroker shared() {
        if (shared == null) {
            try {
                // kept after the tests, for a failure's post-mortem, in the build's own folder (mvn clean removes it)
                Path parent = Files.createDirectories(home().resolve("benchmarks/target/it-broker-logs"));
                Path logs = Files.createTempDirectory(parent, "broker-");
                shared = LocalKraftBroker.start(brokerLib(), 1, logs, Duration.ofSeconds(90));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public static BenchTarget target() {
        return new BenchTarget(shared().bootstrapServers(), new Properties(), 1, (short) 1, Map.of());
    }
}
