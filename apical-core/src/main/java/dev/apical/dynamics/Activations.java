package dev.apical.dynamics;

import dev.apical.registry.Kwargs;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;

import java.util.List;

/// The activation registry (eiann-spec 2.4): `linear`, `relu`, `srelu(min, max)`, `sigmoid`, `tanh`,
/// `softplus(beta, threshold)`, `polynomial(a, n)`, `softmax`.
public final class Activations {
    private Activations() {}

    public static final List<String> NAMES = List.of("linear", "relu", "srelu", "sigmoid", "tanh", "softplus", "polynomial", "softmax");

    /// Binds an activation spec (name + `activation_kwargs`).
    public static Activation create(ComponentSpec spec) {
        Kwargs kw = new Kwargs("activation '" + spec.name() + "'", spec);
        Activation a = switch (spec.name()) {
            case "linear" -> Elementwise.LINEAR;
            case "relu" -> Elementwise.RELU;
            case "sigmoid" -> Elementwise.SIGMOID;
            case "tanh" -> Elementwise.TANH;
            case "srelu" -> Elementwise.srelu((float) kw.getDouble("min", 0), (float) kw.getDouble("max", 1));
            case "softplus" -> Elementwise.softplus((float) kw.getDouble("beta", 1), (float) kw.getDouble("threshold", 20));
            case "polynomial" -> Elementwise.polynomial((float) kw.getDouble("a", 1), (float) kw.getDouble("n", 2));
            case "softmax" -> new Softmax();
            default -> throw ConfigException.unknownName(spec.at(), "activation", spec.name(), NAMES);
        };
        kw.done();
        return a;
    }
}
