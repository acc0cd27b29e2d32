package dev.kcb.bench.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TrialUsersTest {

    @Test
    void waitsUntilEveryThreadLeft() throws Exception {
        TrialUsers users = new TrialUsers();
        users.enter();
        users.enter();
        users.leave();
        CountDownLatch done = new CountDownLatch(1);
        boolean[] result = new boolean[1];
        Thread waiter = new Thread(() -> {
            result[0] = users.awaitNone(Duration.ofSeconds(30));
            done.countDown();
        });
        waiter.start();
        // one thread is still in: the teardown must not go on
        assertThat(done.await(300, TimeUnit.MILLISECONDS)).isFalse();
        users.leave();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(result[0]).isTrue();
    }

    @Test
    void givesUpAfterTheTimeoutSoTeardownNeverHangs() {
        TrialUsers users = new TrialUsers();
        users.enter();
        long t0 = System.nanoTime();
        assertThat(users.awaitNone(Duration.ofMillis(200))).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void noUsersReturnsAtOnce() {
        assertThat(new TrialUsers().awaitNone(Duration.ZERO)).isTrue();
    }
}
