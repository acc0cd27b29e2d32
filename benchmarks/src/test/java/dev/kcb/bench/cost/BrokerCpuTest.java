package dev.kcb.bench.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the brokers' CPU time is read from: a local JVM's /proc entry, or a container's cgroup. */
class BrokerCpuTest {
    private static final String ID = "4f1c0d9e2b7a" + "0".repeat(52);

    @Test
    void aProcessCpuTimeIsReadFromProcAndGrowsWithWork() {
        long pid = ProcessHandle.current().pid();
        BrokerCpu cpu = BrokerCpu.ofPids(List.of(pid));
        assertThat(cpu.available()).isTrue();
        assertThat(cpu.systemProperty()).isEqualTo("-Dkcb.brokerCpu=pid:" + pid);
        long before = BrokerCpu.totalNanos(cpu.sources());
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        double x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            x += Math.sqrt(x + 1);
        }
        long after = BrokerCpu.totalNanos(cpu.sources());
        assertThat(x).isPositive();
        assertThat(before).isPositive();
        // 0.3 s of this thread's CPU: the process's utime+stime grew by as much, less a 10 ms clock tick at each end
        assertThat(after - before).isGreaterThanOrEqualTo(280_000_000L);
        assertThat(cpu.describe()).containsEntry("available", true);
        assertThat((String) cpu.describe().get("source")).contains("/proc/<pid>/stat", String.valueOf(pid));
    }

    @Test
    void aGoneProcessIsRefusedWithTheReason() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        BrokerCpu cpu = BrokerCpu.ofPids(List.of(pid));
        assertThat(cpu.available()).isFalse();
        assertThat(cpu.reason()).isEqualTo("cannot read the broker's CPU time from pid:" + pid);
        assertThat(cpu.systemProperty()).isNull();
        assertThat(BrokerCpu.totalNanos(List.of("pid:" + pid))).isEqualTo(-1);
    }

    @Test
    void aCgroupV1ContainerIsReadFromItsCpuacctUsage(@TempDir Path dir) throws Exception {
        Path proc = dir.resolve("proc");
        Path cgroup = dir.resolve("cgroup");
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/cgroup"), "12:pids:/docker/" + ID + "\n3:cpu,cpuacct:/docker/" + ID + "\n0::/system.slice/containerd.service\n");
        Path usage = cgroup.resolve("cpu,cpuacct/docker/" + ID + "/cpuacct.usage");
        Files.createDirectories(usage.getParent());
        Files.writeString(usage, "123456789\n");
        BrokerCpu cpu = BrokerCpu.ofContainers(Map.of(ID, 4242L), proc, cgroup);
        assertThat(cpu.sources()).containsExactly("cpuacct:" + usage);
        assertThat(BrokerCpu.totalNanos(cpu.sources())).isEqualTo(123_456_789L);
    }

    @Test
    void aCgroupV2ContainerIsReadFromUsageUsec(@TempDir Path dir) throws Exception {
        Path proc = dir.resolve("proc");
        Path cgroup = dir.resolve("cgroup");
        Files.createDirectories(proc.resolve("77"));
        Files.writeString(proc.resolve("77/cgroup"), "0::/system.slice/docker-" + ID + ".scope\n");
        Path stat = cgroup.resolve("system.slice/docker-" + ID + ".scope/cpu.stat");
        Files.createDirectories(stat.getParent());
        Files.writeString(stat, "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\n");
        BrokerCpu cpu = BrokerCpu.ofContainers(Map.of(ID, 77L), proc, cgroup);
        assertThat(cpu.sources()).containsExactly("cpu.stat:" + stat);
        assertThat(BrokerCpu.totalNanos(cpu.sources())).isEqualTo(2_500_000L);
        // two nodes sum
        assertThat(BrokerCpu.totalNanos(List.of("cpu.stat:" + stat, "cpu.stat:" + stat))).isEqualTo(5_000_000L);
    }

    @Test
    void aPidWhoseCgroupDoesNotNameTheContainerIsNotTakenForIt(@TempDir Path dir) throws Exception {
        // Docker in a VM reports a pid of the VM; here that pid is some other process in another cgroup
        Path proc = dir.resolve("proc");
        Files.createDirectories(proc.resolve("900"));
        Files.writeString(proc.resolve("900/cgroup"), "3:cpu,cpuacct:/user.slice\n0::/user.slice/session-1.scope\n");
        BrokerCpu cpu = BrokerCpu.ofContainers(Map.of(ID, 900L), proc, dir.resolve("cgroup"));
        assertThat(cpu.available()).isFalse();
        assertThat(cpu.reason()).startsWith("the cgroup of container 4f1c0d9e2b7a is not visible from this host");
        assertThat(cpu.describe()).containsEntry("available", false).containsEntry("reason", cpu.reason());
        // no pid at all on this host
        assertThat(BrokerCpu.ofContainers(Map.of(ID, 901L), proc, dir.resolve("cgroup")).available()).isFalse();
    }

    @Test
    void anUnreadableCgroupFileCountsAsUnreadable(@TempDir Path dir) {
        assertThat(BrokerCpu.totalNanos(List.of("cpuacct:" + dir.resolve("missing")))).isEqualTo(-1);
        assertThat(BrokerCpu.totalNanos(List.of())).isZero();
    }
}
