package dev.apical.datasets;

import dev.apical.io.Json;
import dev.apical.io.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/// Installs a [Catalog] dataset into a [DataCache]: tries its sources in order, verifies the size and SHA-256
/// of every file (and, for CIFAR-10, the record format), writes the manifest, and only then renames the
/// staging directory into place, so an interrupted or failed fetch never leaves a half-installed dataset.
public final class DataInstaller {
    /// Fetch options: `from` (the `dir` source's directory), `only` (a single source to try, or null for all),
    /// `allowApt` (the `debian` source may run apt-get when running as root), the connect timeout of
    /// downloads, the npm executable, and the directory the Debian package installs its files into.
    public record Options(Path from, String only, boolean allowApt, Duration timeout, String npm, Path debianDir) {
        public static Options defaults() {
            return new Options(null, null, false, Duration.ofSeconds(10), "npm", Path.of(Catalog.DEBIAN_DIR));
        }

        public Options withFrom(Path dir) {
            return new Options(dir, only, allowApt, timeout, npm, debianDir);
        }

        public Options withOnly(String source) {
            return new Options(from, source, allowApt, timeout, npm, debianDir);
        }

        public Options withAllowApt(boolean allow) {
            return new Options(from, only, allow, timeout, npm, debianDir);
        }

        public Options withNpm(String executable) {
            return new Options(from, only, allowApt, timeout, executable, debianDir);
        }

        public Options withDebianDir(Path dir) {
            return new Options(from, only, allowApt, timeout, npm, dir);
        }
    }

    /// One installed file.
    public record Verified(String name, long bytes, String sha256, boolean published) {}

    /// A successful installation.
    public record Result(String source, Path dir, List<Verified> files) {}

    /// No source could deliver; the message lists each source tried and why it failed.
    public static final class FetchException extends IOException {
        FetchException(String message) {
            super(message);
        }
    }

    private final DataCache cache;
    private final Consumer<String> log;

    /// `log` receives one line per source tried.
    public DataInstaller(DataCache cache, Consumer<String> log) {
        this.cache = cache;
        this.log = log;
    }

    /// The sources tried for `entry` under `options`: only `dir` when `from` is given, only `only` when set.
    public static List<String> sources(Catalog.Entry entry, Options options) {
        if (options.only() != null) {
            if (!entry.sources().contains(options.only()))
                throw new IllegalArgumentException("dataset '" + entry.name() + "' has no source '" + options.only()
                        + "'; its sources are " + String.join(", ", entry.sources()));
            return List.of(options.only());
        }
        if (options.from() != null) return List.of("dir");
        return entry.sources().stream().filter(s -> !s.equals("dir")).toList();
    }

    /// Installs `entry`, replacing an existing installation only once the new one is verified.
    public Result fetch(Catalog.Entry entry, Options options) throws IOException, InterruptedException {
        Files.createDirectories(cache.root());
        DataSources sources = new DataSources(options, log);
        List<String> failures = new ArrayList<>();
        for (String source : sources(entry, options)) {
            Path staging = Files.createTempDirectory(cache.root(), "." + entry.name() + ".staging-");
            try {
                String from = sources.stage(source, entry, staging);
                List<Verified> files = verify(entry, staging, from);
                Map<String, String> sums = new LinkedHashMap<>();
                for (Verified v : files) sums.put(v.name(), v.sha256());
                Json.writeAtomic(staging.resolve(DataCache.MANIFEST), DataCache.manifest(entry, source + ": " + from, sums));
                Path dir = cache.dir(entry);
                replace(staging, dir);
                log.accept("source " + source + ": OK (" + from + ")");
                return new Result(source + ": " + from, dir, files);
            } catch (IOException e) {
                String reason = DataSources.oneLine(e);
                log.accept("source " + source + ": failed: " + reason);
                failures.add(source + ": " + reason);
            } finally {
                DataSources.delete(staging);
            }
        }
        throw new FetchException("could not fetch '" + entry.name() + "'; tried " + failures.size() + " source(s):\n  "
                + String.join("\n  ", failures) + (options.from() == null ? "\nIf you already have the files, use: "
                + "./apical data fetch " + entry.name() + " --from DIR" : ""));
    }

    /// Checks every staged file's size and SHA-256 against the catalog; files without a published checksum
    /// (CIFAR-10) must parse as CIFAR-10 batches.
    static List<Verified> verify(Catalog.Entry entry, Path dir, String from) throws IOException {
        List<Verified> out = new ArrayList<>();
        for (Catalog.FileSpec f : entry.files()) {
            Path p = dir.resolve(f.name());
            String label = f.name() + " (from " + from + ")";
            if (!Files.isRegularFile(p)) throw new IOException(label + ": missing");
            long size = Files.size(p);
            if (size != f.bytes()) throw new IOException(label + ": " + size + " bytes, expected " + f.bytes());
            String sha = Sha256.hex(p);
            if (f.sha256() != null && !f.sha256().equals(sha))
                throw new IOException(label + ": SHA-256 mismatch: " + sha + ", expected " + f.sha256());
            if (f.sha256() == null) {
                try {
                    Cifar10.read(p);
                } catch (DataFileException e) {
                    throw new IOException(label + ": " + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
                }
            }
            out.add(new Verified(f.name(), size, sha, f.sha256() != null));
        }
        return out;
    }

    private static void replace(Path staging, Path dir) throws IOException {
        Path old = null;
        if (Files.exists(dir)) {
            old = dir.resolveSibling("." + dir.getFileName() + ".old-" + System.nanoTime());
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) DataSources.delete(old);
    }
}
