package dev.apical.parity;

import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.config.ConfigLoader;
import dev.apical.io.NpyArray;
import dev.apical.network.Population;
import dev.apical.record.Signal;
import dev.apical.spec.NetworkSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/// Replays a fixture and compares every array it holds: loads EIANN's initial parameters, records the
/// step-0 dynamics, trains on the fixture's inputs in order, and compares step-0 activities and signals,
/// parameters after step 0, every checkpoint, the per-step histories, the final parameters and the
/// evaluation outputs, each with its category's tolerance.
public final class ParityRunner {
    private final Fixture fixture;
    private final List<Comparison> results = new ArrayList<>();

    private ParityRunner(Fixture fixture) {
        this.fixture = fixture;
    }

    /// Runs the fixture in `dir`. `progress` receives the step index after each training step (may be null).
    public static ParityReport run(Path dir, IntConsumer progress) throws IOException {
        Fixture f = new Fixture(dir);
        ParityRunner r = new ParityRunner(f);
        r.replay(progress);
        return new ParityReport(dir.toString(), f.steps(), r.results);
    }

    private void replay(IntConsumer progress) throws IOException {
        NetworkSpec spec = ConfigLoader.load(fixture.config());
        Model model = ModelBuilder.build(spec, fixture.networkSeed());
        loadInitial(model);
        model.startTraining();
        NpyArray inputs = fixture.inputs(), targets = fixture.targets();
        int steps = Math.min(fixture.steps(), inputs.rows());
        if (fixture.has("step0/dynamics")) compareDynamics(model, inputs.row(0));

        Signals signals = new Signals(model);
        Map<String, float[]> history = new LinkedHashMap<>();
        float[] losses = new float[steps];
        for (int k = 0; k < steps; k++) {
            losses[k] = (float) model.trainStep(inputs.row(k), targets.row(k), k);
            signals.appendHistory(history, k, steps);
            if (k == 0) compareStep0(model, signals);
            String cp = String.format("checkpoints/step%04d", k);
            if (fixture.has(cp)) compareParameters(model, cp);
            if (progress != null) progress.accept(k);
        }
        if (fixture.has("history/loss.npy")) compare("history/loss.npy", losses);
        for (var e : history.entrySet()) if (fixture.has(e.getKey())) compare(e.getKey(), e.getValue());
        compareMissingHistories(history);
        if (fixture.has("final")) compareParameters(model, "final");
        if (fixture.has("eval/val_inputs.npy") && fixture.has("eval/val_outputs.npy")) compareEval(model);
    }

    private void loadInitial(Model model) throws IOException {
        Map<String, float[]> params = model.savedState();
        for (Path file : list("initial")) {
            String name = stripNpy(file.getFileName().toString());
            float[] target = params.get(name);
            if (target == null)
                throw new IOException("initial/" + file.getFileName() + " has no matching parameter in the model built from "
                        + fixture.config() + " (parameters: " + String.join(", ", params.keySet()) + ")");
            NpyArray a = fixture.array("initial/" + file.getFileName());
            if (a.size() != target.length)
                throw new IOException("initial/" + file.getFileName() + " has shape " + java.util.Arrays.toString(a.shape())
                        + " but the model's " + name + " has shape " + java.util.Arrays.toString(model.shape(name)));
            System.arraycopy(a.data(), 0, target, 0, target.length);
        }
    }

    private void compareDynamics(Model model, float[] x) throws IOException {
        int t = model.dynamics().forwardSteps();
        Map<Population, float[]> rows = new LinkedHashMap<>();
        for (Population p : model.network().populations()) rows.put(p, new float[t * p.size()]);
        model.forward(x, (step, net) -> {
            for (var e : rows.entrySet())
                System.arraycopy(e.getKey().activity, 0, e.getValue(), (step - 1) * e.getKey().size(), e.getKey().size());
        });
        for (var e : rows.entrySet()) {
            String rel = "step0/dynamics/" + e.getKey().name() + ".npy";
            if (fixture.has(rel)) compare(rel, e.getValue());
        }
    }

    private void compareStep0(Model model, Signals signals) throws IOException {
        for (Signal kind : Signal.values()) {
            for (Path file : list("step0/" + kind.key())) {
                String pop = stripNpy(file.getFileName().toString());
                String rel = "step0/" + kind.key() + "/" + file.getFileName();
                float[] v = signals.get(kind, pop);
                if (v == null) results.add(Comparison.failed(rel, Fixture.category(rel), fixture.tolerance(Fixture.category(rel)),
                        "this model does not produce " + kind.description() + " for " + pop));
                else compare(rel, v);
            }
        }
        if (fixture.has("step0/output.npy")) compare("step0/output.npy", model.network().output().forwardActivity);
        compareParameters(model, "step0/after");
    }

    private void compareParameters(Model model, String dir) throws IOException {
        Map<String, float[]> params = model.savedState();
        for (Path file : list(dir)) {
            String name = stripNpy(file.getFileName().toString());
            String rel = dir + "/" + file.getFileName();
            float[] v = params.get(name);
            if (v == null) results.add(Comparison.failed(rel, Fixture.category(rel), fixture.tolerance(Fixture.category(rel)),
                    "no parameter or rule state named " + name + " in this model"));
            else compare(rel, v);
        }
    }

    private void compareMissingHistories(Map<String, float[]> history) throws IOException {
        if (!fixture.has("history")) return;
        for (Path kindDir : list("history")) {
            if (!Files.isDirectory(kindDir)) continue;
            for (Path file : list("history/" + kindDir.getFileName())) {
                String rel = "history/" + kindDir.getFileName() + "/" + file.getFileName();
                if (!history.containsKey(rel))
                    results.add(Comparison.failed(rel, Fixture.category(rel), fixture.tolerance(Fixture.category(rel)),
                            "this model does not produce this signal"));
            }
        }
    }

    private void compareEval(Model model) throws IOException {
        NpyArray in = fixture.array("eval/val_inputs.npy");
        float[] y = model.network().output().activity;
        float[] out = new float[in.rows() * y.length];
        for (int i = 0; i < in.rows(); i++) {
            model.forward(in.row(i));
            System.arraycopy(y, 0, out, i * y.length, y.length);
        }
        compare("eval/val_outputs.npy", out);
    }

    private void compare(String rel, float[] actual) throws IOException {
        String cat = Fixture.category(rel);
        results.add(Comparison.of(rel, cat, fixture.tolerance(cat), actual, fixture.array(rel).data()));
    }

    private List<Path> list(String relative) throws IOException {
        Path d = fixture.dir().resolve(relative);
        if (!Files.isDirectory(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".npy")).sorted().toList();
        }
    }

    private static String stripNpy(String name) {
        return name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
    }
}
