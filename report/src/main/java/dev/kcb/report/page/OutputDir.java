package dev.kcb.report.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory the report writes into. A marker file says the report owns its images, so stale charts from an
 * earlier report are removed; images in a directory without the marker are never deleted.
 */
public final class OutputDir {
    static final String MARKER = ".kcb-report";

    private OutputDir() {
    }

    public static Path prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(OutputDir::isImage).toList()) {
                    Files.delete(f);
                }
            }
        } else {
            Files.writeString(marker, "Written by the kcb report tool: its *.png and *.svg here are replaced on each report.\n");
        }
        return dir;
    }

    public static void copyImages(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            List<Path> images = files.filter(OutputDir::isImage).toList();
            for (Path f : images) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static boolean isImage(Path f) {
        String n = f.getFileName().toString();
        return Files.isRegularFile(f) && (n.endsWith(".png") || n.endsWith(".svg"));
    }
}
