package dev.kcb.bench.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The payload param's sources (random, text, line and length-prefixed files): sizes, seeds, compressibility, and the
 * file checks run before any broker.
 */
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
        var d = Payloads.describe("file:" + f);
        assertThat(d).containsEntry("format", "lines").containsEntry("bytes", 18).containsEntry("records", 2).containsKey("sha256")
                .containsEntry("recordBytesMin", 7).containsEntry("recordBytesMean", 7.5).containsEntry("recordBytesMax", 8);
        assertThat(d.toString()).doesNotContain("\"a\"");
    }

    @Test
    void missingOrEmptyFilesAreRefusedByTheParamRule(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        assertThatThrownBy(() -> ParamRules.check("payload", "file:" + dir.resolve("nope.txt")))
                .hasMessageContaining("invalid value").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ParamRules.check("payload", "file:" + empty)).hasMessageContaining("has no non-empty line");
        assertThatThrownBy(() -> ParamRules.check("payload", "json")).hasMessageContaining("allowed: random, text, file:PATH")
                .hasMessageContaining("lpfile:PATH");
        assertThat(ParamRules.check("payload", "text")).isEqualTo("text");
    }

    @Test
    void aBinaryFileIsNotALineFileAndTheRefusalSaysWhatToUse(@TempDir Path dir) throws Exception {
        Path bin = Files.write(dir.resolve("events.bin"), new byte[]{0, 0, 0, 2, (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> ParamRules.check("payload", "file:" + bin)).hasMessageContaining("is not UTF-8 text")
                .hasMessageContaining("use lpfile:" + bin);
    }

    /** Records as an lpfile holds them: each a 4-byte big-endian length, then its bytes. */
    private static byte[] lengthPrefixed(byte[]... records) {
        ByteBuffer b = ByteBuffer.allocate(java.util.Arrays.stream(records).mapToInt(r -> 4 + r.length).sum());
        for (byte[] r : records) {
            b.putInt(r.length).put(r);
        }
        return b.array();
    }

    @Test
    void aLengthPrefixedFileGivesItsRecordsByteForByte(@TempDir Path dir) throws Exception {
        // binary records a line file could not hold: a newline, a NUL and invalid UTF-8 inside, and an empty one
        byte[] a = {'\n', 0, (byte) 0xFF, (byte) 0xC3, 'x'};
        byte[] b = new byte[300];
        java.util.Arrays.fill(b, (byte) '\n');
        Path f = Files.write(dir.resolve("records.bin"), lengthPrefixed(a, b, new byte[0]));
        assertThat(Payloads.records("lpfile:" + f)).containsExactly(a, b, new byte[0]);
        assertThat(ParamRules.check("payload", "lpfile:" + f)).isEqualTo("lpfile:" + f);
        byte[][] pool = Payloads.of("lpfile:" + f, 100, 42);
        assertThat(pool.length).isEqualTo(Payloads.POOL);
        assertThat(java.util.Arrays.asList(pool)).allSatisfy(p -> assertThat(p.length).isIn(0, 5, 300));
        assertThat(Payloads.meanSize(pool)).isBetween(5.0, 300.0);
        var d = Payloads.describe("lpfile:" + f);
        assertThat(d).containsEntry("format", "length-prefixed").containsEntry("bytes", 4 * 3 + 5 + 300).containsEntry("records", 3)
                .containsEntry("recordBytesMin", 0).containsEntry("recordBytesMax", 300);
    }

    @Test
    void aTruncatedLengthIsRefusedWithWhereItStops(@TempDir Path dir) throws Exception {
        byte[] whole = lengthPrefixed("abc".getBytes(StandardCharsets.UTF_8));
        Path f = Files.write(dir.resolve("cut-length.bin"), java.util.Arrays.copyOf(whole, whole.length + 2)); // 2 bytes of a next length
        assertThatThrownBy(() -> ParamRules.check("payload", "lpfile:" + f))
                .hasMessageContaining("invalid value 'lpfile:" + f + "' for param payload (" + f + " is truncated: 2 byte(s) at offset 7"
                        + " after record 1, too few for a 4-byte length)");
    }

    @Test
    void aTruncatedBodyIsRefusedWithTheLengthItPromised(@TempDir Path dir) throws Exception {
        byte[] whole = lengthPrefixed("abc".getBytes(StandardCharsets.UTF_8), "0123456789".getBytes(StandardCharsets.UTF_8));
        Path f = Files.write(dir.resolve("cut-body.bin"), java.util.Arrays.copyOf(whole, whole.length - 4));
        assertThatThrownBy(() -> ParamRules.check("payload", "lpfile:" + f))
                .hasMessageContaining(f + " is truncated: record 2 at offset 7 says 10 bytes, 6 are left");
        // a text file given as lpfile: its first four characters read as a length far past the end
        Path text = Files.writeString(dir.resolve("events.jsonl"), "{\"a\":1}\n");
        assertThatThrownBy(() -> ParamRules.check("payload", "lpfile:" + text)).hasMessageContaining("is truncated: record 1 at offset 0 says");
    }

    @Test
    void aNegativeLengthIsNotALengthPrefixedFile(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("neg.bin"), new byte[]{(byte) 0xFF, 0, 0, 0, 1, 2});
        assertThatThrownBy(() -> ParamRules.check("payload", "lpfile:" + f)).hasMessageContaining("has a negative length");
    }

    @Test
    void zeroRecordsAreRefused(@TempDir Path dir) throws Exception {
        Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
        assertThatThrownBy(() -> ParamRules.check("payload", "lpfile:" + empty)).hasMessageContaining("is empty: no length-prefixed record");
        Path onlyEmpty = Files.write(dir.resolve("only-empty.bin"), lengthPrefixed(new byte[0], new byte[0]));
        assertThatThrownBy(() -> ParamRules.check("payload", "lpfile:" + onlyEmpty)).hasMessageContaining("only empty (zero-length) records");
        assertThatThrownBy(() -> ParamRules.check("payload", "lpfile:" + dir.resolve("nope.bin"))).hasMessageContaining("does not exist");
    }
}
