package dev.kcb.bench.calibrate;

import java.util.Locale;

/** Why a calibration ratio leaves its band: the known differences between the tools, the plain loop and the suite. */
final class Reasons {
    private Reasons() {
    }

    static String producerTool(boolean randomPayload) {
        return (randomPayload ? "ProducerPerformance generates random payload bytes for every record (its --payload-file run does not); " : "")
                + "it records every record's latency in its stats and starts on a cold JVM: with --warmup-records its figures "
                + "begin after that many records, while its JIT may still be compiling, and with 0 they run from the first send to "
                + "producer close; the suite measures warm steady-state iterations (compare the plain loop's first and later passes)";
    }

    /** A prefix for a point outside its band: whether the 95% interval concludes, and if not, what to do. */
    static String uncertainty(Calibration.Verdict verdict, double ciLow, double ciHigh, double low, double high) {
        return switch (verdict) {
            case DIFFERS -> "";
            case INCONCLUSIVE -> String.format(Locale.ROOT, "inconclusive: the 95%% interval [%.2f, %.2f] reaches into the %.2f-%.2f band "
                    + "(more --repeats or a quieter machine narrow it). Known differences: ", ciLow, ciHigh, low, high);
            case NO_INTERVAL -> "no interval (one repeat on a side: run --repeats 3 or more to conclude). Known differences: ";
            case AGREES -> throw new IllegalArgumentException("a ratio whose interval lies in its band has no reason to give");
        };
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
