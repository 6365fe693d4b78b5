package dev.apical.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/// Locates `../shared` (EIANN fixtures and configs) for tests; tests that need it skip with a message
/// naming the missing path when it is absent.
public final class Shared {
    private Shared() {}

    public static Path root() {
        return Path.of(System.getProperty("apical.shared", "../shared")).toAbsolutePath().normalize();
    }

    /// Fixture directory `name`: looked for in the comma-separated directories of the system property
    /// `apical.fixtures` (fixtures exported with `bench/eiann/export_fixture.py`), then in
    /// `root()/fixtures`; skips the calling test if it is in neither.
    public static Path requireFixture(String name) {
        String extra = System.getProperty("apical.fixtures", "");
        for (String dir : extra.split(",")) {
            if (dir.isBlank()) continue;
            Path p = Path.of(dir.trim()).resolve(name);
            if (Files.isDirectory(p)) return p;
        }
        return require("fixtures/" + name);
    }

    /// `root()/relative`, or skips the calling test if it does not exist.
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), () -> "skipped: " + p + " is missing (the shared EIANN fixtures and configs "
                + "are not checked out beside the repository)");
        return p;
    }
}
