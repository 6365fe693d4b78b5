package dev.apical.analysis;

import dev.apical.build.Model;
import dev.apical.data.Dataset;
import dev.apical.network.Population;
import dev.apical.network.Projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
/// back-propagation's unless a nudge pushes an active unit below zero.
public final class UpdateComparison {
    private UpdateComparison() {}

    /// Default relative tolerance for "equal" updates.
    public static final double TOLERANCE = 1e-3;

    /// @param parameters     the shared learned parameters compared
    /// @param equalFraction  fraction of samples whose updates are equal within the tolerance
    /// @param cosines        cosine similarity of every sample's updates
    /// @param relativeDifferences max|Δ_cand − Δ_ref| / max|Δ_ref| of every sample
    public record Result(List<String> parameters, int samples, int equal, double equalFraction, double[] cosines,
                         double[] relativeDifferences, double tolerance) {
        /// Cosines of the samples whose updates are not equal, ascending.
        public double[] unequalCosines() {
            return java.util.stream.IntStream.range(0, samples).filter(i -> !(relativeDifferences[i] <= tolerance))
                    .mapToDouble(i -> cosines[i]).sorted().toArray();
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
                rel, tolerance);
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
