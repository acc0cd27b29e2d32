package dev.kcb.bench.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A write that cannot complete leaves the previous result file exactly as it was, and no temp file behind. */
class ResultFilesTest {
    private static final String OLD = "[\n    {\"benchmark\": \"finished\"}\n]\n";

    @TempDir
    Path tmp;

    @Test
    void readOnlyDirKeepsTheFinishedFile() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("ro"));
        Path target = dir.resolve("jmh.json");
        ResultFiles.writeAtomically(target, OLD);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(dir), "running as root: a read-only dir is still writable (the full-disk test covers this)");
            assertThatThrownBy(() -> ResultFiles.writeAtomically(target, "[]")).isInstanceOf(IOException.class);
            assertThat(Files.readString(target)).isEqualTo(OLD);
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void fullDiskKeepsTheFinishedFile() throws Exception {
        Path mount = Files.createDirectory(tmp.resolve("small"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()),
                "cannot mount a small tmpfs here (needs root); the read-only test covers this");
        try {
            Path target = mount.resolve("jmh.json");
            ResultFiles.writeAtomically(target, OLD);
            String big = "x".repeat(1 << 20);
            assertThatThrownBy(() -> ResultFiles.writeAtomically(target, big)).isInstanceOf(IOException.class)
                    .hasMessageContaining("No space left");
            assertThat(Files.readString(target)).isEqualTo(OLD);
            try (Stream<Path> left = Files.list(mount)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("jmh.json");
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
