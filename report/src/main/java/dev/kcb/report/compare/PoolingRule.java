package dev.kcb.report.compare;

import org.apache.commons.math3.distribution.FDistribution;

/** When the preliminary fork-effect F-test lets iterations be pooled ("sometimes-pool" rules). */
public enum PoolingRule {
    /** Pool when the F-test's p &ge; 0.25 (Bancroft 1964: a liberal preliminary level, so a real effect is rarely pooled away). */
    BANCROFT_025("p >= 0.25"),
    /** Pool when F &lt; 2 F<sub>0.50</sub>(df1, df2), twice the median of the null F distribution (Paull 1950). */
    PAULL("F < 2 x median F");

    public static final PoolingRule DEFAULT = BANCROFT_025;

    private final String text;

    PoolingRule(String text) {
        this.text = text;
    }

    /** The rule as a short text for footnotes: "p >= 0.25". */
    public String text() {
        return text;
    }

    /** @param test {F, p, df1, df2} from the preliminary test; NaN/infinite F (no within-fork noise) never pools */
    boolean pool(double[] test) {
        double f = test[0];
        if (!Double.isFinite(f)) {
            return false;
        }
        return switch (this) {
            case BANCROFT_025 -> test[1] >= 0.25;
            case PAULL -> f < 2 * new FDistribution(null, test[2], test[3]).inverseCumulativeProbability(0.5);
        };
    }
}
