package dev.kcb.bench.broker;

import dev.kcb.bench.cost.BrokerCpu;

import java.util.Map;

/**
 * A running Kafka cluster the suite can point clients at. Started once per run, outside the JMH forks,
 * and closed (idempotently) at the end, after a failure, and on Ctrl-C.
 */
public interface Broker extends AutoCloseable {

    /** "local", "container" or "external". */
    String mode();

    String bootstrapServers();

    /** The broker's version, or "unknown" (external clusters). */
    String version();

    int brokerCount();

    /** What run.json records about this broker: its config, ports, image, pids, why this mode was chosen. */
    Map<String, Object> describe();

    /**
     * Null while the broker this run started is known to be up (or its state is not known: external, or Docker does
     * not answer); else one line saying what happened to it, e.g. which node or container died with which exit code.
     */
    default String deadReason() {
        return null;
    }

    /** Where the forks read this broker's CPU time from (all nodes), or why it cannot be read from this host. */
    BrokerCpu cpu();

    @Override
    void close();
}
