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

/// With the EIANN random scheme, a network seed reproduces EIANN's initial parameters bit for bit: the
/// fixtures' `initial/` arrays were drawn by EIANN with torch.manual_seed(66049).
class EiannInitTest {

    @ParameterizedTest
    @ValueSource(strings = {"spiral-vanbp", "spiral-bpdale"})
    void reproducesEiannInitialWeightsBitForBit(String fixture) throws IOException {
        Path dir = Shared.require("fixtures/" + fixture);
        Fixture f = new Fixture(dir);
        Model model = ModelBuilder.build(ConfigLoader.load(f.config()), f.networkSeed(), RngScheme.EIANN);
        var params = model.parameters();
        assertThat(params).isNotEmpty();
        for (var e : params.entrySet()) {
            float[] ref = Npy.read(dir.resolve("initial").resolve(e.getKey() + ".npy")).data();
            assertThat(e.getValue()).as(e.getKey()).containsExactly(ref);
        }
    }
}
