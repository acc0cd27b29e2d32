package dev.kcb.bench.faults;

import dev.kcb.bench.testing.SuiteProcess;
import dev.kcb.bench.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anything wrong with what the user typed is one line on stderr and exit 2, before a broker starts: the
 * runs here take seconds, and none prints a "broker:" line.
 */
class BadInputIT {
    @TempDir
    Path tmp;

    private SuiteProcess.Outcome run(String... args) throws Exception {
        Path results = tmp.resolve("results-" + System.nanoTime());
        SuiteProcess.Outcome o = SuiteProcess.run(results, 60, args);
        Children.showUserLines("bad input " + o.millis() + " ms", o.output());
        assertThat(o.exitCode()).as(o.output()).isEqualTo(2);
        assertThat(o.millis()).as("fails fast").isLessThan(10_000);
        assertThat(o.output()).doesNotContain("broker:").doesNotContain("broker up");
        assertThat(o.output().lines().filter(l -> l.startsWith("run.sh: ")).count()).as(o.output()).isEqualTo(1);
        return o;
    }

    @Test
    void missingClientConfig() throws Exception {
        assertThat(run("--broker", "local", "--client-config", tmp.resolve("nope.properties").toString()).output())
                .contains("--client-config").contains("no such file");
    }

    @Test
    void unreadableClientConfig() throws Exception {
        // a directory: unreadable as properties even for root, who can read any chmod-ed file
        assertThat(run("--broker", "local", "--client-config", tmp.toString()).output())
                .contains("--client-config").contains("is a directory");
    }

    @Test
    void malformedClientConfig() throws Exception {
        Path f = tmp.resolve("bad.properties");
        Files.writeString(f, "acks=all\nsasl.jaas.config=\\u12zz\n");
        assertThat(run("--broker", "local", "--client-config", f.toString()).output())
                .contains("--client-config").contains("malformed");
    }

    @Test
    void mistypedClientConfigKey() throws Exception {
        Path f = Files.writeString(tmp.resolve("typo.properties"), "lingr.ms=5\n");
        assertThat(run("--broker", "local", "--client-config", f.toString()).output())
                .contains("run.sh: --client-config " + f + ": lingr.ms is not a producer, consumer or admin config; did you mean linger.ms?");
    }

    @Test
    void sweptPropertyInTheClientConfig() throws Exception {
        Path f = Files.writeString(tmp.resolve("acks.properties"), "producer.acks=2\n");
        assertThat(run("--broker", "local", "--client-config", f.toString()).output())
                .contains("run.sh: --client-config " + f + ": producer.acks=2 sets acks, which the benchmarks sweep as param acks;"
                        + " give it as -p acks=2");
    }

    @Test
    void unknownProfile() throws Exception {
        assertThat(run("--broker", "local", "--profile", "nosuch").output()).contains("nosuch");
    }

    @Test
    void badParamValue() throws Exception {
        assertThat(run("--broker", "local", "-p", "acks=2").output())
                .contains("run.sh: invalid value '2' for param acks; allowed: 0, 1, all");
    }

    @Test
    void unwritableResultsDir() throws Exception {
        // below a regular file: no one, root included, can create it
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path out = tmp.resolve("out.log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(SuiteProcess.javaBin(), "-Dkcb.home=" + TestBroker.home(), "-cp", TestBroker.benchmarksJar().toString(),
                "dev.kcb.bench.suite.SuiteRunner", "--broker", "local", "--profile", "smoke", "--results-dir", file.resolve("results").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out);
        Children.showUserLines("unwritable results dir", output);
        assertThat(p.exitValue()).as(output).isEqualTo(2);
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
        assertThat(output).contains("run.sh: results dir").contains("is not writable").doesNotContain("broker:");
    }
}
