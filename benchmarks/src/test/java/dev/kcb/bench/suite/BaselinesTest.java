package dev.kcb.bench.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselinesTest {
    @TempDir
    Path results;

    private Path run(String id, String json, String... extra) throws Exception {
        Path dir = Files.createDirectories(results.resolve(id));
        Files.writeString(dir.resolve("jmh.json"), json);
        for (String f : extra) {
            Files.writeString(dir.resolve(f), "x");
        }
        return dir;
    }

    @Test
    void savingReplacesAnEarlierBaselineAsAWhole() throws Exception {
        Path dest = Baselines.save(run("r1", "[1]", "only-in-r1.txt"), results, "main");
        assertThat(dest).isEqualTo(results.resolve("baselines/main"));
        Baselines.save(run("r2", "[2]"), results, "main");
        assertThat(Files.readString(dest.resolve("jmh.json"))).isEqualTo("[2]");
        assertThat(dest.resolve("only-in-r1.txt")).as("nothing of the old baseline mixed into the new").doesNotExist();
        try (var left = Files.list(results.resolve("baselines"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("main");
        }
    }

    @Test
    void aNameIsOnePathSegment() {
        Baselines.checkName("main");
        Baselines.checkName("kafka-4.4.0_tuned");
        Baselines.checkName(null);
        for (String bad : new String[]{"../x", "a/b", ".hidden", "", "a b"}) {
            assertThatThrownBy(() -> Baselines.checkName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--save-baseline");
        }
    }

    @Test
    void aMissingBaselineIsFoundBeforeTheRunNotAfter() throws Exception {
        assertThatThrownBy(() -> Baselines.checkExists("nosuch", results)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--baseline nosuch: no saved baseline at " + results.resolve("baselines/nosuch")
                        + " (save one with --save-baseline nosuch, or give a results dir or jmh.json)");
        Baselines.save(run("r1", "[]"), results, "main");
        Baselines.checkExists("main", results);
        Baselines.checkExists(results.resolve("r1").toString(), results);
        Baselines.checkExists(results.resolve("r1/jmh.json").toString(), results);
        Baselines.checkExists(null, results);
    }
}
