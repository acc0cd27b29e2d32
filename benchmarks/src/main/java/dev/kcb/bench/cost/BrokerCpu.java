package dev.kcb.bench.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the brokers' CPU time comes from, handed from the suite runner to every fork as one system property
 * ({@link #PROPERTY}: the sources, comma-separated), because the brokers live outside the forks. A fork reads the sum
 * of its sources before and after each iteration ({@link CostProfiler}); when the broker's CPU is not visible from
 * this host, there are no sources, no broker figure, and {@link #reason()} says why (run.json keeps it).
 *
 * <ul>
 *   <li>{@code pid:N}: a local broker JVM, its utime + stime from {@code /proc/N/stat}, all its threads, through
 *       {@link ProcessHandle.Info#totalCpuDuration()} (which reads those two fields and converts clock ticks: on
 *       Linux a tick is 10 ms, against some 200 ticks a broker uses in a 2 s iteration);</li>
 *   <li>{@code cpuacct:PATH}: a container's cgroup v1 {@code cpuacct.usage}, nanoseconds;</li>
 *   <li>{@code cpu.stat:PATH}: a container's cgroup v2 {@code cpu.stat}, its {@code usage_usec} line.</li>
 * </ul>
 *
 * @param sources the specs above; empty when not available
 * @param reason  null when available; else one line saying why not
 * @param what    what is measured, for run.json ("/proc/<pid>/stat utime+stime of 1 broker JVM")
 */
public record BrokerCpu(List<String> sources, String reason, String what) {
    public static final String PROPERTY = "kcb.brokerCpu";

    public BrokerCpu {
        sources = List.copyOf(sources);
    }

    public static BrokerCpu unavailable(String reason) {
        return new BrokerCpu(List.of(), reason, null);
    }

    /** Local broker JVMs by pid. */
    public static BrokerCpu ofPids(List<Long> pids) {
        return check(new BrokerCpu(pids.stream().map(p -> "pid:" + p).toList(), null,
                "utime+stime from /proc/<pid>/stat of " + pids.size() + " broker JVM" + (pids.size() == 1 ? "" : "s") + " " + pids));
    }

    /**
     * The cgroups of containers, found from each container's main process on this host ({@code /proc/PID/cgroup}),
     * whose cgroup path must name the container's id: with Docker in a VM (Docker Desktop) or behind a remote
     * {@code DOCKER_HOST}, the pid Docker reports belongs to another machine, and nothing here names the container.
     *
     * @param containers container id to its main process's pid as Docker reports it
     */
    public static BrokerCpu ofContainers(Map<String, Long> containers) {
        return ofContainers(containers, Path.of("/proc"), Path.of("/sys/fs/cgroup"));
    }

    static BrokerCpu ofContainers(Map<String, Long> containers, Path proc, Path cgroupRoot) {
        List<String> sources = new ArrayList<>();
        for (Map.Entry<String, Long> c : containers.entrySet()) {
            String shortId = c.getKey().substring(0, Math.min(12, c.getKey().length()));
            Optional<String> source = cgroupSource(c.getKey(), c.getValue(), proc, cgroupRoot);
            if (source.isEmpty()) {
                return unavailable("the cgroup of container " + shortId + " is not visible from this host (no "
                        + proc.resolve(String.valueOf(c.getValue())).resolve("cgroup") + " naming it under " + cgroupRoot
                        + "; Docker in a VM, a remote DOCKER_HOST, or cgroups not mounted)");
            }
            sources.add(source.get());
        }
        return check(new BrokerCpu(sources, null, "cgroup CPU usage of " + containers.size() + " container"
                + (containers.size() == 1 ? "" : "s") + " " + String.join(", ", sources)));
    }

    /** "cpuacct:..." (cgroup v1, preferred when the container has one) or "cpu.stat:..." (v2) for one container. */
    static Optional<String> cgroupSource(String containerId, long pid, Path proc, Path cgroupRoot) {
        List<String> lines;
        try {
            lines = Files.readAllLines(proc.resolve(String.valueOf(pid)).resolve("cgroup"));
        } catch (IOException e) {
            return Optional.empty();
        }
        String v2 = null;
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length < 3 || !f[2].contains(containerId)) {
                continue;
            }
            if (Arrays.asList(f[1].split(",")).contains("cpuacct")) {
                for (Path mount : cpuacctMounts(cgroupRoot)) {
                    Path usage = mount.resolve(f[2].substring(1)).resolve("cpuacct.usage");
                    if (Files.isReadable(usage)) {
                        return Optional.of("cpuacct:" + usage);
                    }
                }
            } else if (f[0].equals("0") && f[1].isEmpty()) {
                for (Path root : List.of(cgroupRoot, cgroupRoot.resolve("unified"))) {
                    Path stat = root.resolve(f[2].substring(1)).resolve("cpu.stat");
                    if (Files.isReadable(stat)) {
                        v2 = "cpu.stat:" + stat;
                        break;
                    }
                }
            }
        }
        return Optional.ofNullable(v2);
    }

    /** The v1 hierarchies that hold cpuacct: "cpuacct", "cpu,cpuacct", ... under the cgroup root. */
    private static List<Path> cpuacctMounts(Path cgroupRoot) {
        try (var dirs = Files.list(cgroupRoot)) {
            return dirs.filter(d -> Arrays.asList(d.getFileName().toString().split(",")).contains("cpuacct"))
                    .filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Reads every source once, so a source that cannot be read is refused at the start, not in a fork. */
    private static BrokerCpu check(BrokerCpu cpu) {
        for (String s : cpu.sources()) {
            if (nanos(s) < 0) {
                return unavailable("cannot read the broker's CPU time from " + s);
            }
        }
        return cpu;
    }

    public boolean available() {
        return !sources.isEmpty();
    }

    /** The sources for a fork: "-Dkcb.brokerCpu=..."; null when there are none. */
    public String systemProperty() {
        return available() ? "-D" + PROPERTY + "=" + String.join(",", sources) : null;
    }

    /** The sources this fork was given; empty when none. */
    public static List<String> fromSystemProperty() {
        String v = System.getProperty(PROPERTY, "");
        return v.isBlank() ? List.of() : List.of(v.split(","));
    }

    /** The sum of the sources' CPU time in ns, or -1 when any cannot be read (a broker gone). */
    public static long totalNanos(List<String> sources) {
        long sum = 0;
        for (String s : sources) {
            long n = nanos(s);
            if (n < 0) {
                return -1;
            }
            sum += n;
        }
        return sum;
    }

    /** One source's CPU time in ns, or -1 when it cannot be read. */
    static long nanos(String source) {
        int colon = source.indexOf(':');
        String kind = source.substring(0, Math.max(colon, 0));
        String arg = source.substring(colon + 1);
        try {
            return switch (kind) {
                case "pid" -> ProcessHandle.of(Long.parseLong(arg)).flatMap(h -> h.info().totalCpuDuration())
                        .map(Duration::toNanos).orElse(-1L);
                case "cpuacct" -> Long.parseLong(Files.readString(Path.of(arg)).strip());
                case "cpu.stat" -> Files.readAllLines(Path.of(arg)).stream().filter(l -> l.startsWith("usage_usec "))
                        .findFirst().map(l -> Long.parseLong(l.substring("usage_usec ".length()).strip()) * 1000).orElse(-1L);
                default -> throw new IllegalArgumentException("unknown broker CPU source '" + source + "'");
            };
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return -1;
        }
    }

    /** What run.json records: available, what is measured or why not, the sources. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", available());
        if (available()) {
            m.put("source", what);
        } else {
            m.put("reason", reason);
        }
        return m;
    }
}
