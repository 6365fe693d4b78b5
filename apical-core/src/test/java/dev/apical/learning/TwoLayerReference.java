package dev.apical.learning;

import dev.apical.build.Model;
import dev.apical.testing.TestModels;

import java.util.Map;

/// A tiny network for the re-equilibrating passes, with its dynamics written out in double precision from
/// eiann-spec 4 and 6.2 (independently of the engine):
///
/// x = Input.E (3); h = H1.E (4, relu); i = H1.SomaI (2, relu); o = Output.E (2, relu).
/// W: h ← x (F), Y: h ← i (R), B: h ← o (F, dend, phase B), Q: i ← h (R, phase A), V: o ← h (F).
/// h (phase B input) and i (phase A input) take part in the backward phase; o is the output.
final class TwoLayerReference {
    static final int T = 3;
    static final double TAU = 2;

    /// The config with the rule specs (`{learning_rule: ..., ...}` bodies without braces, or "") of W, B and V.
    static String yaml(String w, String b, String v) {
        return """
                layer_config:
                  Input: {E: {size: 3}}
                  H1: {E: {size: 4, activation: relu}, SomaI: {size: 2, activation: relu}}
                  Output: {E: {size: 2, activation: relu}}
                projection_config:
                  H1:
                    E:
                      Input: {E: {direction: F%s}}
                      H1: {SomaI: {direction: R}}
                      Output: {E: {direction: F, compartment: dend, update_phase: B%s}}
                    SomaI:
                      H1: {E: {direction: R, update_phase: A}}
                  Output:
                    E:
                      H1: {E: {direction: F%s}}
                training_kwargs: {tau: 2, forward_steps: 3, backward_steps: 0, learning_rate: 0.1}
                """.formatted(sep(w), sep(b), sep(v));
    }

    private static String sep(String s) {
        return s.isEmpty() ? "" : ", " + s;
    }

    final double[][] w, y, b, q, v;
    final double[] x, target;
    double[] sh = new double[4], si = new double[2], so = new double[2];
    double[] ah = new double[4], ai = new double[2], ao = new double[2];
    double[] ph, pi, po;
    double[] hf, hfp, iF, of, ofp;
    double[] plateauH = new double[4], plateauO = new double[2], dendH = new double[4];

    /// Sets the model's weights to fixed random values and copies them.
    TwoLayerReference(Model model, long seed, float[] x, float[] target) {
        Map<String, float[]> params = model.parameters();
        System.arraycopy(TestModels.uniform(seed, 12, -0.4, 1.0), 0, params.get("H1E_InputE"), 0, 12);
        System.arraycopy(TestModels.uniform(seed + 1, 8, -1.0, 0.0), 0, params.get("H1E_H1SomaI"), 0, 8);
        System.arraycopy(TestModels.uniform(seed + 2, 8, -1.5, 1.5), 0, params.get("H1E_OutputE"), 0, 8);
        System.arraycopy(TestModels.uniform(seed + 3, 8, 0.0, 1.0), 0, params.get("H1SomaI_H1E"), 0, 8);
        System.arraycopy(TestModels.uniform(seed + 4, 8, -0.3, 1.0), 0, params.get("OutputE_H1E"), 0, 8);
        w = TestModels.weights(model, "H1E_InputE");
        y = TestModels.weights(model, "H1E_H1SomaI");
        b = TestModels.weights(model, "H1E_OutputE");
        q = TestModels.weights(model, "H1SomaI_H1E");
        v = TestModels.weights(model, "OutputE_H1E");
        this.x = TestModels.toDouble(x);
        this.target = TestModels.toDouble(target);
    }

    /// Forward phase (eiann-spec 4) and snapshot (4.1).
    void forward() {
        for (int t = 1; t <= T; t++) {
            ph = ah.clone();
            pi = ai.clone();
            po = ao.clone();
            ah = integrate(sh, add(mv(w, x), mv(y, pi)), null);
            ai = integrate(si, mv(q, ph), null);
            ao = integrate(so, mv(v, ah), null);
        }
        hf = ah.clone();
        hfp = ph.clone();
        iF = ai.clone();
        of = ao.clone();
        ofp = po.clone();
    }

    /// The 2L backward phase (eiann-spec 6.2) with plateaus on h and o; `select` keeps at most that many
    /// positive and negative hidden units (deterministic).
    void backward(boolean reluGate, int select) {
        backward(reluGate, reluGate, select);
    }

    /// As [#backward(boolean, int)] with separate relu gates for the output and the hidden population.
    void backward(boolean gateOutput, boolean gateHidden, int select) {
        for (int t = 0; t < T; t++) {
            // Output layer: no dendritic input; plateau at t = 0; integrate with the nudge
            if (t == 0) {
                for (int k = 0; k < 2; k++) {
                    double e = clip(target[k] - ao[k], -1, 1);
                    plateauO[k] = gateOutput && of[k] == 0 ? 0 : e;
                }
            }
            po = ao.clone();
            ao = integrate(so, mv(v, ah), plateauO);
            // H1: dendritic state from this iteration's output, plateau at t = 0, then integrate
            double[] d = mv(b, ao);
            for (int k = 0; k < 4; k++) dendH[k] = clip(d[k], -1, 1);
            if (t == 0) plateauH = selected(dendH, gateHidden, select);
            ph = ah.clone();
            pi = ai.clone();
            ah = integrate(sh, add(mv(w, x), mv(y, pi)), plateauH);
            ai = integrate(si, mv(q, ph), null);
        }
    }

    private double[] selected(double[] d, boolean reluGate, int m) {
        double[] l = d.clone();
        if (reluGate) for (int k = 0; k < l.length; k++) if (hf[k] == 0) l[k] = 0;
        double[] out = new double[l.length];
        boolean[] used = new boolean[l.length];
        for (int n = 0; n < m; n++) pick(l, used, out, true);
        java.util.Arrays.fill(used, false);
        for (int n = 0; n < m; n++) pick(l, used, out, false);
        return out;
    }

    private static void pick(double[] l, boolean[] used, double[] out, boolean positive) {
        int best = -1;
        for (int k = 0; k < l.length; k++) {
            if (used[k] || (positive ? l[k] <= 0 : l[k] >= 0)) continue;
            // EIANN sorts descending (stable) and keeps the first m positives and the last m negatives:
            // among ties, the lowest index wins for positives and the highest for negatives
            if (best < 0 || (positive ? l[k] > l[best] : l[k] <= l[best])) best = k;
        }
        if (best >= 0) {
            used[best] = true;
            out[best] = l[best];
        }
    }

    /// s ← s + (I − s)/τ in place; returns relu(s + nudge).
    private static double[] integrate(double[] s, double[] input, double[] nudge) {
        double[] a = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            s[k] += (input[k] - s[k]) / TAU;
            a[k] = Math.max(0, s[k] + (nudge == null ? 0 : nudge[k]));
        }
        return a;
    }

    static double[] mv(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < v.length; j++) out[i] += m[i][j] * v[j];
        return out;
    }

    static double[] add(double[] a, double[] b) {
        double[] out = a.clone();
        for (int k = 0; k < out.length; k++) out[k] += b[k];
        return out;
    }

    static double clip(double v, double lo, double hi) {
        return Math.min(Math.max(v, lo), hi);
    }

    static double[] clip01(double[] a) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) out[k] = clip(a[k], 0, 1);
        return out;
    }

    /// W + lr · (u ⊗ v) − lr · (p ⊗ q); p may be null.
    static double[][] plusOuter(double[][] w, double lr, double[] u, double[] v, double[] p, double[] q) {
        double[][] out = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i].clone();
            for (int j = 0; j < out[i].length; j++) out[i][j] += lr * (u[i] * v[j] - (p == null ? 0 : p[i] * q[j]));
        }
        return out;
    }
}
