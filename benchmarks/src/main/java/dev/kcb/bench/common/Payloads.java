package dev.kcb.bench.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
 *   <li>{@code file:PATH}: the user's own records, one per line (UTF-8, the newline not included), as
 *       ProducerPerformance's {@code --payload-file} reads them; {@code messageSize} does not apply.</li>
 * </ul>
 * Each is a pool of {@link #POOL} values sent in turn (a file's lines drawn from it with a seeded random choice).
 */
public final class Payloads {
    /** Enough distinct payloads that batches are not runs of one repeated value. */
    public static final int POOL = 1024;
    public static final String FILE_PREFIX = "file:";

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
        if (payload.startsWith(FILE_PREFIX)) {
            return file(Path.of(payload.substring(FILE_PREFIX.length())), seed);
        }
        return switch (payload) {
            case "random" -> random(size, seed);
            case "text" -> text(size, seed);
            default -> throw new IllegalArgumentException("payload " + payload + ": expected random, text or file:PATH");
        };
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

    /** The file's lines, drawn into the pool with a seeded random choice. */
    public static byte[][] file(Path path, long seed) {
        List<byte[]> lines = lines(path);
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] pool = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            pool[i] = lines.get(r.nextInt(lines.size()));
        }
        return pool;
    }

    /** Why this file cannot be a payload file (missing, unreadable, no non-empty line); null when it can. */
    public static String unusable(Path path) {
        if (!Files.isRegularFile(path)) {
            return path + " does not exist or is not a file";
        }
        try {
            return lines(path).isEmpty() ? path + " has no non-empty line" : null;
        } catch (UncheckedIOException e) {
            return path + " cannot be read: " + e.getCause().getMessage();
        }
    }

    /** What run.json says of a payload file: its name, size, SHA-256 and record count; never its content. */
    public static Map<String, Object> describe(Path path) {
        try {
            byte[] all = Files.readAllBytes(path);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", path.toAbsolutePath().normalize().toString());
            m.put("bytes", all.length);
            m.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all)));
            m.put("records", lines(path).size());
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> lines(Path path) {
        try {
            List<byte[]> out = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    out.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
