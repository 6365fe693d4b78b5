package dev.apical.bench;

import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.config.ConfigLoader;
import dev.apical.data.Dataset;
import dev.apical.datasets.Datasets;
import dev.apical.math.RngScheme;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/// One online training step ([Model#trainStep]: forward dynamics, loss, backward passes, rule updates,
/// constraints) of two MNIST networks (784-500-500-10 with E/I populations), in training samples per second.
///
/// * `config`: `5J` (dendritic target propagation, BP_like_config_5J) or `G` (backprop with Dale's law,
///   bpDale_relu_SGD_config_G).
/// * `configDir`: directory of EIANN's MNIST configs; empty means the system property `apical.configs`, else
///   `../shared/eiann-configs/mnist` (relative to the working directory, i.e. the repository root).
/// * `inputs`: `random` (1,000 inputs uniform in [0, 1) with random one-hot targets) or `mnist` (the first
///   1,000 MNIST training images; needs `apical data fetch mnist`).
///
/// Weights start from EIANN's initialisation with seed 66049 and keep learning across iterations.
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainStepBenchmark {
    static final Map<String, String> CONFIGS = Map.of(
            "5J", "20241009_EIANN_2_hidden_mnist_BP_like_config_5J_complete_optimized.yaml",
            "G", "20231129_EIANN_2_hidden_mnist_bpDale_relu_SGD_config_G_complete_optimized.yaml");
    static final int SAMPLES = 1000;

    @Param({"5J", "G"}) public String config;
    @Param({""}) public String configDir;
    @Param({"random"}) public String inputs;

    Model model;
    float[][] xs, ts;
    int next;
    long step;

    @Setup
    public void setup() throws IOException {
        String dir = configDir.isEmpty() ? System.getProperty("apical.configs", "../shared/eiann-configs/mnist") : configDir;
        String name = CONFIGS.get(config);
        if (name == null) throw new IllegalArgumentException("config must be one of " + CONFIGS.keySet() + ", found " + config);
        Path file = Path.of(dir).resolve(name);
        if (!Files.isRegularFile(file))
            throw new IOException(file.toAbsolutePath() + " not found; set -p configDir=DIR or -Dapical.configs=DIR to EIANN's MNIST configs");
        model = ModelBuilder.build(ConfigLoader.load(file), 66049, RngScheme.EIANN);
        model.startTraining();
        xs = new float[SAMPLES][784];
        ts = new float[SAMPLES][10];
        switch (inputs) {
            case "random" -> {
                SplittableRandom r = new SplittableRandom(1);
                for (int i = 0; i < SAMPLES; i++) {
                    for (int j = 0; j < 784; j++) xs[i][j] = (float) r.nextDouble();
                    ts[i][r.nextInt(10)] = 1f;
                }
            }
            case "mnist" -> {
                Dataset train = Datasets.split("mnist", Map.of()).train();
                for (int i = 0; i < SAMPLES; i++) {
                    train.input(i, xs[i]);
                    train.target(i, ts[i]);
                }
            }
            default -> throw new IllegalArgumentException("inputs must be random or mnist, found " + inputs);
        }
    }

    @Benchmark
    public double trainStep() {
        int i = next;
        next = i + 1 == SAMPLES ? 0 : i + 1;
        return model.trainStep(xs[i], ts[i], step++);
    }
}
