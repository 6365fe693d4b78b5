package dev.apical.analysis;

import dev.apical.build.Model;
import dev.apical.data.Dataset;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.Compartment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/// Step-level comparison of two learning rules on identical weights and inputs: for each sample, the
/// candidate model is given the reference model's current values of every parameter both models learn, one
/// training step is taken by each, and the two weight updates ΔW (all shared learned parameters, concatenated)
/// are compared. The reference then keeps its own update, so the samples follow the reference's training
/// trajectory from its initial weights. Each parameter's update is divided by its rule's learning rate, so two
/// rules tuned to different step sizes are compared per unit η: Δ = (W_after − W_before)/η.
///
/// Two updates count as equal when max|Δ_cand − Δ_ref| <= `tolerance` · max|Δ_ref| (float32 rounding of
/// W^T a^B − W^T a^F versus W^T N differs in the last bits, so exact bit equality is not expected). The cosine
/// similarity is ⟨Δ_cand, Δ_ref⟩ / (‖Δ_cand‖ ‖Δ_ref‖) (1 when both are zero).
///
/// Used to check the theory of dendritic temporal contrast (other-models-spec 3.4 ii, 3.7): its update equals
/// back-propagation's unless a nudge pushes an active unit below zero. A hidden layer's dendrite reads the
/// layer above through a top-down `compartment: dend` projection, once at the forward activity relu(z) and once
/// at the nudged activity relu(z + N); their difference is N (the back-propagated error) while z + N > 0, but
/// −z when an active unit (z > 0) is pushed to z + N <= 0. Each sample therefore also records how many units
/// of the candidate such a nudge *silenced* in its step: units with forward state z > 0 and z + N <= 0, N being
/// the population's plateau (nudge), counted only in populations that a dendrite-compartment projection of a
/// lower layer reads.
///
/// In float32 the contrast is not exactly N even without silencing: z + N is rounded before relu(z) is
/// subtracted, a relative error of about ulp(z)/|N| that becomes visible when the nudges are tiny next to the
/// states (an output already at its target). Each sample records that [resolution][#contrastResolution(List)];
/// an unequal sample without a silencing nudge whose relative difference is at most [#RESOLUTION_FACTOR] times
/// it counts as a float32 rounding case, not as a departure from the theory.
public final class UpdateComparison {
    private UpdateComparison() {}

    /// Default relative tolerance for "equal" updates.
    public static final double TOLERANCE = 1e-3;

    /// An unequal sample without a silencing nudge is put down to float32 rounding of the contrast when its
    /// relative difference is at most this many times the contrast's resolution (the rounding error of one
    /// population's contrast reaches the update through the dendritic sums of up to two layers below).
    public static final double RESOLUTION_FACTOR = 10;

    /// @param parameters     the shared learned parameters compared
    /// @param equalFraction  fraction of samples whose updates are equal within the tolerance
    /// @param cosines        cosine similarity of every sample's updates
    /// @param relativeDifferences max|Δ_cand − Δ_ref| / max|Δ_ref| of every sample
    /// @param silencedUnits  number of units the candidate's nudges silenced in every sample's step (z > 0 and
    ///                       z + N <= 0, in populations read by a top-down dendritic projection)
    /// @param silencingPopulations the populations counted in `silencedUnits` (`Layer.Pop`)
    /// @param contrastResolution float32 resolution of every sample's top-down contrast relative to its nudges (see
    ///                       [UpdateComparison#contrastResolution(List)])
    public record Result(List<String> parameters, int samples, int equal, double equalFraction, double[] cosines,
                         double[] relativeDifferences, double tolerance, int[] silencedUnits,
                         List<String> silencingPopulations, double[] contrastResolution) {
        /// Whether sample `i`'s updates are equal within the tolerance.
        public boolean equal(int i) {
            return relativeDifferences[i] <= tolerance;
        }

        /// Whether a nudge of the candidate silenced an active unit in sample `i`'s step.
        public boolean silencing(int i) {
            return silencedUnits[i] > 0;
        }

        /// Number of samples whose updates are not equal.
        public int unequal() {
            return samples - equal;
        }

        /// Number of unequal samples with a silencing nudge.
        public int unequalWithSilencing() {
            return (int) IntStream.range(0, samples).filter(i -> !equal(i) && silencing(i)).count();
        }

        /// Number of equal samples with a silencing nudge (its effect on the update stayed within the tolerance).
        public int equalWithSilencing() {
            return (int) IntStream.range(0, samples).filter(i -> equal(i) && silencing(i)).count();
        }

        /// Whether sample `i` is unequal without a silencing nudge, by no more than [#RESOLUTION_FACTOR] times the
        /// float32 resolution of its contrast.
        public boolean atFloatResolution(int i) {
            return !equal(i) && !silencing(i) && relativeDifferences[i] <= RESOLUTION_FACTOR * contrastResolution[i];
        }

        /// Number of unequal samples without a silencing nudge.
        public int unequalWithoutSilencing() {
            return unequal() - unequalWithSilencing();
        }

        /// Number of unequal samples without a silencing nudge whose difference is within float32 rounding of the
        /// contrast ([#atFloatResolution(int)]).
        public int unequalAtFloatResolution() {
            return (int) IntStream.range(0, samples).filter(this::atFloatResolution).count();
        }

        /// Largest relative difference / contrast resolution among the unequal samples without a silencing nudge
        /// (NaN if there are none; infinite where the resolution is 0).
        public double maxResolutionRatioWithoutSilencing() {
            return IntStream.range(0, samples).filter(i -> !equal(i) && !silencing(i))
                    .mapToDouble(i -> relativeDifferences[i] / contrastResolution[i]).max().orElse(Double.NaN);
        }

        /// Number of samples with a silencing nudge.
        public int withSilencing() {
            return (int) IntStream.range(0, samples).filter(this::silencing).count();
        }

        /// Cosines of the samples whose updates are not equal, ascending.
        public double[] unequalCosines() {
            return IntStream.range(0, samples).filter(i -> !equal(i)).mapToDouble(i -> cosines[i]).sorted().toArray();
        }

        /// Cosines of the samples with (`silencing` true) or without a silencing nudge, ascending.
        public double[] cosines(boolean silencing) {
            return IntStream.range(0, samples).filter(i -> silencing(i) == silencing).mapToDouble(i -> cosines[i])
                    .sorted().toArray();
        }

        /// Mean cosine of the unequal samples (NaN if all are equal).
        public double meanCosineUnequal() {
            return Arrays.stream(unequalCosines()).average().orElse(Double.NaN);
        }
    }

    /// Compares `samples` steps on samples of `data` drawn in a random order from `orderSeed`, along the
    /// reference's trajectory.
    public static Result compare(Model reference, Model candidate, Dataset data, int samples, long orderSeed, double tolerance) {
        return compare(reference, candidate, data, samples, orderSeed, tolerance, true);
    }

    /// As [#compare(Model, Model, Dataset, int, long, double)]; with `followReference` false the reference's
    /// parameters are restored after every step, so every sample is compared at the same (initial) weights.
    public static Result compare(Model reference, Model candidate, Dataset data, int samples, long orderSeed, double tolerance,
                                 boolean followReference) {
        Map<String, float[]> initial = new LinkedHashMap<>();
        reference.parameters().forEach((k, v) -> initial.put(k, v.clone()));
        Map<String, Double> refRate = new LinkedHashMap<>(), candRate = new LinkedHashMap<>();
        Map<String, float[]> ref = learned(reference, refRate), cand = learned(candidate, candRate);
        List<String> shared = new ArrayList<>();
        for (var e : ref.entrySet())
            if (cand.containsKey(e.getKey()) && cand.get(e.getKey()).length == e.getValue().length) shared.add(e.getKey());
        if (shared.isEmpty()) throw new IllegalArgumentException("the two models learn no parameter in common (by name and shape)");
        int total = 0;
        for (String k : shared) total += ref.get(k).length;
        double[] refScale = new double[total], candScale = new double[total];
        int o = 0;
        for (String k : shared) {
            int n = ref.get(k).length;
            Arrays.fill(refScale, o, o + n, 1 / refRate.get(k));
            Arrays.fill(candScale, o, o + n, 1 / candRate.get(k));
            o += n;
        }
        float[] before = new float[total], dRef = new float[total], dCand = new float[total];
        int[] order = order(data.size(), samples, orderSeed);
        float[] x = new float[data.inputSize()], t = new float[data.targetSize()];
        double[] cosines = new double[samples], rel = new double[samples];
        int[] silenced = new int[samples];
        double[] resolution = new double[samples];
        List<Population> readTopDown = readByLowerDendrites(candidate);
        int equal = 0;
        reference.startTraining();
        candidate.startTraining();
        for (int s = 0; s < samples; s++) {
            data.input(order[s], x);
            data.target(order[s], t);
            gather(ref, shared, before);
            scatter(before, shared, cand);
            candidate.parametersWritten();
            candidate.applyConstraints();
            reference.trainStep(x, t, s);
            candidate.trainStep(x, t, s);
            silenced[s] = silencedUnits(readTopDown);
            resolution[s] = contrastResolution(readTopDown);
            gather(ref, shared, dRef);
            gather(cand, shared, dCand);
            double maxRef = 0, maxDiff = 0, dot = 0, nr = 0, nc = 0;
            for (int i = 0; i < total; i++) {
                double r = (dRef[i] - (double) before[i]) * refScale[i], c = (dCand[i] - (double) before[i]) * candScale[i];
                maxRef = Math.max(maxRef, Math.abs(r));
                maxDiff = Math.max(maxDiff, Math.abs(c - r));
                dot += r * c;
                nr += r * r;
                nc += c * c;
            }
            cosines[s] = nr == 0 || nc == 0 ? (nr == nc ? 1 : 0) : dot / (Math.sqrt(nr) * Math.sqrt(nc));
            rel[s] = maxRef > 0 ? maxDiff / maxRef : (maxDiff == 0 ? 0 : Double.POSITIVE_INFINITY);
            if (!followReference) {
                initial.forEach((k, v) -> System.arraycopy(v, 0, reference.parameters().get(k), 0, v.length));
                reference.parametersWritten();
            }
            if (rel[s] <= tolerance) equal++;
        }
        return new Result(List.copyOf(shared), samples, equal, samples > 0 ? (double) equal / samples : Double.NaN, cosines,
                rel, tolerance, silenced, readTopDown.stream().map(Population::toString).toList(), resolution);
    }

    /// Populations whose activity a `compartment: dend` projection of a lower layer reads (the top-down input
    /// a dendritic contrast is formed from), in population order. A lateral dendritic projection (within a
    /// layer) does not count: it reads the layer's forward activity.
    public static List<Population> readByLowerDendrites(Model m) {
        Set<Population> out = new LinkedHashSet<>();
        for (Projection q : m.network().projections())
            if (q.compartment() == Compartment.DENDRITE && q.pre().order() > q.post().order()
                    && !q.pre().id().layer().equals(q.post().id().layer()))
                out.add(q.pre());
        return m.network().populations().stream().filter(out::contains).toList();
    }

    /// Units of `pops` silenced by the last backward phase: forward state z > 0 and z + N <= 0 (float32, as the
    /// nudge is applied), N the plateau. Populations without a plateau buffer are never nudged.
    public static int silencedUnits(List<Population> pops) {
        int n = 0;
        for (Population p : pops) {
            float[] z = p.state, nudge = p.plateau();
            if (nudge == null) continue;
            for (int k = 0; k < z.length; k++) if (z[k] > 0 && z[k] + nudge[k] <= 0) n++;
        }
        return n;
    }

    /// Float32 resolution of the contrast relu(z + N) − relu(z) that the dendrites read, relative to the nudges:
    /// the largest max_k ulp(z_k + N_k)/2 over the units left active, divided by max_k |N_k|, over `pops` (0
    /// where a population is not nudged). z + N is rounded to float32 before the difference is taken, so where
    /// the nudges are tiny next to the states (the output already near its target) the contrast carries a
    /// relative rounding error of about this size, and the update can differ from backprop's by more than a
    /// small tolerance without any unit being silenced.
    public static double contrastResolution(List<Population> pops) {
        double worst = 0;
        for (Population p : pops) {
            float[] z = p.state, nudge = p.plateau();
            if (nudge == null) continue;
            float maxN = 0, maxUlp = 0;
            for (int k = 0; k < z.length; k++) {
                maxN = Math.max(maxN, Math.abs(nudge[k]));
                float s = z[k] + nudge[k];
                if (z[k] > 0 && s > 0) maxUlp = Math.max(maxUlp, Math.ulp(s) / 2);
            }
            if (maxN > 0) worst = Math.max(worst, (double) maxUlp / maxN);
        }
        return worst;
    }

    /// Parameters with a learning rule, by name (live arrays); their learning rates into `rates`.
    private static Map<String, float[]> learned(Model m, Map<String, Double> rates) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Population p : m.network().populations()) {
            if (p.hasBias() && m.biasRule(p) != null) {
                out.put(p.name() + ".bias", p.bias());
                rates.put(p.name() + ".bias", m.biasRule(p).learningRate());
            }
        }
        for (Projection p : m.network().projections()) {
            if (m.rule(p) != null) {
                out.put(p.name(), p.weights());
                rates.put(p.name(), m.rule(p).learningRate());
            }
        }
        return out;
    }

    private static void gather(Map<String, float[]> params, List<String> names, float[] into) {
        int o = 0;
        for (String k : names) {
            float[] a = params.get(k);
            System.arraycopy(a, 0, into, o, a.length);
            o += a.length;
        }
    }

    private static void scatter(float[] from, List<String> names, Map<String, float[]> params) {
        int o = 0;
        for (String k : names) {
            float[] a = params.get(k);
            System.arraycopy(from, o, a, 0, a.length);
            o += a.length;
        }
    }

    /// `samples` indices of a permutation of 0..n−1 (cycled when samples > n).
    private static int[] order(int n, int samples, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        int[] out = new int[samples];
        for (int i = 0; i < samples; i++) out[i] = perm[i % n];
        return out;
    }
}
