package dev.apical.cli;

import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.data.DataSplit;
import dev.apical.io.Json;
import dev.apical.math.RngScheme;
import dev.apical.run.Provenance;
import dev.apical.train.TrainListener;
import dev.apical.train.TrainPlan;
import dev.apical.train.TrainResult;
import dev.apical.train.Trainer;
import dev.apical.train.ValidationSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/// `apical bench [CONFIG]`: measures training and evaluation throughput of one network on one dataset, the
/// allocation rate of the training hot path, the achieved GFLOP/s of the forward pass next to a bare GEMV,
/// and the wall time of EIANN's whole training protocol (estimated, or measured with `--protocol`).
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training and evaluation speed of a network (after an untimed warm-up).",
                "Training is online (batch size 1) on the calling thread; rates are given per wall-clock second and "
                        + "per second of that thread's CPU time. Without CONFIG, uses the bundled default."})
final class BenchCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "EIANN-format YAML network config.")
    Path config;

    @Mixin DataOptions data;

    @Option(names = "--samples", defaultValue = "2000", description = "Timed training samples (a fresh network "
            + "from step 0); also the training length of the protocol. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--warmup", defaultValue = "300", description = "Untimed training steps first, on a "
            + "separate copy of the network. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "3", description = "Keep warming up until this many seconds "
            + "have passed, so that the JIT compiler is done before timing (it shares the core when pinned to one). "
            + "Default: ${DEFAULT-VALUE}.")
    double warmupSeconds;

    @Option(names = "--forward-samples", defaultValue = "1000", description = "Timed per-sample forward passes "
            + "(over the validation set). Default: ${DEFAULT-VALUE}.")
    int forwardSamples;

    @Option(names = "--rng", defaultValue = "apical", description = "Random scheme for weights and sample order: apical "
            + "or eiann (EIANN's initial weights and sample order). Default: ${DEFAULT-VALUE}.")
    String rng;

    @Option(names = "--network-seed", defaultValue = "66049", description = "Weight seed. Default: ${DEFAULT-VALUE}.")
    long networkSeed;

    @Option(names = "--data-seed", defaultValue = "0", description = "Sample-order seed. Default: ${DEFAULT-VALUE}.")
    long dataSeed;

    @Option(names = "--threads", description = "Threads for batched evaluation (default: all available cores).")
    Integer threads;

    @Option(names = "--val-interval", defaultValue = "-1000,-1,100", description = "Validation schedule of the protocol "
            + "(EIANN's val_interval). Default: ${DEFAULT-VALUE}.")
    String valInterval;

    @Option(names = "--protocol", description = "Run the whole protocol (training with validation, then the test set) "
            + "on a fresh network and report its measured time instead of the estimate.")
    boolean protocol;

    @Option(names = "--out", description = "Also write the results as JSON to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || warmup < 0 || forwardSamples < 1)
            throw new IllegalArgumentException("--samples and --forward-samples must be >= 1 and --warmup >= 0");
        PrintWriter w = spec.commandLine().getOut();
        ConfigSource cfg = ConfigSource.of(config);
        RngScheme scheme = switch (rng.toLowerCase(Locale.ROOT)) {
            case "apical" -> RngScheme.APICAL;
            case "eiann", "torch" -> RngScheme.EIANN;
            default -> throw new IllegalArgumentException("--rng must be apical or eiann; found '" + rng + "'");
        };
        int evalThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (evalThreads < 1) throw new IllegalArgumentException("--threads must be >= 1");
        ValidationSchedule schedule = ValidationSchedule.parse(valInterval);
        DataSplit split = data.load();
        Model model = ModelBuilder.build(cfg.spec(), networkSeed, scheme);
        long flops = BenchMeasure.forwardFlops(model);
        w.printf(Locale.ROOT, "config    %s%ndataset   %s (train %d, validation %d, test %d)%n", cfg.display(), data.dataset,
                split.train().size(), split.validation().size(), split.test().size());
        w.printf(Locale.ROOT, "network   %s, %d forward steps, %,d FLOP per forward pass%n", shape(model),
                model.dynamics().forwardSteps(), flops);
        w.printf(Locale.ROOT, "run       %d timed training samples, %s random scheme, seeds network %d data %d, %d evaluation thread(s)%n",
                samples, scheme.name().toLowerCase(Locale.ROOT), networkSeed, dataSeed, evalThreads);
        w.flush();

        // Warm up on a separate, identically built network so that the timed run trains exactly the samples, in
        // exactly the order, of a fresh run (EIANN's, with --rng eiann).
        var warm = new BenchMeasure.Training(ModelBuilder.build(cfg.spec(), networkSeed, scheme), split.train(), scheme, dataSeed);
        long warmStart = System.nanoTime();
        int warmed = 0;
        do {
            int n = Math.max(1, Math.min(warmup - warmed, 100));
            warm.run(n);
            warmed += n;
        } while (warmed < warmup || System.nanoTime() - warmStart < warmupSeconds * 1e9);
        double warmedSeconds = (System.nanoTime() - warmStart) / 1e9;
        w.printf(Locale.ROOT, "warm-up   %d training samples in %.1f s on a separate copy of the network%n%n", warmed, warmedSeconds);
        w.flush();
        var training = new BenchMeasure.Training(model, split.train(), scheme, dataSeed);
        BenchMeasure.Timing train = training.run(samples);
        BenchMeasure.Timing eval = BenchMeasure.evaluate(model, split.validation(), evalThreads);
        BenchMeasure.Timing fwd = BenchMeasure.forward(model, split.validation(), forwardSamples);
        double executed = BenchMeasure.executedFlops(model, split.validation(), 200);
        model.setColumnCopies(false);
        BenchMeasure.Timing dense = BenchMeasure.forward(model, split.validation(), forwardSamples);
        model.setColumnCopies(true);
        double gemv = BenchMeasure.gemvGflops(500, 784, 0.5);
        double fwdGflops = flops * fwd.wallRate() / 1e9, denseGflops = flops * dense.wallRate() / 1e9;
        double executedGflops = executed * fwd.wallRate() / 1e9;

        int validations = schedule.checkpoints(samples).length;
        int valSize = split.validation().size(), testSize = split.test().size();
        double protoTrain, protoVal;
        int protoSteps;
        if (protocol) {
            Model fresh = ModelBuilder.build(cfg.spec(), networkSeed, scheme);
            TrainResult r = Trainer.fit(fresh, split, new TrainPlan(1, samples, schedule, 1000, evalThreads), dataSeed, scheme,
                    TrainListener.NONE);
            protoSteps = r.trainLoss().length;
            validations = r.validationSteps().length;
            protoTrain = r.trainSeconds();
            protoVal = r.totalSeconds() - r.trainSeconds();
        } else {
            protoSteps = samples;
            protoTrain = samples / train.wallRate();
            protoVal = (validations * (double) valSize + testSize) / eval.wallRate();
        }

        w.printf(Locale.ROOT, "%-34s %14s %14s %12s%n", "measurement", "samples/s wall", "samples/s CPU", "seconds");
        row(w, "training, online (1 thread)", train);
        row(w, "evaluation, " + (model.evaluatesPerSample(split.validation()) ? "per sample" : "batched") + " (" + evalThreads + " thr)", eval);
        row(w, "forward, per sample (1 thread)", fwd);
        row(w, "  same, dense products (baseline)", dense);
        w.printf(Locale.ROOT, "%nloss         %.6f mean training loss of the last %d timed samples%n", training.tailLoss(),
                Math.min(samples, 100));
        w.printf(Locale.ROOT, "allocation   %,.1f bytes per training sample after the first %d (%,d bytes over all %d, "
                        + "with the first steps' one-off JIT transitions)%n",
                train.steadyBytesPerSample(), train.samples() - train.steadySamples(), train.allocatedBytes(), train.samples());
        w.printf(Locale.ROOT, "GFLOP/s      forward pass per sample, bare 500x784 GEMV %.2f in this run:%n", gemv);
        w.printf(Locale.ROOT, "             %.2f dense-equivalent (%.0f %% of the GEMV), %.2f executed (%.0f %%; %.0f %% of the "
                        + "multiply-adds skip zero rates)%n",
                fwdGflops, 100 * fwdGflops / gemv, executedGflops, 100 * executedGflops / gemv, 100 * (1 - executed / flops));
        w.printf(Locale.ROOT, "             %.2f with dense products only (%.0f %%); column copies %.2fx faster%n",
                denseGflops, 100 * denseGflops / gemv, fwd.wallRate() / dense.wallRate());
        w.printf(Locale.ROOT, "protocol     %s: %d training samples + %d validations of %d + test %d%n",
                protocol ? "measured" : "estimated", protoSteps, validations, valSize, testSize);
        w.printf(Locale.ROOT, "             %.2f s = %.2f s training + %.2f s validation and test%n",
                protoTrain + protoVal, protoTrain, protoVal);
        w.flush();

        if (out != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("config", cfg.display());
            m.put("dataset", data.describe(split));
            m.put("network", shape(model));
            m.put("forward_steps", model.dynamics().forwardSteps());
            m.put("rng", scheme.name().toLowerCase(Locale.ROOT));
            m.put("network_seed", networkSeed);
            m.put("data_seed", dataSeed);
            m.put("warmup_samples", warmed);
            m.put("warmup_seconds", warmedSeconds);
            m.put("eval_threads", evalThreads);
            Map<String, Object> tr = timing(train);
            tr.put("mean_loss_last_100", training.tailLoss());
            m.put("training", tr);
            Map<String, Object> ev = timing(eval);
            ev.put("method", model.evaluatesPerSample(split.validation()) ? "per_sample" : "batched");
            m.put("evaluation", ev);
            Map<String, Object> f = timing(fwd);
            f.put("flops_per_sample", flops);
            f.put("gflops", fwdGflops);
            f.put("executed_flops_per_sample", executed);
            f.put("executed_gflops", executedGflops);
            m.put("forward_per_sample", f);
            Map<String, Object> fd = timing(dense);
            fd.put("gflops", denseGflops);
            m.put("forward_per_sample_dense", fd);
            m.put("gemv_500x784_gflops", gemv);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("measured", protocol);
            p.put("train_samples", protoSteps);
            p.put("val_interval", schedule.toString());
            p.put("validations", validations);
            p.put("validation_samples", valSize);
            p.put("test_samples", testSize);
            p.put("train_seconds", protoTrain);
            p.put("validation_seconds", protoVal);
            p.put("total_seconds", protoTrain + protoVal);
            m.put("protocol", p);
            m.put("provenance", Provenance.current().toMap());
            Json.writeAtomic(out, m);
            w.printf("json         %s%n", out);
        }
        return 0;
    }

    private static void row(PrintWriter w, String name, BenchMeasure.Timing t) {
        String cpu = Double.isNaN(t.cpuSeconds()) ? "-" : String.format(Locale.ROOT, "%,.0f", t.cpuRate());
        w.printf(Locale.ROOT, "%-34s %,14.0f %14s %12.3f%n", name, t.wallRate(), cpu, t.wallSeconds());
    }

    private static Map<String, Object> timing(BenchMeasure.Timing t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", t.samples());
        m.put("wall_seconds", t.wallSeconds());
        boolean cpu = !Double.isNaN(t.cpuSeconds());
        m.put("cpu_seconds", cpu ? t.cpuSeconds() : null);
        m.put("samples_per_second_wall", t.wallRate());
        m.put("samples_per_second_cpu", cpu ? t.cpuRate() : null);
        m.put("allocated_bytes", t.allocatedBytes());
        m.put("bytes_per_sample", t.bytesPerSample());
        if (t.steadySamples() > 0) m.put("bytes_per_sample_steady", t.steadyBytesPerSample());
        return m;
    }

    /// Population sizes in update order, e.g. `InputE 784, H1E 500, H1SomaI 50, ...`.
    private static String shape(Model model) {
        StringBuilder b = new StringBuilder();
        for (var p : model.network().populations()) b.append(b.isEmpty() ? "" : ", ").append(p.name()).append(' ').append(p.size());
        return b.toString();
    }
}
