package dev.kcb.bench.faults;

import dev.kcb.bench.testing.SuiteProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No broker where the user said, or no Docker engine: exit 3 with a line saying what to do, in bounded time. */
class UnreachableBrokerIT {
    @TempDir
    Path tmp;

    @Test
    void unreachableBootstrapServersFailWithinAMinute() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free again once closed: nothing listens there
        }
        SuiteProcess.Outcome o = SuiteProcess.run(tmp, 90, "--broker", "external", "--bootstrap-servers", "127.0.0.1:" + port,
                "--profile", "smoke");
        Children.showUserLines("exit " + o.exitCode() + " after " + o.millis() + " ms", o.output());
        assertThat(o.exitCode()).as(o.output()).isEqualTo(3);
        assertThat(o.millis()).isLessThan(60_000);
        assertThat(o.output()).contains("run.sh: external cluster 127.0.0.1:" + port + " unreachable")
                .contains("check --bootstrap-servers");
    }

    @Test
    void containerModeWithoutDockerNamesLocalMode() throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.run(tmp, 90, Map.of("DOCKER_HOST", "unix:///tmp/nonexistent.sock"),
                "--broker", "container", "--profile", "smoke");
        Children.showUserLines("exit " + o.exitCode() + " after " + o.millis() + " ms", o.output());
        assertThat(o.exitCode()).as(o.output()).isEqualTo(3);
        assertThat(o.millis()).isLessThan(30_000);
        assertThat(o.output()).contains("run.sh: --broker container: no Docker engine answers").contains("--broker local");
    }

    /** --brokers 3 in container mode is accepted (no usage error) and meets the same bounded Docker check. */
    @Test
    void containerClusterWithoutDockerNamesLocalMode() throws Exception {
        SuiteProcess.Outcome o = SuiteProcess.run(tmp, 90, Map.of("DOCKER_HOST", "unix:///tmp/nonexistent.sock"),
                "--broker", "container", "--brokers", "3", "--profile", "smoke");
        Children.showUserLines("exit " + o.exitCode() + " after " + o.millis() + " ms", o.output());
        assertThat(o.exitCode()).as(o.output()).isEqualTo(3);
        assertThat(o.millis()).isLessThan(30_000);
        assertThat(o.output()).contains("broker: container KRaft cluster, 3 x apache/kafka:")
                .contains("run.sh: --broker container: no Docker engine answers").contains("--broker local");
    }
}
