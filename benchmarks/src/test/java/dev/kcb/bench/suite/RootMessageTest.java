package dev.kcb.bench.suite;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure line a run prints: the innermost cause, through JMH's suppressed exceptions, and never stuck in a cycle. */
class RootMessageTest {

    @Test
    void followsCausesAndThenSuppressedExceptionsToTheInnermostOne() {
        RunnerException jmh = new RunnerException("Benchmark caught the exception");
        Exception forkFailure = new Exception("<failure>");
        forkFailure.addSuppressed(new IllegalStateException("send failed", new KafkaException("Topic kcb-x not present in metadata\nsecond line")));
        jmh.addSuppressed(forkFailure);
        assertThat(SuiteRunner.rootMessage(jmh)).isEqualTo("Topic kcb-x not present in metadata");
    }

    @Test
    void aSuppressedExceptionWhoseCauseIsTheOneItHangsOnEndsTheWalk() throws Exception {
        // the shape a fatal transactional error had: the producer's "error state" exception, caused by the fatal error,
        // suppressed on that same fatal error (an earlier runner spun on this forever, after the run had failed)
        InvalidTxnStateException fatal = new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state.");
        fatal.addSuppressed(new KafkaException("Cannot execute transactional method because we are in an error state", fatal));
        RunnerException jmh = new RunnerException("Benchmark caught the exception", new IllegalStateException("transaction aborted", fatal));
        String m = CompletableFuture.supplyAsync(() -> SuiteRunner.rootMessage(jmh)).get(10, TimeUnit.SECONDS);
        assertThat(m).isEqualTo("Cannot execute transactional method because we are in an error state");
    }

    @Test
    void aMessagelessRootIsNamedByItsClass() {
        assertThat(SuiteRunner.rootMessage(new RunnerException("x", new NullPointerException()))).isEqualTo("NullPointerException");
    }
}
