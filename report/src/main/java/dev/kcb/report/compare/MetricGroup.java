package dev.kcb.report.compare;

/**
 * Which verdict table a compared metric belongs to. Speed and cost are judged by the same test and threshold, and
 * either regressing makes {@code compare} exit 1, but they are shown apart: a config can be as fast and cost 40%
 * more CPU per record, and a throughput table that hides that would be read as "no change".
 */
public enum MetricGroup {
    /** Throughput and latency: the score, acked and consumed rates, latency percentiles. */
    SPEED("throughput and latency"),
    /** Client CPU, broker CPU and client allocation per acknowledged or consumed record; lower is better. */
    COST("cost per record");

    private final String title;

    MetricGroup(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
