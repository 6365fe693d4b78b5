package dev.apical.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apical.testing.Shared;
import java.io.IOException;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// Replays EIANN traces of the published MNIST configs exported with `bench/eiann/export_fixture.py` (20 online
/// steps of the 784-500-500-10 networks; tolerances from each fixture's manifest: rtol 1e-3 / atol 1e-4 at step 0,
/// 1e-2 / 1e-3 after), when they are present (`./run-tests -Dapical.fixtures=DIR`, or `${apical.shared}/fixtures`):
/// `mnist-5J`, `mnist-5K`, `mnist-fixedTD` (BP_like_2E with learned, fixed and fixed-top-down dendritic
/// inhibition), `mnist-2L` (BP_like_2L), `mnist-tch2` (Hebbian_Temporal_Contrast), `mnist-hebb7` (Hebb_WeightNorm_4
/// with Top_Layer_BP_like_2L), `mnist-htcwn2` (BP_like_2L with Top_Down_Hebbian_Temporal_Contrast_1), and the
/// back-propagation baselines `mnist-bpdale-G` and `mnist-vanbp-G`. Without the fixtures the cases skip.
class ExportedFixtureParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"mnist-5J", "mnist-5K", "mnist-fixedTD", "mnist-2L", "mnist-tch2", "mnist-hebb7", "mnist-htcwn2",
            "mnist-bpdale-G", "mnist-vanbp-G"})
    void matchesEiann(String fixture) throws IOException {
        ParityReport report = ParityRunner.run(Shared.requireFixture(fixture), null);
        String failures = report.comparisons().stream().filter(c -> !c.pass())
                .map(c -> c.array() + ": " + (c.problem() != null ? c.problem() : c.failures() + "/" + c.elements()
                        + " outside " + c.tolerance() + ", max abs " + c.maxAbs() + ", worst " + c.worstValue() + " vs " + c.worstReference()))
                .collect(Collectors.joining("\n"));
        assertThat(report.comparisons()).hasSizeGreaterThan(30);
        assertThat(failures).as("arrays outside tolerance").isEmpty();
        assertThat(report.pass()).isTrue();
    }
}
