package dev.apical.config;

import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;
import dev.apical.spec.SourceLocation;
import dev.apical.spec.TrainingSpec;
import java.util.List;
import java.util.Map;

/// Reads `training_kwargs` (eiann-spec 14.4). Optimizer and criterion names are kept as written; the
/// builder's registries check them.
final class TrainingConfigReader {
    static final List<String> TRAINING_KEYS = List.of("learning_rate", "optimizer", "optimizer_kwargs", "criterion",
            "criterion_kwargs", "tau", "forward_steps", "backward_steps", "device", "verbose", "seed");

    private TrainingConfigReader() {}

    /// The defaults used when a config has no `training_kwargs`.
    static TrainingSpec defaults(SourceLocation at) {
        return new TrainingSpec(null, ComponentSpec.of("SGD", at), ComponentSpec.of("MSELoss", at), 1.0, 1, 1, at);
    }

    static TrainingSpec read(ConfigNode node) {
        if (node.isNull()) return defaults(node.at());
        Map<String, ConfigNode.Entry> keys = node.entries();
        node.requireKeys(keys, TRAINING_KEYS);
        ConfigNode.Entry seed = keys.get("seed");
        if (seed != null)
            throw new ConfigException(seed.keyNode().at(), "'seed' is not allowed in training_kwargs: EIANN rejects it too "
                    + "(its builder passes the seed itself, so the key raises a duplicate-argument error, bug B7). "
                    + "Expected no seed in the config; give seeds on the command line (--seed).");
        SourceLocation at = node.at();

        Double learningRate = null;
        ConfigNode lr = value(keys, "learning_rate");
        if (lr != null) learningRate = lr.number();

        ComponentSpec optimizer = component(keys, "optimizer", "optimizer_kwargs", "SGD", at);
        ComponentSpec criterion = component(keys, "criterion", "criterion_kwargs", "MSELoss", at);

        double tau = 1.0;
        ConfigNode tauNode = value(keys, "tau");
        if (tauNode != null) {
            tau = tauNode.number();
            if (!(tau >= 1.0))
                throw new ConfigException(tauNode.at(), "tau must be at least 1 (tau = 1 means no persistent state). "
                        + "Expected a number >= 1; found " + tau + ".");
        }
        int forwardSteps = steps(keys, "forward_steps", 1);
        int backwardSteps = steps(keys, "backward_steps", 0);
        return new TrainingSpec(learningRate, optimizer, criterion, tau, forwardSteps, backwardSteps, at);
    }

    private static ConfigNode value(Map<String, ConfigNode.Entry> keys, String key) {
        ConfigNode.Entry e = keys.get(key);
        return e == null || e.value().isNull() ? null : e.value();
    }

    private static ComponentSpec component(Map<String, ConfigNode.Entry> keys, String nameKey, String kwargsKey,
                                           String fallback, SourceLocation at) {
        ConfigNode name = value(keys, nameKey);
        ConfigNode kwargs = value(keys, kwargsKey);
        return new ComponentSpec(name == null ? fallback : name.string(), List.of(),
                kwargs == null ? Map.of() : kwargs.kwargs(), name == null ? at : name.at());
    }

    /// `forward_steps` (default 1, at least 1) and `backward_steps` (default 1, at least 0).
    private static int steps(Map<String, ConfigNode.Entry> keys, String key, int min) {
        ConfigNode n = value(keys, key);
        if (n == null) return 1;
        long v = n.integer();
        if (v < min || v > Integer.MAX_VALUE)
            throw new ConfigException(n.at(), key + " is out of range. Expected an integer >= " + min + "; found " + v + ".");
        return (int) v;
    }
}
