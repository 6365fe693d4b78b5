package dev.apical.spec;

/// One projection `post <- pre` (eiann-spec 2.3, 14.3): a dense weight matrix of shape (N_post, N_pre).
///
/// @param init       weight initialiser with its args (`half_kaiming`, `scaled_kaiming`, `clone`, `uniform_`, ...),
///                   or null for the default U(-1/sqrt(N_pre), 1/sqrt(N_pre))
/// @param constraint weight constraint (`clone_weight`, `normalize_weight`, `no_autapses`, `receptive_field_mask`) or null
/// @param rule       learning rule or null for a fixed weight
public record ProjectionSpec(PopulationId post, PopulationId pre, Direction direction, Compartment compartment,
                             UpdatePhase updatePhase, ComponentSpec init, Bounds bounds, ComponentSpec constraint,
                             ComponentSpec rule, SourceLocation at) {

    /// EIANN's name, `<PostLayer><PostPop>_<PreLayer><PrePop>` (e.g. `H1E_InputE`), used for weight files.
    public String name() {
        return post.fullName() + "_" + pre.fullName();
    }

    @Override
    public String toString() {
        return post + " <- " + pre;
    }
}
