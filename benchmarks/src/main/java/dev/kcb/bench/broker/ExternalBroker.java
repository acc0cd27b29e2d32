package dev.kcb.bench.broker;

import dev.kcb.bench.cost.BrokerCpu;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** A cluster the user runs: {@code --broker external --bootstrap-servers host:port[,...] [--client-config FILE]}. */
public final class ExternalBroker implements Broker {
    private final String bootstrap;
    private final int brokers;

    private ExternalBroker(String bootstrap, int brokers) {
        this.bootstrap = bootstrap;
        this.brokers = brokers;
    }

    /** Checks the cluster answers a metadata request within {@code timeout}; never hangs on a bad address. */
    public static ExternalBroker connect(String bootstrap, Properties userConfig, Duration timeout) {
        try {
            Readiness.await(bootstrap, userConfig, 1, timeout, () -> null);
        } catch (BrokerStartException e) {
            throw new BrokerStartException("external cluster " + bootstrap + " unreachable: " + e.getMessage()
                    + " (check --bootstrap-servers and --client-config)", e);
        }
        return new ExternalBroker(bootstrap, -1);
    }

    @Override
    public String mode() {
        return "external";
    }

    @Override
    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public String version() {
        return "unknown";
    }

    @Override
    public int brokerCount() {
        return brokers;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bootstrapServers", bootstrap);
        m.put("note", "user-managed cluster; its config is not known to the suite");
        return m;
    }

    /** The brokers run on hosts of their own: their CPU time is not visible from here. */
    @Override
    public BrokerCpu cpu() {
        return BrokerCpu.unavailable(EXTERNAL_REASON);
    }

    public static final String EXTERNAL_REASON = "external cluster: its brokers run on other hosts, whose CPU time this suite cannot read";

    @Override
    public void close() {
        // not ours to stop
    }
}
