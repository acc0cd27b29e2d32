package dev.kcb.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two sides of a real ab ({@code ./run.sh ab --broker local --brokers 3 --baseline-config acks=1
 * --candidate-config acks=all ProducerSendBenchmark.sendAsync -p messageSize=100,1024 ...}, 5 forks per side;
 * fixtures/real-ab-run): their report opens with compare's verdict and chart, so a published page carries it.
 */
class AbReportTest {
    @TempDir
    static Path tmp;
    static Fixtures.Result result;
    static String md;

    @BeforeAll
    static void render() throws Exception {
        Path run = fixture("real-ab-run");
        result = cli("report", run.resolve("baseline").toString(), run.resolve("candidate").toString(), "--label", "acks=1",
                "--label", "acks=all", "--out", tmp.resolve("out").toString(), "--charts-dir", tmp.resolve("charts").toString(),
                "--publish", tmp.resolve("docs").toString());
        md = Files.readString(tmp.resolve("out/report.md"));
    }

    @Test
    void thePageOpensWithTheVerdictOfTheAb() {
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(md.indexOf("## A/B verdict")).isPositive().isLessThan(md.indexOf("## Environment"));
        assertThat(md).contains("**3 regressions, 0 improvements, 3 unchanged**")
                .contains("baseline `acks=1`, candidate `acks=all`")
                .contains("| ProducerSendBenchmark.sendAsync | acks=1→all, batchSize=16384, compressionType=none, lingerMs=5, "
                        + "messageSize=1024, sharedProducer=false | acked MB/s | 46.59 | 20.12 | -57.2% [-65.1, -47.6] | <0.001 | ±28.9% | pairs | **regressed** |")
                .contains("CI at 98% confidence")
                .contains("![Change per metric](ab-change.png)");
    }

    @Test
    void theVerdictChartIsWrittenAndPublished() throws Exception {
        for (Path png : new Path[]{tmp.resolve("out/ab-change.png"), tmp.resolve("docs/ab-change.png")}) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img).as(png.toString()).isNotNull();
            assertThat(img.getWidth()).isGreaterThan(600);
        }
        assertThat(Files.readString(tmp.resolve("docs/README.md"))).contains("## A/B verdict");
        assertThat(Files.readString(tmp.resolve("out/report.html"))).contains("A/B verdict").contains("data:image/png;base64");
    }

    @Test
    void twoOrdinaryRunsGetNoVerdictSection() throws Exception {
        Fixtures.Result plain = cli("report", fixture("quick-run").toString(), fixture("quick-run-b").toString(),
                "--out", tmp.resolve("plain").toString(), "--charts-dir", tmp.resolve("charts2").toString());
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(Files.readString(tmp.resolve("plain/report.md"))).doesNotContain("A/B verdict");
        assertThat(tmp.resolve("plain/ab-change.png")).doesNotExist();
    }
}
