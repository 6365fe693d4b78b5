package dev.apical.io;

import java.util.Arrays;

/// An n-dimensional array read from or written to a `.npy` file: a shape and its elements as float32
/// in C (row-major) order. A 0-d array has shape `[]` and one element.
///
/// The arrays are not copied; callers must not modify them after construction.
public record NpyArray(int[] shape, float[] data) {
    public NpyArray {
        long n = elementCount(shape);
        if (n != data.length)
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements, but " + data.length + " values were given");
    }

    /// A 2-D array of `rows x cols`.
    public static NpyArray matrix(int rows, int cols, float[] data) {
        return new NpyArray(new int[] {rows, cols}, data);
    }

    /// A 1-D array.
    public static NpyArray vector(float[] data) {
        return new NpyArray(new int[] {data.length}, data);
    }

    /// The number of elements a shape holds (1 for `[]`); rejects negative dimensions.
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        return n;
    }

    public int rank() { return shape.length; }

    public int size() { return data.length; }

    /// The first dimension of a 1-D or 2-D array.
    public int rows() {
        requireRank(1, 2);
        return shape[0];
    }

    /// The second dimension of a 2-D array, 1 for a 1-D array.
    public int cols() {
        requireRank(1, 2);
        return shape.length == 2 ? shape[1] : 1;
    }

    /// Element `(r, c)` of a 2-D array.
    public float get(int r, int c) {
        requireRank(2, 2);
        if (r < 0 || r >= shape[0] || c < 0 || c >= shape[1])
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") outside shape " + Arrays.toString(shape));
        return data[r * shape[1] + c];
    }

    /// Row `r` of a 2-D array, copied.
    public float[] row(int r) {
        int c = cols();
        if (r < 0 || r >= rows()) throw new IndexOutOfBoundsException("row " + r + " of " + rows());
        return Arrays.copyOfRange(data, r * c, (r + 1) * c);
    }

    /// The same elements under another shape with the same element count (data shared).
    public NpyArray reshape(int... newShape) {
        return new NpyArray(newShape.clone(), data);
    }

    /// The elements widened to double.
    public double[] toDoubleArray() {
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) out[i] = data[i];
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray(int[] s, float[] d) && Arrays.equals(shape, s) && Arrays.equals(data, d);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray" + Arrays.toString(shape) + (data.length <= 8 ? Arrays.toString(data) : "");
    }

    private void requireRank(int lo, int hi) {
        if (shape.length < lo || shape.length > hi)
            throw new IllegalStateException("expected a " + (lo == hi ? lo : lo + "- or " + hi) + "-D array, shape is "
                    + Arrays.toString(shape));
    }
}
