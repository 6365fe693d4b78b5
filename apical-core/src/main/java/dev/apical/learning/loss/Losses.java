package dev.apical.learning.loss;

import dev.apical.registry.Kwargs;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;

import java.util.List;

/// The criterion registry (`training_kwargs.criterion`): one line per loss.
public final class Losses {
    private Losses() {}

    public static final List<String> NAMES = List.of("MSELoss", "CrossEntropyLoss", "BCELoss");

    public static Loss create(ComponentSpec spec) {
        Loss loss = switch (spec.name()) {
            case "MSELoss" -> new MeanSquaredError();
            case "CrossEntropyLoss" -> new CrossEntropy();
            case "BCELoss" -> new BinaryCrossEntropy();
            default -> throw ConfigException.unknownName(spec.at(), "criterion", spec.name(), NAMES);
        };
        new Kwargs("criterion '" + spec.name() + "'", spec).done();
        return loss;
    }
}
