package dev.apical.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/// A configuration error with its location. The message reads
/// `file:line:column: key.path: problem`, optionally followed by what was expected and a suggestion.
public final class ConfigException extends RuntimeException {
    private final transient SourceLocation location;
    private final String problem;

    public ConfigException(SourceLocation location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    /// `problem` plus "Did you mean 'x'?" when one of `valid` is close to `found`, and the list of valid names.
    public static ConfigException unknownName(SourceLocation at, String what, String found, Collection<String> valid) {
        StringBuilder sb = new StringBuilder();
        sb.append("unknown ").append(what).append(" '").append(found).append("'.");
        nearest(found, valid).ifPresent(n -> sb.append(" Did you mean '").append(n).append("'?"));
        sb.append(" Expected one of: ").append(String.join(", ", valid)).append('.');
        return new ConfigException(at, sb.toString());
    }

    public SourceLocation location() {
        return location;
    }

    /// The message without the location prefix.
    public String problem() {
        return problem;
    }

    /// The closest valid name by edit distance (case-insensitive), if it is close enough to be a likely typo.
    public static Optional<String> nearest(String found, Collection<String> valid) {
        String f = found.toLowerCase(java.util.Locale.ROOT);
        return valid.stream()
                .min(Comparator.comparingInt((String v) -> editDistance(f, v.toLowerCase(java.util.Locale.ROOT))))
                .filter(v -> editDistance(f, v.toLowerCase(java.util.Locale.ROOT)) <= Math.max(2, v.length() / 3));
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
