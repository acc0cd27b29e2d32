package dev.kcb.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.kcb.report.Fixtures.cli;
import static dev.kcb.report.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real run (fixtures/real-txn-groups-run: {@code ./run.sh --profile full --broker local 'ProducerSendBenchmark.sendAsync|
 * TransactionalProducerBenchmark|ConsumerPollBenchmark' -p acks=all -p lingerMs=5 -p batchSize=16384 -p messageSize=1024
 * -p compressionType=none -p recordsPerTransaction=100,1000,10000 -p mode=assign,commitSync -p maxPollRecords=500 -f 3 -wi 3
 * -w 2 -i 4 -r 2}, 2 cores): the report draws throughput against records per transaction, and consumer throughput per
 * group mode, and its table shows commit latency and aborted transactions.
 */
class TransactionsReportTest {
    @TempDir
    static Path tmp;
    static Path out;
    static Fixtures.Result result;

    @BeforeAll
    static void render() {
        out = tmp.resolve("out");
        result = cli("report", fixture("real-txn-groups-run").toString(), "--out", out.toString(), "--charts-dir", tmp.resolve("charts").toString());
    }

    @Test
    void drawsThroughputAgainstRecordsPerTransactionAndConsumerThroughputPerMode() throws Exception {
        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(out.resolve("txn-acked-mbps-vs-records-per-transaction.png")).isRegularFile();
        assertThat(out.resolve("txn-commit-p99-vs-records-per-transaction.png")).isRegularFile();
        assertThat(out.resolve("consumer-mbps-vs-mode.png")).isRegularFile();
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("Producer: transactions", "commit p99", "aborted transactions", "commit rate", "mode=commitSync");
    }
}
