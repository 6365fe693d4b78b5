package dev.apical.spec;

import java.util.Map;

/// The dataset a config names (Apical's optional top-level `dataset` key; EIANN's configs have none):
/// `dataset: mnist`, or `dataset: {name: spiral, split: optimization}` with the dataset's options.
public record DatasetSpec(String name, Map<String, String> options, SourceLocation at) {
    public DatasetSpec {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
}
