package dev.apical.network;

import dev.apical.dynamics.Activation;
import dev.apical.spec.Bounds;
import dev.apical.spec.PopulationSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/// A population at run time: its parameters (bias) and its per-sample state buffers, allocated once.
///
/// Buffers (eiann-spec 2.2): `state` s, `activity` a = f(s), `prevActivity` (a at the end of the previous
/// step), and the forward-phase snapshot taken after the forward dynamics: `forwardActivity` a(T),
/// `forwardPrevActivity` a(T-1), `forwardDendriticState` (only for populations with dendritic input).
public final class Population {
    private final PopulationSpec spec;
    private final int order;
    private final int size;
    private final Activation activation;
    private final float tau;
    private final boolean input;
    private final boolean updated;
    private final float[] bias;
    private final List<Projection> incoming = new ArrayList<>();

    public final float[] state;
    public final float[] activity;
    public final float[] prevActivity;
    public final float[] forwardActivity;
    public final float[] forwardPrevActivity;
    private float[] forwardDendriticState;
    private float[] dendriticState;
    private float[] plateau;
    private float[] dendToSoma;
    private boolean backwardPhase;
    private final java.util.Map<String, float[]> ruleState = new java.util.LinkedHashMap<>();
    private final java.util.Set<String> flags = new java.util.HashSet<>();

    /// @param order   position in update order (layer order, then population order)
    /// @param input   the network's input population (activity = the sample)
    /// @param updated whether the forward dynamics update it (false for every first-layer population)
    public Population(PopulationSpec spec, int order, Activation activation, float tau, boolean input, boolean updated) {
        this.spec = spec;
        this.order = order;
        this.size = spec.size();
        this.activation = activation;
        this.tau = tau;
        this.input = input;
        this.updated = updated;
        this.bias = new float[size];
        this.state = new float[size];
        this.activity = new float[size];
        this.prevActivity = new float[size];
        this.forwardActivity = new float[size];
        this.forwardPrevActivity = new float[size];
    }

    void addIncoming(Projection p) {
        incoming.add(p);
        if (p.compartment() == dev.apical.spec.Compartment.DENDRITE && forwardDendriticState == null) {
            forwardDendriticState = new float[size];
            dendriticState = new float[size];
        }
        if (p.updatePhase().inBackwardPhase()) backwardPhase = true;
    }

    public PopulationSpec spec() { return spec; }
    public dev.apical.spec.PopulationId id() { return spec.id(); }
    /// EIANN's full name (`H1E`).
    public String name() { return spec.id().fullName(); }
    public int order() { return order; }
    public int size() { return size; }
    public Activation activation() { return activation; }
    public float tau() { return tau; }
    public boolean isInput() { return input; }
    /// Whether the forward dynamics integrate this population (false for the first layer).
    public boolean isUpdated() { return updated; }
    public boolean hasBias() { return spec.bias().include(); }
    public Bounds biasBounds() { return spec.bias().bounds(); }
    /// The bias vector (zeros unless `include_bias`). Modified by bias rules and loaders.
    public float[] bias() { return bias; }
    /// Incoming projections in config order.
    public List<Projection> incoming() { return Collections.unmodifiableList(incoming); }
    /// Sum of dendritic projections after the forward phase (unclipped), or null if it has none.
    public float[] forwardDendriticState() { return forwardDendriticState; }
    public boolean hasDendrite() { return forwardDendriticState != null; }

    /// True if an incoming projection has update phase B or A: the population takes part in the backward
    /// phase (EIANN's non-empty `backward_projections`, eiann-spec 2.2).
    public boolean hasBackwardProjections() { return backwardPhase; }

    /// Dendritic state during/after the backward phase (clipped sum of dendritic inputs; for the output
    /// population the clipped error), or null before a backward pass has given it one.
    public float[] dendriticState() { return dendriticState; }

    /// Plateau: the selected, gated local error of the last backward phase, or null if no rule of this
    /// population uses plateaus.
    public float[] plateau() { return plateau; }

    /// Nudge added to the somatic state in the backward phase, or null if the population is never nudged.
    public float[] dendToSoma() { return dendToSoma; }

    /// Allocates the plateau and nudge buffers (for populations that bear a dendritic learning rule), and a
    /// dendritic-state buffer if the population has none yet (the output population holds its error there).
    public void allocateNudgeBuffers() {
        if (plateau == null) plateau = new float[size];
        if (dendToSoma == null) dendToSoma = new float[size];
        if (dendriticState == null) dendriticState = new float[size];
    }
    /// Named per-population state of learning rules, shared by all rules of the population (EIANN keeps it as
    /// population attributes): BCM's `theta`, BTSP's `past_activity` and `past_plateau`. Allocated as zeros on
    /// first use; part of the model's saved state ([dev.apical.build.Model#ruleState()]).
    public float[] ruleState(String key) {
        return ruleState.computeIfAbsent(key, k -> new float[size]);
    }

    /// Every rule-state vector of this population, by key, in allocation order.
    public java.util.Map<String, float[]> ruleStates() {
        return Collections.unmodifiableMap(ruleState);
    }

    /// A per-sample flag of a rule (e.g. "BCM threshold not yet updated for this sample"); false until set.
    public boolean flag(String key) {
        return flags.contains(key);
    }

    public void setFlag(String key, boolean on) {
        if (on) flags.add(key);
        else flags.remove(key);
    }

    /// s = b, a = f(b): the state every forward pass starts from (eiann-spec 4, Q6, Q14).
    public void resetToBias() {
        System.arraycopy(bias, 0, state, 0, size);
        activation.apply(state, activity);
    }

    @Override
    public String toString() {
        return spec.id().toString();
    }
}
