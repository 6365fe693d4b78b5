package dev.apical.learning.rules;

import dev.apical.learning.LocalBiasRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.network.Population;
import dev.apical.spec.ConfigException;

/// Bias rule of the dendritic models (EIANN `DendriticLossBias`): Δb = η · plateau. The plateau is set by
/// the population's dendritic backward pass; a population without one is refused at build time.
/// Galloni, Peddada, Chennawar & Milstein (2025), bioRxiv 2025.05.22.655599.
public final class DendriticLossBias implements LocalBiasRule {
    private final double learningRate;

    public DendriticLossBias(RuleContext ctx) {
        this.learningRate = ctx.learningRate();
    }

    /// Checked after the backward passes have allocated plateaus.
    public static void requirePlateau(Population p, dev.apical.spec.SourceLocation at) {
        if (p.plateau() == null)
            throw new ConfigException(at, "bias learning rule 'DendriticLossBias' needs plateaus, but no incoming projection of "
                    + p.id() + " has a dendritic rule (e.g. BP_like_2E) that sets them.");
    }

    @Override public String name() { return "DendriticLossBias"; }
    @Override public double learningRate() { return learningRate; }

    @Override
    public void step(Population p, StepContext context) {
        float lr = (float) learningRate;
        float[] b = p.bias(), plateau = p.plateau();
        for (int i = 0; i < b.length; i++) b[i] += lr * plateau[i];
    }
}
