package dev.apical.datasets;

import dev.apical.data.DataSplit;

import java.io.IOException;
import java.nio.file.Path;

/// EIANN's splits of the image datasets (eiann-spec 9.2-9.3), read from a directory of installed files.
///
/// * MNIST and Fashion-MNIST: train = official training images 0-49,999, validation = 50,000-59,999,
///   test = the official 10,000; 784 inputs (28x28 row-major), 10 classes.
/// * CIFAR-10: train = the first 40,000 training images, validation = the last 10,000, test = the official
///   10,000; 3,072 inputs (3x32x32 channel-major), 10 classes.
public final class ImageTasks {
    /// Training images of MNIST and Fashion-MNIST kept for training; the rest are validation.
    public static final int MNIST_TRAIN = 50_000;
    /// Training images of CIFAR-10 kept for training; the rest are validation.
    public static final int CIFAR_TRAIN = 40_000;
    private static final int CLASSES = 10;

    private ImageTasks() {}

    /// The MNIST-layout split of the IDX files in `dir`; sets are named `NAME/train` etc.
    public static DataSplit idx(String name, Path dir) throws IOException {
        byte[][] trainLabels = new byte[1][], testLabels = new byte[1][];
        Idx.Images train = Idx.readPair(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), trainLabels);
        Idx.Images test = Idx.readPair(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), testLabels);
        checkLabels(dir.resolve("train-labels-idx1-ubyte"), trainLabels[0]);
        checkLabels(dir.resolve("t10k-labels-idx1-ubyte"), testLabels[0]);
        if (train.count() <= MNIST_TRAIN)
            throw new DataFileException(dir.resolve("train-images-idx3-ubyte"), train.count()
                    + " training images, need more than " + MNIST_TRAIN + " for the train/validation split");
        int size = train.size();
        return new DataSplit(
                ImageSets.slice(name + "/train", train.pixels(), trainLabels[0], size, CLASSES, 0, MNIST_TRAIN),
                ImageSets.slice(name + "/validation", train.pixels(), trainLabels[0], size, CLASSES, MNIST_TRAIN, train.count()),
                ImageSets.slice(name + "/test", test.pixels(), testLabels[0], test.size(), CLASSES, 0, test.count()));
    }

    /// The CIFAR-10 split of the binary batches in `dir`.
    public static DataSplit cifar10(String name, Path dir) throws IOException {
        Path[] batches = new Path[5];
        for (int i = 0; i < 5; i++) batches[i] = dir.resolve("data_batch_" + (i + 1) + ".bin");
        Cifar10.Batch train = Cifar10.read(batches);
        Cifar10.Batch test = Cifar10.read(dir.resolve("test_batch.bin"));
        if (train.count() <= CIFAR_TRAIN)
            throw new DataFileException(dir, train.count() + " training images, need more than " + CIFAR_TRAIN
                    + " for the train/validation split");
        int size = Cifar10.IMAGE_BYTES;
        return new DataSplit(
                ImageSets.slice(name + "/train", train.pixels(), train.labels(), size, CLASSES, 0, CIFAR_TRAIN),
                ImageSets.slice(name + "/validation", train.pixels(), train.labels(), size, CLASSES, CIFAR_TRAIN, train.count()),
                ImageSets.slice(name + "/test", test.pixels(), test.labels(), size, CLASSES, 0, test.count()));
    }

    private static void checkLabels(Path file, byte[] labels) throws DataFileException {
        for (int i = 0; i < labels.length; i++)
            if ((labels[i] & 0xff) >= CLASSES)
                throw new DataFileException(file, "label " + (labels[i] & 0xff) + " of sample " + i + " is outside 0-9");
    }
}
