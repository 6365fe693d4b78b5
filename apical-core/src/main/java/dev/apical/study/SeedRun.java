package dev.apical.study;

/// One finished run of a seed study.
///
/// @param config             the config's name in the study (its file stem)
/// @param index              0-based run index i; the seeds are derived from it
/// @param testAccuracy       test accuracy (%) of the final network: the statistic compared, as in the poster
/// @param validationAccuracy validation accuracy (%) of the final network
/// @param seconds            wall time of training and evaluation (0 for runs reused from disk)
/// @param reused             true if the run directory was already there and matched
/// @param diverged           true if training stopped on a non-finite value (accuracies are then NaN)
/// @param dir                the run directory, relative to the study directory
public record SeedRun(String config, int index, long networkSeed, long dataSeed, double testAccuracy,
                      double validationAccuracy, double seconds, boolean reused, boolean diverged, String dir) {}
