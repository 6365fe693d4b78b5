package dev.apical.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Reads and writes NumPy `.npy` files.
///
/// Reading accepts format versions 1.0, 2.0 and 3.0, C order only, with dtypes `<f4`, `<f8`, `<i4`, `<i8`,
/// `|u1` and `|b1`; every element is converted to float32 (float64 and int64 values are rounded to the
/// nearest float). Writing produces format 1.0 float32 files byte for byte as `numpy.save` does, including
/// its header padding, through [AtomicFiles].
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /// numpy leaves room after the header so the first axis can grow to this many digits in place.
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /// Reads `file`; errors name the file and what is wrong with it.
    public static NpyArray read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /// Atomically writes a float32 array of any rank (`shape` `[]` for a 0-d array).
    public static void write(Path file, int[] shape, float[] data) throws IOException {
        AtomicFiles.write(file, encode(shape, data));
    }

    /// Atomically writes `array`.
    public static void write(Path file, NpyArray array) throws IOException {
        write(file, array.shape(), array.data());
    }

    /// The bytes of a format 1.0 `.npy` file holding `data` as little-endian float32 of `shape`.
    public static byte[] encode(int[] shape, float[] data) {
        long n = NpyArray.elementCount(shape);
        if (n != data.length)
            throw new IllegalArgumentException("shape " + shapeString(shape) + " holds " + n + " elements, but "
                    + data.length + " values were given");
        byte[] header = header(shape);
        ByteBuffer buf = ByteBuffer.allocate(header.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(header);
        buf.asFloatBuffer().put(data);
        return buf.array();
    }

    /// Parses the bytes of a `.npy` file; `source` names it in error messages.
    public static NpyArray decode(byte[] bytes, String source) throws IOException {
        if (bytes.length < 10 || !startsWithMagic(bytes))
            throw new IOException(source + ": not a .npy file (bad magic)");
        int major = bytes[6] & 0xff;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen;
        int headerStart;
        switch (major) {
            case 1 -> { headerLen = buf.getShort(8) & 0xffff; headerStart = 10; }
            case 2, 3 -> {
                if (bytes.length < 12) throw new IOException(source + ": truncated .npy header");
                headerLen = buf.getInt(8) & 0xffffffffL;
                headerStart = 12;
            }
            default -> throw new IOException(source + ": unsupported .npy format version " + major + "." + (bytes[7] & 0xff));
        }
        if (headerStart + headerLen > bytes.length)
            throw new IOException(source + ": truncated .npy header: expected " + headerLen + " bytes, found "
                    + (bytes.length - headerStart));
        String header = new String(bytes, headerStart, (int) headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(DESCR, header, "descr", source);
        if (field(FORTRAN, header, "fortran_order", source).equals("True"))
            throw new IOException(source + ": fortran_order True is not supported (only C-order arrays can be read)");
        int[] shape = parseShape(field(SHAPE, header, "shape", source), source);
        Dtype dtype = Dtype.of(descr);
        if (dtype == null)
            throw new IOException(source + ": unsupported dtype '" + descr + "' (supported: <f4, <f8, <i4, <i8, |u1, |b1)");
        long count = NpyArray.elementCount(shape);
        int dataStart = (int) (headerStart + headerLen);
        long expected = count * dtype.size;
        long found = bytes.length - dataStart;
        if (found < expected)
            throw new IOException(source + ": truncated: expected " + expected + " bytes of data, found " + found);
        if (count > Integer.MAX_VALUE - 8) throw new IOException(source + ": too many elements (" + count + ")");
        float[] data = new float[(int) count];
        buf.position(dataStart);
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (dtype) {
                case F4 -> buf.getFloat();
                case F8 -> (float) buf.getDouble();
                case I4 -> (float) buf.getInt();
                case I8 -> (float) buf.getLong();
                case U1 -> (float) (buf.get() & 0xff);
                case B1 -> buf.get() != 0 ? 1f : 0f;
            };
        }
        return new NpyArray(shape, data);
    }

    private enum Dtype {
        F4("<f4", 4), F8("<f8", 8), I4("<i4", 4), I8("<i8", 8), U1("|u1", 1), B1("|b1", 1);

        final String descr;
        final int size;

        Dtype(String descr, int size) {
            this.descr = descr;
            this.size = size;
        }

        static Dtype of(String descr) {
            for (Dtype d : values()) if (d.descr.equals(descr)) return d;
            if (descr.equals("u1")) return U1;
            if (descr.equals("b1") || descr.equals("?")) return B1;
            return null;
        }
    }

    private static byte[] header(int[] shape) {
        StringBuilder h = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': ")
                .append(shapeString(shape)).append(", }");
        if (shape.length > 0) h.repeat(' ', GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length());
        int unpadded = MAGIC.length + 2 + 2 + h.length() + 1;
        h.repeat(' ', (ALIGN - unpadded % ALIGN) % ALIGN).append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }

    /// Python's tuple notation: `()`, `(5,)`, `(128, 2)`.
    static String shapeString(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) s.append(i == 0 ? "" : ", ").append(shape[i]);
        return s.append(')').toString();
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) if (bytes[i] != MAGIC[i]) return false;
        return true;
    }

    private static String field(Pattern p, String header, String name, String source) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IOException(source + ": .npy header has no valid '" + name + "' entry: " + header.strip());
        return m.group(1);
    }

    private static int[] parseShape(String text, String source) throws IOException {
        String t = text.strip();
        if (t.isEmpty()) return new int[0];
        String[] parts = t.split(",");
        int n = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
        int[] shape = new int[n];
        try {
            for (int i = 0; i < n; i++) shape[i] = Integer.parseInt(parts[i].strip().replace("L", ""));
        } catch (NumberFormatException e) {
            throw new IOException(source + ": bad shape (" + text + ") in .npy header");
        }
        for (int d : shape) if (d < 0) throw new IOException(source + ": negative dimension in shape (" + text + ")");
        return shape;
    }
}
