package dev.kcb.bench.faults;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The processes a suite run started, found the way a user would with ps: broker nodes carry -Dkcb.broker=DATA_DIR. */
final class Children {
    private Children() {
    }

    static List<ProcessHandle> brokerNodes(Process suite) {
        return suite.descendants().filter(h -> commandLine(h).contains("kafka.Kafka")).toList();
    }

    /** Every kafka.Kafka process on the machine whose data dir is {@code dataDir}, whoever started it. */
    static List<ProcessHandle> brokerNodesWithDataDir(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(h -> commandLine(h).contains("kafka.Kafka") && commandLine(h).contains("-Dkcb.broker=" + dataDir + " "))
                .toList();
    }

    static Optional<Path> dataDir(ProcessHandle node) {
        for (String a : node.info().arguments().orElse(new String[0])) {
            if (a.startsWith("-Dkcb.broker=")) {
                return Optional.of(Path.of(a.substring("-Dkcb.broker=".length())));
            }
        }
        return Optional.empty();
    }

    /** Echoes what the user saw (the run.sh: lines) into the test log, so the report of a test run shows it. */
    static void showUserLines(String test, String output) {
        output.lines().filter(l -> l.startsWith("run.sh: ")).forEach(l -> System.out.println("[" + test + "] " + l));
    }

    static String commandLine(ProcessHandle h) {
        return h.info().commandLine().orElse("") + " ";
    }

    /** Waits until the file holds {@code text}, or the process ends, or the time is up. */
    static boolean awaitText(Path file, String text, Process p, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end && p.isAlive()) {
            if (java.nio.file.Files.exists(file) && java.nio.file.Files.readString(file).contains(text)) {
                return true;
            }
            Thread.sleep(200);
        }
        return java.nio.file.Files.exists(file) && java.nio.file.Files.readString(file).contains(text);
    }

    /** As {@link #awaitText}, counting only what the file holds after the first {@code marker}. */
    static boolean awaitTextAfter(Path file, String marker, String text, Process p, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        do {
            if (java.nio.file.Files.exists(file)) {
                String all = java.nio.file.Files.readString(file);
                int at = all.indexOf(marker);
                if (at >= 0 && all.indexOf(text, at) >= 0) {
                    return true;
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end && p.isAlive());
        return false;
    }

    static void awaitDead(List<ProcessHandle> handles, long seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end && handles.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(100);
        }
    }
}
