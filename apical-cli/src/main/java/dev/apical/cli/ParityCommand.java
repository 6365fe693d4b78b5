package dev.apical.cli;

import dev.apical.parity.Comparison;
import dev.apical.parity.ParityReport;
import dev.apical.parity.ParityRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/// `apical parity FIXTURE_DIR`: replays golden traces exported from EIANN and compares every array.
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = {"Replay a fixture directory exported from EIANN (config, initial weights, inputs in order) and "
                + "compare every array it holds with the tolerance its manifest gives per category.",
                "Prints the largest absolute and relative error and PASS/FAIL per array; exits 1 on any FAIL."})
final class ParityCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FIXTURE_DIR", description = "Fixture directory (layout: config.yaml, manifest.json, inputs.npy, ...).")
    Path dir;

    @Option(names = "--failures-only", description = "List only arrays that fail (the summary is always printed).")
    boolean failuresOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ParityReport report = ParityRunner.run(dir, null);
        out.printf(Locale.ROOT, "%-52s %-15s %11s %11s  %s%n", "array", "category", "max abs", "max rel", "result");
        TreeMap<String, double[]> perCategory = new TreeMap<>();
        for (Comparison c : report.comparisons()) {
            if (c.problem() == null) {
                double[] agg = perCategory.computeIfAbsent(c.category(), k -> new double[3]);
                agg[0] = Math.max(agg[0], c.maxAbs());
                agg[1] = Math.max(agg[1], c.maxRel());
                agg[2]++;
            }
            if (failuresOnly && c.pass()) continue;
            String result = c.pass() ? "PASS" : c.problem() != null ? "FAIL (" + c.problem() + ")"
                    : String.format(Locale.ROOT, "FAIL (%d of %d outside %s; worst %.7g vs %.7g)", c.failures(), c.elements(),
                    c.tolerance(), c.worstValue(), c.worstReference());
            out.printf(Locale.ROOT, "%-52s %-15s %11.3e %11.3e  %s%n", c.array(), c.category(), c.maxAbs(), c.maxRel(), result);
        }
        out.println();
        out.println("largest errors per category:");
        for (var e : perCategory.entrySet())
            out.printf(Locale.ROOT, "  %-15s %4d arrays  max abs %.3e  max rel %.3e%n", e.getKey(), (long) e.getValue()[2],
                    e.getValue()[0], e.getValue()[1]);
        out.printf(Locale.ROOT, "%s: %d arrays compared over %d steps, %d failed: %s%n", dir, report.comparisons().size(),
                report.steps(), report.failures(), report.pass() ? "PASS" : "FAIL");
        return report.pass() ? 0 : Main.FAILED;
    }
}
