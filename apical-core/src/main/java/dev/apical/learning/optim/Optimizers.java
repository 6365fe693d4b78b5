package dev.apical.learning.optim;

import dev.apical.registry.Kwargs;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;

import java.util.List;

/// The optimizer registry (`training_kwargs.optimizer` with `optimizer_kwargs`).
public final class Optimizers {
    private Optimizers() {}

    public static final List<String> NAMES = List.of("SGD", "Adam");

    public static Optimizer create(ComponentSpec spec, List<Parameter> params) {
        Kwargs kw = new Kwargs("optimizer '" + spec.name() + "'", spec);
        Optimizer opt = switch (spec.name()) {
            case "SGD" -> new Sgd(params, kw.getDouble("momentum", 0), kw.getDouble("weight_decay", 0));
            case "Adam" -> {
                double[] betas = kw.getNumbers("betas", new double[] {0.9, 0.999});
                if (betas.length != 2) throw new ConfigException(kw.at(), "Adam betas must be two numbers; found " + betas.length + ".");
                yield new Adam(params, betas[0], betas[1], kw.getDouble("eps", 1e-8), kw.getDouble("weight_decay", 0));
            }
            default -> throw ConfigException.unknownName(spec.at(), "optimizer", spec.name(), NAMES);
        };
        kw.getDouble("lr", 0); // accepted and ignored: each parameter group uses its rule's learning rate
        kw.done();
        return opt;
    }
}
