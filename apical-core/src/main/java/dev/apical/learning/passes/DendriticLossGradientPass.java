package dev.apical.learning.passes;

import dev.apical.dynamics.Tape;
import dev.apical.learning.BackwardPass;
import dev.apical.learning.StepContext;
import dev.apical.learning.loss.Loss;
import dev.apical.learning.optim.Optimizer;
import dev.apical.learning.optim.Parameter;
import dev.apical.learning.optim.Sgd;
import dev.apical.learning.rules.BackpropDendriticLoss;
import dev.apical.math.Kernels;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.ConfigException;
import dev.apical.spec.Direction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// The backward method of EIANN `Backprop_DendriticLoss` (config 5M). For every source population S named by
/// the rule's projections (first met from the output layer down), the local loss L_S = criterion(d^f_S, 0) of
/// its forward dendritic state d^f_S = Σ_dend W·(a_pre(T) if forward, a_pre(T−1) if recurrent) is
/// back-propagated through the last `backward_steps` forward steps ([BackpropThroughTime] with this objective),
/// and S's own plain SGD optimizer steps the projections naming S, each with its rule's learning rate. All
/// gradients are taken from the forward pass before any of this pass's updates (in EIANN a source's graph never
/// contains another source's trained weights, so stepping in between would change nothing).
public final class DendriticLossGradientPass implements BackwardPass {
    /// The pass of `Backprop_DendriticLoss`.
    public static final Factory FACTORY = DendriticLossGradientPass::new;

    private final List<BackpropThroughTime> sources = new ArrayList<>();

    private DendriticLossGradientPass(Setup setup) {
        Network network = setup.network();
        Map<Population, List<Projection>> bySource = new LinkedHashMap<>();
        BackpropDendriticLoss first = null;
        for (Projection p : topDown(network, setup.ruleProjections())) {
            BackpropDendriticLoss rule = (BackpropDendriticLoss) setup.ruleOfProjection().apply(p);
            if (first == null) first = rule;
            Population s = network.population(rule.source());
            if (s == null)
                throw ConfigException.unknownName(rule.sourceAt(), "source population of learning rule 'Backprop_DendriticLoss'",
                        rule.source(), network.populations().stream().map(q -> q.id().layer() + "." + q.id().name()).toList());
            if (!s.hasDendrite())
                throw new ConfigException(rule.sourceAt(), "source " + rule.source() + " of learning rule 'Backprop_DendriticLoss' "
                        + "has no dendritic state: no projection into it has compartment: dend.");
            bySource.computeIfAbsent(s, k -> new ArrayList<>()).add(p);
        }
        Tape tape = setup.tape();
        if (first != null && tape.backwardSteps() < 1)
            throw new ConfigException(first.at(), "rule 'Backprop_DendriticLoss' back-propagates its dendritic loss through the last "
                    + "backward_steps forward steps, but training_kwargs.backward_steps is 0. Set backward_steps >= 1 (config 5M uses 3).");
        List<Projection> all = network.projections();
        for (var e : bySource.entrySet()) {
            float[][] weightGrad = new float[all.size()][];
            List<Parameter> params = new ArrayList<>();
            for (Projection p : e.getValue()) {
                float[] g = new float[p.weights().length];
                weightGrad[all.indexOf(p)] = g;
                params.add(new Parameter(p.name(), p.weights(), g, setup.ruleOfProjection().apply(p).learningRate()));
            }
            Optimizer sgd = new Sgd(params, 0, 0);
            sources.add(new BackpropThroughTime(network, setup.dynamics(), tape, objective(e.getKey(), tape, setup.loss()),
                    sgd, weightGrad, new float[network.populations().size()][]));
        }
    }

    /// EIANN visits layers from the output down, populations in order, projections in order (a stable sort of
    /// the layer-ordered list by layer, last layer first).
    private static List<Projection> topDown(Network network, List<Projection> ps) {
        Map<String, Integer> layerRank = new LinkedHashMap<>();
        for (Population p : network.populations()) layerRank.putIfAbsent(p.id().layer(), layerRank.size());
        List<Projection> out = new ArrayList<>(ps);
        out.sort((a, b) -> Integer.compare(layerRank.get(b.post().id().layer()), layerRank.get(a.post().id().layer())));
        return out;
    }

    /// dL/dd^f = criterion gradient at target 0, sent back through each dendritic projection of `s`.
    private static BackpropThroughTime.Objective objective(Population s, Tape tape, Loss loss) {
        float[] zero = new float[s.size()];
        float[] g = new float[s.size()];
        Projection[] dend = s.incoming().stream().filter(q -> q.compartment() == dev.apical.spec.Compartment.DENDRITE)
                .toArray(Projection[]::new);
        int tb = tape.backwardSteps();
        return (target, sink) -> {
            loss.gradient(s.forwardDendriticState(), zero, g);
            for (Projection q : dend) {
                float[] gw = sink.weight(q);
                if (gw != null) Kernels.outerAdd(1f, g, q.forwardPresynaptic(), gw, q.rows(), q.cols());
                float[] ga = sink.activity(q.pre(), q.direction() == Direction.FORWARD ? tb : tb - 1);
                if (ga != null) Kernels.gemvTransposedAdd(q.readWeights(), q.rows(), q.cols(), g, ga);
            }
        };
    }

    @Override
    public void run(StepContext context) {
        for (BackpropThroughTime b : sources) b.computeGradients(context.target());
        for (BackpropThroughTime b : sources) b.optimizer().step();
    }
}
