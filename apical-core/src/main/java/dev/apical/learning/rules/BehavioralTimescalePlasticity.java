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

/// Behavioral timescale synaptic plasticity (EIANN `BTSP_19`, eiann-spec 7.1). With P the postsynaptic plateau
/// (fixed at the first step of the [PlateauReequilibrationPass]), P⁺ = max(P, 0), P⁻ = min(P, 0),
/// ET = clip(pre, 0, 1) after the backward phase, δ = `temporal_discount`, ρ = `dep_ratio`, and the traces of the
/// previous sample pastET = δ·clip(past_activity, 0, 1), pastP⁺ = max(past_plateau, 0):
///
/// ΔW_ij = P⁺_i [(w_max − W_ij) ET_j − ρ W_ij q(ET_j)] + P⁺_i [(w_max − W_ij) pastET_j − ρ W_ij q(pastET_j)]
///       + pastP⁺_i [(w_max − W_ij) δ ET_j − ρ W_ij q(δ ET_j)] + P⁻_i ET_j,   W ← W + η ΔW
///
/// The plateau is a continuous weight (no Bernoulli draw, Q12); only its sign chooses the BTSP branch or the
/// linear depression branch. q is the scaled rectified sigmoid of [Sigmoid] with threshold `dep_th` and peak
/// `dep_th + dep_width`. w_max is the projection's upper weight bound; a projection without one uses 2.0, as
/// EIANN does silently (bug B13), so the constraint pass does not clamp at w_max then. After the constraint pass,
/// `update()` stores, once per population per sample, the presynaptic activity (prev activity for recurrent
/// projections) as `past_activity` and the plateau as `past_plateau`; both are zeroed when training starts.
/// Milstein et al. (2021), eLife 10:e73046; Galloni, Peddada, Chennawar & Milstein (2025), bioRxiv 2025.05.22.655599.
public final class BehavioralTimescalePlasticity implements LocalRule, PlateauRule {
    /// Rule-state key of the presynaptic population's activity in the previous sample.
    public static final String PAST_ACTIVITY = "past_activity";
    /// Rule-state key of the postsynaptic population's plateau in the previous sample.
    public static final String PAST_PLATEAU = "past_plateau";

    private final double learningRate;
    private final double negRateThreshold;
    private final double depRatio;
    private final double maxPopFraction;
    private final double temporalDiscount;
    private final boolean stochastic;
    private final boolean reluGate;
    private final double wMax;
    private final Sigmoid q;
    private final Projection projection;
    private float[] et, qEt, pastEt, qPastEt, discountedEt, qDiscountedEt;

    public BehavioralTimescalePlasticity(RuleContext ctx) {
        var kw = ctx.kwargs();
        this.learningRate = ctx.learningRate();
        Double th = kw.getDoubleOrNull("neg_rate_th");
        this.negRateThreshold = th == null ? Double.NaN : th;
        this.depRatio = kw.getDouble("dep_ratio", 1.0);
        double depTh = kw.getDouble("dep_th", 0.01);
        double depWidth = kw.getDouble("dep_width", 0.01);
        this.maxPopFraction = kw.getDouble("max_pop_fraction", 1.0);
        this.temporalDiscount = kw.getDouble("temporal_discount", 0.25);
        this.stochastic = kw.getBoolean("stochastic", false);
        this.reluGate = kw.getBoolean("relu_gate", true);
        if (!(maxPopFraction >= 0 && maxPopFraction <= 1))
            throw new ConfigException(kw.at("max_pop_fraction"), "max_pop_fraction must be in [0, 1]; found " + maxPopFraction + ".");
        if (!(depTh >= 0 && depTh <= 1))
            throw new ConfigException(kw.at("dep_th"), "dep_th must be in [0, 1] (the depression threshold on a rate in [0, 1]); found " + depTh + ".");
        if (depWidth == 0)
            throw new ConfigException(kw.at("dep_width"), "dep_width must not be 0 (the sigmoid's peak would equal its threshold).");
        this.q = new Sigmoid(depTh, depTh + depWidth);
        this.projection = ctx.projection();
        this.wMax = projection != null && projection.bounds().hasUpper() ? projection.bounds().hi() : 2.0;
        if (projection != null) {
            projection.pre().ruleState(PAST_ACTIVITY);
            projection.post().ruleState(PAST_PLATEAU);
        }
    }

    /// EIANN's `get_scaled_rectified_sigmoid(th, peak)` on [0, 1]: with slope = 2/(peak − th) and
    /// g(x) = 1/(1 + exp(−slope·(x − th))), q(x) = (g(clip(x, 0, 1)) − g(0)) / (g(1) − g(0)), so q(0) = 0 and
    /// q(1) = 1. Evaluated in float32 as torch does, with the constants in double.
    public record Sigmoid(double threshold, double peak) {
        public float apply(float x) {
            double slope = 2.0 / (peak - threshold);
            double start = logistic(slope, 0.0), end = logistic(slope, 1.0);
            float c = Math.min(Math.max(x, 0f), 1f);
            float z = (float) -slope * (c - (float) threshold);
            float g = 1f / (1f + (float) Math.exp(z));
            return (float) (1.0 / (end - start)) * (g - (float) start);
        }

        private double logistic(double slope, double x) {
            return 1.0 / (1.0 + Math.exp(-slope * (x - threshold)));
        }
    }

    @Override public String name() { return "BTSP_19"; }
    @Override public double learningRate() { return learningRate; }
    @Override public double maxPopFraction() { return maxPopFraction; }
    @Override public boolean stochastic() { return stochastic; }
    @Override public boolean reluGate() { return reluGate; }
    @Override public double negRateThreshold() { return negRateThreshold; }
    @Override public BackwardPass.Factory backwardPass() { return PlateauReequilibrationPass.BTSP; }

    /// The upper weight bound used by the update (2.0 when the projection has none).
    public double wMax() { return wMax; }

    /// The depression nonlinearity q.
    public Sigmoid depression() { return q; }

    @Override
    public void step(Projection p, StepContext context) {
        int rows = p.rows(), cols = p.cols();
        if (et == null) {
            et = new float[cols];
            qEt = new float[cols];
            pastEt = new float[cols];
            qPastEt = new float[cols];
            discountedEt = new float[cols];
            qDiscountedEt = new float[cols];
        }
        float delta = (float) temporalDiscount, rho = (float) depRatio, wmax = (float) wMax, lr = (float) learningRate;
        float[] pre = p.presynaptic(), past = p.pre().ruleState(PAST_ACTIVITY);
        for (int j = 0; j < cols; j++) {
            et[j] = Math.min(Math.max(pre[j], 0f), 1f);
            qEt[j] = q.apply(et[j]);
            pastEt[j] = Math.min(Math.max(past[j], 0f), 1f) * delta;
            qPastEt[j] = q.apply(pastEt[j]);
            discountedEt[j] = et[j] * delta;
            qDiscountedEt[j] = q.apply(discountedEt[j]);
        }
        float[] plateau = p.post().plateau(), pastPlateau = p.post().ruleState(PAST_PLATEAU);
        float[] w = p.weights();
        for (int i = 0; i < rows; i++) {
            float pi = plateau[i];
            float pos = pi < 0f ? 0f : pi, neg = pi > 0f ? 0f : pi;
            float pastPos = pastPlateau[i] < 0f ? 0f : pastPlateau[i];
            if (pos == 0f && neg == 0f && pastPos == 0f) continue;
            int off = i * cols;
            for (int j = 0; j < cols; j++) {
                float wij = w[off + j];
                float room = wmax - wij, dep = wij * rho;
                float dw = pos * (room * et[j] - dep * qEt[j]);
                dw += pos * (room * pastEt[j] - dep * qPastEt[j]);
                dw += pastPos * (room * et[j] * delta - dep * qDiscountedEt[j]);
                dw += et[j] * neg;
                w[off + j] = wij + lr * dw;
            }
        }
    }

    @Override
    public void update(Projection p, StepContext context) {
        Population pre = p.pre(), post = p.post();
        if (pre.flag(PlateauReequilibrationPass.BTSP_PAST_ACTIVITY_PENDING)) {
            float[] a = p.presynaptic();
            System.arraycopy(a, 0, pre.ruleState(PAST_ACTIVITY), 0, a.length);
            pre.setFlag(PlateauReequilibrationPass.BTSP_PAST_ACTIVITY_PENDING, false);
        }
        if (post.flag(PlateauReequilibrationPass.BTSP_PAST_PLATEAU_PENDING)) {
            System.arraycopy(post.plateau(), 0, post.ruleState(PAST_PLATEAU), 0, post.size());
            post.setFlag(PlateauReequilibrationPass.BTSP_PAST_PLATEAU_PENDING, false);
        }
    }

    @Override
    public void reinit() {
        if (projection == null) return;
        Arrays.fill(projection.pre().ruleState(PAST_ACTIVITY), 0f);
        Arrays.fill(projection.post().ruleState(PAST_PLATEAU), 0f);
    }
}
