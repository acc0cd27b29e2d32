package dev.kcb.bench.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The payload param on the consumer and end-to-end benchmarks, as the runner plans it: the same values as the
 * producer's, checked before any broker starts, and for end-to-end latency, room in every record for its 16-byte stamp.
 */
class PayloadParamsTest {
    @TempDir
    Path tmp;

    private static Plan plan(String... args) throws Exception {
        return Plan.build(Profile.load("smoke"), new CommandLineOptions(args), SuiteRunner.userParams(List.of(args)));
    }

    @Test
    void consumerAndEndToEndTakeThePayloadParamAtRandomByDefault() throws Exception {
        Plan p = plan("ConsumerPollBenchmark.poll|EndToEndLatencyBenchmark.endToEnd");
        assertThat(p.configs()).hasSize(2).allSatisfy(c -> assertThat(c.params()).containsEntry("payload", "random"));
        Path lines = Files.writeString(tmp.resolve("events.jsonl"), "{\"id\":1,\"kind\":\"page_view\"}\n");
        Plan q = plan("ConsumerPollBenchmark.poll|EndToEndLatencyBenchmark.endToEnd", "-p", "payload=text,file:" + lines);
        assertThat(q.configs()).extracting(c -> c.params().get("payload")).containsExactlyInAnyOrder("text", "file:" + lines,
                "text", "file:" + lines);
    }

    @Test
    void badPayloadsAreRefusedForTheConsumerAndEndToEndBeforeAnythingStarts() throws Exception {
        Path empty = Files.write(tmp.resolve("empty.bin"), new byte[0]);
        for (String benchmark : List.of("ConsumerPollBenchmark.poll", "EndToEndLatencyBenchmark.endToEnd")) {
            assertThatThrownBy(() -> plan(benchmark, "-p", "payload=json")).hasMessageContaining("invalid value 'json' for param payload");
            assertThatThrownBy(() -> plan(benchmark, "-p", "payload=file:" + tmp.resolve("nope.jsonl")))
                    .hasMessageContaining("does not exist");
            assertThatThrownBy(() -> plan(benchmark, "-p", "payload=lpfile:" + empty)).hasMessageContaining("no length-prefixed record");
        }
    }

    @Test
    void endToEndRefusesAFileWithARecordTooShortForTheStampAndTakesOneWithout() throws Exception {
        Path lines = Files.writeString(tmp.resolve("short.jsonl"), "{\"id\":1,\"kind\":\"page_view\"}\n{\"id\":2}\n");
        assertThatThrownBy(() -> plan("EndToEndLatencyBenchmark.endToEnd", "-p", "payload=file:" + lines))
                .hasMessageContaining("1 of its 2 records are shorter than 16 bytes, the shortest 8")
                .hasMessageContaining("over its first 16 bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        // the consumer sends such records as they are
        assertThat(plan("ConsumerPollBenchmark.poll", "-p", "payload=file:" + lines).configs()).hasSize(1);
        Path bin = Files.write(tmp.resolve("ok.bin"), ByteBuffer.allocate(4 + 16).putInt(16).put(new byte[16]).array());
        assertThat(plan("EndToEndLatencyBenchmark.endToEnd", "-p", "payload=lpfile:" + bin).configs()).hasSize(1);
        // random and text: messageSize is each record's size, and needs the same room
        assertThatThrownBy(() -> plan("EndToEndLatencyBenchmark.endToEnd", "-p", "payload=text", "-p", "messageSize=8"))
                .hasMessageContaining("param messageSize").hasMessageContaining(">= 16");
        // a file's records set the sizes: messageSize does not apply to it
        assertThat(plan("EndToEndLatencyBenchmark.endToEnd", "-p", "payload=lpfile:" + bin, "-p", "messageSize=8").configs()).hasSize(1);
    }
}
