package dev.kcb.bench.suite;

/** What the runner's exit status means; run.sh and CI rely on these. */
public final class ExitCodes {
    /** Every benchmark ran and no send failed. */
    public static final int OK = 0;
    /** A benchmark failed (send errors, broker died mid-run, a JMH error). Finished results are kept. */
    public static final int BENCHMARK_FAILED = 1;
    /** Bad arguments, params, profile or client config, or an unwritable results dir; nothing was started. */
    public static final int USAGE = 2;
    /** The broker did not start or could not be reached. */
    public static final int BROKER_UNAVAILABLE = 3;

    private ExitCodes() {
    }
}
