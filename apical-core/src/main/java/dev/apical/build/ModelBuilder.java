package dev.apical.build;

import dev.apical.dynamics.Activations;
import dev.apical.dynamics.ForwardDynamics;
import dev.apical.dynamics.Tape;
import dev.apical.init.WeightInits;
import dev.apical.learning.BackwardPass;
import dev.apical.learning.GradientRule;
import dev.apical.learning.LearningRule;
import dev.apical.learning.LearningRules;
import dev.apical.learning.LocalBiasRule;
import dev.apical.learning.LocalRule;
import dev.apical.learning.rules.DendriticLossBias;
import dev.apical.learning.constraints.ConstraintPass;
import dev.apical.learning.constraints.Constraints;
import dev.apical.learning.constraints.WeightConstraint;
import dev.apical.learning.loss.Loss;
import dev.apical.learning.loss.Losses;
import dev.apical.learning.optim.Optimizer;
import dev.apical.learning.optim.Optimizers;
import dev.apical.learning.optim.Parameter;
import dev.apical.learning.passes.BackpropThroughTime;
import dev.apical.init.InitRandom;
import dev.apical.math.RandomStreams;
import dev.apical.math.RngScheme;
import dev.apical.math.TorchRandom;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.registry.Kwargs;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;
import dev.apical.spec.NetworkSpec;
import dev.apical.spec.PopulationSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Turns a [NetworkSpec] into a [Model]: the only place where specs become runtime objects. Every name in the
/// spec (activation, initialiser, constraint, rule, optimizer, criterion) is bound through its registry here,
/// so a config that builds will not fail later for a bad name. Construction order follows eiann-spec 3:
/// populations, projections, weight and bias init from named random streams, rules, the init-time constraint
/// pass and clone pass.
public final class ModelBuilder {
    private ModelBuilder() {}

    /// Builds with weights drawn from Apical's named streams derived from `networkSeed`.
    public static Model build(NetworkSpec spec, long networkSeed) {
        return build(spec, networkSeed, RngScheme.APICAL);
    }

    /// Builds with weights drawn by `scheme` from `networkSeed`.
    public static Model build(NetworkSpec spec, long networkSeed, RngScheme scheme) {
        RandomStreams streams = new RandomStreams(networkSeed);
        Network network = new Network(spec,
                ps -> Activations.create(ps.activation() != null ? ps.activation() : ComponentSpec.of("linear", ps.at())),
                ps -> ps.tau() != null ? ps.tau() : spec.training().tau());
        Map<Projection, WeightConstraint> constraints = new LinkedHashMap<>();
        for (Projection p : network.projections()) {
            ComponentSpec c = p.spec().constraint();
            if (c != null) constraints.put(p, Constraints.create(c, p, network, streams));
        }
        if (scheme == RngScheme.EIANN) initialiseLikeEiann(network, new TorchRandom(networkSeed));
        else initialise(network, streams);
        LearningRule[] rules = new LearningRule[network.projections().size()];
        LearningRule[] biasRules = new LearningRule[network.populations().size()];
        bindRules(spec, network, rules, biasRules);

        int tb = spec.training().backwardSteps();
        ForwardDynamics dynamics = new ForwardDynamics(network, spec.training().forwardSteps());
        Tape tape = new Tape(network, spec.training().forwardSteps(), tb);
        Loss loss = Losses.create(spec.training().criterion());
        List<BackwardPass> passes = passes(spec, network, dynamics, tape, loss, rules, biasRules, streams);
        checkBiasRules(network, biasRules);
        new ConstraintPass(network, constraints, p -> true, p -> true, true).apply();
        List<Projection> all = network.projections();
        // rules that clamp what they change themselves: local rules that say so, and gradient rules (the
        // optimizer clamps each parameter to its bounds as it updates it)
        ConstraintPass constraintPass = new ConstraintPass(network, constraints, p -> rules[all.indexOf(p)] != null
                && !(rules[all.indexOf(p)] instanceof LocalRule l && l.clampsOwnUpdates())
                && !(rules[all.indexOf(p)] instanceof GradientRule),
                p -> biasRules[p.order()] != null && !(biasRules[p.order()] instanceof GradientRule), false);
        applyCloneInits(network);
        return new Model(spec, network, dynamics, tape, loss, passes, rules, biasRules, constraintPass,
                columnCopies(network, constraints, rules));
    }

    /// Smallest matrix (elements) worth a column copy.
    static final int COLUMN_COPY_MIN = 4096;

    /// Projections whose weights never change during training, or change only through [Projection]'s update
    /// methods, and so can keep a column copy for products that skip zero presynaptic rates
    /// ([Projection#keepColumns()]): no constraint besides bounds, or one that [WeightConstraint#appliesThroughProjection()]
    /// (any other rewrites W every step), no rule
    /// or a rule that [LocalRule#updatesThroughProjection()], and at least [#COLUMN_COPY_MIN] weights.
    private static List<Projection> columnCopies(Network network, Map<Projection, WeightConstraint> constraints, LearningRule[] rules) {
        List<Projection> all = network.projections(), out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Projection p = all.get(i);
            WeightConstraint c = constraints.get(p);
            if ((c != null && !c.appliesThroughProjection()) || (long) p.rows() * p.cols() < COLUMN_COPY_MIN) continue;
            if (rules[i] != null && !(rules[i] instanceof LocalRule l && l.updatesThroughProjection())) continue;
            out.add(p);
        }
        return out;
    }

    private static void initialise(Network network, RandomStreams streams) {
        for (Projection p : network.projections()) {
            WeightInits.initWeights(p.spec().init(), p.weights(), fanIn(p), p.bounds(),
                    InitRandom.of(streams.stream("init/" + p.name())));
        }
        for (Population pop : network.populations()) {
            if (!pop.hasBias() || pop.isInput()) continue;
            int total = 0;
            for (Projection p : pop.incoming()) total += fanIn(p);
            WeightInits.initBias(pop.spec().bias().init(), pop.bias(), total, InitRandom.of(streams.stream("bias/" + pop.name())));
        }
    }

    /// EIANN's construction order on one torch generator (eiann-spec 3): every projection's `nn.Linear` default
    /// init in config order, then per population in layer order its projections' inits and its bias init
    /// (drawn even when the total fan-in is 0).
    private static void initialiseLikeEiann(Network network, TorchRandom torch) {
        for (Projection p : network.projections()) {
            double bound = TorchRandom.linearDefaultBound(p.cols());
            torch.uniform(p.weights(), -bound, bound);
        }
        InitRandom r = InitRandom.of(torch);
        for (Population pop : network.populations()) {
            int total = 0;
            for (Projection p : pop.incoming()) {
                if (p.spec().init() != null) WeightInits.initWeights(p.spec().init(), p.weights(), fanIn(p), p.bounds(), r);
                total += fanIn(p);
            }
            if (pop.hasBias() && !pop.isInput()) WeightInits.initBias(pop.spec().bias().init(), pop.bias(), total, r);
        }
    }

    /// fan-in for initialisation: N_pre, or rf² (times channels) for a receptive-field-masked projection.
    private static int fanIn(Projection p) {
        ComponentSpec c = p.spec().constraint();
        if (c != null && c.name().equals("receptive_field_mask") && c.kwargs().get("receptive_field_size") != null
                && c.kwargs().get("receptive_field_size").value() instanceof Number rf) {
            int channels = 1;
            var dims = c.kwargs().get("image_dims");
            if (dims != null && dims.value() instanceof List<?> l && l.size() == 3
                    && ((dev.apical.spec.Arg) l.getFirst()).value() instanceof Number ch) channels = ch.intValue();
            return rf.intValue() * rf.intValue() * channels;
        }
        return p.cols();
    }

    private static void bindRules(NetworkSpec spec, Network network, LearningRule[] rules, LearningRule[] biasRules) {
        Double fallback = spec.training().learningRate();
        List<Projection> ps = network.projections();
        for (int i = 0; i < ps.size(); i++) {
            ComponentSpec r = ps.get(i).spec().rule();
            if (r != null) rules[i] = LearningRules.createWeightRule(r, fallback, ps.get(i));
        }
        for (Population pop : network.populations()) {
            PopulationSpec s = pop.spec();
            if (s.bias().rule() != null && !pop.isInput())
                biasRules[pop.order()] = LearningRules.createBiasRule(s.bias().rule(), fallback, pop);
        }
    }

    /// The distinct backward passes in EIANN's registration order: bias rules (population order), then
    /// projection rules (config order). Gradient rules share one back-propagation pass.
    private static List<BackwardPass> passes(NetworkSpec spec, Network network, ForwardDynamics dynamics, Tape tape,
                                             Loss loss, LearningRule[] rules, LearningRule[] biasRules, RandomStreams streams) {
        Map<Object, Class<?>> order = new LinkedHashMap<>();
        for (Population pop : network.populations()) register(order, biasRules[pop.order()]);
        for (LearningRule r : rules) register(order, r);
        List<BackwardPass> passes = new ArrayList<>();
        for (var e : order.entrySet()) {
            if (e.getKey() == GRADIENT) passes.add(backprop(spec, network, dynamics, tape, loss, rules, biasRules));
            else passes.add(localPass((BackwardPass.Factory) e.getKey(), e.getValue(), network, dynamics, tape, loss, rules, streams));
        }
        return passes;
    }

    private static final Object GRADIENT = new Object();

    private static void register(Map<Object, Class<?>> order, LearningRule r) {
        Object key = switch (r) {
            case null -> null;
            case GradientRule g -> GRADIENT;
            case LocalRule l -> l.backwardPass();
            case LocalBiasRule b -> b.backwardPass();
        };
        if (key != null) order.putIfAbsent(key, r.getClass());
    }

    private static BackwardPass localPass(BackwardPass.Factory factory, Class<?> boundClass, Network network,
                                          ForwardDynamics dynamics, Tape tape, Loss loss, LearningRule[] rules,
                                          RandomStreams streams) {
        List<Projection> ps = network.projections();
        Map<Population, LocalRule> first = new LinkedHashMap<>();
        Map<Projection, LocalRule> bound = new LinkedHashMap<>();
        for (Population pop : network.populations()) {
            for (Projection p : pop.incoming()) {
                if (rules[ps.indexOf(p)] instanceof LocalRule l && l.backwardPass() == factory
                        && (!factory.boundToFirstRuleClass() || l.getClass() == boundClass)) {
                    first.putIfAbsent(pop, l);
                    bound.put(p, l);
                }
            }
        }
        return factory.create(new BackwardPass.Setup(network, dynamics, List.copyOf(first.keySet()), first::get, streams,
                List.copyOf(bound.keySet()), bound::get, tape, loss));
    }

    private static BackwardPass backprop(NetworkSpec spec, Network network, ForwardDynamics dynamics, Tape tape, Loss loss,
                                         LearningRule[] rules, LearningRule[] biasRules) {
        List<Parameter> params = new ArrayList<>();
        float[][] weightGrad = new float[rules.length][];
        float[][] biasGrad = new float[biasRules.length][];
        ComponentSpec firstGradient = null;
        for (Population pop : network.populations()) {
            if (biasRules[pop.order()] instanceof GradientRule g) {
                biasGrad[pop.order()] = new float[pop.size()];
                params.add(new Parameter(pop.name() + ".bias", pop.bias(), biasGrad[pop.order()], g.learningRate(),
                        (float) pop.biasBounds().lo(), (float) pop.biasBounds().hi()));
                if (firstGradient == null) firstGradient = pop.spec().bias().rule();
            }
            for (Projection p : pop.incoming()) {
                int i = network.projections().indexOf(p);
                if (rules[i] instanceof GradientRule g) {
                    weightGrad[i] = new float[p.weights().length];
                    params.add(new Parameter(p.name(), p.weights(), weightGrad[i], g.learningRate(),
                            (float) p.bounds().lo(), (float) p.bounds().hi()));
                    if (firstGradient == null) firstGradient = p.spec().rule();
                }
            }
        }
        if (spec.training().backwardSteps() < 1)
            throw new ConfigException(firstGradient.at(), "rule '" + firstGradient.name() + "' back-propagates through the "
                    + "last backward_steps forward steps, but training_kwargs.backward_steps is "
                    + spec.training().backwardSteps() + ". Set backward_steps >= 1.");
        Optimizer opt = Optimizers.create(spec.training().optimizer(), params);
        return new BackpropThroughTime(network, dynamics, tape, loss, opt, weightGrad, biasGrad);
    }

    private static void checkBiasRules(Network network, LearningRule[] biasRules) {
        for (Population pop : network.populations())
            if (biasRules[pop.order()] instanceof DendriticLossBias)
                DendriticLossBias.requirePlateau(pop, pop.spec().bias().rule().at());
    }

    private static void applyCloneInits(Network network) {
        for (Projection p : network.projections()) {
            ComponentSpec init = p.spec().init();
            if (!WeightInits.isClone(init)) continue;
            Kwargs kw = new Kwargs("weight_init '" + init.name() + "'", init);
            Constraints.clone(kw, p, network).apply();
            kw.done();
            dev.apical.math.Kernels.clamp(p.weights(), p.bounds().lo(), p.bounds().hi());
        }
    }
}
