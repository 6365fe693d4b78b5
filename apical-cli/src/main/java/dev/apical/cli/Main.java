package dev.apical.cli;

import dev.apical.network.DivergenceException;
import dev.apical.run.Provenance;
import dev.apical.spec.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/// The `apical` command.
@Command(name = "apical", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Biology-constrained deep learning: EIANN-compatible networks on the JVM.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, ValidateCommand.class, ParityCommand.class, DataCommand.class,
                CompareCommand.class, CompareUpdatesCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    /// Exit codes: 0 ok, 1 parity/check failed, 2 bad input (config, arguments, files), 3 training diverged.
    static final int FAILED = 1, BAD_INPUT = 2, DIVERGED = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /// Runs the CLI on the process's standard streams and returns the exit code.
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /// Runs the CLI writing to `out` and `err` (for tests and embedding) and returns the exit code.
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String msg = switch (e) {
                case ConfigException c -> c.getMessage();
                case DivergenceException d -> d.getMessage();
                case UncheckedIOException u -> u.getCause().getMessage();
                case IOException io -> describe(io);
                case IllegalArgumentException ia -> ia.getMessage();
                default -> null;
            };
            if (msg == null) throw e;
            cmd.getErr().println("error: " + msg);
            return e instanceof DivergenceException ? DIVERGED : BAD_INPUT;
        });
        return cl.execute(args);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) return n.getFile() + ": no such file";
        if (e instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + ": " + f.getReason();
        return e.getMessage();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Provenance p = Provenance.current();
            return new String[] {"apical " + p.version() + " (commit " + p.commit() + ")", "Java " + p.javaVersion() + " (" + p.javaVendor() + ")"};
        }
    }
}
