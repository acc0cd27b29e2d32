package dev.kcb.bench.common;

import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The record keys a producer benchmark sends, as a pool built once in setup, so the measured path only indexes an
 * array. The {@code keys} param chooses them:
 * <ul>
 *   <li>{@code none}: null keys, the default: the producer's sticky partitioner fills one partition's batch at a time;</li>
 *   <li>{@code uniform:N}: N distinct keys, each about equally often, in random order: hashed to partitions, so every
 *       request carries a batch for each partition that had records, each of them smaller;</li>
 *   <li>{@code zipf:N}: N distinct keys, Zipf-skewed (exponent {@value #ZIPF_EXPONENT}: key "0" is the most frequent,
 *       key "k" is sent 1/(k+1) times as often), as real keys (users, devices) are; the hot keys' partitions get more.</li>
 * </ul>
 * A key is its index in [0, N) as a decimal string in UTF-8, as ProducerPerformance's {@code --key-distribution random
 * --record-key-range N} makes its keys ({@code Integer.toString(random.nextInt(N))}), so the same keys hash to the same
 * partitions in both and {@code ./run.sh calibrate} compares like with like.
 *
 * <p>The pool is a sequence of {@link #POOL} keys, sent in turn and cycled; each key's bytes are one shared array. For
 * {@code uniform:N} the sequence holds every key {@code POOL / N} times or one more, shuffled (so all N keys are sent,
 * which independent draws would not do for N near {@code POOL}); for {@code zipf:N} it is {@code POOL} independent
 * draws. Both are seeded: the same param gives the same sequence in every run.
 */
public final class Keys {
    /** Keys in the sequence before it repeats: about a second of sends at 100 B; a power of two, for the send loop's mask. */
    public static final int POOL = 1 << 20;
    /** The most distinct keys: every one of them must fit in the sequence. */
    public static final int MAX_KEYS = POOL;
    public static final String NONE = "none";
    public static final double ZIPF_EXPONENT = 1.0;
    /** The seed of every key sequence the suite sends (run.json's {@code keys} says so). */
    public static final long SEED = 7;

    /** A parsed {@code keys} value: the distribution ({@code none}, {@code uniform}, {@code zipf}) and N (0 for none). */
    public record Spec(String distribution, int count) {
        public boolean keyed() {
            return count > 0;
        }
    }

    private Keys() {
    }

    /** The spec of a {@code keys} value; null when it is not one ({@link ParamRules} says what is allowed). */
    public static Spec parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.equals(NONE)) {
            return new Spec(NONE, 0);
        }
        int colon = v.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String distribution = v.substring(0, colon);
        if (!distribution.equals("uniform") && !distribution.equals("zipf")) {
            return null;
        }
        try {
            long n = Long.parseLong(v.substring(colon + 1));
            return n >= 1 && n <= MAX_KEYS ? new Spec(distribution, (int) n) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The key sequence for a {@code keys} value (already checked by {@link ParamRules}); null for {@code none}. */
    public static byte[][] of(String value, long seed) {
        Spec spec = parse(value);
        if (spec == null) {
            throw new IllegalArgumentException("keys " + value + ": expected none, uniform:N or zipf:N (1 <= N <= " + MAX_KEYS + ")");
        }
        return switch (spec.distribution()) {
            case NONE -> null;
            case "uniform" -> uniform(spec.count(), seed);
            case "zipf" -> zipf(spec.count(), seed);
            default -> throw new IllegalStateException(spec.distribution());
        };
    }

    /** Key {@code index} as ProducerPerformance encodes it: the decimal integer in UTF-8. */
    public static byte[] encode(int index) {
        return Integer.toString(index).getBytes(StandardCharsets.UTF_8);
    }

    /** Every key {@code POOL / n} times or once more, in a seeded random order (Fisher-Yates). */
    static byte[][] uniform(int n, long seed) {
        byte[][] keys = encoded(n);
        byte[][] pool = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            pool[i] = keys[i % n];
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = POOL - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            byte[] t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return pool;
    }

    /** {@code POOL} seeded draws from commons-math3's Zipf distribution over [1, n], as key indices [0, n). */
    static byte[][] zipf(int n, long seed) {
        byte[][] keys = encoded(n);
        ZipfDistribution z = new ZipfDistribution(new Well19937c(seed), n, ZIPF_EXPONENT);
        byte[][] pool = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            pool[i] = keys[z.sample() - 1];
        }
        return pool;
    }

    /** What run.json says of the keys of a run that sends any: enough to rebuild the sequences. */
    public static java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("encoding", "the key index in [0, N) as a decimal string, UTF-8 (ProducerPerformance's --key-distribution keys)");
        m.put("sequence", POOL + " keys, cycled: uniform:N each key POOL/N times or once more, shuffled; zipf:N independent draws");
        m.put("seed", SEED);
        m.put("zipfExponent", ZIPF_EXPONENT);
        return m;
    }

    private static byte[][] encoded(int n) {
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = encode(i);
        }
        return keys;
    }
}
