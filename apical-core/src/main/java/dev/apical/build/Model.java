package dev.apical.build;

import dev.apical.data.Dataset;
import dev.apical.dynamics.BatchForward;
import dev.apical.dynamics.ForwardDynamics;
import dev.apical.dynamics.Tape;
import dev.apical.learning.BackwardPass;
import dev.apical.learning.LearningRule;
import dev.apical.learning.LocalBiasRule;
import dev.apical.learning.LocalRule;
import dev.apical.learning.StepContext;
import dev.apical.learning.constraints.ConstraintPass;
import dev.apical.learning.loss.Loss;
import dev.apical.network.DivergenceException;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.NetworkSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// A built network with everything needed to train and evaluate it: dynamics, learning rules, backward
/// passes, constraints and loss. One training step follows EIANN's order (eiann-spec 5): forward, loss,
/// forward snapshot, each distinct backward pass, rule steps in layer order, constraint pass, rule updates.
/// Not thread-safe: one model per thread.
public final class Model {
    private final NetworkSpec spec;
    private final Network network;
    private final ForwardDynamics dynamics;
    private final Tape tape;
    private final Loss loss;
    private final List<BackwardPass> passes;
    private final LearningRule[] rules;
    private final LearningRule[] biasRules;
    private final ConstraintPass constraints;
    private final StepContext context;
    private final boolean hasLocalRules;
    private final List<BatchForward> evaluators = new java.util.ArrayList<>();

    private final List<Projection> columnCopies;

    Model(NetworkSpec spec, Network network, ForwardDynamics dynamics, Tape tape, Loss loss, List<BackwardPass> passes,
          LearningRule[] rules, LearningRule[] biasRules, ConstraintPass constraints, List<Projection> columnCopies) {
        this.spec = spec;
        this.columnCopies = List.copyOf(columnCopies);
        setColumnCopies(true);
        this.network = network;
        this.dynamics = dynamics;
        this.tape = tape;
        this.loss = loss;
        this.passes = List.copyOf(passes);
        this.rules = rules;
        this.biasRules = biasRules;
        this.constraints = constraints;
        this.context = new StepContext(network);
        orderLocalRules();
        boolean local = false;
        for (LearningRule r : rules) local |= r instanceof LocalRule;
        for (LearningRule r : biasRules) local |= r instanceof LocalBiasRule;
        this.hasLocalRules = local;
    }

    public NetworkSpec spec() { return spec; }

    /// With `enabled` (the default), projections whose weights change rarely or by rank-one updates keep a
    /// column copy, so that forward products skip zero presynaptic rates ([Projection#keepColumns()]); without,
    /// every product is a dense GEMV. Results agree to float rounding (sums are taken in another order).
    public void setColumnCopies(boolean enabled) {
        for (Projection p : columnCopies) {
            if (enabled && !p.keepsColumns()) p.keepColumns();
            else if (!enabled) p.dropColumns();
        }
    }
    public Network network() { return network; }
    public ForwardDynamics dynamics() { return dynamics; }
    public Loss loss() { return loss; }

    /// The rule of each projection (indexed like `network().projections()`), null for fixed weights.
    public LearningRule rule(Projection p) {
        return rules[network.projections().indexOf(p)];
    }

    /// One online training step on sample (x, target). Returns the loss of the forward output (before the
    /// update). Throws [DivergenceException] if the loss or any activity is not finite.
    public double trainStep(float[] x, float[] target, long step) {
        dynamics.run(x, tape, null);
        double l = loss.value(network.output().activity, target);
        if (!Double.isFinite(l)) throw diverged(step, "loss is " + l);
        context.set(target, step);
        for (BackwardPass pass : passes) pass.run(context);
        if (hasLocalRules) stepLocalRules();
        constraints.apply();
        if (hasLocalRules) updateLocalRules();
        return l;
    }

    /// Applies the weight constraints (bounds, normalisation, clones) as after a training step, e.g. after
    /// parameters were set from outside.
    public void applyConstraints() {
        constraints.apply();
    }

    /// A forward pass without learning; the output is `network().output().activity`.
    public void forward(float[] x) {
        dynamics.run(x, null, null);
    }

    /// Forward pass calling `observer` after every step (for recording dynamics).
    public void forward(float[] x, ForwardDynamics.StepObserver observer) {
        dynamics.run(x, null, observer);
    }

    /// Loss and accuracy over a whole dataset, forward passes only (eiann-spec 10.1), evaluated in batches
    /// of [#EVAL_BATCH] samples with matrix products on one thread, or sample by sample when the forward pass
    /// reads mostly sparse rates ([#evaluatesPerSample(Dataset)]).
    /// @param outputs if not null, receives each sample's output row-major (size x outputSize)
    public Evaluation evaluate(Dataset data, float[] outputs) {
        return evaluate(data, outputs, 1);
    }

    /// As [#evaluate(Dataset, float[])], splitting the batches over `threads` threads.
    public Evaluation evaluate(Dataset data, float[] outputs, int threads) {
        for (Projection p : network.projections()) p.readWeights(); // bring mirrored matrices up to date before sharing
        int blocks = (data.size() + EVAL_BATCH - 1) / EVAL_BATCH;
        int workers = Math.max(1, Math.min(threads, blocks));
        boolean perSample = evaluatesPerSample(data);
        if (perSample) prepareReplicas(workers);
        else while (evaluators.size() < workers) evaluators.add(new BatchForward(network, dynamics.forwardSteps(), EVAL_BATCH));
        double[] loss = new double[workers];
        int[] correct = new int[workers];
        if (workers == 1) {
            if (perSample) evaluateSamples(data, outputs, 0, 1, replicas.getFirst(), loss, correct, 0);
            else evaluateBlocks(data, outputs, 0, 1, evaluators.getFirst(), loss, correct, 0);
        } else {
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(workers)) {
                java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    int id = w;
                    jobs.add(pool.submit(() -> {
                        if (perSample) evaluateSamples(data, outputs, id, workers, replicas.get(id), loss, correct, id);
                        else evaluateBlocks(data, outputs, id, workers, evaluators.get(id), loss, correct, id);
                    }));
                }
                for (var j : jobs) j.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("evaluation interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        double lossSum = 0;
        int right = 0;
        for (int w = 0; w < workers; w++) {
            lossSum += loss[w];
            right += correct[w];
        }
        int n = Math.max(1, data.size());
        return new Evaluation(lossSum / n, 100.0 * right / n, data.size());
    }

    /// How [#evaluate] runs the forward passes.
    public enum EvaluationMode {
        /// Per sample when the forward pass's products read mostly sparse rates, else batched.
        AUTO,
        /// Batches of [#EVAL_BATCH] samples through dense matrix products ([BatchForward]).
        BATCHED,
        /// Sample by sample on replicas of the model (one per thread) whose products keep column copies and skip
        /// zero rates ([Projection#keepColumns()]).
        PER_SAMPLE
    }

    private EvaluationMode evaluationMode = EvaluationMode.AUTO;

    /// Sets how [#evaluate] runs (default [EvaluationMode#AUTO]). Both give the same results to float rounding.
    public void setEvaluationMode(EvaluationMode mode) {
        this.evaluationMode = java.util.Objects.requireNonNull(mode);
    }

    /// True if [#evaluate] on `data` runs sample by sample: [EvaluationMode#PER_SAMPLE], or [EvaluationMode#AUTO]
    /// and at least half of the forward pass's multiply-adds read sparse rates, that is rates of a population whose
    /// activation is silent below zero (relu) or of an input that is at least half zeros in the first 100 samples
    /// of `data` (images). A per-sample pass skips the zero rates, which a dense batched product cannot.
    public boolean evaluatesPerSample(Dataset data) {
        if (evaluationMode != EvaluationMode.AUTO) return evaluationMode == EvaluationMode.PER_SAMPLE;
        boolean sparseInput = zeroFraction(data, 100) >= 0.5;
        long all = 0, sparse = 0;
        for (Population q : network.populations()) {
            if (!q.isUpdated()) continue;
            for (Projection p : dynamics.somaticInputs(q)) {
                long madds = (long) p.rows() * p.cols() * (p.pre().isUpdated() ? dynamics.forwardSteps() : 1);
                all += madds;
                if (p.pre().isUpdated() ? p.pre().activation().silentBelowZero() : sparseInput) sparse += madds;
            }
        }
        return all > 0 && 2 * sparse >= all;
    }

    private static double zeroFraction(Dataset data, int samples) {
        int n = Math.min(samples, data.size()), zeros = 0;
        float[] x = new float[data.inputSize()];
        for (int i = 0; i < n; i++) {
            data.input(i, x);
            for (float v : x) if (v == 0f) zeros++;
        }
        return n == 0 ? 0 : zeros / ((double) n * x.length);
    }

    private final List<Model> replicas = new java.util.ArrayList<>();

    /// At least `workers` replicas, each holding this model's current parameters and a column copy of every
    /// weight matrix it multiplies (replicas never train, so every matrix qualifies).
    private void prepareReplicas(int workers) {
        while (replicas.size() < workers) {
            Model r = ModelBuilder.build(spec, 0);
            for (Projection p : r.network.projections())
                if (!p.keepsColumns() && !p.isMirror() && (long) p.rows() * p.cols() >= ModelBuilder.COLUMN_COPY_MIN) p.keepColumns();
            replicas.add(r);
        }
        Map<String, float[]> from = new LinkedHashMap<>();
        for (Population p : network.populations()) if (p.hasBias()) from.put(p.name() + ".bias", p.bias());
        for (Projection p : network.projections()) from.put(p.name(), p.readWeights());
        for (int w = 0; w < workers; w++) {
            Model r = replicas.get(w);
            Map<String, float[]> to = r.parameters();
            for (var e : from.entrySet()) System.arraycopy(e.getValue(), 0, to.get(e.getKey()), 0, e.getValue().length);
            r.parametersWritten();
        }
    }

    private void evaluateSamples(Dataset data, float[] outputs, int first, int stride, Model replica, double[] lossOut,
                                 int[] correctOut, int slot) {
        int nIn = data.inputSize(), nOut = data.targetSize();
        float[] x = new float[nIn], t = new float[nOut];
        float[] y = replica.network.output().activity;
        double lossSum = 0;
        int correct = 0;
        for (int start = first * EVAL_BATCH; start < data.size(); start += stride * EVAL_BATCH) {
            int end = Math.min(data.size(), start + EVAL_BATCH);
            for (int i = start; i < end; i++) {
                data.input(i, x);
                replica.forward(x);
                if (outputs != null) System.arraycopy(y, 0, outputs, i * nOut, nOut);
                data.target(i, t);
                lossSum += loss.value(y, t);
                if (argmax(y) == data.label(i)) correct++;
            }
        }
        lossOut[slot] = lossSum;
        correctOut[slot] = correct;
    }

    private void evaluateBlocks(Dataset data, float[] outputs, int first, int stride, BatchForward batch, double[] lossOut,
                                int[] correctOut, int slot) {
        int nIn = data.inputSize(), nOut = data.targetSize();
        float[] x = new float[EVAL_BATCH * nIn], row = new float[nIn], t = new float[nOut], y = new float[nOut];
        double lossSum = 0;
        int correct = 0;
        for (int start = first * EVAL_BATCH; start < data.size(); start += stride * EVAL_BATCH) {
            int count = Math.min(EVAL_BATCH, data.size() - start);
            for (int b = 0; b < count; b++) {
                data.input(start + b, row);
                System.arraycopy(row, 0, x, b * nIn, nIn);
            }
            float[] out = batch.run(x, count);
            for (int b = 0; b < count; b++) {
                System.arraycopy(out, b * nOut, y, 0, nOut);
                data.target(start + b, t);
                lossSum += loss.value(y, t);
                if (argmax(y) == data.label(start + b)) correct++;
            }
            if (outputs != null) System.arraycopy(out, 0, outputs, start * nOut, count * nOut);
        }
        lossOut[slot] = lossSum;
        correctOut[slot] = correct;
    }

    /// Samples per evaluation batch.
    public static final int EVAL_BATCH = 256;

    /// Every parameter by file name: weights as `<Projection>` (e.g. `H1E_InputE`), biases as `<Pop>.bias`.
    /// The arrays are live: modifying them modifies the model. Top-down weights kept equal to c·Wᵀ by
    /// `clone_weight` are mirrors, formed from W when they are read: they are current as of this call.
    public Map<String, float[]> parameters() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Population p : network.populations()) if (p.hasBias()) out.put(p.name() + ".bias", p.bias());
        for (Projection p : network.projections()) out.put(p.name(), p.weights());
        return out;
    }

    /// Declares that arrays obtained earlier from [#parameters()] or [Projection#weights()] have been written
    /// since: projections keeping a column copy of their weights rebuild it before their next product.
    public void parametersWritten() {
        for (Projection p : network.projections()) p.weights();
    }

    /// State of learning rules that carries over from sample to sample, by file name `<Pop>.<key>`: BCM's
    /// `<Pop>.theta`, BTSP's `<Pop>.past_activity` and `<Pop>.past_plateau` (EIANN fixture names). Live arrays.
    public Map<String, float[]> ruleState() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Population p : network.populations())
            for (var e : p.ruleStates().entrySet()) out.put(p.name() + "." + e.getKey(), e.getValue());
        return out;
    }

    /// Everything a saved model holds: [#parameters()] followed by [#ruleState()]. Live arrays.
    public Map<String, float[]> savedState() {
        Map<String, float[]> out = parameters();
        out.putAll(ruleState());
        return out;
    }

    /// Shape of an array named as in [#savedState()]: `N_post x N_pre` for weights, `N` for per-population
    /// vectors (`<Pop>.bias`, rule state).
    public int[] shape(String parameter) {
        int dot = parameter.indexOf('.');
        if (dot >= 0) {
            Population p = network.populationByFullName(parameter.substring(0, dot));
            return new int[] {p.size()};
        }
        Projection p = network.projection(parameter);
        return new int[] {p.rows(), p.cols()};
    }

    /// Index of the largest value, first index on ties (eiann-spec 4(3), Q8).
    public static int argmax(float[] y) {
        int best = 0;
        for (int k = 1; k < y.length; k++) if (y[k] > y[best]) best = k;
        return best;
    }

    /// Resets rule state (EIANN's `reinit` at the start of `train()`): BTSP traces, BCM flags.
    public void startTraining() {
        for (LearningRule r : rules) if (r instanceof LocalRule l) l.reinit();
    }

    /// Bias rule of `p`, or null.
    public LearningRule biasRule(Population p) {
        return biasRules[p.order()];
    }

    private void stepLocalRules() {
        for (int k = 0; k < localOrder.length; k++) {
            if (localOrder[k] instanceof Population pop) ((LocalBiasRule) biasRules[pop.order()]).step(pop, context);
            else ((LocalRule) localRules[k]).step((Projection) localOrder[k], context);
        }
    }

    private void updateLocalRules() {
        for (int k = 0; k < localOrder.length; k++)
            if (localOrder[k] instanceof Projection p) ((LocalRule) localRules[k]).update(p, context);
    }

    /// Local rule steps in network order (each population's bias rule, then its incoming projections' rules):
    /// populations and projections in `localOrder`, the projection rules beside them in `localRules`.
    private Object[] localOrder;
    private LearningRule[] localRules;

    private void orderLocalRules() {
        List<Projection> ps = network.projections();
        List<Object> order = new java.util.ArrayList<>();
        List<LearningRule> rs = new java.util.ArrayList<>();
        for (Population pop : network.populations()) {
            if (biasRules[pop.order()] instanceof LocalBiasRule) {
                order.add(pop);
                rs.add(biasRules[pop.order()]);
            }
            for (Projection p : pop.incoming())
                if (rules[ps.indexOf(p)] instanceof LocalRule r) {
                    order.add(p);
                    rs.add(r);
                }
        }
        localOrder = order.toArray();
        localRules = rs.toArray(LearningRule[]::new);
    }

    private DivergenceException diverged(long step, String detail) {
        for (Population p : network.populations()) {
            for (float v : p.activity) if (!Float.isFinite(v)) return new DivergenceException(step, p.id().toString(), detail);
            for (float v : p.state) if (!Float.isFinite(v)) return new DivergenceException(step, p.id().toString(), detail);
        }
        return new DivergenceException(step, null, detail);
    }
}
