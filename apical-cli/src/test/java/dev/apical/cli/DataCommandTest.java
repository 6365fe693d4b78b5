package dev.apical.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apical.datasets.Catalog;
import dev.apical.datasets.DataCache;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `apical data list|fetch` and training on installed datasets from the command line.
class DataCommandTest {
    private static <T> T withCache(Path dir, Supplier<T> body) {
        String before = System.getProperty("apical.data");
        System.setProperty("apical.data", dir.toString());
        try {
            return body.get();
        } finally {
            if (before == null) System.clearProperty("apical.data");
            else System.setProperty("apical.data", before);
        }
    }

    @Test
    void listShowsEveryDatasetAndWhereItIsLookedFor(@TempDir Path tmp) {
        CliTest.Result r = withCache(tmp, () -> CliTest.run("data", "list"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("cache " + tmp + "\n")
                .contains("mnist          missing   " + tmp.resolve("mnist"))
                .contains("missing (./apical data fetch fashion-mnist)")
                .contains("cifar10        missing   " + tmp.resolve("cifar10"));
    }

    @Test
    void fetchFromAnEmptyDirectoryFailsClearly(@TempDir Path tmp) {
        CliTest.Result r = withCache(tmp.resolve("cache"), () -> CliTest.run("data", "fetch", "fmnist", "--from", tmp.toString()));
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.out()).contains("fetching fashion-mnist into " + tmp.resolve("cache/fashion-mnist"))
                .contains("source dir: failed: " + tmp + " has no train-images-idx3-ubyte (or train-images-idx3-ubyte.gz)");
        assertThat(r.err()).startsWith("error: could not fetch 'fashion-mnist'; tried 1 source(s):");
        CliTest.Result unknown = CliTest.run("data", "fetch", "imagenet");
        assertThat(unknown.err()).contains("error: unknown dataset 'imagenet'; available: mnist, fashion-mnist, cifar10");
    }

    @Test
    void trainingOnAMissingDatasetStopsWithTheFetchCommand(@TempDir Path tmp) {
        CliTest.Result r = withCache(tmp, () -> CliTest.run("train", "--dataset", "mnist", "--samples", "10",
                "--out", tmp.resolve("run").toString(), "--no-progress"));
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: dataset 'mnist' is not installed in " + tmp
                + ". Install it with: ./apical data fetch mnist\n");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void tinyMnistRunTrainsEndToEnd(@TempDir Path tmp) {
        assumeTrue(DataCache.fromEnvironment().status(Catalog.MNIST, false).ok(),
                "MNIST is not installed; install it with: ./apical data fetch mnist");
        Path cfg = Path.of(System.getProperty("apical.shared", "../shared"), "eiann-configs/mnist/20231129_EIANN_2_hidden_mnist_van_bp_relu_SGD_config_G_complete_optimized.yaml");
        assumeTrue(cfg.toFile().isFile(), "EIANN configs not found at " + cfg.toAbsolutePath());
        CliTest.Result r = CliTest.run("train", cfg.toString(), "--dataset", "mnist", "--samples", "300",
                "--val-interval", "-1,-1,1", "--accuracy-window", "300", "--out", tmp.resolve("run").toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dataset  mnist (train 50000, validation 10000, test 10000)").contains("test ");
        assertThat(tmp.resolve("run/manifest.json")).exists();
    }
}
