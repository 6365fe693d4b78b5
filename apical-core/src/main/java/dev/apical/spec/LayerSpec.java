package dev.apical.spec;

import java.util.List;

/// A layer: an ordered list of populations. Order carries meaning (update order, input/output population).
public record LayerSpec(String name, List<PopulationSpec> populations, SourceLocation at) {
    public LayerSpec {
        populations = List.copyOf(populations);
        if (populations.isEmpty()) throw new ConfigException(at, "a layer needs at least one population.");
    }
}
