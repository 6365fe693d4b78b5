package dev.apical.network;

import dev.apical.dynamics.Activation;
import dev.apical.spec.NetworkSpec;
import dev.apical.spec.PopulationSpec;
import dev.apical.spec.ProjectionSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/// The runtime graph: populations in update order and projections in config order. Knows nothing about
/// learning rules.
public final class Network {
    private final NetworkSpec spec;
    private final List<Population> populations = new ArrayList<>();
    private final List<Projection> projections = new ArrayList<>();
    private final Map<String, Population> byName = new LinkedHashMap<>();
    private final Map<String, Projection> projectionsByName = new LinkedHashMap<>();
    private final Population input;
    private final Population output;

    /// @param activations activation of each population spec, already bound
    /// @param tauOf       time constant of each population spec
    public Network(NetworkSpec spec, Function<PopulationSpec, Activation> activations, Function<PopulationSpec, Double> tauOf) {
        this.spec = spec;
        int order = 0;
        PopulationSpec inputSpec = spec.input();
        String firstLayer = spec.layers().getFirst().name();
        for (var layer : spec.layers()) {
            for (PopulationSpec ps : layer.populations()) {
                boolean isInput = ps == inputSpec;
                Population p = new Population(ps, order++, activations.apply(ps), tauOf.apply(ps).floatValue(),
                        isInput, !layer.name().equals(firstLayer));
                populations.add(p);
                byName.put(ps.id().toString(), p);
            }
        }
        for (ProjectionSpec ps : spec.projections()) {
            Projection p = new Projection(ps, byName.get(ps.post().toString()), byName.get(ps.pre().toString()));
            projections.add(p);
            projectionsByName.put(p.name(), p);
            p.post().addIncoming(p);
        }
        this.input = byName.get(inputSpec.id().toString());
        this.output = byName.get(spec.output().id().toString());
    }

    public NetworkSpec spec() { return spec; }
    /// Populations in update order (layer order, then population order).
    public List<Population> populations() { return Collections.unmodifiableList(populations); }
    /// Projections in config order.
    public List<Projection> projections() { return Collections.unmodifiableList(projections); }
    public Population input() { return input; }
    public Population output() { return output; }

    /// Population by `Layer.Pop` id string, or null.
    public Population population(String dottedId) { return byName.get(dottedId); }

    /// Population by EIANN full name (`H1E`), or null.
    public Population populationByFullName(String fullName) {
        for (Population p : populations) if (p.name().equals(fullName)) return p;
        return null;
    }

    /// Projection by EIANN name (`H1E_InputE`), or null.
    public Projection projection(String name) { return projectionsByName.get(name); }
}
