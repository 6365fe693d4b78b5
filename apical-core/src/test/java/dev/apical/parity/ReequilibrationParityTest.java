package dev.apical.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apical.testing.Shared;
import java.io.IOException;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// Replays EIANN's MNIST traces of the re-equilibrating rule families (20 online steps each, tolerances from
/// each fixture's manifest) when they are present under `${apical.shared}/fixtures`:
/// `mnist-2L` (BP_like_2L), `mnist-tch2` (Hebbian_Temporal_Contrast), `mnist-hebb7` (Hebb_WeightNorm_4 with
/// Top_Layer_BP_like_2L), `mnist-htcwn2` (BP_like_2L with Top_Down_Hebbian_Temporal_Contrast_1).
class ReequilibrationParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"mnist-2L", "mnist-tch2", "mnist-hebb7", "mnist-htcwn2"})
    void matchesEiann(String fixture) throws IOException {
        ParityReport report = ParityRunner.run(Shared.require("fixtures/" + fixture), null);
        String failures = report.comparisons().stream().filter(c -> !c.pass())
                .map(c -> c.array() + ": " + (c.problem() != null ? c.problem() : c.failures() + "/" + c.elements()
                        + " outside " + c.tolerance() + ", max abs " + c.maxAbs() + ", worst " + c.worstValue() + " vs " + c.worstReference()))
                .collect(Collectors.joining("\n"));
        assertThat(report.comparisons()).hasSizeGreaterThan(100);
        assertThat(failures).as("arrays outside tolerance").isEmpty();
        assertThat(report.pass()).isTrue();
    }
}
