package dev.apical.spec;

import java.util.List;
import java.util.Map;

/// A named plug-in (activation, initialiser, constraint, learning rule, optimizer, loss) with its raw
/// arguments, bound to a runtime object later by its registry. `args` holds positional arguments (EIANN's
/// `*_args` lists), `kwargs` the keyword arguments (`*_kwargs` maps), both with locations.
public record ComponentSpec(String name, List<Arg> args, Map<String, Arg> kwargs, SourceLocation at) {
    public ComponentSpec {
        args = List.copyOf(args);
        kwargs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kwargs));
    }

    public static ComponentSpec of(String name, SourceLocation at) {
        return new ComponentSpec(name, List.of(), Map.of(), at);
    }
}
