package dev.apical.dynamics;

import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;

import java.util.ArrayList;
import java.util.List;

/// Leaky rate dynamics over `forwardSteps` steps (eiann-spec 4):
///
/// for t = 1..T: prev ← a for every population; then for each updated population Q in order,
/// I_Q = b_Q + Σ_p W_p z_p over somatic forward-phase projections (z = current pre activity for F,
/// previous-step activity for R), s_Q ← s_Q + (I_Q − s_Q)/τ_Q, a_Q ← f_Q(s_Q).
///
/// Every pass starts from s = b, a = f(b); the input population's activity is the sample. Buffers are
/// allocated once; a pass allocates nothing.
public final class ForwardDynamics {
    /// Called after each forward step t = 1..T (for recording dynamics); may be null.
    public interface StepObserver {
        void afterStep(int t, Network network);
    }

    private final Network network;
    private final int forwardSteps;
    private final Population[] all;
    private final Population[] updated;
    private final Projection[][] somatic;
    private final Projection[][] varying;
    private final Projection[][] dendritic;
    private final float[][] totalInput;
    private final float[][] constantInput;

    public ForwardDynamics(Network network, int forwardSteps) {
        this.network = network;
        this.forwardSteps = forwardSteps;
        this.all = network.populations().toArray(Population[]::new);
        List<Population> up = new ArrayList<>();
        for (Population p : all) if (p.isUpdated()) up.add(p);
        this.updated = up.toArray(Population[]::new);
        this.somatic = new Projection[all.length][];
        this.dendritic = new Projection[all.length][];
        this.totalInput = new float[all.length][];
        this.varying = new Projection[all.length][];
        this.constantInput = new float[all.length][];
        for (Population p : all) {
            somatic[p.order()] = p.incoming().stream().filter(Projection::isForwardSomatic).toArray(Projection[]::new);
            varying[p.order()] = java.util.Arrays.stream(somatic[p.order()]).filter(q -> q.pre().isUpdated()).toArray(Projection[]::new);
            constantInput[p.order()] = new float[p.size()];
            dendritic[p.order()] = p.incoming().stream()
                    .filter(q -> q.compartment() == dev.apical.spec.Compartment.DENDRITE).toArray(Projection[]::new);
            totalInput[p.order()] = new float[p.size()];
        }
    }

    public int forwardSteps() { return forwardSteps; }

    /// Somatic forward-phase projections into `p`, in config order.
    public Projection[] somaticInputs(Population p) { return somatic[p.order()]; }

    /// Runs the forward phase on sample `x`, then takes the forward snapshot (a^f, a^f(T-1), d^f).
    /// @param tape     filled with the last Tb steps when not null
    /// @param observer called after every step when not null
    public void run(float[] x, Tape tape, StepObserver observer) {
        Population in = network.input();
        System.arraycopy(x, 0, in.activity, 0, in.size());
        for (Population p : all) if (!p.isInput()) p.resetToBias();
        if (tape != null) tape.record(network, 0);
        for (Population q : updated) constantInput(q);
        for (int t = 1; t <= forwardSteps; t++) {
            for (Population p : all) System.arraycopy(p.activity, 0, p.prevActivity, 0, p.size());
            for (Population q : updated) step(q);
            if (tape != null) tape.record(network, t);
            if (observer != null) observer.afterStep(t, network);
        }
        snapshot();
    }

    /// The part of the somatic input that is the same at every step: the bias plus projections from populations
    /// that are never updated (the input, whose activity is the sample). Computed once per sample.
    private void constantInput(Population q) {
        float[] c = constantInput[q.order()];
        System.arraycopy(q.bias(), 0, c, 0, c.length);
        for (Projection p : somatic[q.order()])
            if (!p.pre().isUpdated()) p.multiplyAdd(p.presynaptic(), c);
    }

    private void step(Population q) {
        float[] in = totalInput[q.order()];
        System.arraycopy(constantInput[q.order()], 0, in, 0, in.length);
        for (Projection p : varying[q.order()]) p.multiplyAdd(p.presynaptic(), in);
        float[] s = q.state;
        float tau = q.tau();
        for (int i = 0; i < s.length; i++) s[i] += (in[i] - s[i]) / tau;
        q.activation().apply(s, q.activity);
    }

    /// EIANN `update_forward_state` (eiann-spec 4.1).
    private void snapshot() {
        for (Population p : all) {
            System.arraycopy(p.activity, 0, p.forwardActivity, 0, p.size());
            System.arraycopy(p.prevActivity, 0, p.forwardPrevActivity, 0, p.size());
            float[] d = p.forwardDendriticState();
            if (d != null) {
                java.util.Arrays.fill(d, 0f);
                for (Projection q : dendritic[p.order()]) q.multiplyAdd(q.presynaptic(), d);
            }
        }
    }
}
