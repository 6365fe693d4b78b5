package dev.apical.cli;

import dev.apical.build.Evaluation;
import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.data.DataSplit;
import dev.apical.math.RngScheme;
import dev.apical.record.DendriticLossCurve;
import dev.apical.record.EquilibrationCheck;
import dev.apical.record.Signal;
import dev.apical.record.SignalRecorder;
import dev.apical.run.Provenance;
import dev.apical.run.RunDirectory;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/// `apical train [CONFIG]`: trains a network online and saves the run.
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network online (batch size 1) and save the run directory.",
                "Without CONFIG, trains the bundled default (an E/I network with Dale's law on the spiral task).",
                "Reported accuracy follows EIANN: the mean validation accuracy of the checkpoints in the last "
                        + "--accuracy-window steps; the test accuracy of the final network is shown alongside."})
final class TrainCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "EIANN-format YAML network config.")
    Path config;

    @Mixin DataOptions data;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for both the network (weight init) and the data "
            + "order, unless --network-seed / --data-seed are given. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--network-seed", description = "Seed of the weight initialisation.")
    Long networkSeed;

    @Option(names = "--data-seed", description = "Seed of the training-sample order.")
    Long dataSeed;

    @Option(names = "--rng", defaultValue = "apical", description = "Random scheme for weight init and sample order: "
            + "apical (independent named streams) or eiann (PyTorch's generator as EIANN uses it: a network seed gives "
            + "EIANN's initial weights bit for bit, a data seed its sample order). Default: ${DEFAULT-VALUE}.")
    String rng;

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--samples", defaultValue = "0", description = "Samples per epoch (0 = the whole training set). Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--val-interval", defaultValue = "-1000,-1,100", description = "Validation checkpoints START,STOP,STEP "
            + "over the training steps (EIANN's val_interval). Default: ${DEFAULT-VALUE}.")
    String valInterval;

    @Option(names = "--accuracy-window", defaultValue = "1000", description = "Steps at the end whose validation "
            + "checkpoints are averaged into the reported accuracy. Default: ${DEFAULT-VALUE}.")
    int accuracyWindow;

    @Option(names = "--threads", description = "Threads for evaluating the validation and test sets "
            + "(default: all available cores). Training itself is online and runs on one thread.")
    Integer threads;

    @Option(names = "--record", split = ",", paramLabel = "SIGNAL", description = "Signals to record per population "
            + "into signals/ of the run: forward, forward_prev, forward_dend, backward, backward_prev, plateau, backward_dend.")
    java.util.List<String> record = new java.util.ArrayList<>();

    @Option(names = "--record-every", defaultValue = "100", description = "Record every N steps (and the last). Default: ${DEFAULT-VALUE}.")
    int recordEvery;

    @Option(names = "--out", description = "Run directory (default: runs/<config>-<dataset>-seed<N>-<time>).")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing run directory.")
    boolean overwrite;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        ConfigSource cfg = ConfigSource.of(config);
        long ns = networkSeed != null ? networkSeed : seed;
        long ds = dataSeed != null ? dataSeed : seed;
        DataSplit split = data.defaultsFrom(cfg.spec()).load();
        TrainPlan plan = new TrainPlan(epochs, samples, ValidationSchedule.parse(valInterval), accuracyWindow,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
        RngScheme scheme = switch (rng.toLowerCase(Locale.ROOT)) {
            case "apical" -> RngScheme.APICAL;
            case "eiann", "torch" -> RngScheme.EIANN;
            default -> throw new IllegalArgumentException("--rng must be apical or eiann; found '" + rng + "'");
        };
        Model model = ModelBuilder.build(cfg.spec(), ns, scheme);
        Provenance provenance = Provenance.current();
        int total = plan.totalSteps(split.train().size());
        outw.printf(Locale.ROOT, "config   %s%ndataset  %s (train %d, validation %d, test %d)%nseeds    network %d, data %d (%s random scheme)%n",
                cfg.display(), data.dataset, split.train().size(), split.validation().size(), split.test().size(), ns, ds,
                scheme.name().toLowerCase(Locale.ROOT));
        outw.flush();
        java.util.Set<Signal> signals = new java.util.LinkedHashSet<>();
        for (String r : record) {
            Signal sig = Signal.parse(r.trim());
            if (sig == null) throw new IllegalArgumentException("--record: unknown signal '" + r + "'. Expected some of: "
                    + String.join(", ", java.util.Arrays.stream(Signal.values()).map(Signal::key).toList()) + ".");
            signals.add(sig);
        }
        SignalRecorder recorder = signals.isEmpty() ? null : new SignalRecorder(signals, recordEvery);
        DendriticLossCurve dendCurve = new DendriticLossCurve();
        TrainListener listeners = recorder == null ? TrainListener.all(listener(total), dendCurve)
                : TrainListener.all(listener(total), dendCurve, recorder);
        TrainResult result = Trainer.fit(model, split, plan, ds, scheme, listeners);
        boolean dendritic = model.network().populations().stream().anyMatch(p -> p.hasDendrite());
        double residual = EquilibrationCheck.residual(model, split.test(), EquilibrationCheck.EIANN_TOLERANCE);
        double dendLoss = dendritic ? dendCurve.meanOfLast(plan.accuracyWindow()) : Double.NaN;
        Path dir = out != null ? out : Path.of("runs", cfg.name() + "-" + data.dataset + "-seed" + ns + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunDirectory.write(dir, model, result, new RunDirectory.RunInfo(cfg.file(), cfg.bytes(), ns, ds,
                data.describe(split), planInfo(plan, total, scheme), provenance), overwrite,
                java.util.List.of(new RunDirectory.Attachment() {
                    @Override
                    public void addResults(Map<String, Object> results) {
                        results.put("dynamics_residual", residual);
                        results.put("dynamics_residual_definition", "EIANN check_equilibration_dynamics on the test set, tolerance 0.2");
                        if (dendritic) {
                            results.put("mean_forward_dend_loss", dendLoss);
                            results.put("mean_forward_dend_loss_definition", "mean |forward dendritic state| over the accuracy window");
                        }
                    }

                    @Override
                    public void writeFiles(Path dir) throws java.io.IOException {
                        if (dendritic) {
                            dev.apical.io.Npy.write(dir.resolve("metrics/forward_dend_abs.npy"), new int[] {dendCurve.values().length}, dendCurve.values());
                            double[] bins = dendCurve.binned(100);
                            java.util.List<java.util.List<?>> rows = new java.util.ArrayList<>();
                            for (int b = 0; b < bins.length; b++) rows.add(java.util.List.of(b * 100, bins[b]));
                            dev.apical.io.Csv.write(dir.resolve("metrics/forward_dend_abs_binned.csv"), java.util.List.of("first_step", "mean_abs_forward_dend"), rows);
                        }
                        if (recorder != null) recorder.write(dir);
                    }
                }));
        Evaluation test = result.test();
        outw.printf(Locale.ROOT, "%naccuracy %.2f %% (mean validation accuracy of %d checkpoints in the last %d steps)%n",
                result.accuracy(), countInWindow(result, plan, total), plan.accuracyWindow());
        outw.printf(Locale.ROOT, "test     %.2f %% accuracy, loss %.4f (%d samples)%n", test.accuracy(), test.loss(), test.samples());
        outw.printf(Locale.ROOT, "loss     %.4f final validation, %.4f mean training loss of the last 100 steps%n",
                result.validation().length > 0 ? result.validation()[result.validation().length - 1].loss() : Double.NaN,
                tailMean(result.trainLoss(), 100));
        outw.printf(Locale.ROOT, "time     %.2f s total, %.2f s training, %,.0f samples/s%n", result.totalSeconds(),
                result.trainSeconds(), result.samplesPerSecond());
        if (dendritic) outw.printf(Locale.ROOT, "dendrite mean |forward dendritic state| %.4f over the last %d steps%n", dendLoss, plan.accuracyWindow());
        outw.printf(Locale.ROOT, "dynamics equilibration residual %.3g (0 = settled; EIANN tolerance 0.2)%n", residual);
        outw.printf("run      %s%n", dir);
        err.flush();
        return 0;
    }

    private TrainListener listener(int total) {
        if (noProgress) return TrainListener.NONE;
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "train", total);
        return new TrainListener() {
            double ema = Double.NaN;
            String val = "";

            @Override
            public void onStep(int step, double loss) {
                ema = Double.isNaN(ema) ? loss : 0.99 * ema + 0.01 * loss;
                bar.update(step + 1, String.format(Locale.ROOT, "loss %.4f%s", ema, val));
                if (step + 1 == total) bar.finish(String.format(Locale.ROOT, "loss %.4f%s", ema, val));
            }

            @Override
            public void onValidation(int step, Evaluation v) {
                val = String.format(Locale.ROOT, " val %.1f%%", v.accuracy());
            }
        };
    }

    private static long countInWindow(TrainResult r, TrainPlan plan, int total) {
        return java.util.Arrays.stream(r.validationSteps()).filter(s -> s >= total - plan.accuracyWindow()).count();
    }

    private static double tailMean(float[] x, int n) {
        double s = 0;
        int m = Math.min(n, x.length);
        for (int i = x.length - m; i < x.length; i++) s += x[i];
        return m > 0 ? s / m : Double.NaN;
    }

    private static Map<String, Object> planInfo(TrainPlan plan, int total, RngScheme scheme) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rng", scheme.name().toLowerCase(Locale.ROOT));
        m.put("epochs", plan.epochs());
        m.put("samples_per_epoch", plan.samplesPerEpoch());
        m.put("train_steps", total);
        m.put("val_interval", plan.validation().toString());
        m.put("validation_steps", plan.validation().checkpoints(total));
        m.put("accuracy_window", plan.accuracyWindow());
        m.put("batch_size", 1);
        return m;
    }
}
