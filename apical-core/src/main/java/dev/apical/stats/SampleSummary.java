package dev.apical.stats;

import java.util.Arrays;

/// Descriptive statistics of one sample: n, mean, standard deviation (n − 1 denominator), standard error of
/// the mean SD/√n, median (mean of the two middle values for even n), minimum and maximum.
public record SampleSummary(int n, double mean, double sd, double sem, double median, double min, double max) {
    /// The summary of `x` (all NaN for an empty sample; sd and sem NaN for one value).
    public static SampleSummary of(double[] x) {
        int n = x.length;
        if (n == 0) return new SampleSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double mean = mean(x);
        double sd = n > 1 ? Math.sqrt(sumSquares(x, mean) / (n - 1)) : Double.NaN;
        double[] s = x.clone();
        Arrays.sort(s);
        double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        return new SampleSummary(n, mean, sd, sd / Math.sqrt(n), median, s[0], s[n - 1]);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /// Σ (x − m)².
    static double sumSquares(double[] x, double m) {
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s;
    }
}
