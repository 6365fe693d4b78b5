package dev.apical.stats;

/// Special functions and distribution tails for the two-sample tests, in double precision.
///
/// - ln Γ(x): Lanczos approximation (g = 7, 9 coefficients), relative error below 1e-14;
/// - I_x(a, b), the regularised incomplete beta function: continued fraction evaluated by the modified Lentz
///   method, using I_x(a, b) = 1 − I_{1−x}(b, a) where x > (a + 1)/(a + b + 2) for fast convergence;
/// - P(a, x), the regularised lower incomplete gamma function: series for x < a + 1, continued fraction beyond.
///
/// Student's t: P(|T| >= t) = I_{ν/(ν+t²)}(ν/2, 1/2). Standard normal: P(|Z| >= z) = erfc(z/√2), with
/// erfc(x) = 1 − P(1/2, x²). Press, Teukolsky, Vetterling & Flannery, Numerical Recipes, 3rd ed., 6.1–6.4.
public final class Distributions {
    private Distributions() {}

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};
    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;
    private static final int MAX_ITER = 10_000;

    /// ln Γ(x) for x > 0.
    public static double logGamma(double x) {
        if (!(x > 0)) throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        double z = x - 1;
        double s = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) s += LANCZOS[i] / (z + i);
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
    }

    /// The regularised incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1.
    public static double regularizedBeta(double x, double a, double b) {
        if (!(a > 0 && b > 0)) throw new IllegalArgumentException("regularizedBeta needs a, b > 0, got " + a + ", " + b);
        if (!(x >= 0 && x <= 1)) throw new IllegalArgumentException("regularizedBeta needs 0 <= x <= 1, got " + x);
        if (x == 0 || x == 1) return x;
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1) / (a + b + 2)) return Math.exp(lnFront) * betaFraction(x, a, b) / a;
        return 1 - Math.exp(lnFront) * betaFraction(1 - x, b, a) / b;
    }

    /// Continued fraction of I_x(a, b) (modified Lentz).
    private static double betaFraction(double x, double a, double b) {
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        if (Math.abs(d) < TINY) d = TINY;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_ITER; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) d = TINY;
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) d = TINY;
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) return h;
        }
        throw new ArithmeticException("incomplete beta continued fraction did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    /// The regularised lower incomplete gamma function P(a, x), a > 0, x >= 0.
    public static double regularizedGammaP(double a, double x) {
        if (!(a > 0) || !(x >= 0)) throw new IllegalArgumentException("regularizedGammaP needs a > 0, x >= 0, got " + a + ", " + x);
        if (x == 0) return 0;
        double lnFront = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double ap = a, sum = 1 / a, del = sum;
            for (int n = 0; n < MAX_ITER; n++) {
                ap += 1;
                del *= x / ap;
                sum += del;
                if (Math.abs(del) < Math.abs(sum) * EPS) return sum * Math.exp(lnFront);
            }
            throw new ArithmeticException("incomplete gamma series did not converge for a=" + a + ", x=" + x);
        }
        return 1 - Math.exp(lnFront) * gammaFraction(a, x);
    }

    private static double gammaFraction(double a, double x) {
        double b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
        for (int i = 1; i <= MAX_ITER; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) d = TINY;
            c = b + an / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) return h;
        }
        throw new ArithmeticException("incomplete gamma continued fraction did not converge for a=" + a + ", x=" + x);
    }

    /// erfc(x), accurate to about 1e-15 relative for moderate x.
    public static double erfc(double x) {
        if (x < 0) return 2 - erfc(-x);
        if (x == 0) return 1;
        if (x < 0.5 || x * x < 1.5) return 1 - regularizedGammaP(0.5, x * x);
        return Math.exp(-x * x + 0.5 * Math.log(x * x) - logGamma(0.5)) * gammaFraction(0.5, x * x);
    }

    /// Two-sided tail of Student's t with `df` degrees of freedom: P(|T| >= |t|).
    public static double studentTwoSided(double t, double df) {
        if (Double.isNaN(t)) return Double.NaN;
        if (Double.isInfinite(t)) return 0;
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /// Two-sided tail of the standard normal: P(|Z| >= |z|) = erfc(|z|/√2).
    public static double normalTwoSided(double z) {
        if (Double.isNaN(z)) return Double.NaN;
        return erfc(Math.abs(z) / Math.sqrt(2));
    }
}
