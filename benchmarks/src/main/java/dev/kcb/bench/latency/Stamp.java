package dev.kcb.bench.latency;

import java.nio.ByteBuffer;

/**
 * The header every record value starts with: its sequence number and its due time ({@code System.nanoTime()} of
 * the producing JVM, which is also the consuming JVM, so the clocks agree), written over the first 16 bytes of the
 * payload record (random, text or a file's), so a value is exactly as long as its record: {@code messageSize}, or
 * the file record's own length. Records shorter than 16 bytes are refused before they get here
 * ({@link EndToEndLatencyBenchmark#checkRoomForStamp}).
 */
final class Stamp {
    static final int BYTES = 2 * Long.BYTES;

    private Stamp() {
    }

    /** A fresh value: a copy of {@code payload} with the header written over its first 16 bytes. */
    static byte[] value(byte[] payload, long sequence, long dueNanos) {
        byte[] v = payload.clone();
        ByteBuffer.wrap(v).putLong(sequence).putLong(dueNanos);
        return v;
    }

    static long sequence(byte[] value) {
        return ByteBuffer.wrap(value).getLong(0);
    }

    static long dueNanos(byte[] value) {
        return ByteBuffer.wrap(value).getLong(Long.BYTES);
    }
}
