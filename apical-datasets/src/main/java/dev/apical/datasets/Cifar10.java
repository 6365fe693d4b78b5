package dev.apical.datasets;

import java.io.IOException;
import java.nio.file.Path;

/// Reads the CIFAR-10 binary format (`cifar-10-batches-bin/*.bin`): records of one label byte (0-9) followed
/// by 3,072 pixel bytes, the 1,024 red values of the 32x32 image in row-major order, then green, then blue.
public final class Cifar10 {
    /// Bytes of one image (3 channels of 32x32).
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    /// Bytes of one record: label + image.
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final int CLASSES = 10;

    private Cifar10() {}

    /// Images and labels of one or more batch files, concatenated in order; pixels stay channel-major.
    public record Batch(byte[] pixels, byte[] labels) {
        public int count() {
            return labels.length;
        }
    }

    /// Reads the batch files in order.
    public static Batch read(Path... files) throws IOException {
        byte[][] contents = new byte[files.length][];
        long records = 0;
        for (int f = 0; f < files.length; f++) {
            byte[] b = Idx.readAll(files[f]);
            if (b.length == 0) throw new DataFileException(files[f], "empty file, expected CIFAR-10 records of " + RECORD_BYTES + " bytes");
            if (b.length % RECORD_BYTES != 0)
                throw new DataFileException(files[f], "truncated: " + b.length + " bytes is not a whole number of "
                        + RECORD_BYTES + "-byte CIFAR-10 records (" + b.length / RECORD_BYTES + " records and "
                        + b.length % RECORD_BYTES + " bytes)");
            contents[f] = b;
            records += b.length / RECORD_BYTES;
        }
        byte[] pixels = new byte[Math.toIntExact(records * IMAGE_BYTES)];
        byte[] labels = new byte[(int) records];
        int r = 0;
        for (int f = 0; f < files.length; f++) {
            byte[] b = contents[f];
            for (int off = 0; off < b.length; off += RECORD_BYTES, r++) {
                int label = b[off] & 0xff;
                if (label >= CLASSES)
                    throw new DataFileException(files[f], "record " + off / RECORD_BYTES + " has label " + label
                            + ", outside 0-9 (not a CIFAR-10 binary batch?)");
                labels[r] = (byte) label;
                System.arraycopy(b, off + 1, pixels, r * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new Batch(pixels, labels);
    }
}
