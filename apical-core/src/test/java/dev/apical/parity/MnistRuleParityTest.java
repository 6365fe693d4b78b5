package dev.apical.parity;

import dev.apical.testing.Shared;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/// Replays EIANN's 20-step MNIST traces of the BCM, BTSP and local-dendritic-backprop models (fixtures
/// `mnist-bcm4`, `mnist-btsp-5L`, `mnist-5M`, in `../shared/fixtures` or beside it in `../eiann-fixtures`;
/// skipped when absent) within each fixture's tolerances. One exception, for BTSP 5L: the unclipped forward
/// dendritic state of H2.E is the sum of top-down and dendritic-inhibition inputs of order 100 that cancel, so
/// float32 summation-order noise reaches a few 1e-2 after 20 steps (a 1-ulp perturbation of the initial weights
/// moves Apical's own values by 2e-2); it is compared against 1e-3 of the array's largest value instead.
class MnistRuleParityTest {
    static Path fixture(String name) {
        Path shared = Shared.root().resolve("fixtures").resolve(name);
        if (Files.isDirectory(shared)) return shared;
        Path staged = Shared.root().resolveSibling("eiann-fixtures").resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(staged.resolve("manifest.json")),
                () -> "skipped: fixture " + name + " is in neither " + shared + " nor " + staged);
        return staged;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnist-bcm4", "mnist-btsp-5L", "mnist-5M"})
    void matchesEiann(String name) throws IOException {
        Path dir = fixture(name);
        ParityReport report = ParityRunner.run(dir, null);
        String failures = report.comparisons().stream().filter(c -> !c.pass())
                .filter(c -> !(name.equals("mnist-btsp-5L") && c.array().startsWith("history/forward_dend/") && withinScale(dir, c)))
                .map(c -> c.array() + ": " + (c.problem() != null ? c.problem() : c.failures() + "/" + c.elements()
                        + " outside " + c.tolerance() + ", max abs " + c.maxAbs() + ", worst " + c.worstValue() + " vs " + c.worstReference()))
                .collect(Collectors.joining("\n"));
        assertThat(report.comparisons()).hasSizeGreaterThan(150);
        assertThat(failures).as("arrays outside tolerance").isEmpty();
    }

    private static boolean withinScale(Path dir, Comparison c) {
        try {
            float max = 0;
            for (float v : new Fixture(dir).array(c.array()).data()) max = Math.max(max, Math.abs(v));
            return c.problem() == null && c.maxAbs() <= 1e-3 * max;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
