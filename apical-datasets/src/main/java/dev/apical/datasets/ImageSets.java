package dev.apical.datasets;

import dev.apical.data.ArrayDataset;

/// Turns unsigned-byte images and labels into [ArrayDataset]s: pixels divided by 255 (so in [0, 1]), each
/// image flattened in its stored order, targets one-hot.
public final class ImageSets {
    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) SCALE[i] = i / 255f;
    }

    private ImageSets() {}

    /// Samples `from` (inclusive) to `to` (exclusive) of `pixels` (`imageSize` bytes per sample).
    public static ArrayDataset slice(String name, byte[] pixels, byte[] labels, int imageSize, int classes, int from, int to) {
        if (from < 0 || to > labels.length || from > to)
            throw new IllegalArgumentException(name + ": samples " + from + ".." + to + " outside 0.." + labels.length);
        int n = to - from;
        float[] x = new float[n * imageSize];
        int base = from * imageSize;
        for (int i = 0; i < x.length; i++) x[i] = SCALE[pixels[base + i] & 0xff];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = labels[from + i] & 0xff;
        return ArrayDataset.ofLabels(name, x, imageSize, y, classes);
    }
}
