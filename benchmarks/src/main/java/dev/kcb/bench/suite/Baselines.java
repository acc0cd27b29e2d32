package dev.kcb.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Saved baselines, {@code <results>/baselines/NAME}: {@code --save-baseline NAME} after a run, {@code --baseline NAME}
 * to compare a run against one. Both are checked before anything starts, so a typo costs a line, not a run.
 */
final class Baselines {
    /** A name is one path segment: no separators, no leading dot (so never "..", nor hidden). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private Baselines() {
    }

    /** @throws IllegalArgumentException when {@code name} is not a plain name; null passes (no --save-baseline) */
    static void checkName(String name) {
        if (name != null && !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--save-baseline '" + name + "': a baseline name is letters, digits, '.', '_' and '-'"
                    + " (it becomes a directory under baselines/)");
        }
    }

    /**
     * {@code --baseline} takes a saved baseline's name, or a results dir or jmh.json (as {@code compare} does).
     *
     * @throws IllegalArgumentException naming where it looked; null passes (no --baseline)
     */
    static void checkExists(String spec, Path resultsDir) {
        if (spec == null) {
            return;
        }
        Path saved = resultsDir.resolve("baselines").resolve(spec);
        Path asPath = Path.of(spec);
        boolean found = Files.isRegularFile(saved.resolve("jmh.json")) || Files.isRegularFile(asPath.resolve("jmh.json"))
                || (Files.isRegularFile(asPath) && spec.endsWith(".json"));
        if (!found) {
            throw new IllegalArgumentException("--baseline " + spec + ": no saved baseline at " + saved
                    + " (save one with --save-baseline " + spec + ", or give a results dir or jmh.json)");
        }
    }

    /**
     * Copies {@code runDir} to {@code <resultsDir>/baselines/NAME}, replacing an earlier baseline of that name as a
     * whole: copied beside it first, then swapped in, so a failed copy leaves the old one intact and no file of the
     * old one is left mixed into the new.
     */
    static Path save(Path runDir, Path resultsDir, String name) throws IOException {
        checkName(name);
        Path baselines = Files.createDirectories(resultsDir.resolve("baselines"));
        Path dest = baselines.resolve(name);
        Path incoming = baselines.resolve("." + name + ".incoming-" + ProcessHandle.current().pid());
        Path outgoing = baselines.resolve("." + name + ".outgoing-" + ProcessHandle.current().pid());
        try {
            ResultFiles.copyTree(runDir, incoming);
            if (Files.exists(dest)) {
                Files.move(dest, outgoing, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(incoming, dest, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(incoming);
            deleteTree(outgoing);
        }
        return dest;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
