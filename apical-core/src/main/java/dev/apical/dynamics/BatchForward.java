package dev.apical.dynamics;

import dev.apical.math.Kernels;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.Direction;

import java.util.Arrays;

/// The forward dynamics of [ForwardDynamics] for a batch of samples at once, as EIANN evaluates its
/// validation and test sets (one batch, no learning): every population holds a `batch x size` matrix and
/// each projection is one matrix product per step. Reads the network's weights and biases; touches none of
/// its per-sample buffers, so it may run beside training on another thread as long as the weights do not
/// change meanwhile. Results equal the per-sample dynamics up to float summation order.
public final class BatchForward {
    private final Network network;
    private final int forwardSteps;
    private final int capacity;
    private final Population[] all;
    private final Projection[][] constant;
    private final Projection[][] varying;
    private final float[][] state, activity, prev, input, constantInput;

    /// @param capacity the largest batch this instance evaluates; buffers are allocated once
    public BatchForward(Network network, int forwardSteps, int capacity) {
        this.network = network;
        this.forwardSteps = forwardSteps;
        this.capacity = capacity;
        this.all = network.populations().toArray(Population[]::new);
        int n = all.length;
        constant = new Projection[n][];
        varying = new Projection[n][];
        state = new float[n][];
        activity = new float[n][];
        prev = new float[n][];
        input = new float[n][];
        constantInput = new float[n][];
        for (Population p : all) {
            int o = p.order();
            Projection[] somatic = p.incoming().stream().filter(Projection::isForwardSomatic).toArray(Projection[]::new);
            constant[o] = Arrays.stream(somatic).filter(q -> !q.pre().isUpdated()).toArray(Projection[]::new);
            varying[o] = Arrays.stream(somatic).filter(q -> q.pre().isUpdated()).toArray(Projection[]::new);
            int size = capacity * p.size();
            activity[o] = new float[size];
            if (p.isInput()) continue;
            state[o] = new float[size];
            prev[o] = new float[size];
            input[o] = new float[size];
            constantInput[o] = new float[size];
        }
    }

    public int capacity() {
        return capacity;
    }

    /// Runs the forward phase on `batch` samples (row-major `batch x inputSize` in `x`) and returns the output
    /// population's activity, row-major `batch x outputSize` (valid until the next call).
    public float[] run(float[] x, int batch) {
        return run(x, batch, null);
    }

    /// Called after each forward step t = 1..T of a batched run.
    public interface StepObserver {
        void afterStep(int t, BatchForward forward, int batch);
    }

    /// Activity of `p` for the current batch, row-major `batch x size` (valid during and after a run).
    public float[] activity(Population p) {
        return activity[p.order()];
    }

    /// As [#run(float[], int)], calling `observer` after every step when not null.
    public float[] run(float[] x, int batch, StepObserver observer) {
        if (batch > capacity) throw new IllegalArgumentException("batch " + batch + " exceeds capacity " + capacity);
        Population in = network.input();
        System.arraycopy(x, 0, activity[in.order()], 0, batch * in.size());
        for (Population p : all) {
            if (p.isInput()) continue;
            int o = p.order(), size = p.size();
            for (int b = 0; b < batch; b++) System.arraycopy(p.bias(), 0, state[o], b * size, size);
            p.activation().applyRows(state[o], activity[o], batch, size);
        }
        for (Population p : all) if (p.isUpdated()) constantInput(p, batch);
        for (int t = 1; t <= forwardSteps; t++) {
            for (Population p : all)
                if (!p.isInput()) System.arraycopy(activity[p.order()], 0, prev[p.order()], 0, batch * p.size());
            for (Population p : all) if (p.isUpdated()) step(p, batch);
            if (observer != null) observer.afterStep(t, this, batch);
        }
        return activity[network.output().order()];
    }

    private void constantInput(Population q, int batch) {
        int o = q.order(), size = q.size();
        float[] c = constantInput[o];
        for (int b = 0; b < batch; b++) System.arraycopy(q.bias(), 0, c, b * size, size);
        for (Projection p : constant[o]) Kernels.gemmTransposedAdd(presynaptic(p), batch, p.readWeights(), p.rows(), p.cols(), c);
    }

    private void step(Population q, int batch) {
        int o = q.order(), n = batch * q.size();
        float[] in = input[o], s = state[o];
        System.arraycopy(constantInput[o], 0, in, 0, n);
        for (Projection p : varying[o]) Kernels.gemmTransposedAdd(presynaptic(p), batch, p.readWeights(), p.rows(), p.cols(), in);
        float tau = q.tau();
        for (int i = 0; i < n; i++) s[i] += (in[i] - s[i]) / tau;
        q.activation().applyRows(s, activity[o], batch, q.size());
    }

    private float[] presynaptic(Projection p) {
        Population pre = p.pre();
        if (!pre.isUpdated() || p.direction() == Direction.FORWARD || prev[pre.order()] == null) return activity[pre.order()];
        return prev[pre.order()];
    }
}
