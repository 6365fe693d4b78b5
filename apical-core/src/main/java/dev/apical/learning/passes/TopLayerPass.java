package dev.apical.learning.passes;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.PlateauRule;
import dev.apical.learning.StepContext;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.ConfigException;
import dev.apical.spec.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/// The nudge pass that supervises only the output layer (EIANN `Top_Layer_BP_like_2L.backward`, family
/// "Top-layer", eiann-spec 6.3). At t = 0 the output population, if it bears the rule, gets
/// e = clip(target − y, −1, 1) as plateau and nudge (relu-gated with its first rule's setting, Q1); then for
/// t = 0..T−1 the output layer alone takes the 2L integration step ([LayerRelaxation#relax]): every
/// backward-phase population of the output layer and the output population re-integrate their somatic input
/// with the nudge added inside the activation. Hidden layers keep their forward activity.
///
/// Bearing populations are those whose rule class is the one that registered the pass first (EIANN compares
/// `learning_rule.__class__ == cls`); they must lie in the output layer and be the output population or take
/// part in the backward phase (elsewhere EIANN never gives them a plateau and fails at the weight update).
public final class TopLayerPass implements BackwardPass {
    /// The pass of `Top_Layer_BP_like_2L`.
    public static final Factory FACTORY = TopLayerPass::new;

    private final Population output;
    private final int steps;
    private final List<Population> outputLayer = new ArrayList<>();
    private final LayerRelaxation relaxation;
    private final boolean outputBears;
    private final boolean reluGate;

    private TopLayerPass(Setup setup) {
        Network network = setup.network();
        this.output = network.output();
        this.steps = setup.dynamics().forwardSteps();
        this.relaxation = new LayerRelaxation(network);
        for (Population p : network.populations()) if (p.isUpdated() && relaxation.inOutputLayer(p)) outputLayer.add(p);
        for (Population p : setup.ruleBearing()) {
            if (!relaxation.inOutputLayer(p) || (p != output && !p.hasBackwardProjections()))
                throw new ConfigException(firstRuleAt(p, setup), "learning rule 'Top_Layer_BP_like_2L' nudges only the output "
                        + "layer: its postsynaptic population must be the output population " + output.id()
                        + " or a population of its layer that takes part in the backward phase (update_phase B or A); "
                        + p.id() + " is neither.");
            p.allocateNudgeBuffers();
        }
        this.outputBears = setup.bears(output);
        this.reluGate = outputBears && ((PlateauRule) setup.ruleOf().apply(output)).reluGate();
    }

    private static SourceLocation firstRuleAt(Population p, Setup setup) {
        String name = setup.ruleOf().apply(p).name();
        for (Projection q : p.incoming())
            if (q.spec().rule() != null && q.spec().rule().name().equals(name)) return q.spec().rule().at();
        return p.spec().at();
    }

    @Override
    public void run(StepContext context) {
        for (int t = 0; t < steps; t++) {
            if (t == 0 && outputBears) Plateaus.output(output, context.target(), reluGate);
            relaxation.relax(outputLayer);
        }
    }
}
