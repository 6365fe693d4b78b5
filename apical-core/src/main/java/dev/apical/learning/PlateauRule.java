package dev.apical.learning;

/// Settings a dendritic backward pass reads from the first rule of each population (eiann-spec 6, Q10).
public interface PlateauRule {
    /// Zero the local error of units whose forward activity is exactly 0 (Q1).
    boolean reluGate();

    /// At most ceil(maxPopFraction · N) units get a positive and a negative plateau each.
    double maxPopFraction();

    /// Select units by Bernoulli draws with probability |error| instead of sorting.
    boolean stochastic();

    /// If not NaN, units whose forward activity is at or below it get no plateau (BTSP's `neg_rate_th`).
    default double negRateThreshold() {
        return Double.NaN;
    }
}
