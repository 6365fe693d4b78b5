package dev.apical.cli;

import dev.apical.config.ConfigLoader;
import dev.apical.spec.NetworkSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/// A network config given on the command line, or the bundled default (`examples/spiral-ei-bptt.yaml`,
/// embedded in the jar).
record ConfigSource(Path file, String name, byte[] bytes, NetworkSpec spec) {
    static final String BUNDLED = "spiral-ei-bptt.yaml";

    static ConfigSource of(Path file) throws IOException {
        if (file == null) return bundled();
        NetworkSpec spec = ConfigLoader.load(file);
        return new ConfigSource(file, stem(file.getFileName().toString()), Files.readAllBytes(file), spec);
    }

    static ConfigSource bundled() throws IOException {
        try (InputStream in = ConfigSource.class.getResourceAsStream("/examples/" + BUNDLED)) {
            if (in == null) throw new IOException("the bundled default config examples/" + BUNDLED + " is missing from this build");
            byte[] bytes = in.readAllBytes();
            NetworkSpec spec = ConfigLoader.parse(new String(bytes, StandardCharsets.UTF_8), "examples/" + BUNDLED);
            return new ConfigSource(null, stem(BUNDLED), bytes, spec);
        }
    }

    String display() {
        return file == null ? "examples/" + BUNDLED + " (bundled default)" : file.toString();
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
