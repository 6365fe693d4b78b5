package dev.apical.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir Path tmp;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NpyTest.class.getResourceAsStream("/npy/" + name)) {
            assertThat(in).as("test resource npy/%s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static NpyArray load(String name) throws IOException {
        return Npy.decode(resource(name), name);
    }

    @Test
    void roundTripsSeveralShapes() throws IOException {
        int[][] shapes = {{}, {0}, {1}, {7}, {3, 4}, {2, 0}, {2, 3, 4}, {1, 1, 1, 5}};
        for (int[] shape : shapes) {
            float[] data = new float[(int) NpyArray.elementCount(shape)];
            for (int i = 0; i < data.length; i++) data[i] = (float) Math.sin(i) * 1e3f;
            Path f = tmp.resolve("a" + shape.length + "_" + data.length + ".npy");
            Npy.write(f, shape, data);
            NpyArray back = Npy.read(f);
            assertThat(back.shape()).as(Arrays.toString(shape)).containsExactly(shape);
            assertThat(back.data()).containsExactly(data);
            assertThat((Files.size(f) - 4L * data.length) % 64).isZero();
        }
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.MIN_VALUE, Float.MAX_VALUE};
        Npy.write(tmp.resolve("s.npy"), NpyArray.vector(special));
        assertThat(Npy.read(tmp.resolve("s.npy")).data()).containsExactly(special);
    }

    @Test
    void writesTheSameBytesAsNumpy() throws IOException {
        float[] data = {1.5f, -2.25f, 3.0f, 0.1f, -0.0f, 1e-8f};
        assertThat(Npy.encode(new int[] {2, 3}, data)).isEqualTo(resource("f4_2x3.npy"));
        assertThat(Npy.encode(new int[] {}, new float[] {3.25f})).isEqualTo(resource("f4_scalar.npy"));
        NpyArray cube = load("f4_2x3x4.npy");
        assertThat(Npy.encode(cube.shape(), cube.data())).isEqualTo(resource("f4_2x3x4.npy"));
    }

    @Test
    void readsEveryNumpyDtype() throws IOException {
        NpyArray f4 = load("f4_2x3.npy");
        assertThat(f4.shape()).containsExactly(2, 3);
        assertThat(f4.data()).containsExactly(1.5f, -2.25f, 3.0f, 0.1f, -0.0f, 1e-8f);
        assertThat(f4.get(1, 0)).isEqualTo(0.1f);
        assertThat(f4.row(1)).containsExactly(0.1f, -0.0f, 1e-8f);
        assertThat(load("f4_2x3x4.npy").data()[23]).isEqualTo((float) 3.2857143878936768);
        assertThat(load("f8_4.npy").data()).containsExactly(0.1f, Float.NEGATIVE_INFINITY, 2.5f, (float) Math.PI);
        assertThat(load("i4_2x2.npy").data()).containsExactly(1f, -2f, 2147483647f, -2147483648f);
        assertThat(load("i8_3.npy").data()).containsExactly(5f, -7f, (float) (1L << 40));
        assertThat(load("u1_2x2.npy").data()).containsExactly(0f, 255f, 7f, 128f);
        assertThat(load("b1_3.npy").data()).containsExactly(1f, 0f, 1f);
        NpyArray scalar = load("f4_scalar.npy");
        assertThat(scalar.shape()).isEmpty();
        assertThat(scalar.data()).containsExactly(3.25f);
        assertThat(load("f4_2x0.npy").shape()).containsExactly(2, 0);
        NpyArray v2 = load("f4_v2_3.npy");
        assertThat(v2.shape()).containsExactly(3);
        assertThat(v2.data()).containsExactly(1f, 2f, 3f);
    }

    @Test
    void readsEiannFixture() throws IOException {
        String shared = System.getProperty("apical.shared");
        Path f = shared == null ? null : Path.of(shared, "fixtures", "spiral-bpdale", "initial", "H1E_InputE.npy");
        assumeTrue(f != null && Files.isRegularFile(f),
                "EIANN fixture not found: " + (f == null ? "system property apical.shared is unset" : f));
        NpyArray w = Npy.read(f);
        assertThat(w.shape()).containsExactly(128, 2);
        assertThat(w.rows()).isEqualTo(128);
        assertThat(w.cols()).isEqualTo(2);
        assertThat((double) w.get(0, 0)).isEqualTo(1.3894752264022827);
        assertThat((double) w.get(0, 1)).isEqualTo(0.10905991494655609);
        assertThat((double) w.get(127, 1)).isEqualTo(0.12172944843769073);
    }

    @Test
    void errorsNameTheFileAndTheProblem() throws IOException {
        byte[] good = resource("f4_2x3.npy");
        assertThatThrownBy(() -> Npy.decode(Arrays.copyOf(good, good.length - 5), "w.npy"))
                .isInstanceOf(IOException.class)
                .hasMessage("w.npy: truncated: expected 24 bytes of data, found 19");
        byte[] bad = good.clone();
        bad[1] = 'X';
        assertThatThrownBy(() -> Npy.decode(bad, "w.npy")).hasMessage("w.npy: not a .npy file (bad magic)");
        assertThatThrownBy(() -> Npy.decode(new byte[3], "tiny.npy")).hasMessage("tiny.npy: not a .npy file (bad magic)");
        assertThatThrownBy(() -> Npy.decode(resource("f4_fortran.npy"), "f.npy"))
                .hasMessage("f.npy: fortran_order True is not supported (only C-order arrays can be read)");
        byte[] c8 = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f4", "<c8")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Npy.decode(c8, "c.npy"))
                .hasMessage("c.npy: unsupported dtype '<c8' (supported: <f4, <f8, <i4, <i8, |u1, |b1)");
        Path missingDataFile = tmp.resolve("t.npy");
        Files.write(missingDataFile, Arrays.copyOf(good, 128));
        assertThatThrownBy(() -> Npy.read(missingDataFile))
                .hasMessage(missingDataFile + ": truncated: expected 24 bytes of data, found 0");
    }

    @Test
    void arrayHelpers() {
        NpyArray a = NpyArray.matrix(2, 3, new float[] {1, 2, 3, 4, 5, 6});
        assertThat(a.reshape(3, 2).get(2, 1)).isEqualTo(6f);
        assertThat(a.reshape(6).cols()).isEqualTo(1);
        assertThat(a).isEqualTo(NpyArray.matrix(2, 3, new float[] {1, 2, 3, 4, 5, 6}));
        assertThatThrownBy(() -> a.reshape(4, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Npy.encode(new int[] {2, 2}, new float[3])).hasMessageContaining("holds 4 elements");
    }
}
