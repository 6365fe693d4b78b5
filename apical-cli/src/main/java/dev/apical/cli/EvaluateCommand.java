package dev.apical.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apical.build.Evaluation;
import dev.apical.data.DataSplit;
import dev.apical.datasets.Datasets;
import dev.apical.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/// `apical evaluate RUN_DIR`: rebuilds a saved run from its config and weights and evaluates it.
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Re-evaluate a saved run on its dataset's validation and test sets (forward passes only).")
final class EvaluateCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A directory written by 'apical train'.")
    Path run;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunDirectory.Loaded loaded = RunDirectory.read(run);
        JsonNode ds = loaded.manifest().path("dataset");
        Map<String, String> options = new LinkedHashMap<>();
        ds.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
        DataSplit data = Datasets.split(ds.path("name").asText("spiral"), options);
        Evaluation val = loaded.model().evaluate(data.validation(), null);
        Evaluation test = loaded.model().evaluate(data.test(), null);
        out.printf(Locale.ROOT, "run         %s%n", run);
        out.printf(Locale.ROOT, "validation  %.2f %% accuracy, loss %.4f (%d samples)%n", val.accuracy(), val.loss(), val.samples());
        out.printf(Locale.ROOT, "test        %.2f %% accuracy, loss %.4f (%d samples)%n", test.accuracy(), test.loss(), test.samples());
        JsonNode saved = loaded.manifest().path("results").path("test_accuracy");
        if (saved.isNumber())
            out.printf(Locale.ROOT, "saved test  %.2f %% (%s)%n", saved.asDouble(),
                    saved.asDouble() == test.accuracy() ? "identical" : "DIFFERS from this evaluation");
        return 0;
    }
}
