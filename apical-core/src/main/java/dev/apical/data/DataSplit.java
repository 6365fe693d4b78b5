package dev.apical.data;

/// Training, validation and test sets of one task.
public record DataSplit(Dataset train, Dataset validation, Dataset test) {
    public DataSplit {
        if (train.inputSize() != validation.inputSize() || train.inputSize() != test.inputSize()
                || train.targetSize() != validation.targetSize() || train.targetSize() != test.targetSize())
            throw new IllegalArgumentException("train/validation/test shapes differ: " + train.name() + " "
                    + train.inputSize() + "->" + train.targetSize() + ", " + validation.name() + " "
                    + validation.inputSize() + "->" + validation.targetSize() + ", " + test.name() + " "
                    + test.inputSize() + "->" + test.targetSize());
    }
}
