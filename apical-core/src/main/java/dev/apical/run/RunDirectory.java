package dev.apical.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apical.build.Evaluation;
import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.config.ConfigLoader;
import dev.apical.io.AtomicFiles;
import dev.apical.io.Csv;
import dev.apical.io.Json;
import dev.apical.io.Npy;
import dev.apical.io.NpyArray;
import dev.apical.spec.NetworkSpec;
import dev.apical.train.TrainResult;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/// A training run on disk, data only (no serialized objects):
///
/// ```
/// manifest.json            format_version, config (file, sha256), seeds, dataset, plan, provenance, results
/// config.yaml              byte copy of the network config
/// weights/<name>.npy       every parameter: <Projection>.npy (N_post x N_pre), <Pop>.bias.npy, and the
///                          state of learning rules carried across samples (<Pop>.theta.npy, <Pop>.past_activity.npy, ...)
/// metrics/validation.csv   step, loss, accuracy at each validation checkpoint
/// metrics/train_loss.npy   training loss of every step (float32)
/// metrics/summary.json     the results block of the manifest
/// ```
///
/// The directory is written under a temporary name and renamed into place, so a reader never sees a
/// partial run; an existing directory is replaced only when asked to.
public final class RunDirectory {
    /// The newest manifest format this build reads and writes.
    public static final int FORMAT_VERSION = 1;

    private RunDirectory() {}

    /// What to record besides the model and the result.
    public record RunInfo(Path configFile, byte[] configBytes, long networkSeed, long dataSeed, Map<String, Object> dataset,
                          Map<String, Object> plan, Provenance provenance) {}

    /// Something else to store in a run: extra result fields and files written into the run directory.
    public interface Attachment {
        /// Adds fields to the `results` block.
        default void addResults(Map<String, Object> results) {}

        /// Writes files under the (temporary) run directory.
        default void writeFiles(Path dir) throws IOException {}
    }

    public static void write(Path dir, Model model, TrainResult result, RunInfo info, boolean overwrite) throws IOException {
        write(dir, model, result, info, overwrite, List.of());
    }

    public static void write(Path dir, Model model, TrainResult result, RunInfo info, boolean overwrite,
                             List<? extends Attachment> attachments) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !overwrite)
            throw new FileAlreadyExistsException(target.toString(), null, "run directory already exists; choose another --out or pass --overwrite");
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            Files.write(tmp.resolve("config.yaml"), info.configBytes());
            Path weights = Files.createDirectories(tmp.resolve("weights"));
            for (var e : model.savedState().entrySet()) Npy.write(weights.resolve(e.getKey() + ".npy"), model.shape(e.getKey()), e.getValue());
            Path metrics = Files.createDirectories(tmp.resolve("metrics"));
            List<List<?>> rows = new ArrayList<>();
            for (int i = 0; i < result.validationSteps().length; i++) {
                Evaluation v = result.validation()[i];
                rows.add(List.of(result.validationSteps()[i], v.loss(), v.accuracy()));
            }
            Csv.write(metrics.resolve("validation.csv"), List.of("step", "loss", "accuracy"), rows);
            Npy.write(metrics.resolve("train_loss.npy"), new int[] {result.trainLoss().length}, result.trainLoss());
            Map<String, Object> results = results(result);
            for (Attachment a : attachments) {
                a.addResults(results);
                a.writeFiles(tmp);
            }
            Json.writeAtomic(metrics.resolve("summary.json"), results);
            Map<String, Object> m = Json.object();
            m.put("format_version", FORMAT_VERSION);
            m.put("kind", "apical-run");
            Map<String, Object> config = Json.object();
            config.put("file", info.configFile() == null ? "<bundled>" : info.configFile().toString());
            config.put("sha256", dev.apical.io.Sha256.hex(info.configBytes()));
            config.put("network", model.spec().source());
            m.put("config", config);
            m.put("seeds", Map.of("network", info.networkSeed(), "data", info.dataSeed()));
            m.put("dataset", info.dataset());
            m.put("plan", info.plan());
            Map<String, Object> prov = info.provenance().toMap();
            prov.put("finished_at", java.time.Instant.now().toString());
            m.put("provenance", prov);
            m.put("results", results);
            Json.writeAtomic(tmp.resolve("manifest.json"), m);
            replace(tmp, target);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static Map<String, Object> results(TrainResult r) {
        Map<String, Object> m = Json.object();
        m.put("accuracy", r.accuracy());
        m.put("accuracy_definition", "mean validation accuracy (%) of the checkpoints in the accuracy window");
        m.put("validation_loss", r.validationLoss());
        m.put("test_accuracy", r.test().accuracy());
        m.put("test_loss", r.test().loss());
        m.put("test_samples", r.test().samples());
        m.put("train_steps", r.trainLoss().length);
        m.put("train_seconds", r.trainSeconds());
        m.put("total_seconds", r.totalSeconds());
        m.put("train_samples_per_second", r.samplesPerSecond());
        return m;
    }

    /// A saved run: its manifest and its model rebuilt from the saved config with the saved weights loaded.
    public record Loaded(JsonNode manifest, Model model) {}

    /// Reads a run directory written by [#write].
    public static Loaded read(Path dir) throws IOException {
        Path manifestFile = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile)) throw new IOException(dir + " is not a run directory (no manifest.json)");
        JsonNode m = Json.read(manifestFile);
        int v = m.path("format_version").asInt(-1);
        if (v < 1) throw new IOException(manifestFile + ": missing or invalid format_version");
        if (v > FORMAT_VERSION)
            throw new IOException(manifestFile + ": run format " + v + " is newer than this build supports (max " + FORMAT_VERSION + ")");
        NetworkSpec spec = ConfigLoader.load(dir.resolve("config.yaml"));
        dev.apical.math.RngScheme scheme = "eiann".equals(m.path("plan").path("rng").asText())
                ? dev.apical.math.RngScheme.EIANN : dev.apical.math.RngScheme.APICAL;
        Model model = ModelBuilder.build(spec, m.path("seeds").path("network").asLong(), scheme);
        for (var e : model.savedState().entrySet()) {
            Path f = dir.resolve("weights").resolve(e.getKey() + ".npy");
            if (!Files.isRegularFile(f)) throw new IOException(dir + ": missing weights file weights/" + e.getKey() + ".npy");
            NpyArray a = Npy.read(f);
            if (a.size() != e.getValue().length)
                throw new IOException(f + ": shape " + java.util.Arrays.toString(a.shape()) + " does not match the model's "
                        + java.util.Arrays.toString(model.shape(e.getKey())));
            System.arraycopy(a.data(), 0, e.getValue(), 0, a.size());
        }
        return new Loaded(m, model);
    }

    private static void replace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
            Files.move(target, old);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        if (old != null) deleteTree(old);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }
}
