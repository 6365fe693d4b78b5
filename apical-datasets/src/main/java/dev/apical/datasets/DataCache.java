package dev.apical.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apical.io.Json;
import dev.apical.io.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// The directory datasets are installed into: `$APICAL_DATA`, else `$XDG_CACHE_HOME/apical/datasets`, else
/// `~/.cache/apical/datasets`. Dataset `NAME` lives in `ROOT/NAME/`, next to its manifest `verified.json`
/// (written last by [DataInstaller], recording source, sizes and SHA-256 of every file).
public record DataCache(Path root) {
    public static final String MANIFEST = "verified.json";

    /// The cache of this process's environment; the system property `apical.data`, when set, takes
    /// precedence (for embedding and tests).
    public static DataCache fromEnvironment() {
        String override = System.getProperty("apical.data");
        if (override != null && !override.isBlank()) return new DataCache(Path.of(override));
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /// The cache the variables `env` select, with `home` as the user's home directory.
    public static DataCache fromEnvironment(Map<String, String> env, Path home) {
        String apical = env.get("APICAL_DATA");
        if (apical != null && !apical.isBlank()) return new DataCache(Path.of(apical));
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return new DataCache(Path.of(xdg, "apical", "datasets"));
        return new DataCache(home.resolve(".cache/apical/datasets"));
    }

    /// Where `entry` is installed.
    public Path dir(Catalog.Entry entry) {
        return root.resolve(entry.name());
    }

    /// The state of an installed dataset: `present` when the manifest and every file of the right size exist;
    /// `problems` lists what is missing or wrong (empty when verified).
    public record Status(Catalog.Entry entry, Path dir, boolean present, String source, List<String> problems) {
        public boolean ok() {
            return present && problems.isEmpty();
        }
    }

    /// Checks `entry`'s installation: sizes always, SHA-256 of every file when `checksums` is set.
    public Status status(Catalog.Entry entry, boolean checksums) {
        Path dir = dir(entry);
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) return new Status(entry, dir, false, null, List.of("not installed"));
        List<String> problems = new ArrayList<>();
        Map<String, String> recorded = new HashMap<>();
        String source = null;
        try {
            JsonNode m = Json.read(manifest);
            source = m.path("source").asText(null);
            for (JsonNode f : m.path("files")) recorded.put(f.path("name").asText(), f.path("sha256").asText());
        } catch (IOException | RuntimeException e) {
            problems.add(manifest + ": unreadable manifest (" + e.getMessage() + ")");
        }
        for (Catalog.FileSpec f : entry.files()) {
            Path p = dir.resolve(f.name());
            try {
                if (!Files.isRegularFile(p)) {
                    problems.add(p + ": missing");
                    continue;
                }
                long size = Files.size(p);
                if (size != f.bytes()) {
                    problems.add(p + ": " + size + " bytes, expected " + f.bytes());
                    continue;
                }
                if (checksums) {
                    String want = f.sha256() != null ? f.sha256() : recorded.get(f.name());
                    String got = Sha256.hex(p);
                    if (want == null) problems.add(p + ": no recorded SHA-256");
                    else if (!want.equals(got)) problems.add(p + ": SHA-256 " + got + ", expected " + want);
                }
            } catch (IOException e) {
                problems.add(p + ": " + e.getMessage());
            }
        }
        return new Status(entry, dir, true, source, problems);
    }

    /// The directory of an installed dataset, or a [MissingDatasetException] naming the command that installs it.
    public Path require(Catalog.Entry entry) {
        Status s = status(entry, false);
        if (s.ok()) return s.dir();
        String why = s.present() ? "is damaged (" + String.join("; ", s.problems()) + ")" : "is not installed";
        throw new MissingDatasetException(entry.name(), "dataset '" + entry.name() + "' " + why + " in " + root
                + ". Install it with: ./apical data fetch " + entry.name());
    }

    /// The manifest content for verified files.
    static Map<String, Object> manifest(Catalog.Entry entry, String source, Map<String, String> sha256) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", entry.name());
        m.put("source", source);
        m.put("installed", java.time.Instant.now().toString());
        List<Map<String, Object>> files = new ArrayList<>();
        for (Catalog.FileSpec f : entry.files()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.name());
            fm.put("bytes", f.bytes());
            fm.put("sha256", sha256.get(f.name()));
            files.add(fm);
        }
        m.put("files", files);
        return m;
    }
}
