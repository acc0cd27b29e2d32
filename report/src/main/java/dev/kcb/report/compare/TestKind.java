package dev.kcb.report.compare;

/** Which t-test a {@link Comparison} used (see {@link Statistics}). */
public enum TestKind {
    /** Welch's unequal-variance t with Welch-Satterthwaite df: pooled iterations, or sides of different shapes. */
    WELCH("Welch t"),
    /**
     * Per-fork means on both sides with the same forks &times; iterations: the nested-ANOVA t, one fork-mean
     * variance estimated from both sides, 2(F-1) df.
     */
    NESTED("nested t"),
    /** The two sides of one ab, fork i of each run next to each other: the one-sample t on ln(B_i / A_i), n-1 df. */
    PAIRED("paired t"),
    /**
     * The two sides of one ab taking turns inside each fork (A B B A ...): the one-sample t on the ln ratios of the
     * paired iterations, all pooled (n-1 df) because the fork-to-fork spread of the ratios was not significant.
     */
    SLICES_POOLED("paired slices, pooled"),
    /** As {@link #SLICES_POOLED}, but the forks' mean ln ratios differed significantly: t on those means, F-1 df. */
    SLICES_FORKS("paired slices, per-fork means");

    private final String label;

    TestKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for the tests of an ab whose sides took turns inside each fork. */
    public boolean sliced() {
        return this == SLICES_POOLED || this == SLICES_FORKS;
    }

    /** True for the tests on ln ratios, whose interval is exp(mean &plusmn; t se) - 1. */
    public boolean logRatio() {
        return this == PAIRED || this == SLICES_POOLED || this == SLICES_FORKS;
    }
}
