package dev.apical.datasets;

/// Single-lane ports of the float32 `log256_ps` and `sincos256_ps` of `avx_mathfun.h` (Cephes polynomials),
/// which PyTorch's CPU `normal_fill_AVX2` uses to turn uniform draws into normal ones. Every step is one
/// float32 operation in the original order, so results match the AVX2 code bit for bit (no fused
/// multiply-add, as Java never contracts).
final class AvxMathFun {
    private AvxMathFun() {}

    private static final float MIN_NORM_POS = Float.intBitsToFloat(0x00800000);

    /// Natural logarithm for positive `v`.
    static float log(float v) {
        float x = Math.max(v, MIN_NORM_POS);
        int bits = Float.floatToRawIntBits(x);
        int exponent = (bits >>> 23) - 0x7f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f));
        float e = (float) exponent + 1f;
        boolean small = x < 0.707106781186547524f;
        float tmp = small ? x : 0f;
        x = x - 1f;
        e = e - (small ? 1f : 0f);
        x = x + tmp;
        float z = x * x;
        float y = 7.0376836292E-2f;
        y = y * x + -1.1514610310E-1f;
        y = y * x + 1.1676998740E-1f;
        y = y * x + -1.2420140846E-1f;
        y = y * x + 1.4249322787E-1f;
        y = y * x + -1.6668057665E-1f;
        y = y * x + 2.0000714765E-1f;
        y = y * x + -2.4999993993E-1f;
        y = y * x + 3.3333331174E-1f;
        y = y * x;
        y = y * z;
        y = y + e * -2.12194440e-4f;
        y = y - z * 0.5f;
        x = x + y;
        x = x + e * 0.693359375f;
        return v <= 0f ? Float.NaN : x;
    }

    /// Sine and cosine of `v`, stored into `out[0]` and `out[1]`.
    static void sincos(float v, float[] out) {
        int signSin = Float.floatToRawIntBits(v) & 0x80000000;
        float x = Math.abs(v);
        float y = x * 1.27323954473516f;
        int j = (int) y;
        j = (j + 1) & ~1;
        y = (float) j;
        int swapSignSin = (j & 4) << 29;
        boolean sinPoly = (j & 2) == 0;
        x = x + y * -0.78515625f;
        x = x + y * -2.4187564849853515625e-4f;
        x = x + y * -3.77489497744594108e-8f;
        int signCos = (~(j - 2) & 4) << 29;
        signSin ^= swapSignSin;
        float z = x * x;
        float c = 2.443315711809948E-005f;
        c = c * z + -1.388731625493765E-003f;
        c = c * z + 4.166664568298827E-002f;
        c = c * z;
        c = c * z;
        c = c - z * 0.5f;
        c = c + 1f;
        float s = -1.9515295891E-4f;
        s = s * z + 8.3321608736E-3f;
        s = s * z + -1.6666654611E-1f;
        s = s * z;
        s = s * x;
        s = s + x;
        // The AVX code blends both polynomials with masks and adds the parts; adding 0 matters only for -0.
        float sinValue = (sinPoly ? 0f : c) + (sinPoly ? s : 0f);
        float cosValue = (sinPoly ? c : 0f) + (sinPoly ? 0f : s);
        out[0] = Float.intBitsToFloat(Float.floatToRawIntBits(sinValue) ^ signSin);
        out[1] = Float.intBitsToFloat(Float.floatToRawIntBits(cosValue) ^ signCos);
    }
}
