package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.LocalRule;
import dev.apical.learning.PlateauRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.learning.passes.PlateauReequilibrationPass;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.ConfigException;

import java.util.Arrays;

/// Supervised BCM rule (EIANN `Supervised_BCM_4`, eiann-spec 7): the postsynaptic rate c is taken after the
/// nudged, re-equilibrated backward phase of the [PlateauReequilibrationPass], so plateaus steer it towards the
/// target, and a sliding threshold θ decides between potentiation and depression:
///
/// ΔW_ij = sign · η · c_i (c_i − θ_i) clip(pre_j, 0, 1)
///
/// with c not clipped (Q3) and pre the presynaptic rate after the backward phase (prev rate for recurrent
/// projections). After the constraint pass, `update()` moves the threshold once per population per sample:
/// θ ← θ + (−θ + c²/k)/θ_τ. θ is per population, set to k when a rule is constructed (the last rule built for
/// a population wins) and not reset when training starts. `theta_tau` and `k` are required.
/// Bienenstock, Cooper & Munro (1982), J Neurosci 2:32.
public final class SupervisedBcm implements LocalRule, PlateauRule {
    /// Rule-state key of the population's sliding threshold.
    public static final String THETA = "theta";

    private final double learningRate;
    private final double thetaTau;
    private final double k;
    private final double sign;
    private final double maxPopFraction;
    private final boolean stochastic;
    private final boolean reluGate;
    private float[] pre;

    public SupervisedBcm(RuleContext ctx) {
        var kw = ctx.kwargs();
        this.learningRate = ctx.learningRate();
        this.thetaTau = kw.requireDouble("theta_tau");
        this.k = kw.requireDouble("k");
        this.sign = kw.getDouble("sign", 1);
        this.maxPopFraction = kw.getDouble("max_pop_fraction", 0.025);
        this.stochastic = kw.getBoolean("stochastic", false);
        this.reluGate = kw.getBoolean("relu_gate", false);
        if (thetaTau == 0)
            throw new ConfigException(kw.at("theta_tau"), "theta_tau must not be 0 (it divides the threshold update).");
        if (k == 0) throw new ConfigException(kw.at("k"), "k must not be 0 (it divides the threshold update).");
        if (!(maxPopFraction >= 0 && maxPopFraction <= 1))
            throw new ConfigException(kw.at("max_pop_fraction"), "max_pop_fraction must be in [0, 1]; found " + maxPopFraction + ".");
        if (ctx.projection() != null) Arrays.fill(ctx.projection().post().ruleState(THETA), (float) k);
    }

    @Override public String name() { return "Supervised_BCM_4"; }
    @Override public double learningRate() { return learningRate; }
    @Override public double maxPopFraction() { return maxPopFraction; }
    @Override public boolean stochastic() { return stochastic; }
    @Override public boolean reluGate() { return reluGate; }
    @Override public BackwardPass.Factory backwardPass() { return PlateauReequilibrationPass.BCM; }

    public double thetaTau() { return thetaTau; }
    public double k() { return k; }

    @Override
    public void step(Projection p, StepContext context) {
        int rows = p.rows(), cols = p.cols();
        if (pre == null) pre = new float[cols];
        float[] x = p.presynaptic();
        for (int j = 0; j < cols; j++) pre[j] = Math.min(Math.max(x[j], 0f), 1f);
        float[] c = p.post().activity, theta = p.post().ruleState(THETA), w = p.weights();
        float lr = (float) learningRate;
        for (int i = 0; i < rows; i++) {
            float ci = c[i];
            if (ci == 0f) continue;
            float gate = ci - theta[i];
            int off = i * cols;
            if (sign > 0) for (int j = 0; j < cols; j++) w[off + j] += lr * ((ci * pre[j]) * gate);
            else for (int j = 0; j < cols; j++) w[off + j] -= lr * ((ci * pre[j]) * gate);
        }
    }

    @Override
    public void update(Projection p, StepContext context) {
        Population post = p.post();
        if (!post.flag(PlateauReequilibrationPass.BCM_THETA_PENDING)) return;
        float[] theta = post.ruleState(THETA), c = post.activity;
        float kk = (float) k, tau = (float) thetaTau;
        for (int i = 0; i < theta.length; i++) theta[i] += (-theta[i] + c[i] * c[i] / kk) / tau;
        post.setFlag(PlateauReequilibrationPass.BCM_THETA_PENDING, false);
    }
}
