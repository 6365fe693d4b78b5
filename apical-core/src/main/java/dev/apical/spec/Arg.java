package dev.apical.spec;

/// One configuration value with its location. The value is a `String`, `Long`, `Double`, `Boolean`,
/// `List<Arg>`, `Map<String, Arg>` (insertion ordered) or `null`, typed with PyYAML 1.1 scalar rules.
public record Arg(Object value, SourceLocation at) {
    public boolean isNull() {
        return value == null;
    }
}
