package dev.apical.parity;

import dev.apical.testing.Shared;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/// Replays EIANN's golden traces (../shared/fixtures, EIANN b8b187f, float32, one thread) and requires every
/// array to match within the fixture's stated tolerances: rtol 1e-4, atol 1e-5 for every category of the
/// spiral fixtures (step-0 activities, parameters after step 0, 25-step checkpoints, per-step forward
/// histories, final parameters after 200 steps, evaluation outputs).
class FixtureParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"spiral-vanbp", "spiral-bpdale", "spiral-dtp"})
    void matchesEiann(String fixture) throws IOException {
        ParityReport report = ParityRunner.run(Shared.require("fixtures/" + fixture), null);
        String failures = report.comparisons().stream().filter(c -> !c.pass())
                .map(c -> c.array() + ": " + (c.problem() != null ? c.problem() : c.failures() + "/" + c.elements()
                        + " outside " + c.tolerance() + ", max abs " + c.maxAbs() + ", worst " + c.worstValue() + " vs " + c.worstReference()))
                .collect(Collectors.joining("\n"));
        assertThat(report.comparisons()).hasSizeGreaterThan(50);
        assertThat(failures).as("arrays outside tolerance").isEmpty();
        assertThat(report.pass()).isTrue();
    }
}
