package dev.kcb.bench.broker;

import dev.kcb.bench.common.ClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waits until a metadata request succeeds and reports the expected number of brokers. */
final class Readiness {
    private Readiness() {
    }

    /**
     * @param stillAlive checked between attempts; returns a reason when the broker is known to be dead, else null
     */
    static void await(String bootstrap, Properties userConfig, int expectedBrokers, Duration timeout, Supplier<String> stillAlive) {
        Map<String, Object> overrides = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        try (Admin admin = Admin.create(ClientConfigs.merge(ClientConfigs.Kind.ADMIN, userConfig, overrides))) {
            while (System.nanoTime() < deadline) {
                String dead = stillAlive.get();
                if (dead != null) {
                    throw new BrokerStartException(dead);
                }
                try {
                    int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(4, TimeUnit.SECONDS).size();
                    if (nodes >= expectedBrokers) {
                        return;
                    }
                    last = nodes + " of " + expectedBrokers + " brokers registered";
                } catch (Exception e) {
                    last = rootMessage(e);
                }
                sleep(250);
            }
        }
        throw new BrokerStartException("no metadata from " + bootstrap + " within " + timeout.toSeconds() + " s (" + last + ")");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for the broker");
        }
    }
}
