package dev.kcb.report.compare;

/** The outcome for one (entry, metric). */
public enum Verdict {
    /** Better by more than the threshold, and p &lt; alpha. */
    IMPROVED,
    /** Worse by more than the threshold, and p &lt; alpha. */
    REGRESSED,
    /** Neither; also used when there are too few samples to tell (see {@link Comparison#insufficient()}). */
    UNCHANGED,
    /** In the baseline only. */
    MISSING,
    /** In the candidate only. */
    NEW;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
