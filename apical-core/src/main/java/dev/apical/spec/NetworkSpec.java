package dev.apical.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// What a network is: layers of populations, projections in config order, and training settings.
/// Immutable; built by the config loader or in code, turned into a runtime model by `ModelBuilder`.
///
/// @param source    file the spec was read from (or `<code>`)
/// @param sha256    SHA-256 of the source bytes, or of a canonical form for specs made in code
/// @param dataset   the dataset the config names, or null (the command line chooses)
public record NetworkSpec(List<LayerSpec> layers, List<ProjectionSpec> projections, TrainingSpec training,
                          String source, String sha256, DatasetSpec dataset) {

    /// A spec that names no dataset.
    public NetworkSpec(List<LayerSpec> layers, List<ProjectionSpec> projections, TrainingSpec training, String source,
                       String sha256) {
        this(layers, projections, training, source, sha256, null);
    }

    public NetworkSpec {
        layers = List.copyOf(layers);
        projections = List.copyOf(projections);
        if (layers.isEmpty()) throw new ConfigException(SourceLocation.code("layer_config").withFile(source),
                "the network has no layers.");
    }

    /// All populations in layer order.
    public List<PopulationSpec> populations() {
        List<PopulationSpec> all = new ArrayList<>();
        for (LayerSpec l : layers) all.addAll(l.populations());
        return all;
    }

    public Optional<PopulationSpec> population(PopulationId id) {
        return populations().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /// The input population: first population of the first layer.
    public PopulationSpec input() {
        return layers.getFirst().populations().getFirst();
    }

    /// The output population: the one flagged `output_pop`, else the first population of the last layer.
    public PopulationSpec output() {
        return populations().stream().filter(PopulationSpec::outputPop).findFirst()
                .orElse(layers.getLast().populations().getFirst());
    }
}
