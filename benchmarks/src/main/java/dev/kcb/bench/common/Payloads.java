package dev.kcb.bench.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The record values a benchmark sends, generated or read once in setup, so the measured path neither allocates nor
 * generates data. The {@code payload} param chooses them:
 * <ul>
 *   <li>{@code random}: random bytes, incompressible: the worst case for every codec, and the default;</li>
 *   <li>{@code text}: JSON-like event records from a seeded generator, each exactly {@code messageSize} bytes, with
 *       the field names, enum values and repeated ids of real event streams: what codecs are chosen for;</li>
 *   <li>{@code file:PATH}: the user's own records, one per line (UTF-8, the newline not included, empty lines
 *       skipped), as ProducerPerformance's {@code --payload-file} reads them with its default delimiter;
 *       {@code messageSize} does not apply;</li>
 *   <li>{@code lpfile:PATH}: the user's own binary records, length-prefixed: a 4-byte big-endian length, then that
 *       many bytes, repeated to the end of the file. ProducerPerformance can only split UTF-8 text on a delimiter
 *       (a binary value would be decoded, mangled and could contain the delimiter), so binary data needs its own
 *       form; {@code messageSize} does not apply.</li>
 * </ul>
 * Each is a pool of {@link #POOL} values sent in turn (a file's records drawn from it with a seeded random choice).
 * A file that cannot give records (missing, empty, not UTF-8 text for {@code file:}, truncated for {@code lpfile:})
 * is refused by {@link ParamRules} with the reason from {@link #unusable(String)}, before any broker starts.
 */
public final class Payloads {
    /** Enough distinct payloads that batches are not runs of one repeated value. */
    public static final int POOL = 1024;
    /** One record per line of a UTF-8 text file. */
    public static final String FILE_PREFIX = "file:";
    /** Length-prefixed records: a 4-byte big-endian length, then that many bytes, repeated. */
    public static final String LENGTH_PREFIXED_PREFIX = "lpfile:";

    private static final String[] TYPES = {"page_view", "page_view", "page_view", "click", "click", "add_to_cart", "purchase", "search"};
    private static final String[] COUNTRIES = {"US", "US", "DE", "GB", "FR", "IN", "BR", "JP"};
    private static final String[] DEVICES = {"mobile", "mobile", "desktop", "tablet"};
    private static final String[] PAGES = {"/", "/products", "/products/shoes", "/products/shirts", "/cart", "/checkout", "/search", "/account"};
    private static final String[] BROWSERS = {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/119.0 Mobile Safari/537.36"};
    private static final String[] ATTRS = {"referrer", "campaign", "ab_group", "price", "qty", "sku"};

    private Payloads() {
    }

    /** The pool for a {@code payload} param value (already checked by {@link ParamRules}). */
    public static byte[][] of(String payload, int size, long seed) {
        if (isFile(payload)) {
            return draw(records(payload), seed);
        }
        return switch (payload) {
            case "random" -> random(size, seed);
            case "text" -> text(size, seed);
            default -> throw new IllegalArgumentException("payload " + payload + ": expected random, text, file:PATH or lpfile:PATH");
        };
    }

    /** Whether the payload value names a file ({@code file:} or {@code lpfile:}), whose records then set the sizes. */
    public static boolean isFile(String payload) {
        return payload.startsWith(FILE_PREFIX) || payload.startsWith(LENGTH_PREFIXED_PREFIX);
    }

    /** The path a file payload names. */
    public static Path path(String payload) {
        String prefix = payload.startsWith(FILE_PREFIX) ? FILE_PREFIX : LENGTH_PREFIXED_PREFIX;
        return Path.of(payload.substring(prefix.length()));
    }

    /**
     * A pool's mean record size in bytes: what each record sent from it carries on average (the pool is sent in
     * turn, so over whole passes exactly this). The consumer benchmark sizes its fill by it.
     */
    public static double meanSize(byte[][] pool) {
        long sum = 0;
        for (byte[] p : pool) {
            sum += p.length;
        }
        return (double) sum / pool.length;
    }

    public static byte[][] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] pool = new byte[POOL][size];
        for (byte[] p : pool) {
            for (int i = 0; i < size; i++) {
                p[i] = (byte) random.nextInt(256);
            }
        }
        return pool;
    }

    /**
     * JSON-like events, each exactly {@code size} bytes: one event object, its {@code attrs} list grown with more
     * key/value pairs until the size is reached, then cut (or space-padded) to the exact length. Users and sessions
     * repeat across records (200 users, 50 sessions in the pool), as they do within a batch of a real stream.
     */
    public static byte[][] text(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] pool = new byte[POOL][];
        long ts = 1_764_633_600_000L;
        for (int i = 0; i < POOL; i++) {
            ts += r.nextInt(5, 40);
            StringBuilder sb = new StringBuilder(size + 64);
            sb.append("{\"event_id\":\"").append(HexFormat.of().toHexDigits(r.nextLong()))
                    .append("\",\"ts\":").append(ts)
                    .append(",\"type\":\"").append(pick(r, TYPES))
                    .append("\",\"user_id\":\"user-").append(r.nextInt(200))
                    .append("\",\"session\":\"s-").append(HexFormat.of().toHexDigits((long) r.nextInt(50) * 0x9E3779B97F4A7C15L))
                    .append("\",\"page\":\"").append(pick(r, PAGES))
                    .append("\",\"country\":\"").append(pick(r, COUNTRIES))
                    .append("\",\"device\":\"").append(pick(r, DEVICES))
                    .append("\",\"user_agent\":\"").append(pick(r, BROWSERS))
                    .append("\",\"attrs\":{");
            for (int k = 0; sb.length() < size; k++) {
                sb.append(k == 0 ? "" : ",").append("\"").append(pick(r, ATTRS))
                        .append(k).append("\":\"").append(pick(r, PAGES)).append(r.nextInt(100)).append("\"");
            }
            sb.append("}}");
            byte[] all = sb.toString().getBytes(StandardCharsets.UTF_8);
            byte[] p = new byte[size];
            int n = Math.min(size, all.length);
            System.arraycopy(all, 0, p, 0, n);
            java.util.Arrays.fill(p, n, size, (byte) ' ');
            pool[i] = p;
        }
        return pool;
    }

    /** The records of a file payload (every line, or every length-prefixed record), in file order. */
    public static List<byte[]> records(String payload) {
        return records(payload, read(path(payload)));
    }

    /** The records of a file payload from the file's bytes, read once by the caller. */
    private static List<byte[]> records(String payload, byte[] all) {
        return payload.startsWith(FILE_PREFIX) ? lines(all) : lengthPrefixed(all);
    }

    /** The records, drawn into the pool with a seeded random choice. */
    private static byte[][] draw(List<byte[]> records, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] pool = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            pool[i] = records.get(r.nextInt(records.size()));
        }
        return pool;
    }

    /**
     * Why this payload value cannot be used: not one of the forms, or a file that is missing, unreadable, gives no
     * record, is not UTF-8 text ({@code file:}) or is truncated or malformed ({@code lpfile:}); null when it can.
     */
    public static String unusable(String payload) {
        if (payload.equals("random") || payload.equals("text")) {
            return null;
        }
        if (!isFile(payload)) {
            return payload + " is not random, text, file:PATH or lpfile:PATH";
        }
        Path path = path(payload);
        if (!Files.isRegularFile(path)) {
            return path + " does not exist or is not a file";
        }
        try {
            List<byte[]> records = records(payload);
            if (records.isEmpty()) {
                return payload.startsWith(FILE_PREFIX) ? path + " has no non-empty line" : path + " is empty: no length-prefixed record";
            }
            // a pool of empty values has nothing to measure, and no mean size to fill a topic by
            return records.stream().allMatch(r -> r.length == 0) ? path + " holds only empty (zero-length) records" : null;
        } catch (MalformedRecordsException e) {
            return path + " " + e.getMessage();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                return path + " is not UTF-8 text (file: reads one record per line); for binary records use lpfile:" + path
                        + " (each record a 4-byte big-endian length, then its bytes)";
            }
            return path + " cannot be read: " + e.getCause().getMessage();
        }
    }

    /**
     * What run.json says of a payload file: its name, form, size, SHA-256, record count and the records' shortest,
     * mean and longest size; never its content.
     */
    public static Map<String, Object> describe(String payload) {
        Path path = path(payload);
        try {
            byte[] all = Files.readAllBytes(path);
            List<byte[]> records = records(payload, all);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", path.toAbsolutePath().normalize().toString());
            m.put("format", payload.startsWith(FILE_PREFIX) ? "lines" : "length-prefixed");
            m.put("bytes", all.length);
            m.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all)));
            m.put("records", records.size());
            IntSummaryStatistics sizes = records.stream().mapToInt(r -> r.length).summaryStatistics();
            m.put("recordBytesMin", sizes.getMin());
            m.put("recordBytesMean", Math.round(sizes.getAverage() * 10) / 10.0);
            m.put("recordBytesMax", sizes.getMax());
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The non-empty lines of UTF-8 text, as {@code Files.readAllLines} splits them (at \n, \r or \r\n); bytes that
     * are not UTF-8 throw an UncheckedIOException caused by a CharacterCodingException, as readAllLines does.
     */
    private static List<byte[]> lines(byte[] all) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(all)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UncheckedIOException(e);
        }
        return text.lines().filter(line -> !line.isEmpty()).map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits length-prefixed records: a 4-byte big-endian length, then that many bytes, to the end of the data. A
     * zero length is an empty record; an empty input gives none.
     *
     * @throws MalformedRecordsException at a length cut short, a negative length, or a body longer than what is left
     */
    static List<byte[]> lengthPrefixed(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(all);
        while (b.hasRemaining()) {
            int at = b.position();
            if (b.remaining() < Integer.BYTES) {
                throw new MalformedRecordsException("is truncated: " + b.remaining() + " byte(s) at offset " + at + " after record "
                        + out.size() + ", too few for a 4-byte length");
            }
            int length = b.getInt();
            if (length < 0) {
                throw new MalformedRecordsException("is not length-prefixed: record " + (out.size() + 1) + " at offset " + at
                        + " has a negative length (" + length + ")");
            }
            if (length > b.remaining()) {
                throw new MalformedRecordsException("is truncated: record " + (out.size() + 1) + " at offset " + at + " says "
                        + length + " bytes, " + b.remaining() + " are left");
            }
            byte[] record = new byte[length];
            b.get(record);
            out.add(record);
        }
        return out;
    }

    /** A length-prefixed file that does not split into whole records; the message says where, after the path. */
    static final class MalformedRecordsException extends IllegalArgumentException {
        MalformedRecordsException(String message) {
            super(message);
        }
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
