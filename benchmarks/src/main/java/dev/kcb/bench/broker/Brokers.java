package dev.kcb.bench.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** Chooses and starts the broker for a run: {@code auto} (container if Docker answers, else local), or the mode asked for. */
public final class Brokers {
    private Brokers() {
    }

    /**
     * @param mode        auto, container, local or external
     * @param version     broker version for container mode (local mode runs whatever jars libDir holds)
     * @param bootstrap   external mode only
     * @param userConfig  merged into the readiness check's admin client (SASL/SSL for external clusters)
     * @param log         one line per decision, shown to the user
     */
    public static Broker start(String mode, int brokers, String version, Path libDir, Path logDir, String bootstrap,
                               Properties userConfig, java.util.function.Consumer<String> log) {
        switch (mode) {
            case "external" -> {
                if (bootstrap == null || bootstrap.isBlank()) {
                    throw new IllegalArgumentException("--broker external needs --bootstrap-servers HOST:PORT[,...]");
                }
                log.accept("broker: external " + bootstrap + " (as asked)");
                return ExternalBroker.connect(bootstrap, userConfig, Duration.ofSeconds(30));
            }
            case "container" -> {
                log.accept("broker: " + containerWhat(version, brokers) + " (as asked)");
                return ContainerBroker.start(version, brokers, logDir);
            }
            case "local" -> {
                log.accept("broker: local KRaft, " + brokers + " node(s) from " + libDir + " (as asked)");
                return LocalKraftBroker.start(libDir, brokers, logDir, Duration.ofSeconds(90));
            }
            case "auto" -> {
                DockerEngine.Status docker = DockerEngine.status(ContainerBroker.image(version));
                keepDetails(logDir, docker);
                if (docker.ready()) {
                    log.accept("broker: " + containerWhat(version, brokers) + " (auto: " + docker.describe() + ")");
                    return ContainerBroker.start(version, brokers, logDir);
                }
                log.accept("broker: local KRaft, " + brokers + " node(s) from " + libDir + " (auto: " + docker.describe()
                        + (docker.engine() == null ? "" : "; --broker local skips this check") + ")");
                return LocalKraftBroker.start(libDir, brokers, logDir, Duration.ofSeconds(90));
            }
            default -> throw new IllegalArgumentException("unknown --broker '" + mode + "'; allowed: auto, local, container, external");
        }
    }

    /** The engine's answers in full, beside the run's other logs: the console gets one line. */
    private static void keepDetails(Path logDir, DockerEngine.Status docker) {
        if (logDir == null) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            Files.writeString(logDir.resolve("docker-check.log"), docker.describe() + "\n\n" + docker.details() + "\n");
        } catch (IOException e) {
            // the run dir is the runner's to create; without it there is no run log to add to
        }
    }

    private static String containerWhat(String version, int brokers) {
        return brokers == 1 ? "container apache/kafka:" + version
                : "container KRaft cluster, " + brokers + " x apache/kafka:" + version + " on one Docker network";
    }
}
