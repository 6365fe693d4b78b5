package dev.apical.config;

import dev.apical.spec.Bounds;
import dev.apical.spec.Compartment;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;
import dev.apical.spec.Direction;
import dev.apical.spec.LayerSpec;
import dev.apical.spec.PopulationId;
import dev.apical.spec.PopulationSpec;
import dev.apical.spec.ProjectionSpec;
import dev.apical.spec.UpdatePhase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/// Reads `projection_config` (eiann-spec 14.3) in either of EIANN's forms, chosen from the shape of the keys:
/// nested `PostLayer: PostPop: PreLayer: PrePop: {kwargs}` or dotted `"PostLayer.PostPop": {"PreLayer.PrePop":
/// {kwargs}}`. In the dotted form the string `None` means null for every value and `type: E|I` stands for
/// Dale bounds.
final class ProjectionConfigReader {
    static final List<String> PROJECTION_KEYS = List.of("weight_init", "weight_init_args", "weight_constraint",
            "weight_constraint_kwargs", "weight_bounds", "direction", "update_phase", "compartment",
            "learning_rule", "learning_rule_kwargs");
    static final List<String> CONV_KEYS = List.of("kernel_size", "stride", "padding", "dilation", "groups", "padding_mode");
    static final Map<String, Direction> DIRECTIONS = ordered(
            "F", Direction.FORWARD, "forward", Direction.FORWARD, "R", Direction.RECURRENT, "recurrent", Direction.RECURRENT);
    static final Map<String, UpdatePhase> PHASES = ordered("F", UpdatePhase.FORWARD, "forward", UpdatePhase.FORWARD,
            "B", UpdatePhase.BACKWARD, "backward", UpdatePhase.BACKWARD, "A", UpdatePhase.ALL, "all", UpdatePhase.ALL);
    static final Map<String, Compartment> COMPARTMENTS = ordered(
            "soma", Compartment.SOMA, "dend", Compartment.DENDRITE, "dendrite", Compartment.DENDRITE);
    private static final Set<String> EXCITATORY = Set.of("e", "exc", "excitatory");
    private static final Set<String> INHIBITORY = Set.of("i", "inh", "inhibitory");

    private ProjectionConfigReader() {}

    private static <V> Map<String, V> ordered(Object... pairs) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked") V v = (V) pairs[i + 1];
            m.put((String) pairs[i], v);
        }
        return m;
    }

    static List<ProjectionSpec> read(ConfigNode projectionConfig, List<LayerSpec> layers) {
        List<ProjectionSpec> out = new ArrayList<>();
        if (projectionConfig.isNull()) return out;
        Map<String, ConfigNode.Entry> top = projectionConfig.entries();
        if (top.isEmpty()) return out;
        Map<String, PopulationSpec> populations = new LinkedHashMap<>();
        for (LayerSpec l : layers) for (PopulationSpec p : l.populations()) populations.put(p.id().toString(), p);
        List<String> layerNames = layers.stream().map(LayerSpec::name).toList();

        ConfigNode.Entry first = top.values().iterator().next();
        boolean dotted = first.key().contains(".");
        for (ConfigNode.Entry e : top.values())
            if (e.key().contains(".") != dotted) throw mixed(first, e);

        Reader reader = new Reader(populations, layerNames, dotted, out, new HashSet<>());
        if (dotted) {
            for (ConfigNode.Entry post : top.values()) {
                PopulationId postId = reader.population(post);
                for (ConfigNode.Entry pre : post.value().entries().values()) {
                    if (!pre.key().contains(".")) throw mixed(post, pre);
                    reader.projection(postId, reader.population(pre), pre);
                }
            }
        } else {
            for (ConfigNode.Entry postLayer : top.values()) {
                reader.layer(postLayer);
                for (ConfigNode.Entry postPop : postLayer.value().entries().values()) {
                    PopulationId postId = reader.population(postLayer.key(), postPop);
                    for (ConfigNode.Entry preLayer : postPop.value().entries().values()) {
                        if (preLayer.key().contains(".")) throw mixed(postLayer, preLayer);
                        reader.layer(preLayer);
                        for (ConfigNode.Entry prePop : preLayer.value().entries().values())
                            reader.projection(postId, reader.population(preLayer.key(), prePop), prePop);
                    }
                }
            }
        }
        return out;
    }

    private static ConfigException mixed(ConfigNode.Entry a, ConfigNode.Entry b) {
        ConfigNode.Entry dottedKey = a.key().contains(".") ? a : b;
        ConfigNode.Entry nestedKey = a.key().contains(".") ? b : a;
        return new ConfigException(b.keyNode().at(), "projection_config mixes the dotted form ('H1.E: {Input.E: {...}}') "
                + "and the nested form ('H1: {E: {Input: {E: {...}}}}'). Expected one form throughout; found dotted key '"
                + dottedKey.key() + "' on line " + dottedKey.keyNode().line() + " and nested key '" + nestedKey.key()
                + "' on line " + nestedKey.keyNode().line() + ".");
    }

    private record Reader(Map<String, PopulationSpec> populations, List<String> layerNames, boolean dotted,
                          List<ProjectionSpec> out, Set<String> seen) {

        void layer(ConfigNode.Entry e) {
            if (!layerNames.contains(e.key()))
                throw ConfigException.unknownName(e.keyNode().at(), "layer", e.key(), layerNames);
        }

        PopulationId population(String layer, ConfigNode.Entry pop) {
            return check(layer + "." + pop.key(), pop);
        }

        PopulationId population(ConfigNode.Entry dottedKey) {
            return check(dottedKey.key(), dottedKey);
        }

        private PopulationId check(String name, ConfigNode.Entry e) {
            PopulationSpec p = populations.get(name);
            if (p == null) throw ConfigException.unknownName(e.keyNode().at(), "population", name, populations.keySet());
            return p.id();
        }

        void projection(PopulationId post, PopulationId pre, ConfigNode.Entry entry) {
            ConfigNode node = entry.value();
            String key = post + " <- " + pre;
            if (!seen.add(key))
                throw new ConfigException(entry.keyNode().at(), "duplicate projection " + key
                        + ". Expected each post/pre pair once; found it again.");
            Map<String, ConfigNode.Entry> kw = node.isNull() ? Map.of() : node.entries();
            for (ConfigNode.Entry e : kw.values()) {
                if (CONV_KEYS.contains(e.key()))
                    throw new ConfigException(e.keyNode().at(), "'" + e.key() + "' belongs to convolutional projections, "
                            + "which are not supported yet. Expected only keys of dense projections: "
                            + String.join(", ", PROJECTION_KEYS) + ".");
                if (!PROJECTION_KEYS.contains(e.key()) && !(dotted && e.key().equals("type"))) {
                    List<String> allowed = new ArrayList<>(PROJECTION_KEYS);
                    if (dotted) allowed.add("type");
                    throw ConfigException.unknownName(e.keyNode().at(), "key", e.key(), allowed);
                }
            }
            Values v = new Values(kw, dotted);
            Direction direction = v.choice("direction", DIRECTIONS, Direction.FORWARD, "a direction");
            UpdatePhase phase = v.choice("update_phase", PHASES, UpdatePhase.FORWARD, "an update phase");
            Compartment compartment = v.choice("compartment", COMPARTMENTS, Compartment.SOMA, "a compartment");

            ComponentSpec init = null;
            String initName = v.string("weight_init");
            if (initName != null) {
                ConfigNode args = v.node("weight_init_args");
                init = args != null && args.isMapping()
                        ? new ComponentSpec(initName, List.of(), args.kwargs(), kw.get("weight_init").value().at())
                        : new ComponentSpec(initName, args == null ? List.of() : args.args(), Map.of(), kw.get("weight_init").value().at());
            }

            ComponentSpec constraint = null;
            String constraintName = v.string("weight_constraint");
            if (constraintName != null) {
                ConfigNode ckw = v.node("weight_constraint_kwargs");
                constraint = new ComponentSpec(constraintName, List.of(), ckw == null ? Map.of() : ckw.kwargs(),
                        kw.get("weight_constraint").value().at());
            }

            ComponentSpec rule = null;
            String ruleName = v.string("learning_rule");
            if (ruleName != null) {
                ConfigNode rkw = v.node("learning_rule_kwargs");
                rule = new ComponentSpec(ruleName, List.of(), rkw == null ? Map.of() : rkw.kwargs(),
                        kw.get("learning_rule").value().at());
            }

            Bounds bounds = Bounds.NONE;
            if (kw.containsKey("weight_bounds")) {
                ConfigNode b = v.node("weight_bounds");
                if (b != null) bounds = LayerConfigReader.bounds(b);
            } else if (v.node("type") != null) {
                bounds = daleBounds(v.node("type"));
            }
            out.add(new ProjectionSpec(post, pre, direction, compartment, phase, init, bounds, constraint, rule, node.at()));
        }

        private static Bounds daleBounds(ConfigNode typeNode) {
            String t = typeNode.string();
            String lower = t.toLowerCase(Locale.ROOT);
            if (EXCITATORY.contains(lower)) return new Bounds(0, Double.POSITIVE_INFINITY);
            if (INHIBITORY.contains(lower)) return new Bounds(Double.NEGATIVE_INFINITY, 0);
            List<String> valid = List.of("E", "exc", "excitatory", "I", "inh", "inhibitory");
            StringBuilder sb = new StringBuilder("'" + t + "' is not a projection type.");
            ConfigException.nearest(t, valid).ifPresent(n -> sb.append(" Did you mean '").append(n).append("'?"));
            sb.append(" Expected one of: ").append(String.join(", ", valid)).append('.');
            throw new ConfigException(typeNode.at(), sb.toString());
        }
    }

    /// Projection kwargs with the dotted form's `'None'` = null rule applied.
    private record Values(Map<String, ConfigNode.Entry> kw, boolean noneIsNull) {
        /// The value node, or null when the key is absent or its value is null (or `'None'` where that means null).
        ConfigNode node(String key) {
            ConfigNode.Entry e = kw.get(key);
            if (e == null || e.value().isNull()) return null;
            if (noneIsNull && "None".equals(e.value().scalarOrObject())) return null;
            return e.value();
        }

        /// A string value; `'None'` always means null here (EIANN writes `learning_rule: None`).
        String string(String key) {
            ConfigNode n = node(key);
            return n == null ? null : n.stringOrNone();
        }

        <E> E choice(String key, Map<String, E> valid, E absent, String what) {
            ConfigNode n = node(key);
            if (n == null) return absent;
            String s = n.string();
            E v = valid.get(s);
            if (v != null) return v;
            StringBuilder sb = new StringBuilder("'" + s + "' is not " + what + ".");
            ConfigException.nearest(s, valid.keySet()).ifPresent(x -> sb.append(" Did you mean '").append(x).append("'?"));
            sb.append(" Expected one of: ").append(String.join(", ", valid.keySet())).append('.');
            throw new ConfigException(n.at(), sb.toString());
        }
    }
}
