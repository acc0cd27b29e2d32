package dev.kcb.bench.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys param: its pools' shapes and seeds, the keys' bytes against ProducerPerformance's own, and the refusals. */
class KeysTest {

    private static Map<String, Integer> counts(byte[][] pool) {
        Map<String, Integer> out = new HashMap<>();
        for (byte[] k : pool) {
            out.merge(new String(k, java.nio.charset.StandardCharsets.UTF_8), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void noneSendsNullKeys() {
        assertThat(Keys.of("none", 7)).isNull();
        assertThat(Keys.parse("none").keyed()).isFalse();
    }

    @Test
    void uniformSendsEveryOneOfItsKeysEvenly() {
        Map<String, Integer> c = counts(Keys.of("uniform:1000", 7));
        assertThat(c).hasSize(1000).containsKeys("0", "999").doesNotContainKey("1000");
        // 2^20 keys over 1000: each 1048 or 1049 times
        assertThat(c.values().stream().mapToInt(Integer::intValue).min().getAsInt()).isEqualTo(Keys.POOL / 1000);
        assertThat(c.values().stream().mapToInt(Integer::intValue).max().getAsInt()).isEqualTo(Keys.POOL / 1000 + 1);
        // all of them even at the largest N, which independent draws would leave a third of unsent
        assertThat(counts(Keys.of("uniform:" + Keys.MAX_KEYS, 7))).hasSize(Keys.MAX_KEYS);
    }

    @Test
    void uniformIsShuffledNotInKeyOrder() {
        byte[][] pool = Keys.of("uniform:1000", 7);
        long inOrder = java.util.stream.IntStream.range(1, 10_000)
                .filter(i -> Integer.parseInt(new String(pool[i])) == (Integer.parseInt(new String(pool[i - 1])) + 1) % 1000).count();
        assertThat(inOrder).as("consecutive keys k, k+1 (about 1 in 1000 by chance)").isLessThan(50);
    }

    @Test
    void zipfsMostFrequentKeyIsFarMoreFrequentThanTheMedianKey() {
        Map<String, Integer> c = counts(Keys.of("zipf:1000", 7));
        int top = c.getOrDefault("0", 0);
        // Zipf with exponent 1 over 1000 keys: key 0 takes 1/H(1000) = 13.4% of the draws, key 9 a tenth of that
        assertThat((double) top / Keys.POOL).isBetween(0.12, 0.15);
        assertThat(c.values().stream().mapToInt(Integer::intValue).max().getAsInt()).isEqualTo(top);
        assertThat((double) top / c.getOrDefault("9", 1)).isBetween(8.0, 12.0);
        int[] sorted = c.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        assertThat(top).isGreaterThan(100 * sorted[sorted.length / 2]);
        assertThat(c.keySet()).allSatisfy(k -> assertThat(Integer.parseInt(k)).isBetween(0, 999));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uniform:1000", "zipf:1000", "uniform:1", "zipf:1"})
    void theSameSeedGivesTheSameSequenceAndAnotherSeedAnother(String keys) {
        assertThat(Keys.of(keys, 7)).isDeepEqualTo(Keys.of(keys, 7));
        if (!keys.endsWith(":1")) {
            assertThat(Arrays.deepEquals(Keys.of(keys, 7), Keys.of(keys, 8))).isFalse();
        } else {
            assertThat(counts(Keys.of(keys, 7))).containsOnlyKeys("0");
        }
    }

    /**
     * The bytes ProducerPerformance sends as keys, from its own {@code generateKey} in the kafka-tools jar calibrate runs
     * (dist/tools/target/lib, built before this module): the decimal integer in UTF-8, so both hash to the same partitions.
     */
    @Test
    void keysAreEncodedAsProducerPerformanceEncodesThem() throws Exception {
        Path lib = dev.kcb.bench.testing.TestBroker.home().resolve("dist/tools/target/lib");
        assertThat(lib).as("kafka-tools jars (mvn -B -DskipTests package builds them)").isDirectory();
        URL[] jars;
        try (Stream<Path> s = Files.list(lib)) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).map(p -> {
                try {
                    return p.toUri().toURL();
                } catch (java.net.MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(URL[]::new);
        }
        try (URLClassLoader tools = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            Class<?> pp = tools.loadClass("org.apache.kafka.tools.ProducerPerformance");
            Class<?> dist = tools.loadClass("org.apache.kafka.tools.ProducerPerformance$KeyDistribution");
            Method generate = pp.getDeclaredMethod("generateKey", dist, Integer.class, long.class, SplittableRandom.class);
            generate.setAccessible(true);
            Object random = dist.getMethod("fromString", String.class).invoke(null, "random");
            Object none = dist.getMethod("fromString", String.class).invoke(null, "none");
            // the same draws: the tool's nextInt(N) on its SplittableRandom, encoded by the tool and by Keys
            SplittableRandom theirs = new SplittableRandom(0);
            SplittableRandom ours = new SplittableRandom(0);
            Set<String> seen = new HashSet<>();
            for (long i = 0; i < 20_000; i++) {
                byte[] key = (byte[]) generate.invoke(null, random, 1000, i, theirs);
                assertThat(key).isEqualTo(Keys.encode(ours.nextInt(1000)));
                seen.add(new String(key, java.nio.charset.StandardCharsets.UTF_8));
            }
            // and the keys the tool sends are the keys uniform:1000 sends
            assertThat(seen).isEqualTo(counts(Keys.of("uniform:1000", 7)).keySet());
            assertThat(generate.invoke(null, none, null, 0L, new SplittableRandom(0))).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uniform:0", "zipf:-3", "uniform:1048577", "zipf", "uniform:", "hash:10", "uniform:ten", "Uniform:10", "null"})
    void badValuesAreRefusedNamingTheParamAndWhatIsAllowed(String value) {
        assertThat(Keys.parse(value)).isNull();
        assertThatThrownBy(() -> ParamRules.check("keys", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid value '" + value + "' for param keys")
                .hasMessageContaining("allowed: none, uniform:N, zipf:N (N distinct keys, an integer from 1 to 1048576)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "uniform:1", "uniform:1000", "zipf:1000", "zipf:1048576"})
    void goodValuesPass(String value) {
        assertThat(ParamRules.check("keys", value)).isEqualTo(value);
        assertThat(ParamRules.known("keys")).isTrue();
    }

    @Test
    void keysSetNoClientPropertySoDefaultIsNotAValue() {
        assertThat(ParamRules.kafkaProperty("keys")).isNull();
        assertThatThrownBy(() -> ParamRules.check("keys", "default")).hasMessageContaining("param keys");
    }
}
