package dev.kcb.report.compare;

/** Which t-test a {@link Comparison} used (see {@link Statistics}). */
public enum TestKind {
    /** Welch's unequal-variance t with Welch-Satterthwaite df: pooled iterations, or sides of different shapes. */
    WELCH("Welch t"),
    /**
     * Per-fork means on both sides with the same forks &times; iterations: the nested-ANOVA t, one fork-mean
     * variance estimated from both sides, 2(F-1) df.
     */
    NESTED("nested t");

    private final String label;

    TestKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
