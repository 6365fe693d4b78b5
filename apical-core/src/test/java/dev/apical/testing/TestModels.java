package dev.apical.testing;

import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.config.ConfigLoader;
import dev.apical.spec.NetworkSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/// Builds small models from EIANN-format YAML text written inside tests, and reads their parameters in
/// double precision for independent reference computations.
public final class TestModels {
    private TestModels() {}

    /// Parses YAML config text (file name `test.yaml` in messages).
    public static NetworkSpec spec(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml");
    }

    /// Parses `yaml` and builds a model with network seed `seed`.
    public static Model build(String yaml, long seed) {
        return ModelBuilder.build(spec(yaml), seed);
    }

    /// A projection's weights (e.g. `H1E_InputE`) as a double matrix `[rows][cols]`.
    public static double[][] weights(Model model, String projection) {
        int[] shape = model.shape(projection);
        float[] w = model.parameters().get(projection);
        if (w == null) throw new IllegalArgumentException("no parameter " + projection + " in " + model.parameters().keySet());
        double[][] out = new double[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) for (int j = 0; j < shape[1]; j++) out[i][j] = w[i * shape[1] + j];
        return out;
    }

    /// A population's bias (full name, e.g. `H1E`) as doubles; zeros if it has none.
    public static double[] bias(Model model, String population) {
        float[] b = model.parameters().get(population + ".bias");
        if (b == null) return new double[model.network().populationByFullName(population).size()];
        return toDouble(b);
    }

    /// A deep copy of every parameter array, by name.
    public static Map<String, float[]> copyParameters(Model model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.parameters().forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    public static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    /// `n` floats uniform in [lo, hi) from a generator seeded with `seed`.
    public static float[] uniform(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return out;
    }

    /// A one-hot vector of length n.
    public static float[] oneHot(int n, int k) {
        float[] t = new float[n];
        t[k] = 1f;
        return t;
    }
}
