package dev.apical.stats;

import java.util.Arrays;

/// Two-sided two-sample tests for comparing per-seed results of two models.
///
/// - [#student]: Student's t-test with pooled variance (scipy `ttest_ind(a, b)`, what the dendritic-gating
///   poster's `comparison.py` used): t = (m_a − m_b) / (s_p √(1/n_a + 1/n_b)),
///   s_p² = (Σ(a − m_a)² + Σ(b − m_b)²)/(n_a + n_b − 2), ν = n_a + n_b − 2;
/// - [#welch]: Welch's t-test (scipy `ttest_ind(a, b, equal_var=False)`): t = (m_a − m_b)/√(v_a/n_a + v_b/n_b),
///   ν by the Welch–Satterthwaite equation;
/// - [#mannWhitney]: Mann–Whitney U (scipy `mannwhitneyu(a, b, method="asymptotic")`): U = R_a − n_a(n_a + 1)/2
///   from mid-ranks, z = (|U − n_a n_b/2| − 1/2)/σ with the tie-corrected
///   σ² = n_a n_b/12 · ((n + 1) − Σ(t³ − t)/(n(n − 1))), p = 2·P(Z >= z) (normal approximation with continuity
///   correction).
///
/// p-values are NaN where the statistic is undefined (fewer than two values, or zero variance in both samples).
public final class TwoSampleTests {
    private TwoSampleTests() {}

    /// A test's statistic, degrees of freedom (NaN for U) and two-sided p-value.
    public record Result(String test, double statistic, double df, double p) {}

    public static Result student(double[] a, double[] b) {
        int na = a.length, nb = b.length;
        if (na < 1 || nb < 1 || na + nb < 3) return new Result("student", Double.NaN, Double.NaN, Double.NaN);
        double ma = SampleSummary.mean(a), mb = SampleSummary.mean(b);
        double df = na + nb - 2;
        double pooled = (SampleSummary.sumSquares(a, ma) + SampleSummary.sumSquares(b, mb)) / df;
        double t = (ma - mb) / Math.sqrt(pooled * (1.0 / na + 1.0 / nb));
        return new Result("student", t, df, pValue(t, df));
    }

    public static Result welch(double[] a, double[] b) {
        int na = a.length, nb = b.length;
        if (na < 2 || nb < 2) return new Result("welch", Double.NaN, Double.NaN, Double.NaN);
        double ma = SampleSummary.mean(a), mb = SampleSummary.mean(b);
        double va = SampleSummary.sumSquares(a, ma) / (na - 1) / na, vb = SampleSummary.sumSquares(b, mb) / (nb - 1) / nb;
        double t = (ma - mb) / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
        return new Result("welch", t, df, pValue(t, df));
    }

    public static Result mannWhitney(double[] a, double[] b) {
        int na = a.length, nb = b.length, n = na + nb;
        if (na < 1 || nb < 1) return new Result("mann-whitney", Double.NaN, Double.NaN, Double.NaN);
        double[] all = new double[n];
        System.arraycopy(a, 0, all, 0, na);
        System.arraycopy(b, 0, all, na, nb);
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (i, j) -> Double.compare(all[i], all[j]));
        double[] rank = new double[n];
        double tieSum = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[idx[j + 1]] == all[idx[i]]) j++;
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) rank[idx[k]] = mid;
            double t = j - i + 1;
            tieSum += t * t * t - t;
            i = j + 1;
        }
        double ra = 0;
        for (int i = 0; i < na; i++) ra += rank[i];
        double u = ra - na * (na + 1) / 2.0;
        double mu = na * (double) nb / 2;
        double var = na * (double) nb / 12 * ((n + 1) - tieSum / (n * (double) (n - 1)));
        if (!(var > 0)) return new Result("mann-whitney", u, Double.NaN, Double.NaN);
        double z = (Math.abs(u - mu) - 0.5) / Math.sqrt(var);
        return new Result("mann-whitney", u, Double.NaN, Math.min(1.0, Distributions.normalTwoSided(Math.max(z, 0))));
    }

    private static double pValue(double t, double df) {
        if (Double.isNaN(t)) return Double.NaN;
        return Distributions.studentTwoSided(t, df);
    }
}
