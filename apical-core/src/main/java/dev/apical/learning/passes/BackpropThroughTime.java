package dev.apical.learning.passes;

import dev.apical.dynamics.ForwardDynamics;
import dev.apical.dynamics.Tape;
import dev.apical.learning.BackwardPass;
import dev.apical.learning.StepContext;
import dev.apical.learning.loss.Loss;
import dev.apical.learning.optim.Optimizer;
import dev.apical.math.Kernels;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// Truncated back-propagation through time for the `Backprop` / `BackpropBias` rules (eiann-spec 6.7).
///
/// The loss gradient is taken through the last Tb forward steps only: states and activities entering step
/// T−Tb+1 are constants. Through each step t it follows the leaky update s(t) = s(t−1) + (I(t) − s(t−1))/τ,
/// the activation, forward projections within the step and recurrent projections from step t−1, including
/// paths through fixed weights; only parameters with a gradient rule accumulate dL/dθ. With τ = 1, T = 1,
/// Tb = 1 this is ordinary back-propagation. After the gradient, the optimizer steps every trained parameter.
///
/// The gradient may start from any differentiable function of the taped activities ([Objective]): the
/// network loss of the output for `Backprop`, or a local loss such as `Backprop_DendriticLoss`'s
/// mean(d^f²) of a population's forward dendritic state, each with its own parameters and optimizer.
///
/// When nothing is truncated (Tb >= T) the initial state s(0) = b and activity a(0) = f(b) depend on the bias,
/// as in EIANN, where `Population.reinit` sets `state = 0 + bias` with gradients enabled: bias gradients then
/// include the paths through s(0) (the leak) and a(0) (recurrent projections and later populations read in
/// step 1).
public final class BackpropThroughTime implements BackwardPass {
    /// Where the gradient enters: a loss of the activities on the tape.
    @FunctionalInterface
    public interface Objective {
        /// Adds dL/da into the buffers `sink` hands out, and dL/dW of weights the loss reads directly.
        void seed(float[] target, Sink sink);
    }

    /// Gradient buffers an [Objective] adds into.
    public interface Sink {
        /// dL/da of `p` at tape index k (step T − Tb + k), or null if that activity is a constant (not on the
        /// tape, or the truncated boundary).
        float[] activity(Population p, int k);

        /// dL/dW of `p`, or null if `p` is not trained by this pass.
        float[] weight(Projection p);
    }

    private final Network network;
    private final ForwardDynamics dynamics;
    private final Tape tape;
    private final Objective objective;
    private final Optimizer optimizer;
    private final Population[] reverse;
    private final float[][][] gradActivity;
    private final float[][][] gradState;
    private final float[][] gradInput;
    private final float[][] weightGrad;
    private final float[][] biasGrad;
    private final float[][][] somaticGrad;

    /// @param weightGrad gradient buffer per projection (indexed like `network.projections()`), null if not trained
    /// @param biasGrad   gradient buffer per population (indexed by order), null if the bias is not trained
    public BackpropThroughTime(Network network, ForwardDynamics dynamics, Tape tape, Loss loss, Optimizer optimizer,
                               float[][] weightGrad, float[][] biasGrad) {
        this(network, dynamics, tape, networkLoss(network, tape, loss), optimizer, weightGrad, biasGrad);
    }

    /// The network loss of the output population at the last forward step.
    public static Objective networkLoss(Network network, Tape tape, Loss loss) {
        Population out = network.output();
        return (target, sink) -> loss.gradient(out.activity, target, sink.activity(out, tape.backwardSteps()));
    }

    /// Back-propagation of `objective` into the parameters with a non-null gradient buffer.
    public BackpropThroughTime(Network network, ForwardDynamics dynamics, Tape tape, Objective objective, Optimizer optimizer,
                               float[][] weightGrad, float[][] biasGrad) {
        this.network = network;
        this.dynamics = dynamics;
        this.tape = tape;
        this.objective = objective;
        this.optimizer = optimizer;
        this.weightGrad = weightGrad;
        this.biasGrad = biasGrad;
        List<Population> updated = new ArrayList<>();
        for (Population p : network.populations()) if (p.isUpdated()) updated.add(p);
        this.reverse = updated.reversed().toArray(Population[]::new);
        int n = network.populations().size();
        int tb = tape.backwardSteps();
        gradActivity = new float[n][tb + 1][];
        gradState = new float[n][tb + 1][];
        gradInput = new float[n][];
        for (Population p : network.populations()) {
            for (int k = 0; k <= tb; k++) {
                gradActivity[p.order()][k] = new float[p.size()];
                gradState[p.order()][k] = new float[p.size()];
            }
            gradInput[p.order()] = new float[p.size()];
        }
        somaticGrad = new float[n][][];
        List<Projection> all = network.projections();
        for (Population q : network.populations()) {
            Projection[] in = dynamics.somaticInputs(q);
            somaticGrad[q.order()] = new float[in.length][];
            for (int j = 0; j < in.length; j++) somaticGrad[q.order()][j] = weightGrad[all.indexOf(in[j])];
        }
    }

    @Override
    public void run(StepContext context) {
        computeGradients(context.target());
        optimizer.step();
    }

    /// The optimizer stepping this pass's parameters.
    public Optimizer optimizer() { return optimizer; }

    /// Fills the gradient buffers with dL/dθ for the current forward pass (already on the tape).
    public void computeGradients(float[] target) {
        int tb = tape.backwardSteps();
        for (float[][] g : gradActivity) for (float[] a : g) Arrays.fill(a, 0f);
        for (float[][] g : gradState) for (float[] a : g) Arrays.fill(a, 0f);
        for (float[] g : weightGrad) if (g != null) Arrays.fill(g, 0f);
        for (float[] g : biasGrad) if (g != null) Arrays.fill(g, 0f);
        if (tb == 0) return;
        // tape index 0 is the reset state s(0) = b, a(0) = f(b) when the tape covers every step
        boolean fromReset = tb == tape.forwardSteps();
        List<Projection> all = network.projections();
        objective.seed(target, new Sink() {
            @Override
            public float[] activity(Population p, int k) {
                if (!p.isUpdated() || k < 0 || k > tb || (k == 0 && !fromReset)) return null;
                return gradActivity[p.order()][k];
            }

            @Override
            public float[] weight(Projection p) {
                return weightGrad[all.indexOf(p)];
            }
        });
        for (int k = tb; k >= 1; k--) {
            for (Population q : reverse) {
                int o = q.order();
                float[] gs = gradState[o][k];
                q.activation().backward(tape.state(q, k), tape.activity(q, k), gradActivity[o][k], gs);
                float[] gi = gradInput[o];
                float tau = q.tau();
                for (int i = 0; i < gi.length; i++) gi[i] = gs[i] / tau;
                if (biasGrad[o] != null) for (int i = 0; i < gi.length; i++) biasGrad[o][i] += gi[i];
                Projection[] inputs = dynamics.somaticInputs(q);
                for (int j = 0; j < inputs.length; j++) {
                    Projection p = inputs[j];
                    Population pre = p.pre();
                    int zk = p.readsCurrentStep() ? k : k - 1;
                    float[] z = pre.isUpdated() ? tape.activity(pre, zk) : pre.activity;
                    float[] gw = somaticGrad[o][j];
                    if (gw != null) Kernels.outerAdd(1f, gi, z, gw, p.rows(), p.cols());
                    if (pre.isUpdated() && (zk >= 1 || fromReset))
                        Kernels.gemvTransposedAdd(p.readWeights(), p.rows(), p.cols(), gi, gradActivity[pre.order()][zk]);
                }
                if (k > 1 || fromReset) {
                    float[] prev = gradState[o][k - 1];
                    for (int i = 0; i < gs.length; i++) prev[i] += gs[i] - gi[i];
                }
            }
        }
        if (fromReset) {
            for (Population q : reverse) {
                int o = q.order();
                if (biasGrad[o] == null) continue;
                float[] gs = gradState[o][0];
                q.activation().backward(tape.state(q, 0), tape.activity(q, 0), gradActivity[o][0], gs);
                for (int i = 0; i < gs.length; i++) biasGrad[o][i] += gs[i];
            }
        }
    }
}
