package dev.apical.learning.constraints;

import dev.apical.network.Projection;

/// EIANN `clone_weight(source, sign=1, scale=1, source2=None, transpose=False)`:
/// W ← scale · sign · W_source (elementwise times W_source2 when given), transposed if requested. Used for
/// top-down weights B = c·Wᵀ (weight symmetry). Shapes are checked when the constraint is built.
final class CloneWeight implements WeightConstraint {
    private final Projection target;
    private final Projection source;
    private final Projection source2;
    private final float factor;
    private final boolean transpose;
    private static final int TILE = 32;

    CloneWeight(Projection target, Projection source, Projection source2, double sign, double scale, boolean transpose) {
        this.target = target;
        this.source = source;
        this.source2 = source2;
        this.factor = (float) (scale * sign);
        this.transpose = transpose;
        if (transpose && source2 == null) target.mirrorTransposeOf(source, this.factor);
    }

    @Override
    public void apply() {
        if (transpose && source2 == null) {
            target.markMirrorStale();
            return;
        }
        float[] w = target.weights();
        float[] s = source.readWeights();
        float[] s2 = source2 == null ? null : source2.readWeights();
        int rows = target.rows(), cols = target.cols();
        if (!transpose) {
            for (int i = 0; i < w.length; i++) w[i] = factor * s[i] * (s2 == null ? 1f : s2[i]);
        } else {
            // blocked transpose: both matrices are walked in cache-sized tiles
            int srcCols = source.cols();
            for (int i0 = 0; i0 < rows; i0 += TILE)
                for (int j0 = 0; j0 < cols; j0 += TILE) {
                    int i1 = Math.min(rows, i0 + TILE), j1 = Math.min(cols, j0 + TILE);
                    for (int j = j0; j < j1; j++)
                        for (int i = i0; i < i1; i++) {
                            int si = j * srcCols + i;
                            w[i * cols + j] = factor * s[si] * (s2 == null ? 1f : s2[si]);
                        }
                }
        }
    }

    @Override
    public boolean isClone() {
        return true;
    }
}
