package dev.apical.init;

import dev.apical.registry.Kwargs;
import dev.apical.spec.Arg;
import dev.apical.spec.Bounds;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;

import java.util.List;

/// Weight and bias initialisers (eiann-spec 3.1, 3.2). With k = 1/sqrt(fan_in) and s = first arg (default 1):
///
/// - `half_kaiming`: U(lo, s·k) when the lower bound is >= 0 (excitatory), U(−s·k, hi) when the upper bound
///   is <= 0 (inhibitory); requires such bounds.
/// - `scaled_kaiming`: U(−s·k, s·k).
/// - default (no `weight_init`): U(−k, k), the framework default of EIANN's linear layers.
/// - tensor methods: `uniform_(a=0, b=1)`, `normal_(mean=0, std=1)`, `fill_(value)`, `zero_()`.
/// - `clone` / `clone_weight`: left to the clone pass.
public final class WeightInits {
    private WeightInits() {}

    public static final List<String> NAMES = List.of("half_kaiming", "scaled_kaiming", "clone", "clone_weight",
            "uniform_", "normal_", "fill_", "zero_");

    /// True for `clone` / `clone_weight`, which the builder applies after the constraint pass.
    public static boolean isClone(ComponentSpec init) {
        return init != null && (init.name().equals("clone") || init.name().equals("clone_weight"));
    }

    /// Fills `w` (length N_post·N_pre) according to `init`.
    /// @param init   null for the default U(−1/sqrt(fan_in), 1/sqrt(fan_in))
    /// @param fanIn  N_pre (or the receptive field size for masked projections)
    public static void initWeights(ComponentSpec init, float[] w, int fanIn, Bounds bounds, InitRandom rng) {
        double k = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0;
        if (init == null) {
            fillUniform(w, -k, k, rng);
            return;
        }
        switch (init.name()) {
            case "half_kaiming" -> {
                double s = scale(init);
                if (bounds.hasLower() && bounds.lo() >= 0) fillUniform(w, bounds.lo(), s * k, rng);
                else if (bounds.hasUpper() && bounds.hi() <= 0) fillUniform(w, -s * k, bounds.hi(), rng);
                else throw new ConfigException(init.at(), "half_kaiming needs weight_bounds with a lower bound >= 0 "
                        + "(excitatory) or an upper bound <= 0 (inhibitory); found " + bounds + ".");
            }
            case "scaled_kaiming" -> {
                double s = scale(init);
                fillUniform(w, -s * k, s * k, rng);
            }
            case "clone", "clone_weight" -> { }
            default -> tensorMethod(init, w, rng, "weight_init");
        }
    }

    /// Fills a bias vector: `scaled_kaiming` (default) draws U(±s/sqrt(total fan-in)).
    public static void initBias(ComponentSpec init, float[] b, int totalFanIn, InitRandom rng) {
        if (init == null || init.name().equals("scaled_kaiming")) {
            double s = init == null ? 1.0 : scale(init);
            double k = totalFanIn > 0 ? 1.0 / Math.sqrt(totalFanIn) : 0.0;
            fillUniform(b, -s * k, s * k, rng);
        } else {
            tensorMethod(init, b, rng, "bias_init");
        }
    }

    private static void tensorMethod(ComponentSpec init, float[] w, InitRandom rng, String key) {
        double[] a = positional(init);
        switch (init.name()) {
            case "uniform_" -> fillUniform(w, arg(a, 0, 0.0), arg(a, 1, 1.0), rng);
            case "normal_" -> {
                try {
                    rng.normal(w, arg(a, 0, 0.0), arg(a, 1, 1.0));
                } catch (IllegalStateException e) {
                    throw new ConfigException(init.at(), e.getMessage() + "; use the default random scheme.");
                }
            }
            case "fill_" -> {
                if (a.length < 1) throw new ConfigException(init.at(), "fill_ needs a value in " + key + "_args.");
                java.util.Arrays.fill(w, (float) a[0]);
            }
            case "zero_" -> java.util.Arrays.fill(w, 0f);
            default -> throw ConfigException.unknownName(init.at(), key.equals("bias_init") ? "bias initialiser" : "weight initialiser",
                    init.name(), key.equals("bias_init") ? List.of("scaled_kaiming", "uniform_", "normal_", "fill_", "zero_") : NAMES);
        }
        new Kwargs(key + " '" + init.name() + "'", init).done();
    }

    private static double scale(ComponentSpec init) {
        double[] a = positional(init);
        return a.length > 0 ? a[0] : 1.0;
    }

    private static double arg(double[] a, int i, double fallback) {
        return i < a.length ? a[i] : fallback;
    }

    private static double[] positional(ComponentSpec init) {
        double[] out = new double[init.args().size()];
        for (int i = 0; i < out.length; i++) {
            Arg a = init.args().get(i);
            if (!(a.value() instanceof Number n) || a.value() instanceof Boolean)
                throw new ConfigException(a.at(), "expected a number as argument " + (i + 1) + " of '" + init.name()
                        + "'; found " + Kwargs.describe(a.value()) + ".");
            out[i] = n.doubleValue();
        }
        return out;
    }

    private static void fillUniform(float[] w, double lo, double hi, InitRandom rng) {
        rng.uniform(w, lo, hi);
    }
}
