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
    PAIRED("paired t");

    private final String label;

    TestKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
