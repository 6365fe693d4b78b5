package dev.apical.parity;

import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.config.ConfigLoader;
import dev.apical.io.Npy;
import dev.apical.math.RngScheme;
import dev.apical.testing.Shared;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/// With the EIANN random scheme, a network seed reproduces EIANN's initial parameters: the fixtures'
/// `initial/` arrays were drawn by EIANN with torch.manual_seed(66049). Drawn weights match bit for bit;
/// weights rescaled by `normalize_weight` at build time match to relative 1e-6 (a few float32 ulps), because
/// torch sums each row's absolute values in a different order.
class EiannInitTest {

    @ParameterizedTest
    @ValueSource(strings = {"spiral-vanbp", "spiral-bpdale", "spiral-dtp"})
    void reproducesEiannInitialWeightsBitForBit(String fixture) throws IOException {
        Path dir = Shared.require("fixtures/" + fixture);
        Fixture f = new Fixture(dir);
        Model model = ModelBuilder.build(ConfigLoader.load(f.config()), f.networkSeed(), RngScheme.EIANN);
        var params = model.parameters();
        assertThat(params).isNotEmpty();
        for (var e : params.entrySet()) {
            float[] ref = Npy.read(dir.resolve("initial").resolve(e.getKey() + ".npy")).data();
            var constraint = e.getKey().endsWith(".bias") ? null : model.network().projection(e.getKey()).spec().constraint();
            if (constraint != null && constraint.name().equals("normalize_weight")) {
                assertThat(e.getValue()).hasSameSizeAs(ref);
                for (int i = 0; i < ref.length; i++)
                    assertThat(e.getValue()[i]).as(e.getKey() + "[" + i + "]").isCloseTo(ref[i], org.assertj.core.data.Offset.offset(1e-6f * Math.abs(ref[i])));
            } else {
                assertThat(e.getValue()).as(e.getKey()).containsExactly(ref);
            }
        }
    }
}
