package dev.apical.parity;

/// Elementwise closeness `|x − ref| <= atol + rtol·|ref|` (numpy's `allclose`), as the fixtures state it.
public record Tolerance(double rtol, double atol) {
    public boolean close(double x, double ref) {
        return Math.abs(x - ref) <= atol + rtol * Math.abs(ref);
    }

    @Override
    public String toString() {
        return "rtol " + rtol + ", atol " + atol;
    }
}
