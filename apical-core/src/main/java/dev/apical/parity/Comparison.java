package dev.apical.parity;

/// The comparison of one array with its reference.
///
/// @param array      fixture-relative path, e.g. `step0/forward/H1E.npy`
/// @param category   tolerance category from the fixture manifest (e.g. `step0_forward`)
/// @param maxAbs     largest |x − ref|
/// @param maxRel     largest |x − ref| / |ref| over elements with ref != 0
/// @param failures   number of elements outside the tolerance
/// @param worstIndex flat index of the element with the largest tolerance ratio
/// @param problem    why the array could not be compared (missing, shape mismatch), or null
public record Comparison(String array, String category, Tolerance tolerance, int elements, double maxAbs, double maxRel,
                         int failures, int worstIndex, double worstValue, double worstReference, String problem) {
    public boolean pass() {
        return problem == null && failures == 0;
    }

    /// Compares `actual` with `reference` elementwise.
    public static Comparison of(String array, String category, Tolerance tol, float[] actual, float[] reference) {
        if (actual.length != reference.length)
            return failed(array, category, tol, "has " + actual.length + " elements here, " + reference.length + " in the reference");
        double maxAbs = 0, maxRel = 0, worstRatio = -1;
        int failures = 0, worst = -1;
        for (int i = 0; i < actual.length; i++) {
            double a = actual[i], r = reference[i];
            double d = Math.abs(a - r);
            if (Double.isNaN(d)) d = Double.POSITIVE_INFINITY;
            maxAbs = Math.max(maxAbs, d);
            if (r != 0) maxRel = Math.max(maxRel, d / Math.abs(r));
            double ratio = d / (tol.atol() + tol.rtol() * Math.abs(r));
            if (!(d <= tol.atol() + tol.rtol() * Math.abs(r))) failures++;
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = i;
            }
        }
        return new Comparison(array, category, tol, actual.length, maxAbs, maxRel, failures, worst,
                worst >= 0 ? actual[worst] : Double.NaN, worst >= 0 ? reference[worst] : Double.NaN, null);
    }

    public static Comparison failed(String array, String category, Tolerance tol, String problem) {
        return new Comparison(array, category, tol, 0, Double.NaN, Double.NaN, 0, -1, Double.NaN, Double.NaN, problem);
    }
}
