package dev.apical.parity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apical.io.Json;
import dev.apical.io.Npy;
import dev.apical.io.NpyArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/// A directory of golden traces exported from EIANN (layout: `../shared/fixtures/README.md`): `config.yaml`,
/// `manifest.json` (steps, network seed, tolerances per category), `inputs.npy`, `targets.npy`, `initial/`,
/// `step0/`, `history/`, `checkpoints/`, `final/`, `eval/`.
public final class Fixture {
    private final Path dir;
    private final JsonNode manifest;
    private final Map<String, Tolerance> tolerances = new HashMap<>();

    /// Opens `dir`; fails with a message naming what is missing.
    public Fixture(Path dir) throws IOException {
        this.dir = dir;
        if (!Files.isDirectory(dir)) throw new IOException("fixture directory " + dir + " does not exist");
        for (String f : new String[] {"config.yaml", "manifest.json", "inputs.npy", "targets.npy"})
            if (!Files.isRegularFile(dir.resolve(f))) throw new IOException("fixture " + dir + " has no " + f);
        this.manifest = Json.read(dir.resolve("manifest.json"));
        JsonNode tol = manifest.path("tolerances");
        for (var it = tol.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().has("rtol") && e.getValue().has("atol"))
                tolerances.put(e.getKey(), new Tolerance(e.getValue().get("rtol").asDouble(), e.getValue().get("atol").asDouble()));
        }
    }

    public Path dir() { return dir; }
    public Path config() { return dir.resolve("config.yaml"); }
    public JsonNode manifest() { return manifest; }

    /// Number of training steps recorded (manifest `steps`, else the number of input rows).
    public int steps() throws IOException {
        return manifest.has("steps") ? manifest.get("steps").asInt() : inputs().rows();
    }

    public long networkSeed() {
        return manifest.path("network_seed").asLong(0);
    }

    public NpyArray inputs() throws IOException { return Npy.read(dir.resolve("inputs.npy")); }
    public NpyArray targets() throws IOException { return Npy.read(dir.resolve("targets.npy")); }

    public boolean has(String relative) { return Files.exists(dir.resolve(relative)); }

    public NpyArray array(String relative) throws IOException { return Npy.read(dir.resolve(relative)); }

    /// The tolerance of a category; the fixtures' documented default (rtol 1e-4, atol 1e-5) if the manifest lacks it.
    public Tolerance tolerance(String category) {
        return tolerances.getOrDefault(category, new Tolerance(1e-4, 1e-5));
    }

    /// The tolerance category an array belongs to (manifest `tolerances.*.applies_to`); checkpoints and
    /// histories use `final_params`, as the fixture README prescribes for long-run arrays.
    public static String category(String relative) {
        if (relative.startsWith("step0/after/")) return "step0_after";
        if (relative.startsWith("step0/dynamics/") || relative.startsWith("step0/forward/")
                || relative.startsWith("step0/forward_prev/") || relative.equals("step0/output.npy")) return "step0_forward";
        if (relative.startsWith("step0/")) return "step0_backward";
        if (relative.startsWith("eval/")) return "eval_outputs";
        return "final_params";
    }
}
