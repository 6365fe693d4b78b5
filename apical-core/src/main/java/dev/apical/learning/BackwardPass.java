package dev.apical.learning;

import dev.apical.dynamics.ForwardDynamics;
import dev.apical.dynamics.Tape;
import dev.apical.learning.loss.Loss;
import dev.apical.math.RandomStreams;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;

import java.util.List;
import java.util.function.Predicate;

/// A network-wide pass run once per training step after the forward phase (EIANN's class-level `backward`
/// methods, de-duplicated and run in registration order): output nudges, dendritic plateaus and
/// re-equilibration, or the loss gradient and optimizer step of the backprop baselines.
public interface BackwardPass {
    void run(StepContext context);

    /// Creates a pass for a built network. The factory instance is the pass's identity: rules returning the
    /// same factory share one pass.
    interface Factory {
        BackwardPass create(Setup setup);

        /// Whether only rules of the class that registered the pass first bear it (EIANN's
        /// `learning_rule.__class__ == cls`, the default), or every rule that returns this factory (EIANN's
        /// `shared_backward_methods`, used by `BP_like_2L` and the rules that inherit its backward).
        default boolean boundToFirstRuleClass() {
            return true;
        }
    }

    /// What a pass gets at build time.
    ///
    /// @param ruleBearing populations that have an incoming projection whose rule uses this pass and, if
    ///                    [Factory#boundToFirstRuleClass()], is of the rule class that registered it first
    ///                    (EIANN compares `learning_rule.__class__`)
    /// @param ruleOf      the first incoming local rule of each population that uses this pass (EIANN reads
    ///                    relu_gate, stochastic and max_pop_fraction from it, Q10), null for others
    /// @param ruleProjections the projections whose rule uses this pass and is of that class, in layer order
    ///                        (post population order, then config order)
    /// @param ruleOfProjection the rule of each of `ruleProjections`
    /// @param tape            the last `backward_steps` forward steps (for passes that differentiate through them)
    /// @param loss            the network's criterion
    record Setup(Network network, ForwardDynamics dynamics, List<Population> ruleBearing,
                 java.util.function.Function<Population, LocalRule> ruleOf, RandomStreams streams,
                 List<Projection> ruleProjections, java.util.function.Function<Projection, LocalRule> ruleOfProjection,
                 Tape tape, Loss loss) {
        public boolean bears(Population p) {
            return ruleBearing.contains(p);
        }

        public Predicate<Population> bearing() {
            return ruleBearing::contains;
        }
    }
}
