package dev.apical.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/// A dataset held in two row-major float arrays.
public final class ArrayDataset implements Dataset {
    private final String name;
    private final float[] inputs;
    private final float[] targets;
    private final int inputSize;
    private final int targetSize;
    private final int size;
    private volatile String sha256;

    /// @param inputs  `size * inputSize` values, row-major. Not copied; must not be modified afterwards.
    /// @param targets `size * targetSize` values, row-major. Not copied; must not be modified afterwards.
    public ArrayDataset(String name, float[] inputs, int inputSize, float[] targets, int targetSize) {
        if (inputSize <= 0 || targetSize <= 0) throw new IllegalArgumentException("sizes must be positive");
        if (inputs.length % inputSize != 0 || targets.length % targetSize != 0
                || inputs.length / inputSize != targets.length / targetSize)
            throw new IllegalArgumentException(name + ": " + inputs.length + " input values of size " + inputSize
                    + " do not match " + targets.length + " target values of size " + targetSize);
        this.name = name;
        this.inputs = inputs;
        this.targets = targets;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.size = inputs.length / inputSize;
    }

    /// Builds one-hot targets from integer labels in `[0, classes)`.
    public static ArrayDataset ofLabels(String name, float[] inputs, int inputSize, int[] labels, int classes) {
        float[] t = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes)
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i + " is outside [0, " + classes + ")");
            t[i * classes + labels[i]] = 1f;
        }
        return new ArrayDataset(name, inputs, inputSize, t, classes);
    }

    /// The first `n` samples (or fewer if the set is smaller), sharing no state with this one.
    public ArrayDataset head(int n) {
        int m = Math.min(n, size);
        return new ArrayDataset(name, java.util.Arrays.copyOf(inputs, m * inputSize), inputSize,
                java.util.Arrays.copyOf(targets, m * targetSize), targetSize);
    }

    @Override public String name() { return name; }
    @Override public int size() { return size; }
    @Override public int inputSize() { return inputSize; }
    @Override public int targetSize() { return targetSize; }

    @Override
    public void input(int index, float[] out) {
        System.arraycopy(inputs, index * inputSize, out, 0, inputSize);
    }

    @Override
    public void target(int index, float[] out) {
        System.arraycopy(targets, index * targetSize, out, 0, targetSize);
    }

    @Override
    public int label(int index) {
        int best = 0;
        int off = index * targetSize;
        for (int k = 1; k < targetSize; k++) if (targets[off + k] > targets[off + best]) best = k;
        return best;
    }

    @Override
    public String sha256() {
        String h = sha256;
        if (h == null) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                ByteBuffer buf = ByteBuffer.allocate(4 * Math.max(inputs.length, targets.length)).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(inputs);
                md.update(buf.array(), 0, 4 * inputs.length);
                buf.clear();
                buf.asFloatBuffer().put(targets);
                md.update(buf.array(), 0, 4 * targets.length);
                h = HexFormat.of().formatHex(md.digest());
                sha256 = h;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
        return h;
    }
}
