package dev.apical.learning;

import dev.apical.registry.Kwargs;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// THE learning-rule registry: one line per rule, with EIANN's YAML names. Projection rules and bias rules
/// are listed separately because EIANN names them separately (`learning_rule`, `bias_learning_rule`).
/// EIANN rules that this version does not implement are listed by name, so a config naming one stops at
/// build time with a clear message instead of an "unknown rule" guess.
public final class LearningRules {
    private LearningRules() {}

    /// Builds a rule from its kwargs; `learningRate` is the rule's rate after the fallback to training_kwargs.
    public interface Factory {
        LearningRule create(Kwargs kwargs, double learningRate);
    }

    private record Entry(String name, Factory factory) {}

    private static final Map<String, Entry> WEIGHT_RULES = new LinkedHashMap<>();
    private static final Map<String, Entry> BIAS_RULES = new LinkedHashMap<>();
    private static final List<String> NOT_YET = List.of("BP_like_2E", "BP_like_2L", "Top_Layer_BP_like_2L", "BP_like_1E",
            "DendriticLoss_6", "Hebb_WeightNorm", "Hebb_WeightNorm_4", "Ojas_rule", "Supervised_BCM_4",
            "Hebbian_Temporal_Contrast", "Top_Down_Hebbian_Temporal_Contrast_1", "Top_Down_Hebbian_Temporal_Contrast_3",
            "BTSP_19", "Backprop_DendriticLoss", "Supervised_Hebb_WeightNorm_4", "DendriticLossBias");

    static {
        weight("Backprop", (kw, lr) -> new GradientRule("Backprop", lr));
        bias("BackpropBias", (kw, lr) -> new GradientRule("BackpropBias", lr));
        bias("Backprop", (kw, lr) -> new GradientRule("BackpropBias", lr));
    }

    private static void weight(String name, Factory f) {
        if (WEIGHT_RULES.putIfAbsent(name, new Entry(name, f)) != null) throw new IllegalStateException("duplicate rule " + name);
    }

    private static void bias(String name, Factory f) {
        if (BIAS_RULES.putIfAbsent(name, new Entry(name, f)) != null) throw new IllegalStateException("duplicate bias rule " + name);
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
    public static LearningRule createWeightRule(ComponentSpec spec, Double fallbackLearningRate) {
        return create(spec, fallbackLearningRate, WEIGHT_RULES, "learning rule");
    }

    /// Binds a population's `bias_learning_rule` / `bias_learning_rule_kwargs`.
    public static LearningRule createBiasRule(ComponentSpec spec, Double fallbackLearningRate) {
        return create(spec, fallbackLearningRate, BIAS_RULES, "bias learning rule");
    }

    private static LearningRule create(ComponentSpec spec, Double fallback, Map<String, Entry> rules, String what) {
        Entry e = rules.get(spec.name());
        if (e == null) {
            if (NOT_YET.contains(spec.name()))
                throw new ConfigException(spec.at(), what + " '" + spec.name() + "' is an EIANN rule that this version of "
                        + "Apical does not implement yet. Rules available now: " + String.join(", ", rules.keySet()) + ".");
            List<String> known = new ArrayList<>(rules.keySet());
            known.addAll(NOT_YET);
            throw ConfigException.unknownName(spec.at(), what, spec.name(), known);
        }
        Kwargs kw = new Kwargs(what + " '" + spec.name() + "'", spec);
        Double lr = kw.getDoubleOrNull("learning_rate");
        if (lr == null) lr = fallback;
        if (lr == null) {
            kw.done();
            throw new ConfigException(spec.at(), what + " '" + spec.name() + "' has no learning rate: set learning_rate in its "
                    + "kwargs or training_kwargs.learning_rate.");
        }
        LearningRule rule = e.factory().create(kw, lr);
        kw.done();
        return rule;
    }
}
