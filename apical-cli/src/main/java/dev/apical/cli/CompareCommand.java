package dev.apical.cli;

import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.data.DataSplit;
import dev.apical.io.Json;
import dev.apical.io.Sha256;
import dev.apical.network.DivergenceException;
import dev.apical.run.Provenance;
import dev.apical.run.RunDirectory;
import dev.apical.study.BarChart;
import dev.apical.study.FinishedRuns;
import dev.apical.study.SeedRun;
import dev.apical.study.StudyReport;
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

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/// `apical compare CONFIG... --seeds N`: trains every config over N seeds in parallel and compares them.
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train every CONFIG over N seeds in parallel and compare their test accuracies with the first CONFIG.",
                "Run i of every config uses network seed NETWORK_SEED + i and data (sample-order) seed DATA_SEED + i; all "
                        + "runs share one data split. Writes DIR/runs/<config>/seed<i>/ (run directories), DIR/summary.csv, "
                        + "DIR/runs.csv, DIR/pvalues.csv, DIR/summary.json, DIR/compare.svg and DIR/compare.png. A later call "
                        + "reuses the run directories whose manifest matches the config, seeds, data and plan.",
                "p-values: two-sided Student's t-test (pooled variance), Welch's t-test and Mann-Whitney U (normal "
                        + "approximation with tie and continuity corrections). A run collapsed to chance when its test "
                        + "accuracy is at most 100/K + 5 %% for K classes.",
                "Example: apical compare examples/poster-spiral-backprop.yaml examples/poster-spiral-dtc.yaml "
                        + "examples/poster-spiral-eic.yaml --seeds 20 --split poster"})
final class CompareCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "EIANN-format YAML configs; the first is the reference.")
    List<Path> configs;

    @Mixin DataOptions data;

    @Option(names = "--seeds", defaultValue = "10", description = "Runs per config. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--jobs", description = "Runs trained at once (default: the number of available cores).")
    Integer jobs;

    @Option(names = "--out", defaultValue = "runs/compare", description = "Study directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--network-seed", defaultValue = "1", description = "Network seed of run 0. Default: ${DEFAULT-VALUE}.")
    long networkSeed;

    @Option(names = "--data-seed", defaultValue = "1001", description = "Data-order seed of run 0. Default: ${DEFAULT-VALUE}.")
    long dataSeed;

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--samples", defaultValue = "0", description = "Samples per epoch (0 = the whole training set). Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--overwrite", description = "Retrain runs whose directory holds a different run (else that is an error).")
    boolean overwrite;

    @Option(names = "--title", description = "Chart title (default: the config names).")
    String title;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    boolean noProgress;

    private record Job(ConfigSource config, String name, int index, long networkSeed, long dataSeed, Path dir) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (seeds < 1) throw new IllegalArgumentException("--seeds must be >= 1, found " + seeds);
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (threads < 1) throw new IllegalArgumentException("--jobs must be >= 1, found " + threads);
        long start = System.nanoTime();
        List<ConfigSource> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path p : configs) {
            ConfigSource c = ConfigSource.of(p);
            String name = c.name();
            for (int k = 2; names.contains(name); k++) name = c.name() + "-" + k;
            sources.add(c);
            names.add(name);
        }
        DataSplit split = data.defaultsFrom(sources.getFirst().spec()).load();
        TrainPlan plan = new TrainPlan(epochs, samples, new ValidationSchedule(-1, -1, 1), 1);
        Map<String, Object> planInfo = planInfo(plan);
        Map<String, Object> dataset = data.describe(split);
        List<SeedRun> done = new ArrayList<>();
        List<Job> todo = new ArrayList<>();
        for (int c = 0; c < sources.size(); c++) {
            for (int i = 0; i < seeds; i++) {
                Job j = new Job(sources.get(c), names.get(c), i, networkSeed + i, dataSeed + i,
                        out.resolve("runs").resolve(names.get(c)).resolve("seed" + i));
                var expected = new FinishedRuns.Expected(Sha256.hex(j.config().bytes()), j.networkSeed(), j.dataSeed(),
                        data.options(), planInfo);
                switch (FinishedRuns.check(j.dir(), expected)) {
                    case MATCHES -> done.add(FinishedRuns.read(out, j.dir(), j.name(), i, j.networkSeed(), j.dataSeed()));
                    case ABSENT -> todo.add(j);
                    case DIFFERS -> {
                        if (!overwrite) throw new IllegalArgumentException(j.dir() + " holds a run with another config, seeds, "
                                + "data or plan; choose another --out or pass --overwrite to retrain it");
                        todo.add(j);
                    }
                }
            }
        }
        o.printf(Locale.ROOT, "compare  %d configs x %d seeds: %d runs to train, %d reused, %d at a time%n", sources.size(), seeds,
                todo.size(), done.size(), Math.min(threads, Math.max(1, todo.size())));
        o.printf(Locale.ROOT, "dataset  %s (train %d, validation %d, test %d)%n", data.dataset, split.train().size(),
                split.validation().size(), split.test().size());
        o.flush();
        done.addAll(train(todo, split, plan, planInfo, dataset, threads));
        done.sort(java.util.Comparator.comparing((SeedRun r) -> names.indexOf(r.config())).thenComparingInt(SeedRun::index));
        StudyReport report = StudyReport.of(names, done, split.train().targetSize());
        Files.createDirectories(out);
        report.write(out, settings(threads));
        String chartTitle = title != null ? title : String.join(" vs ", names);
        BarChart.writeSvg(report, chartTitle, out.resolve("compare.svg"));
        String png = out.resolve("compare.png").toString();
        try {
            BarChart.writePng(report, chartTitle, out.resolve("compare.png"));
        } catch (IOException e) {
            png = "not written: " + e.getMessage();
        }
        o.println();
        o.print(report.format());
        o.printf(Locale.ROOT, "%nmetric   test accuracy (%%) of the final network; collapsed = at most %.1f %%%n",
                StudyReport.collapseThreshold(split.train().targetSize()));
        o.printf("tables   %s, %s, %s, %s%n", out.resolve("summary.csv"), out.resolve("runs.csv"), out.resolve("pvalues.csv"),
                out.resolve("summary.json"));
        o.printf("figure   %s, %s%n", out.resolve("compare.svg"), png);
        o.printf(Locale.ROOT, "time     %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private List<SeedRun> train(List<Job> todo, DataSplit split, TrainPlan plan, Map<String, Object> planInfo,
                                Map<String, Object> dataset, int threads) throws Exception {
        if (todo.isEmpty()) return List.of();
        Provenance provenance = Provenance.current();
        ProgressBar bar = noProgress ? null : new ProgressBar(spec.commandLine().getErr(), "compare", todo.size());
        int[] finished = {0};
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, todo.size()));
        try {
            List<Future<SeedRun>> futures = new ArrayList<>();
            for (Job j : todo) {
                futures.add(pool.submit(() -> {
                    SeedRun r = trainOne(j, split, plan, planInfo, dataset, provenance);
                    synchronized (finished) {
                        finished[0]++;
                        if (bar != null) {
                            String status = String.format(Locale.ROOT, "%s seed%d %.1f%%", j.name(), j.index(), r.testAccuracy());
                            if (finished[0] == todo.size()) bar.finish(status);
                            else bar.update(finished[0], status);
                        }
                    }
                    return r;
                }));
            }
            List<SeedRun> runs = new ArrayList<>();
            for (Future<SeedRun> f : futures) {
                try {
                    runs.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception ex) throw ex;
                    throw e;
                }
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private SeedRun trainOne(Job j, DataSplit split, TrainPlan plan, Map<String, Object> planInfo, Map<String, Object> dataset,
                             Provenance provenance) throws IOException {
        String rel = out.relativize(j.dir()).toString();
        Model model = ModelBuilder.build(j.config().spec(), j.networkSeed());
        long t0 = System.nanoTime();
        TrainResult r;
        try {
            r = Trainer.fit(model, split, plan, j.dataSeed(), TrainListener.NONE);
        } catch (DivergenceException e) {
            return new SeedRun(j.name(), j.index(), j.networkSeed(), j.dataSeed(), Double.NaN, Double.NaN,
                    (System.nanoTime() - t0) / 1e9, false, true, rel);
        }
        RunDirectory.write(j.dir(), model, r, new RunDirectory.RunInfo(j.config().file(), j.config().bytes(), j.networkSeed(),
                j.dataSeed(), dataset, planInfo, provenance), true);
        return new SeedRun(j.name(), j.index(), j.networkSeed(), j.dataSeed(), r.test().accuracy(), r.accuracy(),
                (System.nanoTime() - t0) / 1e9, false, false, rel);
    }

    private Map<String, Object> planInfo(TrainPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rng", "apical");
        m.put("epochs", plan.epochs());
        m.put("samples_per_epoch", plan.samplesPerEpoch());
        m.put("val_interval", plan.validation().toString());
        m.put("accuracy_window", plan.accuracyWindow());
        m.put("batch_size", 1);
        return m;
    }

    private Map<String, Object> settings(int threads) {
        Map<String, Object> m = Json.object();
        m.put("configs", configs.stream().map(Path::toString).toList());
        m.put("seeds", seeds);
        m.put("network_seeds", "network_seed + i = " + networkSeed + " + i");
        m.put("data_seeds", "data_seed + i = " + dataSeed + " + i");
        m.put("dataset", data.dataset);
        m.put("dataset_options", data.options());
        m.put("epochs", epochs);
        m.put("samples_per_epoch", samples);
        m.put("jobs", threads);
        return m;
    }
}
