package dev.apical.config;

import dev.apical.spec.ConfigException;
import dev.apical.spec.SourceLocation;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/// YAML 1.1 scalar typing exactly as PyYAML's `SafeLoader` does it, so that a config means the same thing
/// here as in EIANN. SnakeYAML's own resolver is more lenient than PyYAML (it reads `1e-4` and `1.0e5` as
/// floats); [PyYamlResolver] replaces it with PyYAML's patterns, and [#convert] turns a resolved scalar into
/// `Long`, `Double`, `Boolean`, `null` or `String`.
final class YamlScalars {
    static final String TUPLE = "tag:yaml.org,2002:python/tuple";

    /// Tags a config may carry: the standard scalar and collection tags, and `!!python/tuple` (read as a list).
    private static final Set<String> ALLOWED_TAGS = Set.of(
            Tag.STR.getValue(), Tag.INT.getValue(), Tag.FLOAT.getValue(), Tag.BOOL.getValue(),
            Tag.NULL.getValue(), Tag.SEQ.getValue(), Tag.MAP.getValue(), Tag.TIMESTAMP.getValue(),
            Tag.MERGE.getValue(), "tag:yaml.org,2002:value", TUPLE);

    private static final Pattern PY_BOOL = Pattern.compile(
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern PY_FLOAT = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(?:inf|Inf|INF)"
                    + "|\\.(?:nan|NaN|NAN)");
    private static final Pattern PY_INT = Pattern.compile(
            "[-+]?0b[0-1_]+"
                    + "|[-+]?0[0-7_]+"
                    + "|[-+]?(?:0|[1-9][0-9_]*)"
                    + "|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern PY_NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern PY_MERGE = Pattern.compile("<<");
    private static final Pattern PY_TIMESTAMP = Pattern.compile(
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                    + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?"
                    + ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");
    /// An exponent float that PyYAML reads as a string: no dot in the mantissa, or no sign in the exponent.
    private static final Pattern EXPONENT_STRING = Pattern.compile("[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+");

    private YamlScalars() {}

    /// The implicit resolvers of PyYAML's `Resolver` (bool, float, int, merge, null, timestamp). The patterns are
    /// named `PY_*` because [Resolver] has public fields `FLOAT`, `INT`, ... that would shadow them here.
    static final class PyYamlResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, full(PY_BOOL), "yYnNtTfFoO");
            addImplicitResolver(Tag.FLOAT, full(PY_FLOAT), "-+0123456789.");
            addImplicitResolver(Tag.INT, full(PY_INT), "-+0123456789");
            addImplicitResolver(Tag.MERGE, full(PY_MERGE), "<");
            addImplicitResolver(Tag.NULL, full(PY_NULL), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
            addImplicitResolver(Tag.TIMESTAMP, full(PY_TIMESTAMP), "0123456789");
        }

        private static Pattern full(Pattern p) {
            return Pattern.compile("^(?:" + p.pattern() + ")$");
        }
    }

    static boolean allowedTag(String tag) {
        return ALLOWED_TAGS.contains(tag);
    }

    /// `!!python/object:x` for tags in the `tag:yaml.org,2002:` namespace, the tag itself otherwise.
    static String shortTag(String tag) {
        return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    }

    /// Converts a scalar with its resolved tag the way PyYAML's `SafeConstructor` would.
    static Object convert(String tag, String text, SourceLocation at) {
        if (tag.equals(Tag.NULL.getValue())) return null;
        if (tag.equals(Tag.BOOL.getValue())) return toBool(text, at);
        if (tag.equals(Tag.INT.getValue())) return toLong(text, at);
        if (tag.equals(Tag.FLOAT.getValue())) return toDouble(text, at);
        return text;
    }

    private static Boolean toBool(String text, SourceLocation at) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on" -> Boolean.TRUE;
            case "no", "false", "off" -> Boolean.FALSE;
            default -> throw new ConfigException(at, "not a boolean. Expected true or false; found '" + text + "'.");
        };
    }

    private static Long toLong(String text, SourceLocation at) {
        String s = text.replace("_", "");
        int sign = 1;
        if (s.startsWith("-") || s.startsWith("+")) {
            if (s.charAt(0) == '-') sign = -1;
            s = s.substring(1);
        }
        try {
            long v;
            if (s.equals("0")) v = 0;
            else if (s.startsWith("0b")) v = Long.parseLong(s.substring(2), 2);
            else if (s.startsWith("0x")) v = Long.parseLong(s.substring(2), 16);
            else if (s.startsWith("0o")) v = Long.parseLong(s.substring(2), 8);
            else if (s.startsWith("0")) v = Long.parseLong(s.substring(1), 8);
            else if (s.contains(":")) v = (long) sexagesimal(s);
            else v = Long.parseLong(s);
            return sign * v;
        } catch (NumberFormatException e) {
            throw new ConfigException(at, "not a valid integer. Expected an integer that fits in 64 bits; found '" + text + "'.");
        }
    }

    private static Double toDouble(String text, SourceLocation at) {
        String s = text.replace("_", "").toLowerCase(Locale.ROOT);
        double sign = 1;
        if (s.startsWith("-") || s.startsWith("+")) {
            if (s.charAt(0) == '-') sign = -1;
            s = s.substring(1);
        }
        try {
            if (s.equals(".inf")) return sign * Double.POSITIVE_INFINITY;
            if (s.equals(".nan")) return Double.NaN;
            if (s.contains(":")) return sign * sexagesimal(s);
            return sign * Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ConfigException(at, "not a valid number. Expected a float such as 0.5; found '" + text + "'.");
        }
    }

    private static double sexagesimal(String s) {
        double value = 0;
        for (String part : s.split(":")) value = value * 60 + Double.parseDouble(part);
        return value;
    }

    /// For a string PyYAML did not read as a number although it looks like one in exponent notation
    /// (`1e-4`, `1.0e5`), the spelling it would read as a float (`1.0e-4`, `1.0e+5`); null otherwise.
    static String exponentFix(String text) {
        if (!EXPONENT_STRING.matcher(text).matches()) return null;
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        String mantissa = text.substring(0, e);
        String exponent = text.substring(e + 1);
        String digits = mantissa.replaceFirst("^[-+]", "");
        if (digits.isEmpty() || digits.equals(".")) return null;
        if (!mantissa.contains(".")) mantissa = mantissa + ".0";
        else if (mantissa.endsWith(".")) mantissa = mantissa + "0";
        if (!exponent.startsWith("-") && !exponent.startsWith("+")) exponent = "+" + exponent;
        return mantissa + "e" + exponent;
    }
}
