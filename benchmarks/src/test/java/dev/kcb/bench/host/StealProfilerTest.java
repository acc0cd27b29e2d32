package dev.kcb.bench.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The host's steal share between two /proc/stat readings (lines as this 2-core VM printed them). */
class StealProfilerTest {
    private static final String BEFORE = """
            cpu  246794 0 50693 1348379 5595 0 5662 5905 0 0
            cpu0 123208 0 24046 676506 2038 0 2846 2931 0 0
            cpu1 123586 0 26646 671873 3557 0 2816 2973 0 0
            intr 1 2 3
            """;

    @Test
    void stealIsItsShareOfAllCpusTime() {
        long[] before = StealProfiler.parse(BEFORE);
        assertThat(before).containsExactly(246794 + 50693 + 1348379 + 5595 + 5662 + 5905, 5905);
        // 2 CPUs x 2 s at 100 jiffies/s = 400 jiffies, 120 of them stolen
        long[] after = {before[0] + 400, before[1] + 120};
        assertThat(StealProfiler.percent(before, after)).isCloseTo(30.0, within(1e-9));
        assertThat(StealProfiler.percent(before, before)).isNaN();
        assertThat(StealProfiler.percent(null, after)).isNaN();
    }

    @Test
    void noStealColumnNoFigure() {
        assertThat(StealProfiler.parse("cpu  1 2 3 4\n")).isNull();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisMachine() throws Exception {
        long[] now = StealProfiler.parse(Files.readString(Path.of("/proc/stat")));
        assertThat(now).isNotNull();
        assertThat(now[1]).isBetween(0L, now[0]);
    }
}
