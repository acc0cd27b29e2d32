package dev.kcb.bench.broker;

import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A port taken between the launcher's pick and the broker's bind (another program grabbed it): the node exits,
 * and the launcher starts again on fresh ports instead of failing the run.
 */
class PortTakenIT {
    @TempDir
    Path logs;

    @Test
    void takenPortLeadsToARetryOnFreshPorts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger picks = new AtomicInteger();
            try (LocalKraftBroker broker = LocalKraftBroker.start(TestBroker.brokerLib(), 1, logs, Duration.ofSeconds(90), n -> {
                int[] ports = LocalKraftBroker.freePorts(n);
                if (picks.getAndIncrement() == 0) {
                    ports[0] = taken.getLocalPort(); // the client listener of the first attempt
                }
                return ports;
            })) {
                assertThat(picks.get()).as("second attempt").isEqualTo(2);
                assertThat(broker.bootstrapServers()).doesNotContain(":" + taken.getLocalPort());
                assertThat(broker.deadReason()).isNull();
            }
        }
    }
}
