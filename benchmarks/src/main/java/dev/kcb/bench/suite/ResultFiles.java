package dev.kcb.bench.suite;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Result files written so that a crash, a full disk or Ctrl-C never leaves a truncated one behind. */
public final class ResultFiles {
    private ResultFiles() {
    }

    /** Writes to a temp file beside the target, then renames it over the target. */
    public static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Joins JMH JSON arrays (one per segment) into one array, textually: every entry stays byte for byte what
     * JMH wrote. An empty or missing segment file (a failed segment) contributes nothing.
     */
    static String concatJmhArrays(List<Path> files) throws IOException {
        StringBuilder out = new StringBuilder("[\n");
        boolean first = true;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            String s = Files.readString(f).strip();
            if (!s.startsWith("[") || !s.endsWith("]")) {
                continue;
            }
            String inner = s.substring(1, s.length() - 1).strip();
            if (inner.isEmpty()) {
                continue;
            }
            if (!first) {
                out.append(",\n");
            }
            out.append("    ").append(inner);
            first = false;
        }
        return out.append("\n]\n").toString();
    }

    /** Points {@code results/latest} at the run dir (a relative symlink; a plain file naming it where links fail). */
    static void pointLatest(Path resultsDir, Path runDir) throws IOException {
        Path latest = resultsDir.resolve("latest");
        Files.deleteIfExists(latest);
        try {
            Files.createSymbolicLink(latest, resultsDir.relativize(runDir));
        } catch (UnsupportedOperationException | IOException e) {
            Files.writeString(latest, runDir.getFileName().toString());
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
