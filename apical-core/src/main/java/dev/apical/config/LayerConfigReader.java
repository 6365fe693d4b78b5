package dev.apical.config;

import dev.apical.spec.Arg;
import dev.apical.spec.BiasSpec;
import dev.apical.spec.Bounds;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;
import dev.apical.spec.LayerSpec;
import dev.apical.spec.PopulationId;
import dev.apical.spec.PopulationSpec;
import dev.apical.spec.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Reads `layer_config`: Layer -> Population -> keys (eiann-spec 14.2).
final class LayerConfigReader {
    static final List<String> POPULATION_KEYS = List.of("size", "activation", "activation_kwargs", "tau",
            "include_bias", "bias_init", "bias_init_args", "bias_bounds", "bias_learning_rule",
            "bias_learning_rule_kwargs", "bias", "custom_update", "custom_update_kwargs", "output_pop",
            "population_type", "channels", "image_dim", "kernel_size", "image_source", "source");

    /// `bias: "uniform(-1,1)"` in EIANN's simplified layer format.
    private static final Pattern BIAS_DIST = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*");

    private LayerConfigReader() {}

    static List<LayerSpec> read(ConfigNode layerConfig) {
        Map<String, ConfigNode.Entry> layers = layerConfig.entries();
        if (layers.isEmpty())
            throw new ConfigException(layerConfig.at(), "no layers. Expected at least an Input layer; found an empty mapping.");
        List<LayerSpec> out = new ArrayList<>();
        boolean first = true;
        for (ConfigNode.Entry layer : layers.values()) {
            Map<String, ConfigNode.Entry> pops = layer.value().entries();
            if (pops.isEmpty())
                throw new ConfigException(layer.value().at(),
                        "a layer needs at least one population. Expected a mapping of populations; found an empty mapping.");
            List<PopulationSpec> populations = new ArrayList<>();
            for (ConfigNode.Entry pop : pops.values()) {
                checkName(pop.keyNode(), pop.key(), "population");
                PopulationId id = new PopulationId(layer.key(), pop.key());
                populations.add(population(id, pop.value(), first));
                first = false;
            }
            checkName(layer.keyNode(), layer.key(), "layer");
            out.add(new LayerSpec(layer.key(), populations, layer.value().at()));
        }
        return out;
    }

    private static void checkName(ConfigNode keyNode, String name, String what) {
        if (name.isEmpty() || name.contains("."))
            throw new ConfigException(keyNode.at(), "a " + what + " name must be non-empty and must not contain a dot. "
                    + "Expected a name such as 'H1' or 'E'; found '" + name + "'.");
    }

    /// One population. For the Input population (`input`) only `size` is read; the other keys are accepted
    /// and ignored as in EIANN.
    private static PopulationSpec population(PopulationId id, ConfigNode node, boolean input) {
        Map<String, ConfigNode.Entry> keys = node.entries();
        node.requireKeys(keys, POPULATION_KEYS);
        SourceLocation at = node.at();
        ConfigNode.Entry typeEntry = keys.get("population_type");
        if (typeEntry != null && !typeEntry.value().isNull()) {
            String type = typeEntry.value().string();
            if (!type.equals("default"))
                throw new ConfigException(typeEntry.value().at(), "population_type '" + type
                        + "' is not supported yet. Expected default; found '" + type + "'.");
        }
        ConfigNode.Entry sizeEntry = keys.get("size");
        if (sizeEntry == null)
            throw new ConfigException(at, "missing key 'size'. Expected a positive integer size for population "
                    + id + "; found keys: " + (keys.isEmpty() ? "none" : String.join(", ", keys.keySet())) + ".");
        long size = sizeEntry.value().integer();
        if (size <= 0 || size > Integer.MAX_VALUE)
            throw new ConfigException(sizeEntry.value().at(), "size must be a positive integer. Expected an integer > 0; found " + size + ".");
        if (input)
            return new PopulationSpec(id, (int) size, ComponentSpec.of("linear", at), null, BiasSpec.none(at), false, at);

        ComponentSpec activation = activation(keys, at);
        Double tau = null;
        ConfigNode.Entry tauEntry = keys.get("tau");
        if (tauEntry != null && !tauEntry.value().isNull()) {
            double t = tauEntry.value().number();
            if (!(t >= 1.0))
                throw new ConfigException(tauEntry.value().at(),
                        "tau must be at least 1 (tau = 1 means no persistent state). Expected a number >= 1; found " + t + ".");
            tau = t;
        }
        boolean outputPop = keys.containsKey("output_pop") && !keys.get("output_pop").value().isNull()
                && keys.get("output_pop").value().bool();
        return new PopulationSpec(id, (int) size, activation, tau, bias(keys, at), outputPop, at);
    }

    private static ComponentSpec activation(Map<String, ConfigNode.Entry> keys, SourceLocation at) {
        ConfigNode.Entry e = keys.get("activation");
        String name = e == null || e.value().isNull() ? "linear" : e.value().string();
        ConfigNode.Entry kw = keys.get("activation_kwargs");
        return new ComponentSpec(name, List.of(), kw == null ? Map.of() : kw.value().kwargs(),
                e == null ? at : e.value().at());
    }

    private static BiasSpec bias(Map<String, ConfigNode.Entry> keys, SourceLocation at) {
        boolean include = false;
        ConfigNode.Entry inc = keys.get("include_bias");
        if (inc != null && !inc.value().isNull()) include = inc.value().bool();

        ComponentSpec init = null;
        ConfigNode.Entry dist = keys.get("bias");
        if (dist != null) {
            if (keys.containsKey("bias_init"))
                throw new ConfigException(dist.keyNode().at(), "'bias' and 'bias_init' both given. Expected one of them; found both.");
            init = biasDistribution(dist.value());
            include = include || init != null;
        }
        ConfigNode.Entry initEntry = keys.get("bias_init");
        if (initEntry != null || init == null) {
            String name = initEntry == null || initEntry.value().isNull() ? "scaled_kaiming" : initEntry.value().string();
            ConfigNode.Entry args = keys.get("bias_init_args");
            init = new ComponentSpec(name, args == null ? List.of() : args.value().args(), Map.of(),
                    initEntry == null ? at : initEntry.value().at());
        }

        Bounds bounds = Bounds.NONE;
        ConfigNode.Entry b = keys.get("bias_bounds");
        if (b != null) bounds = bounds(b.value());

        ComponentSpec rule = null;
        ConfigNode.Entry r = keys.get("bias_learning_rule");
        String ruleName = r == null ? null : r.value().stringOrNone();
        if (ruleName != null) {
            ConfigNode.Entry kw = keys.get("bias_learning_rule_kwargs");
            rule = new ComponentSpec(ruleName, List.of(), kw == null ? Map.of() : kw.value().kwargs(), r.value().at());
            include = true;
        }
        if (!include) return BiasSpec.none(at);
        return new BiasSpec(true, init, bounds, rule, at);
    }

    /// `bias: "uniform(-1,1)"` -> initialiser `uniform_` with args [-1.0, 1.0]; `bias: true/false` is
    /// `include_bias`. Returns null when the bias is switched off.
    private static ComponentSpec biasDistribution(ConfigNode node) {
        if (node.isNull()) return null;
        Object v = node.scalarOrObject();
        if (v instanceof Boolean b)
            return b ? new ComponentSpec("scaled_kaiming", List.of(), Map.of(), node.at()) : null;
        String text = node.string();
        Matcher m = BIAS_DIST.matcher(text);
        if (!m.matches())
            throw new ConfigException(node.at(), "not a bias distribution. Expected a call such as 'uniform(-1,1)'; found '" + text + "'.");
        List<Arg> args = new ArrayList<>();
        String inner = m.group(2).trim();
        if (!inner.isEmpty()) {
            for (String part : inner.split(",")) {
                try {
                    args.add(new Arg(Double.parseDouble(part.trim()), node.at()));
                } catch (NumberFormatException e) {
                    throw new ConfigException(node.at(), "not a bias distribution. Expected numeric arguments as in 'uniform(-1,1)'; found '"
                            + part.trim() + "' in '" + text + "'.");
                }
            }
        }
        return new ComponentSpec(m.group(1) + "_", args, Map.of(), node.at());
    }

    /// `[lo, hi]` with null for an unbounded side; exactly two elements, lo <= hi.
    static Bounds bounds(ConfigNode node) {
        if (node.isNull()) return Bounds.NONE;
        if (!node.isSequence()) throw node.expected("a list [lo, hi] (null for an unbounded side)");
        List<ConfigNode> items = node.items();
        if (items.size() != 2)
            throw new ConfigException(node.at(), "bounds need exactly two elements. Expected [lo, hi] (null for an unbounded side); found "
                    + items.size() + " element" + (items.size() == 1 ? "" : "s") + ".");
        double lo = items.get(0).isNull() ? Double.NEGATIVE_INFINITY : items.get(0).number();
        double hi = items.get(1).isNull() ? Double.POSITIVE_INFINITY : items.get(1).number();
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi)
            throw new ConfigException(node.at(), "lower bound above upper bound. Expected lo <= hi; found [" + lo + ", " + hi + "].");
        return new Bounds(lo, hi);
    }
}
