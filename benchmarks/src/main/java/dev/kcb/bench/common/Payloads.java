package dev.kcb.bench.common;

import java.util.SplittableRandom;

/**
 * Random, incompressible payloads generated once in setup, so the measured path neither allocates nor
 * generates data and compression codecs see realistic (worst-case) entropy.
 */
public final class Payloads {
    /** Enough distinct payloads that batches are not runs of one repeated value. */
    public static final int POOL = 1024;

    private Payloads() {
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
}
