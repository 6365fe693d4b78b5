package dev.apical.cli;

import dev.apical.analysis.UpdateComparison;
import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.data.DataSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/// `apical compare-updates REFERENCE CANDIDATE`: one-step weight updates of two rules from identical weights
/// and inputs (see [UpdateComparison]).
@Command(name = "compare-updates", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare one training step's weight update of two configs on identical weights and inputs.",
                "Along REFERENCE's training trajectory, CANDIDATE is given REFERENCE's current values of every parameter "
                        + "both learn, each takes one step on the same sample, and the updates are compared: the fraction "
                        + "of samples with equal updates (within --tolerance relative to the largest reference update) and "
                        + "their cosine similarity. Also counts the samples in which a nudge of CANDIDATE silenced an "
                        + "active unit (forward state z > 0 pushed to z + N <= 0) of a population that a top-down "
                        + "dendritic projection reads: where dendritic temporal contrast and backprop can differ.",
                "Example: apical compare-updates examples/poster-spiral-backprop.yaml examples/poster-spiral-dtc.yaml --split poster"})
final class CompareUpdatesCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REFERENCE", description = "Reference config (e.g. backprop).")
    Path reference;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "Candidate config (e.g. dendritic temporal contrast).")
    Path candidate;

    @Mixin DataOptions data;

    @Option(names = "--samples", defaultValue = "1000", description = "Training samples (steps) compared. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "Network seed of both models and seed of the sample order. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--tolerance", defaultValue = "1e-3", description = "Relative tolerance for equal updates. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--fixed-weights", description = "Compare every sample at REFERENCE's initial weights instead of along its trajectory.")
    boolean fixedWeights;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (samples < 1) throw new IllegalArgumentException("--samples must be >= 1, found " + samples);
        ConfigSource refSource = ConfigSource.of(reference);
        DataSplit split = data.defaultsFrom(refSource.spec()).load();
        Model ref = ModelBuilder.build(refSource.spec(), seed);
        Model cand = ModelBuilder.build(ConfigSource.of(candidate).spec(), seed);
        UpdateComparison.Result r = UpdateComparison.compare(ref, cand, split.train(), samples, seed, tolerance, !fixedWeights);
        double[] c = r.cosines().clone();
        Arrays.sort(c);
        double[] d = r.relativeDifferences().clone();
        Arrays.sort(d);
        double[] u = r.unequalCosines();
        out.printf(Locale.ROOT, "parameters  %s (updates divided by each rule's learning rate)%n", String.join(", ", r.parameters()));
        out.printf(Locale.ROOT, "samples     %d %s %s's %s (seed %d)%n", r.samples(), fixedWeights ? "at" : "along",
                reference.getFileName(), fixedWeights ? "initial weights" : "trajectory", seed);
        out.printf(Locale.ROOT, "equal       %d of %d (%.1f %%): max|dC - dR| <= %.0e max|dR|%n", r.equal(), r.samples(),
                100 * r.equalFraction(), tolerance);
        out.printf(Locale.ROOT, "difference  max|dC - dR| / max|dR|: 10th percentile %.2e, median %.2e, 90th percentile %.2e%n",
                d[(int) (0.1 * (d.length - 1))], d[(d.length - 1) / 2], d[(int) (0.9 * (d.length - 1))]);
        out.printf(Locale.ROOT, "cosine      all samples: mean %.5f, 5th percentile %.5f, min %.5f%n",
                Arrays.stream(c).average().orElse(Double.NaN), c[(int) (0.05 * (c.length - 1))], c[0]);
        if (u.length > 0)
            out.printf(Locale.ROOT, "            unequal samples: mean %.5f, median %.5f, 5th percentile %.5f, min %.5f; %.1f %% >= 0.98%n",
                    r.meanCosineUnequal(), u[(u.length - 1) / 2], u[(int) (0.05 * (u.length - 1))], u[0],
                    100.0 * Arrays.stream(u).filter(v -> v >= 0.98).count() / u.length);
        out.printf(Locale.ROOT, "silencing   %d samples where a nudge of %s silenced an active unit (z > 0, z + N <= 0) of %s%n",
                r.withSilencing(), candidate.getFileName(),
                r.silencingPopulations().isEmpty() ? "no population (none is read by a top-down dendritic projection)"
                        : String.join(", ", r.silencingPopulations()));
        out.printf(Locale.ROOT, "            %d of %d unequal samples, %d of %d equal samples%n", r.unequalWithSilencing(),
                r.unequal(), r.equalWithSilencing(), r.equal());
        if (r.unequalWithoutSilencing() > 0)
            out.printf(Locale.ROOT, "            unequal without silencing: %d, of which %d within %.0fx the float32 resolution of "
                            + "their contrast (largest ratio %.2g)%n", r.unequalWithoutSilencing(), r.unequalAtFloatResolution(),
                    UpdateComparison.RESOLUTION_FACTOR, r.maxResolutionRatioWithoutSilencing());
        for (boolean silencing : new boolean[] {true, false}) {
            double[] s = r.cosines(silencing);
            String label = silencing ? "with silencing" : "without silencing";
            if (s.length == 0) out.printf(Locale.ROOT, "cosine      %s: no samples%n", label);
            else out.printf(Locale.ROOT, "cosine      %s (%d): mean %.5f, 5th percentile %.5f, min %.5f; %.1f %% >= 0.98%n",
                    label, s.length, Arrays.stream(s).average().orElse(Double.NaN), s[(int) (0.05 * (s.length - 1))], s[0],
                    100.0 * Arrays.stream(s).filter(v -> v >= 0.98).count() / s.length);
        }
        return 0;
    }
}
