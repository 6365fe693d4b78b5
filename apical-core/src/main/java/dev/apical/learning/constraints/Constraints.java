package dev.apical.learning.constraints;

import dev.apical.math.RandomStreams;
import dev.apical.network.Network;
import dev.apical.network.Projection;
import dev.apical.registry.Kwargs;
import dev.apical.spec.ComponentSpec;
import dev.apical.spec.ConfigException;

import java.util.ArrayList;
import java.util.List;

/// The weight-constraint registry (`weight_constraint` + `weight_constraint_kwargs`): one line per constraint.
public final class Constraints {
    private Constraints() {}

    public static final List<String> NAMES = List.of("clone_weight", "normalize_weight", "no_autapses", "receptive_field_mask");

    /// Binds `spec` to projection `p`. Clone sources are resolved and their shapes checked here.
    public static WeightConstraint create(ComponentSpec spec, Projection p, Network network, RandomStreams streams) {
        Kwargs kw = new Kwargs("weight constraint '" + spec.name() + "'", spec);
        WeightConstraint c = switch (spec.name()) {
            case "no_autapses" -> new NoAutapses(p);
            case "normalize_weight" -> {
                double axis = kw.getDouble("axis", 1);
                if (axis != 1 && axis != -1)
                    throw new ConfigException(spec.at(), "normalize_weight supports only axis 1 (normalise each "
                            + "postsynaptic unit's input weights); found axis " + axis + ".");
                yield new NormalizeWeight(p, requireScale(kw), kw.getBoolean("autapses", false));
            }
            case "clone_weight" -> clone(kw, p, network);
            case "receptive_field_mask" -> mask(kw, p, streams);
            default -> throw ConfigException.unknownName(spec.at(), "weight constraint", spec.name(), NAMES);
        };
        kw.done();
        return c;
    }

    /// `clone_weight` with keyword arguments (also used for `weight_init: clone` with a kwargs map).
    public static WeightConstraint clone(Kwargs kw, Projection p, Network network) {
        String sourceName = kw.getString("source", null);
        if (sourceName == null) throw new ConfigException(kw.at(), "clone_weight needs 'source' (e.g. 'H2.E.H1.E' or 'H2E_H1E').");
        Projection source = resolve(sourceName, kw.at("source"), network);
        String source2Name = kw.getString("source2", null);
        Projection source2 = source2Name == null ? null : resolve(source2Name, kw.at("source2"), network);
        boolean transpose = kw.getBoolean("transpose", false);
        int rows = transpose ? source.cols() : source.rows();
        int cols = transpose ? source.rows() : source.cols();
        if (rows != p.rows() || cols != p.cols())
            throw new ConfigException(kw.at("source"), "clone_weight source " + source.name() + " has shape " + source.rows() + "x"
                    + source.cols() + (transpose ? " (transposed " + rows + "x" + cols + ")" : "") + ", which does not match "
                    + p.name() + " (" + p.rows() + "x" + p.cols() + ")." + (transpose ? "" : rows == p.cols() && cols == p.rows()
                    ? " Did you mean transpose: true?" : ""));
        if (source2 != null && (source2.rows() != source.rows() || source2.cols() != source.cols()))
            throw new ConfigException(kw.at("source2"), "clone_weight source2 " + source2.name() + " has shape " + source2.rows() + "x"
                    + source2.cols() + ", which does not match source " + source.name() + " (" + source.rows() + "x" + source.cols() + ").");
        return new CloneWeight(p, source, source2, kw.getDouble("sign", 1), kw.getDouble("scale", 1), transpose);
    }

    private static Projection resolve(String name, dev.apical.spec.SourceLocation at, Network network) {
        String key = name;
        String[] parts = name.split("\\.");
        if (parts.length == 4) key = parts[0] + parts[1] + "_" + parts[2] + parts[3];
        Projection p = network.projection(key);
        if (p == null) {
            List<String> names = new ArrayList<>();
            for (Projection q : network.projections())
                names.add(q.post().id() + "." + q.pre().id());
            throw ConfigException.unknownName(at, "clone_weight source projection", name, names);
        }
        return p;
    }

    private static double requireScale(Kwargs kw) {
        Double scale = kw.getDoubleOrNull("scale");
        return scale == null ? 1.0 : scale;
    }

    private static WeightConstraint mask(Kwargs kw, Projection p, RandomStreams streams) {
        double rf = kw.getDouble("receptive_field_size", Double.NaN);
        if (Double.isNaN(rf) || rf < 1 || rf != Math.rint(rf))
            throw new ConfigException(kw.at(), "receptive_field_mask needs an integer receptive_field_size >= 1.");
        double[] dims = kw.getNumbers("image_dims", new double[] {28, 28});
        int channels = dims.length == 3 ? (int) dims[0] : 1;
        int h = (int) dims[dims.length - 2], w = (int) dims[dims.length - 1];
        if (channels * h * w != p.cols() || rf > Math.min(h, w))
            throw new ConfigException(kw.at(), "receptive_field_mask image_dims " + java.util.Arrays.toString(dims)
                    + " with receptive_field_size " + (int) rf + " does not fit the " + p.cols() + " presynaptic units of " + p.name() + ".");
        boolean norm = kw.getBoolean("apply_weight_norm", false);
        double scale = requireScale(kw);
        kw.getBoolean("autapses", false);
        kw.getDouble("axis", 1);
        return new ReceptiveFieldMask(p, (int) rf, channels, h, w, norm, scale, streams.stream("mask/" + p.name()));
    }
}
