package dev.apical.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apical.data.ArrayDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// IDX and CIFAR-10 readers on small files the tests write, including every kind of corruption.
class DataFilesTest {
    static byte[] idxImages(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols).putInt(0x803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) b.put((byte) (i * 7 + 3));
        return b.array();
    }

    static byte[] idxLabels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(0x801).putInt(labels.length);
        for (int l : labels) b.put((byte) l);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsPlainAndGzippedIdxRowMajor(@TempDir Path tmp) throws IOException {
        byte[] raw = idxImages(3, 2, 4);
        Path plain = Files.write(tmp.resolve("images"), raw), gz = Files.write(tmp.resolve("images.gz"), gzip(raw));
        for (Path p : new Path[] {plain, gz}) {
            Idx.Images im = Idx.readImages(p);
            assertThat(im.count()).isEqualTo(3);
            assertThat(im.rows()).isEqualTo(2);
            assertThat(im.cols()).isEqualTo(4);
            assertThat(im.pixels()).isEqualTo(Arrays.copyOfRange(raw, 16, raw.length));
        }
        Path labels = Files.write(tmp.resolve("labels"), idxLabels(7, 0, 9));
        assertThat(Idx.readLabels(labels)).containsExactly(7, 0, 9);
        ArrayDataset d = ImageSets.slice("t", Idx.readImages(plain).pixels(), Idx.readLabels(labels), 8, 10, 1, 3);
        float[] x = new float[8];
        d.input(0, x);
        for (int i = 0; i < 8; i++) assertThat(x[i]).isEqualTo((raw[16 + 8 + i] & 0xff) / 255f);
        assertThat(d.label(0)).isZero();
        assertThat(d.label(1)).isEqualTo(9);
    }

    @Test
    void truncatedImageFileIsNamed(@TempDir Path tmp) throws IOException {
        byte[] raw = idxImages(3, 2, 4);
        Path f = Files.write(tmp.resolve("train-images-idx3-ubyte"), Arrays.copyOf(raw, raw.length - 5));
        assertThatThrownBy(() -> Idx.readImages(f)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ": truncated: the header announces 3 images of 2x4 (24 bytes of data), found 19 bytes");
        Path header = Files.write(tmp.resolve("short"), Arrays.copyOf(raw, 10));
        assertThatThrownBy(() -> Idx.readImages(header)).hasMessage(header + ": truncated: 10 bytes, shorter than the 16-byte IDX header");
    }

    @Test
    void truncatedGzipIsNamed(@TempDir Path tmp) throws IOException {
        byte[] gz = gzip(idxImages(50, 5, 5));
        Path f = Files.write(tmp.resolve("images.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> Idx.readImages(f)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ": truncated gzip stream (unexpected end of compressed data)");
    }

    @Test
    void wrongMagicNumberIsNamed(@TempDir Path tmp) throws IOException {
        Path labels = Files.write(tmp.resolve("train-labels-idx1-ubyte"), idxLabels(1, 2));
        assertThatThrownBy(() -> Idx.readImages(labels)).isInstanceOf(DataFileException.class)
                .hasMessage(labels + ": wrong magic number 0x00000801, expected 0x00000803 for images (idx3-ubyte)");
    }

    @Test
    void labelCountMustMatchImageCount(@TempDir Path tmp) throws IOException {
        Path images = Files.write(tmp.resolve("train-images-idx3-ubyte"), idxImages(3, 2, 2));
        Path labels = Files.write(tmp.resolve("train-labels-idx1-ubyte"), idxLabels(1, 2));
        assertThatThrownBy(() -> Idx.readPair(images, labels, new byte[1][])).isInstanceOf(DataFileException.class)
                .hasMessage(labels + ": label count 2 does not match the image count 3 of train-images-idx3-ubyte");
    }

    @Test
    void trailingBytesAreRejected(@TempDir Path tmp) throws IOException {
        byte[] raw = idxLabels(1, 2);
        Path f = Files.write(tmp.resolve("labels"), Arrays.copyOf(raw, raw.length + 3));
        assertThatThrownBy(() -> Idx.readLabels(f)).hasMessage(f + ": 3 unexpected bytes after the 2 labels the header announces");
    }

    /// A CIFAR-10 batch in the official layout: label byte, then red, green, blue planes of 32x32.
    static byte[] cifarBatch(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(labels.length * Cifar10.RECORD_BYTES);
        for (int r = 0; r < labels.length; r++) {
            b.put((byte) labels[r]);
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < 1024; i++) b.put((byte) (r * 40 + c * 80 + i % 32));
        }
        return b.array();
    }

    @Test
    void readsCifarBinaryChannelMajor(@TempDir Path tmp) throws IOException {
        Path a = Files.write(tmp.resolve("data_batch_1.bin"), cifarBatch(3, 9));
        Path b = Files.write(tmp.resolve("data_batch_2.bin"), cifarBatch(0));
        Cifar10.Batch batch = Cifar10.read(a, b);
        assertThat(batch.labels()).containsExactly(3, 9, 0);
        ArrayDataset d = ImageSets.slice("cifar", batch.pixels(), batch.labels(), Cifar10.IMAGE_BYTES, 10, 0, 3);
        assertThat(d.inputSize()).isEqualTo(3072);
        float[] x = new float[3072];
        d.input(1, x);
        assertThat(x[0]).isEqualTo(40 / 255f);            // red (0, 0) of record 1
        assertThat(x[1024 + 33]).isEqualTo((40 + 80 + 1) / 255f); // green (1, 1)
        assertThat(x[2048 + 31]).isEqualTo((40 + 160 + 31) / 255f); // blue (0, 31)
        assertThat(d.label(1)).isEqualTo(9);
        d.input(2, x);
        assertThat(d.label(2)).isZero();
        assertThat(x[1024]).isEqualTo(80 / 255f); // green (0, 0) of the second file's first record
    }

    @Test
    void truncatedCifarBatchIsNamed(@TempDir Path tmp) throws IOException {
        byte[] raw = cifarBatch(1, 2);
        Path f = Files.write(tmp.resolve("test_batch.bin"), Arrays.copyOf(raw, raw.length - 100));
        assertThatThrownBy(() -> Cifar10.read(f)).isInstanceOf(DataFileException.class)
                .hasMessage(f + ": truncated: 6046 bytes is not a whole number of 3073-byte CIFAR-10 records (1 records and 2973 bytes)");
        byte[] bad = cifarBatch(1);
        bad[0] = 42;
        Path g = Files.write(tmp.resolve("data_batch_3.bin"), bad);
        assertThatThrownBy(() -> Cifar10.read(g)).hasMessage(g + ": record 0 has label 42, outside 0-9 (not a CIFAR-10 binary batch?)");
    }
}
