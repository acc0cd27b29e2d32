package dev.kcb.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real keyed run (fixtures/real-keys-run: {@code ./run.sh --run-id keys ProducerSendBenchmark.sendAsync -p partitions=4
 * -p keys=none,uniform:1000,zipf:1000 -p lingerMs=0,5 -p acks=1 -p batchSize=16384 -p messageSize=100 -f 1 -wi 4 -w 2 -i 4
 * -r 2}, local broker, 2 cores): the report shows records per request and per batch against keys, a bar per linger.ms,
 * and names keys as categories, not as a quantity that grows.
 */
class KeysReportTest {
    @TempDir
    static Path tmp;
    static Path out;
    static Fixtures.Result result;

    @BeforeAll
    static void render() {
        out = tmp.resolve("out");
        result = cli("report", fixture("real-keys-run").toString(), "--out", out.toString());
    }

    @Test
    void drawsRecordsPerRequestAndPerBatchAgainstKeys() throws Exception {
        assertThat(result.exit()).as(result.err()).isZero();
        for (String name : List.of("producer-records-per-batch-vs-keys.png", "producer-records-per-request-vs-keys.png")) {
            BufferedImage img = ImageIO.read(out.resolve(name).toFile());
            assertThat(img).as(name).isNotNull();
            assertThat(img.getWidth()).isEqualTo(900);
        }
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("| keys |", "records per batch (records)", "Records per batch per keys for each linger.ms",
                "Records per request per keys").doesNotContain("as keys grows");
        // a numeric sweep keeps its wording
        assertThat(md).contains("Acked throughput as linger.ms grows for each keys");
    }
}
