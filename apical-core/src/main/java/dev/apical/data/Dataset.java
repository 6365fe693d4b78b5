package dev.apical.data;

/// An immutable, random-access set of labelled samples. Inputs are float vectors of [#inputSize()];
/// targets are one-hot float vectors of [#targetSize()] (so the label is the index of the largest entry).
public interface Dataset {
    /// A short name for messages and manifests, e.g. `spiral/train`.
    String name();

    int size();

    int inputSize();

    int targetSize();

    /// Copies sample `index`'s input into `out` (length [#inputSize()]).
    void input(int index, float[] out);

    /// Copies sample `index`'s target into `out` (length [#targetSize()]).
    void target(int index, float[] out);

    /// The class label of sample `index` (argmax of the target, first index on ties).
    int label(int index);

    /// SHA-256 over the dataset's contents (inputs then targets, little-endian float32), for provenance.
    String sha256();
}
