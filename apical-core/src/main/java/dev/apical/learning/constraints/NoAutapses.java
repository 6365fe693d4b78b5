package dev.apical.learning.constraints;

import dev.apical.network.Projection;

/// EIANN `no_autapses`: zero the diagonal of a projection from a population onto itself.
final class NoAutapses implements WeightConstraint {
    private final Projection p;

    NoAutapses(Projection p) {
        this.p = p;
    }

    static void zeroDiagonal(Projection p) {
        if (p.pre() != p.post()) return;
        float[] w = p.weights();
        for (int i = 0; i < p.rows(); i++) w[i * p.cols() + i] = 0f;
    }

    @Override
    public void apply() {
        zeroDiagonal(p);
    }
}
