package dev.apical.datasets;

import dev.apical.data.ArrayDataset;

/// Spiral points: `coordinates` holds `(x1, x2)` pairs row-major, `labels` the arm of each point.
/// Arrays are not copied; callers must not modify them.
public record SpiralPoints(float[] coordinates, int[] labels, int arms) {
    public SpiralPoints {
        if (coordinates.length != 2 * labels.length)
            throw new IllegalArgumentException(coordinates.length + " coordinates for " + labels.length + " labels");
    }

    public int size() { return labels.length; }

    public float x1(int i) { return coordinates[2 * i]; }

    public float x2(int i) { return coordinates[2 * i + 1]; }

    /// A dataset with inputs `(x1, x2)` and one-hot targets of length `arms`.
    public ArrayDataset toDataset(String name) {
        return ArrayDataset.ofLabels(name, coordinates, 2, labels, arms);
    }
}
