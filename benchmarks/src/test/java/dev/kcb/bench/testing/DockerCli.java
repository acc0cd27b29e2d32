package dev.kcb.bench.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker command line, as a user would run it, for tests that inspect or kill the containers a run started. */
public final class DockerCli {
    private DockerCli() {
    }

    /**
     * Skips the calling test unless container mode can start here (an engine answers and has, or can pull, the
     * images a run needs), saying why in the run's own words.
     */
    public static void assumeContainerMode() {
        dev.kcb.bench.broker.DockerEngine.Status s = dev.kcb.bench.broker.DockerEngine.status(
                dev.kcb.bench.broker.ContainerBroker.image(dev.kcb.bench.suite.SuiteRunner.brokerVersion()));
        org.junit.jupiter.api.Assumptions.assumeTrue(s.ready(), "container mode not tested here: " + s.describe());
    }

    /** Runs {@code docker ARGS}; its stdout lines. Fails the test on a non-zero exit or after 60 s. */
    public static List<String> run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish within 60 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
        }
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Whether a container (running or not) with this id still exists. */
    public static boolean containerExists(String id) throws IOException, InterruptedException {
        return !run("ps", "-a", "-q", "--no-trunc", "--filter", "id=" + id).isEmpty();
    }

    /** Whether a network with this id still exists. */
    public static boolean networkExists(String id) throws IOException, InterruptedException {
        return !run("network", "ls", "-q", "--no-trunc", "--filter", "id=" + id).isEmpty();
    }
}
