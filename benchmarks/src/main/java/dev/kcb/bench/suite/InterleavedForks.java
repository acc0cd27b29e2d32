package dev.kcb.bench.suite;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Forks of one configuration on several sides against one broker, one single-fork JMH invocation each, each side's
 * forks going to its own {@link JmhSegments} (its own result dir): round {@code r} runs fork {@code r} of every side,
 * in the order {@code order} gives for that round. {@code ab} swaps the order every round (A B, B A, ...); the
 * version matrix keeps it (v1 v2 v3, v1 v2 v3, ...). Slow drift of the machine then reaches every side alike.
 */
final class InterleavedForks {
    /**
     * One side: its name (for messages), where its forks go, the system properties its forks get besides the run's,
     * and JMH's results of its forks so far (one per fork, in order).
     */
    record Side(String name, JmhSegments segments, List<String> sysProps, List<RunResult> results) {
        Side(String name, JmhSegments segments, List<String> sysProps) {
            this(name, segments, sysProps, new java.util.ArrayList<>());
        }
    }

    /** Called before each fork: {@code k} counts the forks of the whole command from 1. */
    interface Announce {
        void before(int k, Side side, int round, int rounds);
    }

    private InterleavedForks() {
    }

    /**
     * Runs {@code rounds} rounds of {@code c} (whose fork count is taken as 1 per invocation).
     *
     * @param k0 forks already run by the command (for {@link Announce})
     * @return null when every fork finished, else one line saying which failed and why
     */
    static String run(Plan.Config c, int rounds, IntFunction<List<Side>> order, int k0, Announce announce) {
        Plan.Config oneFork = c.withForks(1);
        int k = k0;
        for (int round = 1; round <= rounds; round++) {
            for (Side side : order.apply(round)) {
                announce.before(++k, side, round, rounds);
                try {
                    side.results().addAll(side.segments().run(oneFork, side.sysProps()));
                } catch (RunnerException e) {
                    return c.label() + " (" + side.name() + ", fork " + round + ") failed: " + SuiteRunner.rootMessage(e);
                } catch (IOException e) {
                    return "cannot write " + side.name() + "/jmh.json: " + e.getMessage();
                }
            }
        }
        return null;
    }
}
