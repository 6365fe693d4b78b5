package dev.apical.parity;

import java.util.List;

/// All comparisons of one fixture run, in the order they were made.
public record ParityReport(String fixture, int steps, List<Comparison> comparisons) {
    public ParityReport {
        comparisons = List.copyOf(comparisons);
    }

    public boolean pass() {
        return !comparisons.isEmpty() && comparisons.stream().allMatch(Comparison::pass);
    }

    public long failures() {
        return comparisons.stream().filter(c -> !c.pass()).count();
    }

    /// Largest absolute error over all compared arrays of a category prefix (e.g. `step0`, `final`), or NaN.
    public double maxAbs(String arrayPrefix) {
        return comparisons.stream().filter(c -> c.array().startsWith(arrayPrefix) && c.problem() == null)
                .mapToDouble(Comparison::maxAbs).max().orElse(Double.NaN);
    }

    /// Largest relative error over all compared arrays with the prefix, or NaN.
    public double maxRel(String arrayPrefix) {
        return comparisons.stream().filter(c -> c.array().startsWith(arrayPrefix) && c.problem() == null)
                .mapToDouble(Comparison::maxRel).max().orElse(Double.NaN);
    }
}
