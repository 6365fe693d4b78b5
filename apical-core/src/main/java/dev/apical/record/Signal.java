package dev.apical.record;

import dev.apical.network.Population;

/// Per-population signals of one training step that can be recorded (eiann-spec 10.1 histories), named as
/// in EIANN's fixture directories.
public enum Signal {
    /// Forward activity a^f = a(T).
    FORWARD("forward", "forward activity"),
    /// Activity at forward step T−1.
    FORWARD_PREV("forward_prev", "forward previous activity"),
    /// Forward dendritic state d^f (unclipped sum of dendritic inputs after the forward phase).
    FORWARD_DEND("forward_dend", "a forward dendritic state"),
    /// Activity after the backward phase (nudged and/or re-equilibrated).
    BACKWARD("backward", "activity after the backward phase"),
    /// Previous activity after the backward phase.
    BACKWARD_PREV("backward_prev", "previous activity after the backward phase"),
    /// Plateau: the selected, gated local error.
    PLATEAU("plateau", "plateaus"),
    /// Dendritic state after the backward phase (the output population's clipped error).
    BACKWARD_DEND("backward_dend", "a backward dendritic state");

    private final String key;
    private final String description;

    Signal(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /// The name used in files and on the command line (`forward_dend`).
    public String key() { return key; }

    public String description() { return description; }

    /// The signal's current value in `p`, or null if `p` does not have it.
    public float[] of(Population p) {
        return switch (this) {
            case FORWARD -> p.forwardActivity;
            case FORWARD_PREV -> p.forwardPrevActivity;
            case FORWARD_DEND -> p.forwardDendriticState();
            case BACKWARD -> p.activity;
            case BACKWARD_PREV -> p.prevActivity;
            case PLATEAU -> p.plateau();
            case BACKWARD_DEND -> p.plateau() != null ? p.dendriticState() : null;
        };
    }

    /// Parses a key such as `forward_dend` (also accepts the enum name); null if unknown.
    public static Signal parse(String key) {
        for (Signal s : values()) if (s.key.equals(key) || s.name().equalsIgnoreCase(key)) return s;
        return null;
    }
}
