package dev.apical.spec;

/// Closed interval a weight or bias is clamped to after every update; an infinite side means "no bound"
/// (EIANN `null`). Dale's law is expressed as `[0, +inf)` for excitatory and `(-inf, 0]` for inhibitory
/// presynaptic populations.
public record Bounds(double lo, double hi) {
    public static final Bounds NONE = new Bounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    public Bounds {
        if (Double.isNaN(lo) || Double.isNaN(hi)) throw new IllegalArgumentException("bounds must not be NaN");
        if (lo > hi) throw new IllegalArgumentException("lower bound " + lo + " is above upper bound " + hi);
    }

    public boolean hasLower() {
        return lo != Double.NEGATIVE_INFINITY;
    }

    public boolean hasUpper() {
        return hi != Double.POSITIVE_INFINITY;
    }

    public boolean isNone() {
        return !hasLower() && !hasUpper();
    }

    @Override
    public String toString() {
        return "[" + (hasLower() ? lo : "null") + ", " + (hasUpper() ? hi : "null") + "]";
    }
}
