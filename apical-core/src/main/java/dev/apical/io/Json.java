package dev.apical.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/// JSON through one shared, pretty-printing Jackson [ObjectMapper].
///
/// Maps are written in their iteration order (build them with [#object()], a [LinkedHashMap]); doubles are
/// written with the shortest representation that reads back to the same value; non-finite doubles are
/// written as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`. Output ends with a newline.
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    /// The shared mapper; do not reconfigure it.
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /// A new insertion-ordered map for building JSON objects.
    public static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    /// A new empty tree object.
    public static ObjectNode objectNode() {
        return MAPPER.createObjectNode();
    }

    /// `value` as pretty-printed JSON with a trailing newline.
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /// Parses JSON text.
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /// Reads and parses the JSON file `file`; errors name the file.
    public static JsonNode read(Path file) throws IOException {
        try {
            return MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /// Atomically writes `value` as pretty-printed JSON to `file`.
    public static void writeAtomic(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, write(value));
    }
}
