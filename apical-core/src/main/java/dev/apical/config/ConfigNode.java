package dev.apical.config;

import dev.apical.spec.Arg;
import dev.apical.spec.ConfigException;
import dev.apical.spec.SourceLocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/// A composed YAML node with the file it came from and its key path, for navigation and error reporting.
/// Tags have been checked by [ConfigLoader] before any `ConfigNode` is read, so every node here is a plain
/// scalar, a sequence (including `!!python/tuple`) or a mapping.
final class ConfigNode {
    private final Node node;
    private final String file;
    private final String path;

    ConfigNode(Node node, String file, String path) {
        this.node = node;
        this.file = file;
        this.path = path;
    }

    /// A mapping entry: the key's own node (for "unknown key" errors) and the value.
    record Entry(String key, ConfigNode keyNode, ConfigNode value) {}

    String path() {
        return path;
    }

    /// Where this node starts, with its key path; line and column 1-based.
    SourceLocation at() {
        return new SourceLocation(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, path);
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    boolean isNull() {
        return node instanceof ScalarNode && scalar() == null;
    }

    /// The scalar's value typed with PyYAML rules; must only be called on scalars.
    Object scalar() {
        ScalarNode s = (ScalarNode) node;
        return YamlScalars.convert(s.getTag().getValue(), s.getValue(), at());
    }

    /// The entries of a mapping in file order; a duplicate key is an error naming both lines.
    Map<String, Entry> entries() {
        if (!(node instanceof MappingNode m)) throw expected("a mapping");
        Map<String, Entry> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k))
                throw new ConfigException(new ConfigNode(t.getKeyNode(), file, path).at(),
                        "a key must be a plain name. Expected a string key; found " + describeNode(t.getKeyNode()) + ".");
            String key = k.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            ConfigNode keyNode = new ConfigNode(k, file, childPath);
            Entry previous = out.get(key);
            if (previous != null)
                throw new ConfigException(keyNode.at(), "duplicate key '" + key + "'. Expected each key once; found it on lines "
                        + previous.keyNode().line() + " and " + keyNode.line() + ".");
            out.put(key, new Entry(key, keyNode, new ConfigNode(t.getValueNode(), file, childPath)));
        }
        return out;
    }

    /// The items of a sequence (or `!!python/tuple`).
    List<ConfigNode> items() {
        if (!(node instanceof SequenceNode s)) throw expected("a list");
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++)
            out.add(new ConfigNode(s.getValue().get(i), file, path + "[" + i + "]"));
        return out;
    }

    /// Fails with "unknown key" naming the nearest allowed key when a mapping has a key outside `allowed`.
    void requireKeys(Map<String, Entry> entries, Collection<String> allowed) {
        for (Entry e : entries.values())
            if (!allowed.contains(e.key()))
                throw ConfigException.unknownName(e.keyNode().at(), "key", e.key(), allowed);
    }

    String string() {
        Object v = scalarOrObject();
        if (v instanceof String s) return s;
        throw expected("a string");
    }

    /// A string, or null for YAML null and for the string `None` (EIANN writes Python's None that way).
    String stringOrNone() {
        Object v = scalarOrObject();
        if (v == null || "None".equals(v)) return null;
        if (v instanceof String s) return s;
        throw expected("a string or null");
    }

    boolean bool() {
        Object v = scalarOrObject();
        if (v instanceof Boolean b) return b;
        throw expected("true or false");
    }

    long integer() {
        Object v = scalarOrObject();
        if (v instanceof Long l) return l;
        throw expected("an integer");
    }

    /// A number: an integer is accepted as a double; `1e-4` (a string in YAML 1.1) gets a hint.
    double number() {
        Object v = scalarOrObject();
        if (v instanceof Long l) return l;
        if (v instanceof Double d) return d;
        if (v instanceof String s) {
            String fix = YamlScalars.exponentFix(s);
            if (fix != null)
                throw new ConfigException(at(), "YAML 1.1 reads " + s + " as a string; write " + fix
                        + ". Expected a number; found string '" + s + "'.");
        }
        throw expected("a number");
    }

    /// The value as an [Arg]: scalars typed, lists and mappings converted recursively (insertion ordered).
    Arg toArg() {
        if (node instanceof MappingNode) {
            Map<String, Arg> map = new LinkedHashMap<>();
            for (Entry e : entries().values()) map.put(e.key(), e.value().toArg());
            return new Arg(Collections.unmodifiableMap(map), at());
        }
        if (node instanceof SequenceNode) {
            List<Arg> list = new ArrayList<>();
            for (ConfigNode item : items()) list.add(item.toArg());
            return new Arg(List.copyOf(list), at());
        }
        return new Arg(scalar(), at());
    }

    /// Keyword arguments from a mapping (null gives none).
    Map<String, Arg> kwargs() {
        if (isNull()) return Map.of();
        Map<String, Arg> out = new LinkedHashMap<>();
        for (Entry e : entries().values()) out.put(e.key(), e.value().toArg());
        return out;
    }

    /// Positional arguments from a list or `!!python/tuple` (null gives none).
    List<Arg> args() {
        if (isNull()) return List.of();
        if (!isSequence()) throw expected("a list");
        List<Arg> out = new ArrayList<>();
        for (ConfigNode item : items()) out.add(item.toArg());
        return out;
    }

    ConfigException expected(String what) {
        return new ConfigException(at(), "expected " + what + "; found " + describe() + ".");
    }

    /// How a value is named in messages: `string 'abc'`, `integer 3`, `float 2.0`, `boolean true`, `null`,
    /// `a list`, `a mapping`.
    String describe() {
        return describeNode(node);
    }

    private String describeNode(Node n) {
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        Object v = new ConfigNode(n, file, path).scalar();
        if (v == null) return "null";
        if (v instanceof String s) return "string '" + s + "'";
        if (v instanceof Long l) return "integer " + l;
        if (v instanceof Double d) return "float " + d;
        return "boolean " + v;
    }

    Object scalarOrObject() {
        if (!(node instanceof ScalarNode)) return new Object();
        return scalar();
    }
}
