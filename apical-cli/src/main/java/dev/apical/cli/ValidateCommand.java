package dev.apical.cli;

import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.learning.LearningRule;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/// `apical validate CONFIG`: loads and builds a config without data and prints what was built.
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Load and build a network config without data; print its populations and projections.")
final class ValidateCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "EIANN-format YAML network config.")
    Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ConfigSource cfg = ConfigSource.of(config);
        NetworkSpec s = cfg.spec();
        Model model = ModelBuilder.build(s, 0);
        out.printf(Locale.ROOT, "%s: OK%n", cfg.display());
        out.printf(Locale.ROOT, "dynamics: tau %s, forward_steps %d, backward_steps %d; criterion %s; optimizer %s%n",
                trim(s.training().tau()), s.training().forwardSteps(), s.training().backwardSteps(),
                s.training().criterion().name(), s.training().optimizer().name());
        out.println("populations:");
        for (Population p : model.network().populations()) {
            String role = p.isInput() ? " (input)" : p == model.network().output() ? " (output)" : "";
            out.printf(Locale.ROOT, "  %-14s %5d  %-8s tau %-4s%s%s%n", p.id(), p.size(), p.activation().name(), trim(p.tau()),
                    p.hasBias() ? " bias" : "", role);
        }
        out.println("projections:");
        for (Projection p : model.network().projections()) {
            LearningRule r = model.rule(p);
            out.printf(Locale.ROOT, "  %-26s %4dx%-4d %-9s %-8s %-8s bounds %-14s %s%n", p.post().id() + " <- " + p.pre().id(),
                    p.rows(), p.cols(), p.direction().name().toLowerCase(Locale.ROOT), p.compartment().name().toLowerCase(Locale.ROOT),
                    p.updatePhase().name().toLowerCase(Locale.ROOT), p.bounds(),
                    r == null ? "fixed" : r.name() + " (lr " + r.learningRate() + ")");
        }
        return 0;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
