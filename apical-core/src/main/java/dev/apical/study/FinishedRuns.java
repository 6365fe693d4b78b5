package dev.apical.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apical.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/// Decides whether a run directory left by an earlier study can be reused: its manifest must record the same
/// config bytes (SHA-256), network and data seeds, dataset options and training plan.
public final class FinishedRuns {
    private FinishedRuns() {}

    /// What a reusable run must match.
    public record Expected(String configSha256, long networkSeed, long dataSeed, Map<String, String> datasetOptions,
                           Map<String, Object> plan) {}

    /// The outcome for one directory.
    public enum Status {
        /// no run there
        ABSENT,
        /// a matching finished run
        MATCHES,
        /// a run made with another config, seeds, data or plan
        DIFFERS
    }

    public static Status check(Path dir, Expected e) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.exists(dir)) return Status.ABSENT;
        if (!Files.isRegularFile(manifest)) return Status.DIFFERS;
        JsonNode m = Json.read(manifest);
        boolean same = m.path("config").path("sha256").asText().equals(e.configSha256())
                && m.path("seeds").path("network").asLong(Long.MIN_VALUE) == e.networkSeed()
                && m.path("seeds").path("data").asLong(Long.MIN_VALUE) == e.dataSeed()
                && m.path("dataset").path("options").equals(Json.mapper().valueToTree(e.datasetOptions()))
                && m.path("results").has("test_accuracy");
        for (var p : e.plan().entrySet())
            same &= m.path("plan").path(p.getKey()).equals(Json.mapper().valueToTree(p.getValue()));
        return same ? Status.MATCHES : Status.DIFFERS;
    }

    /// The test and final validation accuracy recorded in a matching run's manifest.
    public static SeedRun read(Path studyDir, Path dir, String config, int index, long networkSeed, long dataSeed) throws IOException {
        JsonNode r = Json.read(dir.resolve("manifest.json")).path("results");
        return new SeedRun(config, index, networkSeed, dataSeed, r.path("test_accuracy").asDouble(Double.NaN),
                r.path("accuracy").asDouble(Double.NaN), 0, true, false, studyDir.relativize(dir).toString());
    }
}
