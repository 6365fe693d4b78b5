package dev.apical.learning.constraints;

import dev.apical.network.Projection;

/// EIANN `normalize_weight(scale, autapses=False, axis=1)`: unless `autapses`, zero the diagonal of a
/// self-projection; then each row i (postsynaptic unit) with S_i = Σ_j |W_ij| > 0 is divided by S_i, and W
/// is multiplied by `scale`, so every unit's total absolute input weight equals `scale`.
final class NormalizeWeight implements WeightConstraint {
    private final Projection p;
    private final float scale;
    private final boolean autapses;

    NormalizeWeight(Projection p, double scale, boolean autapses) {
        this.p = p;
        this.scale = (float) scale;
        this.autapses = autapses;
    }

    static void normalizeRows(float[] w, int rows, int cols, float scale) {
        dev.apical.math.Kernels.normalizeRows(w, rows, cols, scale);
    }

    @Override
    public void apply() {
        if (!autapses) NoAutapses.zeroDiagonal(p);
        p.normalizeRows(scale);
    }

    /// Through [Projection#normalizeRows], unless the diagonal of a self-projection is zeroed first.
    @Override
    public boolean appliesThroughProjection() {
        return autapses || p.pre() != p.post();
    }
}
