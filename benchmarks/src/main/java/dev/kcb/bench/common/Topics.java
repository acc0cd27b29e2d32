package dev.kcb.bench.common;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A fresh topic per trial, as Aeron's benchmarks do: no trial reads another's data or inherits its log. */
public final class Topics implements AutoCloseable {
    private final Admin admin;
    private final String name;

    private Topics(Admin admin, String name) {
        this.admin = admin;
        this.name = name;
    }

    /** Creates {@code kcb-<prefix>-<random>} with the target's partitions, replication factor and configs. */
    public static Topics create(BenchTarget target, String prefix) {
        Admin admin = Admin.create(target.clientProps(ClientConfigs.Kind.ADMIN, Map.of()));
        String name = "kcb-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            NewTopic topic = new NewTopic(name, target.partitions(), target.replicationFactor()).configs(target.topicConfigs());
            admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            awaitDescribable(admin, name, System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admin.close();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            admin.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot create topic " + name + " on " + target.bootstrapServers() + ": " + cause, cause);
        }
        return new Topics(admin, name);
    }

    /**
     * Metadata propagates asynchronously: on a cluster, the broker that answers may not know a topic the controller
     * just created (UnknownTopicOrPartitionException). Retry until it is describable, so the first send finds it.
     */
    private static void awaitDescribable(Admin admin, String name, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            try {
                admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    public String name() {
        return name;
    }

    public Admin admin() {
        return admin;
    }

    /** Deletes the topic (best effort: a dead broker must not hide the benchmark's own failure) and closes the admin. */
    @Override
    public void close() {
        try {
            // a healthy broker deletes in well under a second; a dead one must not add half a minute to a failure
            admin.deleteTopics(List.of(name)).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("[kcb] could not delete topic " + name + ": " + e.getMessage());
        } finally {
            admin.close(java.time.Duration.ofSeconds(5));
        }
    }
}
