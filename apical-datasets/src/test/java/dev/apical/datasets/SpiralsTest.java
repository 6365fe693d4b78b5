package dev.apical.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apical.data.DataSplit;
import dev.apical.data.Dataset;
import dev.apical.io.Npy;
import dev.apical.io.NpyArray;
import dev.apical.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpiralsTest {
    /// 2 float32 ulps at magnitude ~1.
    private static final float TOLERANCE = 3e-7f;

    @Test
    void shapesLabelsAndArmOrder() {
        SpiralPoints p = Spirals.generate(100, 4, 0.16, 0, 0.0);
        assertThat(p.size()).isEqualTo(400);
        for (int i = 0; i < 400; i++) assertThat(p.labels()[i]).isEqualTo(i / 100);
        for (int k = 0; k < 4; k++) {
            assertThat(p.x1(k * 100)).isZero();
            assertThat(p.x2(k * 100)).isZero();
            // the arm ends at radius ~1 and angle pi + k pi/2 (sin, cos) = (-sin(k pi/2), -cos(k pi/2))
            int last = k * 100 + 99;
            assertThat((double) p.x1(last)).isCloseTo(-Math.sin(k * Math.PI / 2), org.assertj.core.data.Offset.offset(0.7));
            assertThat((double) p.x2(last)).isCloseTo(-Math.cos(k * Math.PI / 2), org.assertj.core.data.Offset.offset(0.7));
        }
        assertThat(Spirals.generate(100, 4, 0.16, 0, 0.0).coordinates()).isEqualTo(p.coordinates());
        assertThat(Spirals.generate(100, 4, 0.16, 1, 0.0).coordinates()).isNotEqualTo(p.coordinates());
    }

    @Test
    void linspaceEndsExactly() {
        float[] t = TorchCpuRandom.linspace(0f, 1f, 1400);
        assertThat(t[0]).isZero();
        assertThat(t[1399]).isEqualTo(1f);
        for (int i = 1; i < t.length; i++) assertThat(t[i]).isGreaterThan(t[i - 1]);
    }

    @Test
    void splitSizesAndOptimizationBug() {
        DataSplit e = SpiralTask.split(SpiralTask.SplitMode.EIANN_LOADER);
        assertThat(new int[] {e.train().size(), e.validation().size(), e.test().size()}).containsExactly(5600, 1200, 1200);
        assertThat(e.train().name()).isEqualTo("spiral/train");
        assertThat(e.validation().sha256()).isNotEqualTo(e.test().sha256());
        DataSplit o = SpiralTask.split(SpiralTask.SplitMode.OPTIMIZATION);
        assertThat(o.validation().sha256()).isEqualTo(o.test().sha256());
        assertThat(o.train().sha256()).isEqualTo(e.train().sha256());
        assertThat(o.train().inputSize()).isEqualTo(2);
        assertThat(o.train().targetSize()).isEqualTo(4);
        assertThat(o.train().label(1400)).isEqualTo(1);
    }

    @Test
    void registry() {
        assertThat(Datasets.names()).contains("spiral");
        DataSplit s = Datasets.split("spiral", Map.of("split", "optimization", "seed", "0"));
        assertThat(s.validation().sha256()).isEqualTo(s.test().sha256());
        assertThatThrownBy(() -> Datasets.split("spirals", Map.of()))
                .hasMessage("unknown dataset 'spirals'. Did you mean 'spiral'? Valid names: spiral, mnist, fashion-mnist, cifar10, csv:DIR, npy:DIR");
        assertThatThrownBy(() -> Datasets.split("spiral", Map.of("sed", "1")))
                .hasMessageContaining("Did you mean 'seed'?");
        assertThatThrownBy(() -> Datasets.split("spiral", Map.of("split", "paper")))
                .hasMessageContaining("'eiann', 'optimization' or 'poster'");
    }

    @Test
    void matchesEiannFixtures() throws Exception {
        Path dir = fixtureDir();
        NpyArray inputs = Npy.read(dir.resolve("inputs.npy"));
        var indices = Json.read(dir.resolve("manifest.json")).path("order").path("sample_indices");
        SpiralPoints train = Spirals.generate(1400, 4, 0.16, 0, 0.0);
        assertThat(indices.size()).isEqualTo(inputs.rows());
        for (int r = 0; r < inputs.rows(); r++) {
            int k = indices.get(r).asInt();
            assertThat(train.x1(k)).as("train[%d].x1", k).isCloseTo(inputs.get(r, 0), org.assertj.core.data.Offset.offset(TOLERANCE));
            assertThat(train.x2(k)).as("train[%d].x2", k).isCloseTo(inputs.get(r, 1), org.assertj.core.data.Offset.offset(TOLERANCE));
        }
        NpyArray val = Npy.read(dir.resolve("eval/val_inputs.npy"));
        Dataset v = SpiralTask.split(SpiralTask.SplitMode.EIANN_LOADER).validation();
        float[] x = new float[2];
        for (int r = 0; r < val.rows(); r++) {
            v.input(r, x);
            assertThat(x[0]).as("val[%d].x1", r).isCloseTo(val.get(r, 0), org.assertj.core.data.Offset.offset(TOLERANCE));
            assertThat(x[1]).as("val[%d].x2", r).isCloseTo(val.get(r, 1), org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }

    private static Path fixtureDir() {
        String shared = System.getProperty("apical.shared");
        Path dir = shared == null ? null : Path.of(shared, "fixtures", "spiral-bpdale");
        assumeTrue(dir != null && Files.isDirectory(dir),
                "EIANN fixtures not found at " + (dir == null ? "(system property apical.shared unset)" : dir));
        return dir;
    }
}
