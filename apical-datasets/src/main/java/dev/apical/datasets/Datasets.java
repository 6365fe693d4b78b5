package dev.apical.datasets;

import dev.apical.data.DataSplit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/// The registry of named datasets: `Datasets.split("spiral", Map.of("split", "optimization"))`.
///
/// | name | options |
/// |---|---|
/// | `spiral` | `split` = `eiann` (default) or `optimization`; `seed` (default 0) |
public final class Datasets {
    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    static {
        register("spiral", Set.of("split", "seed"), o -> SpiralTask.split(spiralMode(o), seed(o)));
    }

    private record Entry(Set<String> options, Function<Options, DataSplit> factory) {}

    private Datasets() {}

    /// The registered dataset names, in registration order.
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /// The split of dataset `name` configured by `options`; unknown names and options are rejected with a
    /// "did you mean" suggestion.
    public static DataSplit split(String name, Map<String, String> options) {
        Entry e = REGISTRY.get(name);
        if (e == null)
            throw new IllegalArgumentException("unknown dataset '" + name + "'." + suggestion(name, REGISTRY.keySet())
                    + " Valid names: " + String.join(", ", REGISTRY.keySet()));
        for (String key : options.keySet())
            if (!e.options().contains(key))
                throw new IllegalArgumentException("dataset '" + name + "' has no option '" + key + "'."
                        + suggestion(key, e.options()) + " Valid options: " + String.join(", ", e.options().stream().sorted().toList()));
        return e.factory().apply(new Options(name, options));
    }

    private static void register(String name, Set<String> options, Function<Options, DataSplit> factory) {
        REGISTRY.put(name, new Entry(options, factory));
    }

    /// The options of one request, with parsing that names the dataset in errors.
    private record Options(String dataset, Map<String, String> values) {
        String get(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        long getLong(String key, long fallback) {
            String v = values.get(key);
            if (v == null) return fallback;
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("dataset '" + dataset + "': option " + key + " must be an integer, got '" + v + "'");
            }
        }
    }

    private static SpiralTask.SplitMode spiralMode(Options o) {
        return switch (o.get("split", "eiann")) {
            case "eiann" -> SpiralTask.SplitMode.EIANN_LOADER;
            case "optimization" -> SpiralTask.SplitMode.OPTIMIZATION;
            case String other -> throw new IllegalArgumentException("dataset 'spiral': option split must be 'eiann' or "
                    + "'optimization', got '" + other + "'");
        };
    }

    private static long seed(Options o) {
        return o.getLong("seed", 0);
    }

    /// " Did you mean 'x'?" for the closest candidate within a small edit distance, else "".
    static String suggestion(String given, Iterable<String> candidates) {
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(given.toLowerCase(), c.toLowerCase());
            if (d < bestDist || (d == bestDist && Comparator.<String>naturalOrder().compare(c, best) < 0)) {
                best = c;
                bestDist = d;
            }
        }
        return best != null && bestDist <= Math.max(2, given.length() / 2) ? " Did you mean '" + best + "'?" : "";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
