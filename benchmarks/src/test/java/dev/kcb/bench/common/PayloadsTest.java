package dev.kcb.bench.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The payload param's three sources: sizes, seeds, compressibility, and the file checks run before any broker. */
class PayloadsTest {

    @Test
    void textRecordsAreExactlyTheSizeAskedAndSeeded() {
        for (int size : new int[]{100, 1024, 10_000}) {
            byte[][] pool = Payloads.text(size, 42);
            assertThat(pool.length).isEqualTo(Payloads.POOL);
            assertThat(java.util.Arrays.asList(pool)).allSatisfy(p -> assertThat(p).hasSize(size));
            assertThat(pool[7]).isEqualTo(Payloads.text(size, 42)[7]);
        }
        assertThat(new String(Payloads.text(1024, 42)[0], StandardCharsets.UTF_8)).startsWith("{\"event_id\":\"").contains("\"type\":\"");
        assertThat(Payloads.text(100, 42)[0]).isNotEqualTo(Payloads.text(100, 43)[0]);
    }

    @Test
    void textCompressesAndRandomDoesNot() throws Exception {
        // gzip over a batch's worth of records: text shrinks several-fold, random bytes do not shrink at all
        assertThat(gzipRatio(Payloads.text(1024, 42))).isLessThan(0.35);
        assertThat(gzipRatio(Payloads.random(1024, 42))).isGreaterThan(0.99);
    }

    private static double gzipRatio(byte[][] pool) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            raw.write(pool[i]);
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(raw.toByteArray());
        }
        return (double) zipped.size() / raw.size();
    }

    @Test
    void aFileGivesItsOwnLinesAndIsDescribedNotCopied(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("events.jsonl");
        Files.writeString(f, "{\"a\":1}\n\n{\"b\":22}\n");
        byte[][] pool = Payloads.of("file:" + f, 100, 42);
        assertThat(pool.length).isEqualTo(Payloads.POOL);
        assertThat(java.util.Arrays.asList(pool))
                .allSatisfy(p -> assertThat(new String(p, StandardCharsets.UTF_8)).isIn("{\"a\":1}", "{\"b\":22}"));
        var d = Payloads.describe(f);
        assertThat(d).containsEntry("bytes", 18).containsEntry("records", 2).containsKey("sha256");
        assertThat(d.toString()).doesNotContain("\"a\"");
    }

    @Test
    void missingOrEmptyFilesAreRefusedByTheParamRule(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        assertThatThrownBy(() -> ParamRules.check("payload", "file:" + dir.resolve("nope.txt")))
                .hasMessageContaining("invalid value").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ParamRules.check("payload", "file:" + empty)).hasMessageContaining("has no non-empty line");
        assertThatThrownBy(() -> ParamRules.check("payload", "json")).hasMessageContaining("allowed: random, text, file:PATH");
        assertThat(ParamRules.check("payload", "text")).isEqualTo("text");
    }
}
