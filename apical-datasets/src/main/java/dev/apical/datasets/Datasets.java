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
/// | `spiral` | `split` = `eiann` (default), `optimization` or `poster`; `seed` (default 0) |
/// | `mnist` | none; installed with `apical data fetch mnist` (see [ImageTasks] for the split) |
/// | `fashion-mnist` (`fashion_mnist`, `fmnist`) | none; installed with `apical data fetch fashion-mnist` |
/// | `cifar10` (`cifar-10`) | none; installed with `apical data fetch cifar10 --from DIR` |
/// | `csv:DIR`, `npy:DIR` | none; the user's own files, see [UserData] |
///
/// Installed datasets are read from [DataCache#fromEnvironment()]; a missing one raises a
/// [MissingDatasetException] naming the `apical data fetch` command that installs it.
public final class Datasets {
    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        register("spiral", Set.of("split", "seed"), o -> SpiralTask.split(spiralMode(o), seed(o)));
        register("mnist", Set.of(), o -> installed(Catalog.MNIST, dir -> ImageTasks.idx("mnist", dir)));
        register("fashion-mnist", Set.of(), o -> installed(Catalog.FASHION_MNIST, dir -> ImageTasks.idx("fashion-mnist", dir)));
        register("cifar10", Set.of(), o -> installed(Catalog.CIFAR10, dir -> ImageTasks.cifar10("cifar10", dir)));
        ALIASES.put("fashion_mnist", "fashion-mnist");
        ALIASES.put("fmnist", "fashion-mnist");
        ALIASES.put("cifar-10", "cifar10");
    }

    @FunctionalInterface
    private interface Loader {
        DataSplit load(java.nio.file.Path dir) throws java.io.IOException;
    }

    private static DataSplit installed(Catalog.Entry entry, Loader loader) {
        return load(() -> loader.load(DataCache.fromEnvironment().require(entry)));
    }

    private static DataSplit load(java.util.concurrent.Callable<DataSplit> c) {
        try {
            return c.call();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        if (name.startsWith("csv:") || name.startsWith("npy:")) {
            if (!options.isEmpty())
                throw new IllegalArgumentException("dataset '" + name + "' takes no options, got " + options.keySet());
            java.nio.file.Path dir = java.nio.file.Path.of(name.substring(4));
            return load(() -> name.startsWith("csv:") ? UserData.csv(dir) : UserData.npy(dir));
        }
        Entry e = REGISTRY.get(ALIASES.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), name));
        if (e == null)
            throw new IllegalArgumentException("unknown dataset '" + name + "'." + suggestion(name, REGISTRY.keySet())
                    + " Valid names: " + String.join(", ", REGISTRY.keySet()) + ", csv:DIR, npy:DIR");
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
            case "poster" -> SpiralTask.SplitMode.POSTER;
            case String other -> throw new IllegalArgumentException("dataset 'spiral': option split must be 'eiann', "
                    + "'optimization' or 'poster', got '" + other + "'");
        };
    }

    private static long seed(Options o) {
        return o.getLong("seed", 0);
    }

    /// " Did you mean 'x'?" for the closest candidate, if it is close enough to be a likely typo, else "".
    static String suggestion(String given, Iterable<String> candidates) {
        java.util.List<String> list = new java.util.ArrayList<>();
        candidates.forEach(list::add);
        list.sort(Comparator.naturalOrder());
        return dev.apical.spec.ConfigException.nearest(given, list).map(n -> " Did you mean '" + n + "'?").orElse("");
    }
}
