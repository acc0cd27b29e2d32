package dev.kcb.bench.calibrate;

import java.util.Locale;

/** Why a calibration ratio leaves its band: the known differences between the tools, the plain loop and the suite. */
final class Reasons {
    private Reasons() {
    }

    static String producerTool(boolean randomPayload) {
        return (randomPayload ? "ProducerPerformance generates random payload bytes for every record (its --payload-file run does not); " : "")
                + "it records every record's latency in its stats, runs on a cold JVM (no warm-up) and counts from the first send "
                + "to producer close; the suite measures warm steady-state iterations (compare the plain loop's first and later passes)";
    }

    /** A prefix when the suite's own 99.9% CI is wider than the band: then the gap may be the machine's noise alone. */
    static String noise(Calibration.Measurement suite, double low, double high) {
        double band = (high - low) / 2;
        return Double.isFinite(suite.relativeError()) && suite.relativeError() > band
                ? String.format(Locale.ROOT, "not significant: the suite's own 99.9%% CI is ±%.0f%%, wider than this ±%.0f%% band "
                + "(a busy machine or too few iterations; re-measure on a quiet machine with more iterations). Known differences: ",
                100 * suite.relativeError(), 100 * band)
                : "";
    }

    static final String CONSUMER_TOOL = "ConsumerPerformance turns CRC checks off (check.crcs=false) and uses a 2 MiB socket receive buffer "
            + "(--socket-buffer-size; the client default is 64 KiB); it reads the log once on a cold JVM and its fetch rate, "
            + "used here, leaves out the group join; the suite rereads a warm log with Kafka's consumer defaults (CRC and buffer favour the tool, "
            + "the warm log favours the suite)";

    /**
     * The suite against the plain loop: the same client and config, so a gap is the harness's (or the machine's).
     * Says which way, by how much, and what the numbers beside it show.
     */
    static String harness(double ratio, Calibration.Measurement suite, Calibration.Measurement cold, Calibration.Measurement plain) {
        String spread = cold == null || cold.error() != null ? ""
                : String.format(Locale.ROOT, " The plain loop's cold first pass ran at %.2f of its warm passes.", cold.recordsPerSec() / plain.recordsPerSec());
        String detail = " Suite: " + suite.detail() + "; plain loop: " + plain.detail() + "." + spread;
        if (ratio < 1) {
            return String.format(Locale.ROOT, "the harness is costing %.0f%%: JMH's loop around send()/poll() (per-op error check and payload pick, "
                    + "iteration boundaries, the JMH worker thread competing for 2 cores with the sender thread and the broker) "
                    + "or the machine's load changed between the two.", (1 - ratio) * 100) + detail;
        }
        return String.format(Locale.ROOT, "the suite measured %.0f%% more than the plain loop: the plain loop's time includes ramp-up and "
                + "the drain of its last batches (first send to last ack), which JMH's steady-state iterations leave out, "
                + "or the machine's load changed between the two.", (ratio - 1) * 100) + detail;
    }
}
