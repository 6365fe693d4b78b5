package dev.apical.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/// End-to-end tests of the `apical` command on the bundled example and small configs.
class CliTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void trainsBundledDefaultThenEvaluatesTheSavedRunIdentically(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        Result r = run("train", "--samples", "400", "--seed", "3", "--val-interval", "0,-1,100", "--accuracy-window", "400",
                "--out", run.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("examples/spiral-ei-bptt.yaml (bundled default)").contains("test ").contains("samples/s");
        assertThat(run.resolve("manifest.json")).exists();
        assertThat(run.resolve("weights/H1E_InputE.npy")).exists();
        assertThat(run.resolve("weights/H1E.bias.npy")).exists();
        assertThat(Files.readAllLines(run.resolve("metrics/validation.csv"))).first().isEqualTo("step,loss,accuracy");
        assertThat(Files.readAllLines(run.resolve("metrics/validation.csv"))).hasSize(1 + 5);
        String testLine = r.out().lines().filter(l -> l.startsWith("test")).findFirst().orElseThrow();
        String saved = testLine.replaceAll("^test\\s+([0-9.]+) %.*$", "$1");

        Result e = run("evaluate", run.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("saved test  " + saved + " % (identical)");
    }

    @Test
    void refusesToOverwriteARunWithoutOverwrite(@TempDir Path tmp) throws IOException {
        Path run = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(run.resolve("keep.txt"), "keep");
        Result r = run("train", "--samples", "10", "--out", run.toString(), "--no-progress");
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("run directory already exists");
        assertThat(run.resolve("keep.txt")).hasContent("keep");
    }

    @Test
    void sameSeedGivesBitIdenticalWeights(@TempDir Path tmp) throws IOException {
        for (String name : new String[] {"a", "b"})
            assertThat(run("train", "--samples", "300", "--seed", "7", "--out", tmp.resolve(name).toString(), "--no-progress").code()).isZero();
        try (var files = Files.list(tmp.resolve("a/weights"))) {
            for (Path f : files.toList())
                assertThat(Files.readAllBytes(tmp.resolve("b/weights").resolve(f.getFileName()))).as(f.getFileName().toString())
                        .isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void validatePrintsTheBuiltNetwork(@TempDir Path tmp) throws IOException {
        Path cfg = tmp.resolve("net.yaml");
        Files.writeString(cfg, """
                layer_config:
                  Input: {E: {size: 2}}
                  Output: {E: {size: 4, activation: relu}}
                projection_config:
                  Output: {E: {Input: {E: {learning_rule: Backprop}}}}
                training_kwargs: {learning_rate: 0.1}
                """);
        Result r = run("validate", cfg.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(": OK").contains("Output.E <- Input.E").contains("Backprop (lr 0.1)");
    }

    @Test
    void configErrorsExitWithCode2AndTheLocatedMessage(@TempDir Path tmp) throws IOException {
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, """
                layer_config:
                  Input: {E: {size: 2}}
                  Output: {E: {size: 4, activation: relu}}
                projection_config:
                  Output: {E: {Input: {E: {learning_rule: Backprp}}}}
                """);
        Result r = run("validate", cfg.toString());
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).startsWith("error: " + cfg + ":5:43: projection_config.Output.E.Input.E.learning_rule: unknown learning rule 'Backprp'. Did you mean 'Backprop'?");
        Result missing = run("validate", tmp.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(missing.err()).contains("nope.yaml");
    }

    @Test
    void parityPassesOnTheBackpropFixturesAndFailsOnATamperedOne(@TempDir Path tmp) throws IOException {
        Path shared = Path.of(System.getProperty("apical.shared", "../shared"), "fixtures", "spiral-vanbp").toAbsolutePath();
        Assumptions.assumeTrue(Files.isDirectory(shared), "skipped: " + shared + " is missing");
        Result ok = run("parity", shared.toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("0 failed: PASS");

        Path copy = tmp.resolve("fixture");
        try (var walk = Files.walk(shared)) {
            for (Path p : walk.toList()) {
                Path dst = copy.resolve(shared.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dst);
                else Files.copy(p, dst);
            }
        }
        Path target = copy.resolve("final/OutputE_H2E.npy");
        var a = dev.apical.io.Npy.read(target);
        a.data()[0] += 1e-3f;
        dev.apical.io.Npy.write(target, a.shape(), a.data());
        Result bad = run("parity", copy.toString());
        assertThat(bad.code()).isEqualTo(Main.FAILED);
        assertThat(bad.out()).contains("final/OutputE_H2E.npy").contains("FAIL (1 of 128 outside rtol 1.0E-4, atol 1.0E-5");
    }

    @Test
    void theConfigsDatasetKeyChoosesTheDataUnlessTheCommandLineDoes(@TempDir Path tmp) throws IOException {
        Path cfg = tmp.resolve("net.yaml");
        Files.writeString(cfg, """
                layer_config:
                  Input: {E: {size: 2}}
                  Output: {E: {size: 4, activation: relu}}
                projection_config:
                  Output: {E: {Input: {E: {learning_rule: Backprop}}}}
                training_kwargs: {learning_rate: 0.1}
                dataset: {name: spiral, split: optimization}
                """);
        Result r = run("train", cfg.toString(), "--samples", "50", "--out", tmp.resolve("run").toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(tmp.resolve("run/manifest.json"))).contains("\"split\" : \"optimization\"");
        Result cli = run("train", cfg.toString(), "--split", "eiann", "--samples", "50", "--out", tmp.resolve("run2").toString(), "--no-progress");
        assertThat(cli.code()).as(cli.err()).isZero();
        assertThat(Files.readString(tmp.resolve("run2/manifest.json"))).contains("\"split\" : \"eiann\"");
    }
}
