package dev.apical.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apical.data.DataSplit;
import dev.apical.data.Dataset;
import dev.apical.io.Npy;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// EIANN's MNIST / Fashion-MNIST splits checked against the raw IDX bytes (when installed), user data, and the
/// registry's handling of installed datasets.
class ImageTasksTest {
    private static void assertSampleMatchesIdx(Dataset d, int index, Path images, Path labels, int fileIndex) throws IOException {
        byte[] raw = new byte[784];
        try (RandomAccessFile f = new RandomAccessFile(images.toFile(), "r")) {
            f.seek(16L + 784L * fileIndex);
            f.readFully(raw);
        }
        int label;
        try (RandomAccessFile f = new RandomAccessFile(labels.toFile(), "r")) {
            f.seek(8L + fileIndex);
            label = f.read();
        }
        float[] x = new float[784];
        d.input(index, x);
        for (int i = 0; i < 784; i++) assertThat(x[i]).as("%s[%d] pixel %d", d.name(), index, i).isEqualTo((raw[i] & 0xff) / 255f);
        float[] t = new float[10];
        d.target(index, t);
        for (int k = 0; k < 10; k++) assertThat(t[k]).isEqualTo(k == label ? 1f : 0f);
    }

    private static void checkInstalled(Catalog.Entry entry) throws IOException {
        DataCache.Status s = DataCache.fromEnvironment().status(entry, false);
        assumeTrue(s.ok(), entry.name() + " is not installed; install it with: ./apical data fetch " + entry.name());
        Path dir = s.dir();
        DataSplit split = Datasets.split(entry.name(), Map.of());
        assertThat(split.train().size()).isEqualTo(50_000);
        assertThat(split.validation().size()).isEqualTo(10_000);
        assertThat(split.test().size()).isEqualTo(10_000);
        assertThat(split.train().inputSize()).isEqualTo(784);
        assertThat(split.train().targetSize()).isEqualTo(10);
        Path trainImages = dir.resolve("train-images-idx3-ubyte"), trainLabels = dir.resolve("train-labels-idx1-ubyte");
        Path testImages = dir.resolve("t10k-images-idx3-ubyte"), testLabels = dir.resolve("t10k-labels-idx1-ubyte");
        assertSampleMatchesIdx(split.train(), 0, trainImages, trainLabels, 0);
        assertSampleMatchesIdx(split.train(), 49_999, trainImages, trainLabels, 49_999);
        assertSampleMatchesIdx(split.validation(), 0, trainImages, trainLabels, 50_000);
        assertSampleMatchesIdx(split.validation(), 9_999, trainImages, trainLabels, 59_999);
        assertSampleMatchesIdx(split.test(), 0, testImages, testLabels, 0);
        assertSampleMatchesIdx(split.test(), 9_999, testImages, testLabels, 9_999);
    }

    @Test
    void mnistSplitsMatchTheIdxBytes() throws IOException {
        checkInstalled(Catalog.MNIST);
        assertThat(Datasets.split("mnist", Map.of()).train().label(0)).isEqualTo(5);
    }

    @Test
    void fashionMnistSplitsMatchTheIdxBytes() throws IOException {
        checkInstalled(Catalog.FASHION_MNIST);
    }

    @Test
    void missingDatasetNamesTheFetchCommand(@TempDir Path tmp) {
        String before = System.getProperty("apical.data");
        System.setProperty("apical.data", tmp.toString());
        try {
            assertThatThrownBy(() -> Datasets.split("mnist", Map.of())).isInstanceOf(MissingDatasetException.class)
                    .hasMessage("dataset 'mnist' is not installed in " + tmp + ". Install it with: ./apical data fetch mnist");
            assertThatThrownBy(() -> Datasets.split("fmnist", Map.of()))
                    .hasMessageEndingWith("Install it with: ./apical data fetch fashion-mnist");
            assertThatThrownBy(() -> Datasets.split("cifar10", Map.of("split", "x")))
                    .hasMessageStartingWith("dataset 'cifar10' has no option 'split'.");
        } finally {
            if (before == null) System.clearProperty("apical.data");
            else System.setProperty("apical.data", before);
        }
        assertThat(Datasets.names()).contains("spiral", "mnist", "fashion-mnist", "cifar10");
    }

    @Test
    void userCsvData(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("train.csv"), "x1,x2,label\n0.5,1,0\n2,-1,2\n");
        Files.writeString(tmp.resolve("validation.csv"), "1,1,1\n");
        Files.writeString(tmp.resolve("test.csv"), "3,4,0\n");
        DataSplit s = Datasets.split("csv:" + tmp, Map.of());
        assertThat(s.train().size()).isEqualTo(2);
        assertThat(s.train().inputSize()).isEqualTo(2);
        assertThat(s.train().targetSize()).isEqualTo(3);
        float[] x = new float[2];
        s.train().input(1, x);
        assertThat(x).containsExactly(2f, -1f);
        assertThat(s.train().label(1)).isEqualTo(2);
        Files.writeString(tmp.resolve("test.csv"), "3,4,0\n3,1\n");
        assertThatThrownBy(() -> Datasets.split("csv:" + tmp, Map.of())).rootCause()
                .hasMessage(tmp.resolve("test.csv") + ": line 2 has 2 cells, earlier lines 3");
    }

    @Test
    void userNpyData(@TempDir Path tmp) throws IOException {
        for (String s : new String[] {"train", "validation", "test"}) {
            Npy.write(tmp.resolve(s + "_x.npy"), new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
            Npy.write(tmp.resolve(s + "_y.npy"), new int[] {2}, new float[] {1, 0});
        }
        DataSplit s = Datasets.split("npy:" + tmp, Map.of());
        assertThat(s.test().size()).isEqualTo(2);
        assertThat(s.test().inputSize()).isEqualTo(3);
        assertThat(s.test().label(0)).isEqualTo(1);
        Npy.write(tmp.resolve("test_y.npy"), new int[] {3}, new float[] {1, 0, 1});
        assertThatThrownBy(() -> Datasets.split("npy:" + tmp, Map.of())).rootCause()
                .hasMessage(tmp.resolve("test_y.npy") + ": label count 3 does not match the sample count 2 of test_x.npy");
    }
}
