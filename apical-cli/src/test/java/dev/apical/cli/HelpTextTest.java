package dev.apical.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// picocli formats every description line with String.format, so a literal '%' must be written '%%'; otherwise
/// it prints "[picocli WARN] Could not format ..." to the standard error stream along with the help.
class HelpTextTest {
    @Test
    void helpOfEveryCommandPrintsNoPicocliWarning() {
        List<List<String>> commands = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), commands);
        assertThat(commands).hasSizeGreaterThan(8);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            for (List<String> command : commands) {
                List<String> args = new ArrayList<>(command);
                args.add("--help");
                CliTest.Result r = CliTest.run(args.toArray(String[]::new));
                assertThat(r.code()).as(String.join(" ", command)).isZero();
                assertThat(r.out() + r.err()).as(String.join(" ", command)).doesNotContain("[picocli WARN]").contains("Usage:");
            }
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("[picocli WARN]");
    }

    /// Every command path below the root (`train`, `data list`, ...), the root itself as the empty path.
    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        if (cl.getCommandSpec().mixinStandardHelpOptions()) out.add(List.copyOf(path));
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            collect(e.getValue(), sub, out);
        }
    }
}
