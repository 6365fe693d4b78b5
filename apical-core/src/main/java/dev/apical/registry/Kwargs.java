package dev.apical.registry;

import dev.apical.spec.Arg;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;
import dev.apical.spec.SourceLocation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Typed access to a component's keyword arguments with located errors. Read every key a component
/// accepts, then call [#done()], which rejects any key that was not read (with a "Did you mean" hint).
public final class Kwargs {
    private final String what;
    private final ComponentSpec spec;
    private final Set<String> known = new LinkedHashSet<>();

    /// @param what how the component is named in messages, e.g. "learning rule 'Backprop'"
    public Kwargs(String what, ComponentSpec spec) {
        this.what = what;
        this.spec = spec;
    }

    public SourceLocation at() {
        return spec.at();
    }

    /// Location of `key`'s value, or of the component when the key is absent.
    public SourceLocation at(String key) {
        Arg a = spec.kwargs().get(key);
        return a != null ? a.at() : spec.at();
    }

    public boolean has(String key) {
        known.add(key);
        Arg a = spec.kwargs().get(key);
        return a != null && !a.isNull();
    }

    public double getDouble(String key, double fallback) {
        known.add(key);
        Arg a = spec.kwargs().get(key);
        return a == null || a.isNull() ? fallback : number(a, key);
    }

    /// The value, or null when absent or null.
    public Double getDoubleOrNull(String key) {
        known.add(key);
        Arg a = spec.kwargs().get(key);
        return a == null || a.isNull() ? null : number(a, key);
    }

    /// A number that must be given; a located error names the missing key otherwise.
    public double requireDouble(String key) {
        Double v = getDoubleOrNull(key);
        if (v == null) throw missing(key, "a number");
        return v;
    }

    /// A string that must be given; a located error names the missing key otherwise.
    public String requireString(String key) {
        String v = getString(key, null);
        if (v == null) throw missing(key, "a string");
        return v;
    }

    private ConfigException missing(String key, String kind) {
        return new ConfigException(spec.at(), what + " needs '" + key + "' (" + kind + ") in its keyword arguments, "
                + "but it is missing.");
    }

    public boolean getBoolean(String key, boolean fallback) {
        known.add(key);
        Arg a = spec.kwargs().get(key);
        if (a == null || a.isNull()) return fallback;
        if (a.value() instanceof Boolean b) return b;
        throw new ConfigException(a.at(), "expected true or false for '" + key + "' of " + what + "; found " + describe(a.value()) + ".");
    }

    public String getString(String key, String fallback) {
        known.add(key);
        Arg a = spec.kwargs().get(key);
        if (a == null || a.isNull()) return fallback;
        if (a.value() instanceof String s) return s;
        throw new ConfigException(a.at(), "expected a string for '" + key + "' of " + what + "; found " + describe(a.value()) + ".");
    }

    /// A list of numbers (or nulls, returned as NaN), e.g. `betas` or `image_dims`.
    public double[] getNumbers(String key, double[] fallback) {
        known.add(key);
        Arg a = spec.kwargs().get(key);
        if (a == null || a.isNull()) return fallback;
        if (!(a.value() instanceof List<?> list))
            throw new ConfigException(a.at(), "expected a list of numbers for '" + key + "' of " + what + "; found " + describe(a.value()) + ".");
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = number((Arg) list.get(i), key);
        return out;
    }

    /// Rejects keys that were never read.
    public void done() {
        for (Map.Entry<String, Arg> e : spec.kwargs().entrySet()) {
            if (!known.contains(e.getKey())) {
                List<String> allowed = new ArrayList<>(known);
                StringBuilder sb = new StringBuilder("unknown key '" + e.getKey() + "' for " + what + ".");
                ConfigException.nearest(e.getKey(), allowed).ifPresent(n -> sb.append(" Did you mean '").append(n).append("'?"));
                sb.append(allowed.isEmpty() ? " It takes no arguments." : " Allowed keys: " + String.join(", ", allowed) + ".");
                throw new ConfigException(e.getValue().at(), sb.toString());
            }
        }
    }

    private double number(Arg a, String key) {
        if (a.value() instanceof Number n && !(a.value() instanceof Boolean)) return n.doubleValue();
        throw new ConfigException(a.at(), "expected a number for '" + key + "' of " + what + "; found " + describe(a.value()) + ".");
    }

    /// How a raw config value is shown in messages.
    public static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return "string '" + s + "'";
        if (v instanceof Boolean b) return "boolean " + b;
        if (v instanceof List<?>) return "a list";
        if (v instanceof Map<?, ?>) return "a mapping";
        return v.toString();
    }
}
