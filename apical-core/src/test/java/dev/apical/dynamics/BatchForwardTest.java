package dev.apical.dynamics;

import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.config.ConfigLoader;
import dev.apical.testing.Shared;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// Batched evaluation equals the per-sample forward dynamics: outputs within 1e-5 of each other (float
/// summation order differs between the matrix product and the matrix-vector product), on EIANN's recurrent
/// E/I spiral networks and a batch size that leaves a partial last block.
class BatchForwardTest {

    @ParameterizedTest
    @ValueSource(strings = {"spiral-bpdale", "spiral-dtp", "spiral-vanbp"})
    void batchEqualsPerSample(String fixture) throws IOException {
        Model model = ModelBuilder.build(ConfigLoader.load(Shared.require("fixtures/" + fixture + "/config.yaml")), 5);
        int n = 37, in = model.network().input().size(), out = model.network().output().size();
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[n * in];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        BatchForward batch = new BatchForward(model.network(), model.dynamics().forwardSteps(), 64);
        float[] y = batch.run(x, n).clone();
        float[] row = new float[in];
        for (int b = 0; b < n; b++) {
            System.arraycopy(x, b * in, row, 0, in);
            model.forward(row);
            for (int k = 0; k < out; k++)
                assertThat(y[b * out + k]).as("sample %d unit %d", b, k).isCloseTo(model.network().output().activity[k], within(1e-5f));
        }
    }
}
