package dev.apical.learning.constraints;

import dev.apical.network.Projection;

import java.util.SplittableRandom;

/// EIANN `receptive_field_mask(receptive_field_size, image_dims=(28, 28), apply_weight_norm=False, ...)`
/// (eiann-spec 8.2): each postsynaptic unit sees an rf×rf square of the (C×H×W, channel-major) input at a
/// top-left corner drawn uniformly once; W ← W ∘ mask, then optionally normalize_weight.
final class ReceptiveFieldMask implements WeightConstraint {
    private final Projection p;
    private final boolean[] mask;
    private final boolean normalize;
    private final float scale;

    ReceptiveFieldMask(Projection p, int rf, int channels, int height, int width, boolean normalize, double scale,
                       SplittableRandom rng) {
        this.p = p;
        this.normalize = normalize;
        this.scale = (float) scale;
        this.mask = new boolean[p.rows() * p.cols()];
        for (int i = 0; i < p.rows(); i++) {
            int r0 = rng.nextInt(height - rf + 1);
            int c0 = rng.nextInt(width - rf + 1);
            for (int c = 0; c < channels; c++)
                for (int r = r0; r < r0 + rf; r++)
                    for (int col = c0; col < c0 + rf; col++)
                        mask[i * p.cols() + (c * height + r) * width + col] = true;
        }
    }

    @Override
    public void apply() {
        float[] w = p.weights();
        for (int i = 0; i < w.length; i++) if (!mask[i]) w[i] = 0f;
        if (normalize) NormalizeWeight.normalizeRows(w, p.rows(), p.cols(), scale);
    }
}
