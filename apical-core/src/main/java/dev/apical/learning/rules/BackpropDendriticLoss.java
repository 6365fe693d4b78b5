package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.LocalRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.learning.passes.DendriticLossGradientPass;
import dev.apical.network.Projection;
import dev.apical.spec.ConfigException;
import dev.apical.spec.SourceLocation;

/// Local back-propagation of a dendritic loss (EIANN `Backprop_DendriticLoss`, config 5M): the weights of
/// dendrite-targeting interneurons learn by gradient descent on the local loss L = criterion(d^f_source, 0),
/// mean((d^f)²) with the usual MSE, of the forward dendritic state of the `source` population ('Layer.Pop'),
/// back-propagated through the last `backward_steps` forward steps. Each source population has its own plain
/// SGD optimizer over the projections naming it, with each projection's learning rate; the update is applied
/// by [DendriticLossGradientPass] in the backward phase, so `step()` does nothing.
public final class BackpropDendriticLoss implements LocalRule {
    private final double learningRate;
    private final String source;
    private final SourceLocation sourceAt;
    private final SourceLocation at;

    public BackpropDendriticLoss(RuleContext ctx) {
        this.learningRate = ctx.learningRate();
        this.source = ctx.kwargs().requireString("source");
        this.sourceAt = ctx.kwargs().at("source");
        this.at = ctx.at();
        String[] parts = source.split("\\.", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty())
            throw new ConfigException(sourceAt, "source of learning rule 'Backprop_DendriticLoss' must name a population as "
                    + "'Layer.Pop' (e.g. 'H1.E'); found '" + source + "'.");
    }

    @Override public String name() { return "Backprop_DendriticLoss"; }
    @Override public double learningRate() { return learningRate; }
    @Override public BackwardPass.Factory backwardPass() { return DendriticLossGradientPass.FACTORY; }

    /// The source population, 'Layer.Pop'.
    public String source() { return source; }

    /// Where `source` is written (for build errors).
    public SourceLocation sourceAt() { return sourceAt; }

    /// Where the rule is named (for build errors).
    public SourceLocation at() { return at; }

    @Override
    public void step(Projection projection, StepContext context) {}
}
