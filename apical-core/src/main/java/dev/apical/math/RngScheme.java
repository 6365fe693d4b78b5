package dev.apical.math;

/// Which random numbers a run draws for weight initialisation and sample order.
public enum RngScheme {
    /// Independent named streams per projection, bias and data order ([RandomStreams]): adding a projection
    /// never shifts anyone else's numbers. The default.
    APICAL,
    /// PyTorch's CPU generator used the way EIANN uses it, so a network seed and a data seed give EIANN's own
    /// initial weights and sample order: `torch.manual_seed(network seed)` before construction, with
    /// `nn.Linear`'s default init of every projection in config order followed by EIANN's
    /// `init_weights_and_biases`; and `torch.randperm(n)` from a generator seeded with the data seed, once per
    /// epoch. Only uniform initialisers (`half_kaiming`, `scaled_kaiming`, `uniform_`, `fill_`, `zero_`, default)
    /// can be reproduced this way.
    EIANN
}
