package dev.apical.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoUtilTest {
    @TempDir Path tmp;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.sorted().toList();
        }
    }

    @Test
    void atomicWriteReplacesTheTarget() throws IOException {
        Path f = tmp.resolve("a.txt");
        AtomicFiles.writeString(f, "old");
        AtomicFiles.writeString(f, "new");
        assertThat(Files.readString(f)).isEqualTo("new");
        assertThat(listing()).containsExactly(f);
    }

    @Test
    void failedWriteLeavesOldFileIntactAndNoTempFile() throws IOException {
        Path f = tmp.resolve("a.txt");
        AtomicFiles.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full (simulated)");
        })).hasMessage("disk full (simulated)");
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(listing()).containsExactly(f);
    }

    @Test
    void readOnlyDirectoryLeavesOldFileIntact() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("ro"));
        Path f = dir.resolve("a.npy");
        Npy.write(f, new int[] {2}, new float[] {1, 2});
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(dir), "running with rights that ignore directory permissions (root)");
            assertThatThrownBy(() -> Npy.write(f, new int[] {1}, new float[] {9})).isInstanceOf(IOException.class);
            assertThat(Npy.read(f).data()).containsExactly(1f, 2f);
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void jsonKeepsOrderAndRoundTripsDoubles() throws IOException {
        Map<String, Object> m = Json.object();
        m.put("zeta", 0.1 + 0.2);
        m.put("alpha", List.of(1e-300, 1.0 / 3));
        m.put("mid", Map.of("k", "v"));
        String text = Json.write(m);
        assertThat(text.indexOf("zeta")).isLessThan(text.indexOf("alpha"));
        assertThat(text).contains("\n  ").endsWith("\n");
        Path f = tmp.resolve("m.json");
        Json.writeAtomic(f, m);
        var back = Json.read(f);
        assertThat(back.get("zeta").asDouble()).isEqualTo(0.1 + 0.2);
        assertThat(back.get("alpha").get(1).asDouble()).isEqualTo(1.0 / 3);
        assertThat(back.get("alpha").get(0).asDouble()).isEqualTo(1e-300);
        assertThat(Json.parse("{\"a\":1}").get("a").asInt()).isEqualTo(1);
        Files.writeString(f, "{oops");
        assertThatThrownBy(() -> Json.read(f)).hasMessageStartingWith(f + ": invalid JSON");
    }

    @Test
    void sha256OfBytesAndFiles() throws IOException {
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 7);
        Path f = tmp.resolve("big.bin");
        Files.write(f, big);
        assertThat(Sha256.hex(f)).isEqualTo(Sha256.hex(big));
    }

    @Test
    void csvWithHeaderNanAsEmptyAndQuoting() throws IOException {
        Path f = tmp.resolve("metrics.csv");
        Csv.write(f, List.of("step", "loss", "note"), List.of(
                List.of(0, 0.1 + 0.2, "a,b"),
                Arrays.asList(1, Double.NaN, null),
                List.of(2, 1e-10, "say \"hi\"")));
        assertThat(Files.readString(f)).isEqualTo("step,loss,note\n0,0.30000000000000004,\"a,b\"\n1,,\n2,1.0E-10,\"say \"\"hi\"\"\"\n");
        assertThatThrownBy(() -> Csv.format(List.of("a", "b"), List.of(List.of(1))))
                .hasMessageContaining("row 0 has 1 cells");
    }
}
