package dev.apical.build;

/// Mean loss and accuracy (percent correct, argmax of output vs label) over `samples` samples.
public record Evaluation(double loss, double accuracy, int samples) {
}
