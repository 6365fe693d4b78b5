package dev.apical.parity;

import dev.apical.build.Model;
import dev.apical.network.Population;

import java.util.Map;

/// Reads the per-population signals a fixture records, by the fixture's directory names.
final class Signals {
    enum Kind {
        FORWARD("forward", "forward activity"),
        FORWARD_PREV("forward_prev", "forward previous activity"),
        FORWARD_DEND("forward_dend", "a forward dendritic state"),
        BACKWARD("backward", "activity after the backward phase"),
        BACKWARD_PREV("backward_prev", "previous activity after the backward phase"),
        PLATEAU("plateau", "plateaus"),
        BACKWARD_DEND("backward_dend", "a backward dendritic state");

        private final String dir;
        private final String description;

        Kind(String dir, String description) {
            this.dir = dir;
            this.description = description;
        }

        String dir() { return dir; }
        String description() { return description; }
    }

    private final Model model;

    Signals(Model model) {
        this.model = model;
    }

    /// The signal of population `fullName` (e.g. `H1E`) after the last training step, or null if this model
    /// does not produce it.
    float[] get(Kind kind, String fullName) {
        Population p = model.network().populationByFullName(fullName);
        if (p == null) return null;
        return switch (kind) {
            case FORWARD -> p.forwardActivity;
            case FORWARD_PREV -> p.forwardPrevActivity;
            case FORWARD_DEND -> p.forwardDendriticState();
            case BACKWARD -> p.activity;
            case BACKWARD_PREV -> p.prevActivity;
            case PLATEAU -> p.plateau();
            case BACKWARD_DEND -> p.plateau() != null ? p.dendriticState() : null;
        };
    }

    /// Appends step k's row of every signal this model produces to `history` (keys `history/<kind>/<Pop>.npy`,
    /// arrays of `steps x size`), for non-input populations.
    void appendHistory(Map<String, float[]> history, int k, int steps) {
        for (Population p : model.network().populations()) {
            if (p.isInput()) continue;
            for (Kind kind : new Kind[] {Kind.FORWARD, Kind.FORWARD_DEND, Kind.BACKWARD, Kind.PLATEAU, Kind.BACKWARD_DEND}) {
                float[] v = get(kind, p.name());
                if (v == null) continue;
                float[] rows = history.computeIfAbsent("history/" + kind.dir() + "/" + p.name() + ".npy", key -> new float[steps * p.size()]);
                System.arraycopy(v, 0, rows, k * p.size(), p.size());
            }
        }
    }
}
