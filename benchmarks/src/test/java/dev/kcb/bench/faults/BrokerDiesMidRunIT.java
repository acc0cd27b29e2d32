package dev.kcb.bench.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the broker while the second of two configurations runs: the run fails within the client timeouts
 * (delivery.timeout.ms=30000 in the producer preset), exits 1 naming the dead broker, and keeps the first
 * configuration's result in jmh.json, which the report still reads.
 */
class BrokerDiesMidRunIT {
    @TempDir
    Path results;

    @Test
    void killedBrokerFailsTheRunInBoundedTimeAndKeepsFinishedResults() throws Exception {
        Process suite = MidRunKill.start(results, "local");
        try {
            MidRunKill.awaitSecondConfigMeasuring(results, suite, 180);
            List<ProcessHandle> nodes = Children.brokerNodes(suite);
            assertThat(nodes).isNotEmpty();
            Path dataDir = Children.dataDir(nodes.get(0)).orElseThrow();
            nodes.forEach(ProcessHandle::destroyForcibly);
            long killed = System.nanoTime();
            MidRunKill.awaitFailure(results, suite, killed, "broker killed",
                    "run.sh: the broker died mid-run: local broker node 1 exited with code 137 (killed: SIGKILL)");
            MidRunKill.assertFinishedResultsKeptAndReportable(results);
            assertThat(dataDir).doesNotExist();
        } finally {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
        }
    }
}
