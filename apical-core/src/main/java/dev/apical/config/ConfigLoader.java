package dev.apical.config;

import dev.apical.spec.ConfigException;
import dev.apical.spec.DatasetSpec;
import dev.apical.spec.LayerSpec;
import dev.apical.spec.NetworkSpec;
import dev.apical.spec.ProjectionSpec;
import dev.apical.spec.SourceLocation;
import dev.apical.spec.TrainingSpec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.representer.Representer;

/// Reads an EIANN network config (YAML, eiann-spec section 14) into a [NetworkSpec].
///
/// The YAML is only *composed* into nodes, never constructed into objects: scalars are typed with PyYAML's
/// YAML 1.1 rules ([YamlScalars]), `!!python/tuple` is read as a list, and every other explicit tag is
/// refused. Both of EIANN's `projection_config` forms are accepted. Every error is a [ConfigException]
/// reading `file:line:column: key.path: problem. Expected ...; found ...`.
public final class ConfigLoader {
    static final List<String> TOP_LEVEL_KEYS = List.of("layer_config", "projection_config", "training_kwargs", "dataset");

    private ConfigLoader() {}

    /// Loads a config file. [NetworkSpec#source()] is `file` as given and [NetworkSpec#sha256()] the SHA-256
    /// of its bytes.
    ///
    /// @throws ConfigException if the file is missing, unreadable, not valid YAML or not a valid config
    public static NetworkSpec load(Path file) {
        String name = file.toString();
        SourceLocation whole = new SourceLocation(name, 0, 0, "");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(whole, "the config file does not exist.");
        } catch (IOException e) {
            throw new ConfigException(whole, "the config file cannot be read: " + e + ".");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(whole, "the config file is not valid UTF-8.");
        }
        return parse(text, name, sha256(bytes));
    }

    /// Parses config text; `fileName` is used in locations and as [NetworkSpec#source()], and the SHA-256 is
    /// taken over the UTF-8 bytes of `yamlText`.
    ///
    /// @throws ConfigException if the text is not valid YAML or not a valid config
    public static NetworkSpec parse(String yamlText, String fileName) {
        return parse(yamlText, fileName, sha256(yamlText.getBytes(StandardCharsets.UTF_8)));
    }

    private static NetworkSpec parse(String yamlText, String fileName, String sha) {
        Node root = compose(yamlText, fileName);
        SourceLocation whole = new SourceLocation(fileName, 0, 0, "");
        if (root == null)
            throw new ConfigException(whole, "the config file is empty. Expected a mapping with keys "
                    + String.join(", ", TOP_LEVEL_KEYS) + ".");
        checkTags(root, fileName, "", Collections.newSetFromMap(new IdentityHashMap<>()));
        ConfigNode top = new ConfigNode(root, fileName, "");
        if (!top.isMapping())
            throw new ConfigException(top.at(), "the top level of a config must be a mapping. Expected keys "
                    + String.join(", ", TOP_LEVEL_KEYS) + "; found " + top.describe() + ".");
        Map<String, ConfigNode.Entry> entries = top.entries();
        for (ConfigNode.Entry e : entries.values())
            if (!TOP_LEVEL_KEYS.contains(e.key()))
                throw ConfigException.unknownName(e.keyNode().at(), "top-level key", e.key(), TOP_LEVEL_KEYS);
        ConfigNode layerNode = required(entries, "layer_config", top);
        ConfigNode projectionNode = required(entries, "projection_config", top);
        List<LayerSpec> layers = LayerConfigReader.read(layerNode);
        List<ProjectionSpec> projections = ProjectionConfigReader.read(projectionNode, layers);
        ConfigNode.Entry training = entries.get("training_kwargs");
        TrainingSpec trainingSpec = training == null
                ? TrainingConfigReader.defaults(new SourceLocation(fileName, 0, 0, "training_kwargs"))
                : TrainingConfigReader.read(training.value());
        ConfigNode.Entry dataset = entries.get("dataset");
        return new NetworkSpec(layers, projections, trainingSpec, fileName, sha, dataset == null ? null : dataset(dataset.value()));
    }

    /// `dataset: NAME` or `dataset: {name: NAME, option: value, ...}` (Apical's extension; EIANN has no such key).
    private static DatasetSpec dataset(ConfigNode node) {
        if (!node.isMapping()) return new DatasetSpec(node.string(), Map.of(), node.at());
        Map<String, ConfigNode.Entry> entries = node.entries();
        ConfigNode.Entry name = entries.get("name");
        if (name == null)
            throw new ConfigException(node.at(), "a dataset mapping needs 'name' (e.g. {name: spiral, split: optimization}).");
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (ConfigNode.Entry e : entries.values()) {
            if (e.key().equals("name")) continue;
            Object v = e.value().scalar();
            if (v == null || v instanceof Map<?, ?> || v instanceof List<?>)
                throw new ConfigException(e.value().at(), "dataset options must be plain values; found " + e.value().describe() + ".");
            options.put(e.key(), v.toString());
        }
        return new DatasetSpec(name.value().string(), options, node.at());
    }

    private static ConfigNode required(Map<String, ConfigNode.Entry> entries, String key, ConfigNode parent) {
        ConfigNode.Entry e = entries.get(key);
        if (e == null)
            throw new ConfigException(parent.at(), "missing required top-level key '" + key + "'. Expected keys "
                    + String.join(", ", TOP_LEVEL_KEYS) + "; found " + (entries.isEmpty() ? "none" : String.join(", ", entries.keySet())) + ".");
        return e.value();
    }

    private static Node compose(String yamlText, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);   // duplicates are reported by ConfigNode with both lines
        options.setAllowRecursiveKeys(false);
        // Composing never instantiates anything; every tag is admitted here and judged by checkTags.
        options.setTagInspector(tag -> true);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new YamlScalars.PyYamlResolver());
        try {
            return yaml.compose(new StringReader(yamlText));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourceLocation at = m == null ? new SourceLocation(fileName, 0, 0, "")
                    : new SourceLocation(fileName, m.getLine() + 1, m.getColumn() + 1, "");
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new ConfigException(at, "not valid YAML: " + context + e.getProblem() + ".");
        } catch (YAMLException e) {
            throw new ConfigException(new SourceLocation(fileName, 0, 0, ""), "not valid YAML: " + e.getMessage() + ".");
        }
    }

    /// Refuses every tag except the standard ones and `!!python/tuple`, anywhere in the document (also under
    /// keys that are otherwise ignored), before anything is read. Aliases that loop back are refused too.
    private static void checkTags(Node node, String file, String path, Set<Node> open) {
        String tag = node.getTag().getValue();
        if (!YamlScalars.allowedTag(tag))
            throw new ConfigException(new ConfigNode(node, file, path).at(), "tag '" + YamlScalars.shortTag(tag)
                    + "' is not allowed: configs may only contain plain values and !!python/tuple"
                    + " (object-constructing tags are never executed).");
        if (!open.add(node))
            throw new ConfigException(new ConfigNode(node, file, path).at(),
                    "an alias refers to a node that contains it. Expected a tree of plain values; found a cycle.");
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : "?";
                checkTags(t.getKeyNode(), file, path, open);
                checkTags(t.getValueNode(), file, path.isEmpty() ? key : path + "." + key, open);
            }
        } else if (node instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) checkTags(s.getValue().get(i), file, path + "[" + i + "]", open);
        }
        open.remove(node);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
