package dev.apical.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/// Reads the IDX files of MNIST and Fashion-MNIST (`*-idx3-ubyte` images, `*-idx1-ubyte` labels), plain or
/// gzip-compressed (recognised by content, not by name).
///
/// Format: a big-endian header `0x00 0x00 type ndim` (type `0x08` = unsigned byte), then `ndim` 32-bit
/// big-endian dimensions, then the data. Images have 3 dimensions (count, rows, columns) in row-major
/// order, labels 1 (count).
public final class Idx {
    /// Unsigned-byte images, `count x rows x cols`, row-major.
    public record Images(int count, int rows, int cols, byte[] pixels) {
        /// Pixels per image.
        public int size() {
            return rows * cols;
        }
    }

    private static final int IMAGES_MAGIC = 0x00000803, LABELS_MAGIC = 0x00000801;

    private Idx() {}

    /// Reads an image file (magic `0x00000803`).
    public static Images readImages(Path file) throws IOException {
        byte[] b = readAll(file);
        int[] dims = header(file, b, IMAGES_MAGIC, 3, "images (idx3-ubyte)");
        long expected = (long) dims[0] * dims[1] * dims[2];
        byte[] pixels = payload(file, b, 16, expected, dims[0] + " images of " + dims[1] + "x" + dims[2]);
        return new Images(dims[0], dims[1], dims[2], pixels);
    }

    /// Reads a label file (magic `0x00000801`).
    public static byte[] readLabels(Path file) throws IOException {
        byte[] b = readAll(file);
        int[] dims = header(file, b, LABELS_MAGIC, 1, "labels (idx1-ubyte)");
        return payload(file, b, 8, dims[0], dims[0] + " labels");
    }

    /// Reads matching image and label files; their counts must agree.
    public static Images readPair(Path images, Path labels, byte[][] labelsOut) throws IOException {
        Images im = readImages(images);
        byte[] lb = readLabels(labels);
        if (lb.length != im.count())
            throw new DataFileException(labels, "label count " + lb.length + " does not match the image count "
                    + im.count() + " of " + images.getFileName());
        labelsOut[0] = lb;
        return im;
    }

    /// The file's bytes, decompressed if it starts with the gzip signature.
    static byte[] readAll(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) return raw;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (java.io.EOFException e) {
            throw new DataFileException(file, "truncated gzip stream (unexpected end of compressed data)");
        } catch (ZipException e) {
            throw new DataFileException(file, "corrupt gzip stream (" + e.getMessage() + ")");
        }
    }

    private static int[] header(Path file, byte[] b, int magic, int ndim, String what) throws IOException {
        int headerBytes = 4 + 4 * ndim;
        if (b.length < 4)
            throw new DataFileException(file, "truncated: " + b.length + " bytes, shorter than the 4-byte IDX magic number");
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        int found = buf.getInt(0);
        if (found != magic)
            throw new DataFileException(file, String.format("wrong magic number 0x%08X, expected 0x%08X for %s", found, magic, what));
        if (b.length < headerBytes)
            throw new DataFileException(file, "truncated: " + b.length + " bytes, shorter than the " + headerBytes + "-byte IDX header");
        int[] dims = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            dims[i] = buf.getInt(4 + 4 * i);
            if (dims[i] < 0) throw new DataFileException(file, "negative dimension " + dims[i] + " in the IDX header");
        }
        return dims;
    }

    private static byte[] payload(Path file, byte[] b, int offset, long expected, String what) throws IOException {
        long found = b.length - offset;
        if (found < expected)
            throw new DataFileException(file, "truncated: the header announces " + what + " (" + expected
                    + " bytes of data), found " + found + " bytes");
        if (found > expected)
            throw new DataFileException(file, found - expected + " unexpected bytes after the " + what + " the header announces");
        byte[] out = new byte[(int) expected];
        System.arraycopy(b, offset, out, 0, out.length);
        return out;
    }
}
