package dev.apical.parity;

import dev.apical.build.Model;
import dev.apical.network.Population;
import dev.apical.record.Signal;

import java.util.Map;

/// Reads the per-population signals a fixture records, by the fixture's directory names.
final class Signals {
    private static final Signal[] HISTORY = {Signal.FORWARD, Signal.FORWARD_DEND, Signal.BACKWARD, Signal.PLATEAU, Signal.BACKWARD_DEND};

    private final Model model;

    Signals(Model model) {
        this.model = model;
    }

    /// The signal of population `fullName` (e.g. `H1E`) after the last training step, or null if this model
    /// does not produce it.
    float[] get(Signal kind, String fullName) {
        Population p = model.network().populationByFullName(fullName);
        return p == null ? null : kind.of(p);
    }

    /// Appends step k's row of every signal this model produces to `history` (keys `history/<kind>/<Pop>.npy`,
    /// arrays of `steps x size`), for non-input populations.
    void appendHistory(Map<String, float[]> history, int k, int steps) {
        for (Population p : model.network().populations()) {
            if (p.isInput()) continue;
            for (Signal kind : HISTORY) {
                float[] v = kind.of(p);
                if (v == null) continue;
                float[] rows = history.computeIfAbsent("history/" + kind.key() + "/" + p.name() + ".npy", key -> new float[steps * p.size()]);
                System.arraycopy(v, 0, rows, k * p.size(), p.size());
            }
        }
    }
}
