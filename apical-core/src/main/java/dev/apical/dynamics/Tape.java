package dev.apical.dynamics;

import dev.apical.network.Network;
import dev.apical.network.Population;

/// The part of a forward pass that truncated back-propagation through time needs: the activities of every
/// population at forward steps T-Tb..T and the states at steps T-Tb+1..T (eiann-spec 4(4), 6.7).
/// Index k = 0..Tb stands for step t = T - Tb + k. Allocated once per model.
public final class Tape {
    private final int forwardSteps;
    private final int backwardSteps;
    private final float[][][] activity;
    private final float[][][] state;

    /// @param backwardSteps Tb, clipped to [0, forwardSteps]
    public Tape(Network network, int forwardSteps, int backwardSteps) {
        this.forwardSteps = forwardSteps;
        this.backwardSteps = Math.max(0, Math.min(backwardSteps, forwardSteps));
        int n = network.populations().size();
        activity = new float[n][backwardSteps() + 1][];
        state = new float[n][backwardSteps() + 1][];
        for (Population p : network.populations()) {
            for (int k = 0; k <= backwardSteps(); k++) {
                activity[p.order()][k] = new float[p.size()];
                state[p.order()][k] = new float[p.size()];
            }
        }
    }

    public int backwardSteps() { return backwardSteps; }

    public int forwardSteps() { return forwardSteps; }

    /// Records the network's current activities and states as step `t` if that step is on the tape.
    void record(Network network, int t) {
        int k = t - (forwardSteps - backwardSteps);
        if (k < 0) return;
        for (Population p : network.populations()) {
            System.arraycopy(p.activity, 0, activity[p.order()][k], 0, p.size());
            System.arraycopy(p.state, 0, state[p.order()][k], 0, p.size());
        }
    }

    /// Activity of `p` at tape index k (step T - Tb + k). Not to be modified.
    public float[] activity(Population p, int k) { return activity[p.order()][k]; }

    /// State of `p` at tape index k (step T - Tb + k). Not to be modified.
    public float[] state(Population p, int k) { return state[p.order()][k]; }
}
