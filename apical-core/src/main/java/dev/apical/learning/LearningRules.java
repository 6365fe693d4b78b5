package dev.apical.learning;

import dev.apical.learning.rules.BackpropDendriticLoss;
import dev.apical.learning.rules.BehavioralTimescalePlasticity;
import dev.apical.learning.rules.DendriticContrast;
import dev.apical.learning.rules.DendriticLoss;
import dev.apical.learning.rules.DendriticLossBias;
import dev.apical.learning.rules.DendriticTargetPropagation;
import dev.apical.learning.rules.EquilibratedTargetPropagation;
import dev.apical.learning.rules.HebbWeightNorm;
import dev.apical.learning.rules.OjaRule;
import dev.apical.learning.rules.SupervisedHebbWeightNorm;
import dev.apical.learning.rules.TemporalContrastHebb;
import dev.apical.learning.rules.TopDownTemporalContrast;
import dev.apical.learning.rules.TopLayerTargetPropagation;
import dev.apical.learning.rules.SupervisedBcm;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.registry.Kwargs;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/// THE learning-rule registry: one line per rule, under EIANN's YAML names. Projection rules and bias rules
/// are listed separately because EIANN names them separately (`learning_rule`, `bias_learning_rule`).
/// A bias rule named as a projection rule (or the reverse) is refused with a message saying where it belongs.
public final class LearningRules {
    private LearningRules() {}

    private static final Map<String, Function<RuleContext, LearningRule>> WEIGHT_RULES = new LinkedHashMap<>();
    private static final Map<String, Function<RuleContext, LearningRule>> BIAS_RULES = new LinkedHashMap<>();

    static {
        weight("Backprop", ctx -> new GradientRule("Backprop", ctx.learningRate()));
        weight("BP_like_2E", DendriticTargetPropagation::targetPropagation);
        weight("BP_like_1E", DendriticTargetPropagation::temporalContrast);
        weight("DendriticLoss_6", DendriticLoss::new);
        weight("Dend_Temp_Contrast", DendriticContrast::temporal);
        weight("Dend_EI_Contrast", DendriticContrast::excitationInhibition);
        weight("Hebb_WeightNorm", HebbWeightNorm::plain);
        weight("Hebb_WeightNorm_4", HebbWeightNorm::clipped);
        weight("BP_like_2L", EquilibratedTargetPropagation::new);
        weight("Top_Layer_BP_like_2L", TopLayerTargetPropagation::new);
        weight("Hebbian_Temporal_Contrast", TemporalContrastHebb::new);
        weight("Top_Down_Hebbian_Temporal_Contrast_1", TopDownTemporalContrast::first);
        weight("Top_Down_Hebbian_Temporal_Contrast_3", TopDownTemporalContrast::third);
        weight("Ojas_rule", OjaRule::new);
        weight("Supervised_Hebb_WeightNorm_4", SupervisedHebbWeightNorm::new);
        weight("Backprop_DendriticLoss", BackpropDendriticLoss::new);
        weight("Supervised_BCM_4", SupervisedBcm::new);
        weight("BTSP_19", BehavioralTimescalePlasticity::new);
        bias("BackpropBias", ctx -> new GradientRule("BackpropBias", ctx.learningRate()));
        bias("Backprop", ctx -> new GradientRule("BackpropBias", ctx.learningRate()));
        bias("DendriticLossBias", DendriticLossBias::new);
    }

    private static void weight(String name, Function<RuleContext, LearningRule> f) {
        if (WEIGHT_RULES.putIfAbsent(name, f) != null) throw new IllegalStateException("duplicate rule " + name);
    }

    private static void bias(String name, Function<RuleContext, LearningRule> f) {
        if (BIAS_RULES.putIfAbsent(name, f) != null) throw new IllegalStateException("duplicate bias rule " + name);
    }

    /// Names accepted for `learning_rule`.
    public static List<String> weightRuleNames() {
        return List.copyOf(WEIGHT_RULES.keySet());
    }

    /// Names accepted for `bias_learning_rule`.
    public static List<String> biasRuleNames() {
        return List.copyOf(BIAS_RULES.keySet());
    }

    /// Binds a projection's `learning_rule` / `learning_rule_kwargs`.
    /// @param fallbackLearningRate `training_kwargs.learning_rate`, or null
    public static LearningRule createWeightRule(ComponentSpec spec, Double fallbackLearningRate, Projection projection) {
        return create(spec, fallbackLearningRate, WEIGHT_RULES, "learning rule", projection, projection.post());
    }

    /// Binds a population's `bias_learning_rule` / `bias_learning_rule_kwargs`.
    public static LearningRule createBiasRule(ComponentSpec spec, Double fallbackLearningRate, Population population) {
        return create(spec, fallbackLearningRate, BIAS_RULES, "bias learning rule", null, population);
    }

    private static LearningRule create(ComponentSpec spec, Double fallback, Map<String, Function<RuleContext, LearningRule>> rules,
                                       String what, Projection projection, Population population) {
        var factory = rules.get(spec.name());
        if (factory == null) {
            boolean isBias = rules == BIAS_RULES;
            if ((isBias ? WEIGHT_RULES : BIAS_RULES).containsKey(spec.name()))
                throw new ConfigException(spec.at(), "'" + spec.name() + "' is a " + (isBias ? "projection" : "bias")
                        + " learning rule; use it as " + (isBias ? "a projection's learning_rule" : "a population's bias_learning_rule")
                        + ". Expected one of: " + String.join(", ", rules.keySet()) + ".");
            throw ConfigException.unknownName(spec.at(), what, spec.name(), new ArrayList<>(rules.keySet()));
        }
        Kwargs kw = new Kwargs(what + " '" + spec.name() + "'", spec);
        Double lr = kw.getDoubleOrNull("learning_rate");
        if (lr == null) lr = fallback;
        if (lr == null) {
            kw.done();
            throw new ConfigException(spec.at(), what + " '" + spec.name() + "' has no learning rate: set learning_rate in its "
                    + "kwargs or training_kwargs.learning_rate.");
        }
        LearningRule rule = factory.apply(new RuleContext(kw, lr, projection, population, spec.at()));
        kw.done();
        return rule;
    }
}
