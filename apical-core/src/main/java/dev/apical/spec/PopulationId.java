package dev.apical.spec;

/// A population's identity: its layer and its name within the layer, e.g. `H1.E`.
/// [#fullName()] is EIANN's concatenated form (`H1E`), used for file names.
public record PopulationId(String layer, String name) {
    public PopulationId {
        if (layer == null || layer.isEmpty() || name == null || name.isEmpty())
            throw new IllegalArgumentException("population id needs a layer and a name, found '" + layer + "." + name + "'");
    }

    /// Parses `Layer.Pop`; anything but exactly one dot is rejected.
    public static PopulationId parse(String dotted) {
        int dot = dotted.indexOf('.');
        if (dot <= 0 || dot != dotted.lastIndexOf('.') || dot == dotted.length() - 1)
            throw new IllegalArgumentException("expected 'Layer.Population' with exactly one dot, found '" + dotted + "'");
        return new PopulationId(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    /// EIANN's name: layer and population concatenated (`H1E`, `OutputSomaI`).
    public String fullName() {
        return layer + name;
    }

    @Override
    public String toString() {
        return layer + "." + name;
    }
}
