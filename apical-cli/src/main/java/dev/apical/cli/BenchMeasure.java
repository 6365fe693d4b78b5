package dev.apical.cli;

import dev.apical.build.Model;
import dev.apical.data.Dataset;
import dev.apical.math.Kernels;
import dev.apical.math.RandomStreams;
import dev.apical.math.RngScheme;
import dev.apical.math.TorchRandom;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.Compartment;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/// The measurements behind `apical bench`: timed training steps (wall, thread CPU time and allocated bytes
/// of the calling thread), batched evaluation, per-sample forward passes, a bare GEMV, and the analytic
/// FLOP count of one forward pass.
final class BenchMeasure {
    private BenchMeasure() {}

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /// One timed stretch of work on the calling thread: `samples` samples in `wallSeconds` wall time and
    /// `cpuSeconds` thread CPU time, allocating `allocatedBytes` bytes on this thread.
    /// `steadyBytes` were allocated over the last `steadySamples` of them (after the first steps, whose one-off
    /// JIT transitions to code paths a fresh network takes first allocate; 0 samples when not measured).
    record Timing(long samples, double wallSeconds, double cpuSeconds, long allocatedBytes, long steadySamples, long steadyBytes) {
        Timing(long samples, double wallSeconds, double cpuSeconds, long allocatedBytes) {
            this(samples, wallSeconds, cpuSeconds, allocatedBytes, 0, 0);
        }

        double steadyBytesPerSample() { return steadySamples == 0 ? bytesPerSample() : (double) steadyBytes / steadySamples; }

        double wallRate() { return samples / wallSeconds; }
        double cpuRate() { return samples / cpuSeconds; }
        double bytesPerSample() { return samples == 0 ? 0 : (double) allocatedBytes / samples; }
    }

    /// Starts a [Timing] on the calling thread; [#stop(long)] ends it.
    static final class Clock {
        private final long wall = System.nanoTime(), cpu = THREADS.getCurrentThreadCpuTime(),
                bytes = THREADS.getCurrentThreadAllocatedBytes();

        Timing stop(long samples) {
            long b = THREADS.getCurrentThreadAllocatedBytes(), c = THREADS.getCurrentThreadCpuTime(), w = System.nanoTime();
            return new Timing(samples, (w - wall) / 1e9, (c - cpu) / 1e9, b - bytes);
        }
    }

    /// Online training in the sample order of `scheme` drawn from `dataSeed` (as `apical train`; a new
    /// permutation of the training set whenever one is used up). [#run(int)] trains the next samples.
    static final class Training {
        private final Model model;
        private final Dataset train;
        private final RngScheme scheme;
        private final TorchRandom torch;
        private final SplittableRandom shuffle;
        private final int[] perm;
        private final float[] x, t;
        private int position;
        private long step;
        private double tailLoss = Double.NaN;

        Training(Model model, Dataset train, RngScheme scheme, long dataSeed) {
            this.model = model;
            this.train = train;
            this.scheme = scheme;
            this.torch = new TorchRandom(dataSeed);
            this.shuffle = new RandomStreams(dataSeed).stream("data/shuffle");
            this.perm = new int[train.size()];
            this.x = new float[train.inputSize()];
            this.t = new float[train.targetSize()];
            this.position = perm.length;
            model.startTraining();
        }

        /// Trains `n` samples and returns their timing; [#tailLoss()] is then the mean loss of the last 100.
        Timing run(int n) {
            float[] losses = new float[n];
            int settle = Math.min(100, n / 2);
            long settledBytes = 0;
            Clock clock = new Clock();
            for (int i = 0; i < n; i++) {
                if (i == settle) settledBytes = THREADS.getCurrentThreadAllocatedBytes();
                if (position == perm.length) nextPermutation();
                int idx = perm[position++];
                train.input(idx, x);
                train.target(idx, t);
                losses[i] = (float) model.trainStep(x, t, step++);
            }
            long endBytes = THREADS.getCurrentThreadAllocatedBytes();
            Timing t = clock.stop(n);
            Timing timing = new Timing(n, t.wallSeconds(), t.cpuSeconds(), t.allocatedBytes(), n - settle,
                    n > settle ? endBytes - settledBytes : 0);
            double sum = 0;
            for (int i = Math.max(0, n - 100); i < n; i++) sum += losses[i];
            tailLoss = n == 0 ? Double.NaN : sum / Math.min(n, 100);
            return timing;
        }

        /// Mean training loss of the last (up to) 100 samples of the last [#run(int)], to check that two
        /// implementations timed on the same samples did the same work.
        double tailLoss() { return tailLoss; }

        private void nextPermutation() {
            if (scheme == RngScheme.EIANN) {
                torch.skip(2);
                torch.randperm(perm);
            } else {
                for (int i = 0; i < perm.length; i++) perm[i] = i;
                for (int i = perm.length - 1; i > 0; i--) {
                    int j = shuffle.nextInt(i + 1), tmp = perm[i];
                    perm[i] = perm[j];
                    perm[j] = tmp;
                }
            }
            position = 0;
        }
    }

    /// Batched evaluation of all of `data`: untimed runs for at least 1 s (and 3 runs), then whole runs for
    /// at least 1 s. With more than one thread the work runs on
    /// a pool, so CPU time and allocation of the calling thread say nothing: they are NaN and 0.
    static Timing evaluate(Model model, Dataset data, int threads) {
        long warm = System.nanoTime();
        for (int i = 0; i < 3 || System.nanoTime() - warm < 1e9; i++) model.evaluate(data, null, threads);
        Clock clock = new Clock();
        long start = System.nanoTime(), runs = 0;
        do {
            model.evaluate(data, null, threads);
            runs++;
        } while (System.nanoTime() - start < 1e9);
        Timing t = clock.stop(runs * data.size());
        return threads == 1 ? t : new Timing(t.samples(), t.wallSeconds(), Double.NaN, 0);
    }

    /// Per-sample forward passes ([Model#forward]) over the first `n` samples of `data`, cycling when `n` is
    /// larger, after an untimed warm-up of at least 200 passes and 1 s.
    static Timing forward(Model model, Dataset data, int n) {
        float[][] xs = new float[Math.min(n, data.size())][data.inputSize()];
        for (int i = 0; i < xs.length; i++) data.input(i, xs[i]);
        long warm = System.nanoTime();
        for (int i = 0; i < 200 || System.nanoTime() - warm < 1e9; i++) model.forward(xs[i % xs.length]);
        Clock clock = new Clock();
        for (int i = 0; i < n; i++) model.forward(xs[i % xs.length]);
        return clock.stop(n);
    }

    /// Floating-point operations of one per-sample forward pass, counting a multiply-add as 2: for every updated
    /// population, its somatic forward-phase projections from updated populations once per forward step and
    /// those from never-updated populations (the input) once per sample (they are hoisted); plus every
    /// dendritic projection once, for the forward snapshot. Element-wise work is not counted.
    static long forwardFlops(Model model) {
        int steps = model.dynamics().forwardSteps();
        long flops = 0;
        for (Population q : model.network().populations()) {
            if (q.isUpdated())
                for (Projection p : model.dynamics().somaticInputs(q))
                    flops += 2L * p.rows() * p.cols() * (p.pre().isUpdated() ? steps : 1);
            if (q.hasDendrite())
                for (Projection p : q.incoming())
                    if (p.compartment() == Compartment.DENDRITE) flops += 2L * p.rows() * p.cols();
        }
        return flops;
    }

    /// Mean floating-point operations a per-sample forward pass over the first `n` samples of `data` executes,
    /// counted as [#forwardFlops] but with products through a column copy ([Projection#keepsColumns()]) costing
    /// 2 · rows per non-zero presynaptic rate (the zero rates are skipped). The presynaptic rates are taken after
    /// each step (a recurrent product reads the step before: the count is an estimate to within one step).
    static double executedFlops(Model model, Dataset data, int n) {
        int steps = model.dynamics().forwardSteps();
        float[] x = new float[data.inputSize()];
        double total = 0;
        int samples = Math.min(n, data.size());
        for (int s = 0; s < samples; s++) {
            data.input(s, x);
            double[] flops = {0};
            for (Population q : model.network().populations())
                if (q.isUpdated())
                    for (Projection p : model.dynamics().somaticInputs(q))
                        if (!p.pre().isUpdated()) flops[0] += cost(p, x);
            model.forward(x, (t, net) -> {
                for (Population q : net.populations())
                    if (q.isUpdated())
                        for (Projection p : model.dynamics().somaticInputs(q))
                            if (p.pre().isUpdated()) flops[0] += cost(p, p.pre().activity);
            });
            for (Population q : model.network().populations())
                if (q.hasDendrite())
                    for (Projection p : q.incoming())
                        if (p.compartment() == Compartment.DENDRITE) flops[0] += 2.0 * p.rows() * p.cols();
            total += flops[0];
        }
        return samples == 0 ? 0 : total / samples;
    }

    private static double cost(Projection p, float[] pre) {
        if (!p.keepsColumns()) return 2.0 * p.rows() * p.cols();
        int nz = 0;
        for (int j = 0; j < p.cols(); j++) if (pre[j] != 0f) nz++;
        return 2.0 * p.rows() * nz;
    }

    /// GFLOP/s of a bare `rows x cols` [Kernels#gemvAdd] on random data, repeated for about `seconds`
    /// (after an untimed warm-up of the same length).
    static double gemvGflops(int rows, int cols, double seconds) {
        SplittableRandom r = new SplittableRandom(1);
        float[] w = new float[rows * cols], x = new float[cols], y = new float[rows];
        for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextDouble() - 0.5);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        gemvLoop(w, rows, cols, x, y, seconds);
        double[] res = gemvLoop(w, rows, cols, x, y, seconds);
        if (!Float.isFinite(y[0])) throw new IllegalStateException("GEMV produced " + y[0]);
        return 2.0 * rows * cols * res[0] / res[1] / 1e9;
    }

    /// Returns {calls, seconds}.
    private static double[] gemvLoop(float[] w, int rows, int cols, float[] x, float[] y, double seconds) {
        long start = System.nanoTime(), deadline = start + (long) (seconds * 1e9), calls = 0, now;
        do {
            for (int i = 0; i < 100; i++) {
                java.util.Arrays.fill(y, 0f);
                Kernels.gemvAdd(w, rows, cols, x, y);
            }
            calls += 100;
            now = System.nanoTime();
        } while (now < deadline);
        return new double[] {calls, (now - start) / 1e9};
    }
}
