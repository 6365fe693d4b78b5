package dev.apical.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apical.spec.Bounds;
import dev.apical.spec.Compartment;
import dev.apical.spec.Direction;
import dev.apical.spec.LayerSpec;
import dev.apical.spec.NetworkSpec;
import dev.apical.spec.PopulationId;
import dev.apical.spec.PopulationSpec;
import dev.apical.spec.ProjectionSpec;
import dev.apical.spec.UpdatePhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/// Every published EIANN config and every fixture config loads, and selected ones have the shapes their
/// files say. Reads `${apical.shared}`; skips when it is absent.
class EiannConfigsLoadTest {
    private static Path shared(String sub) {
        String root = System.getProperty("apical.shared", "../shared");
        Path dir = Path.of(root).resolve(sub);
        assumeTrue(Files.isDirectory(dir), () -> "shared directory " + dir.toAbsolutePath() + " is missing; skipping");
        return dir;
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyConfigLoads() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("spiral", "mnist", "MNIST_templates")) files.addAll(yamlFiles(shared("eiann-configs/" + sub)));
        try (Stream<Path> s = Files.list(shared("fixtures"))) {
            s.map(d -> d.resolve("config.yaml")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getParent().getFileName() + "/" + f.getFileName(), () -> {
            NetworkSpec spec = ConfigLoader.load(f);
            assertThat(spec.layers()).isNotEmpty();
            assertThat(spec.projections()).isNotEmpty();
            assertThat(spec.source()).isEqualTo(f.toString());
            assertThat(spec.sha256()).hasSize(64).isEqualTo(ConfigLoader.sha256(Files.readAllBytes(f)));
            assertThat(spec.input().id()).isEqualTo(new PopulationId("Input", "E"));
        }));
    }

    @Test
    void spiralBpDale() {
        NetworkSpec spec = ConfigLoader.load(shared("eiann-configs/spiral")
                .resolve("20250108_EIANN_2_hidden_spiral_bpDale_fixed_SomaI_learned_bias_config_complete_optimized.yaml"));
        assertThat(spec.layers()).extracting(LayerSpec::name).containsExactly("Input", "H1", "H2", "Output");
        assertThat(size(spec, "H1.E")).isEqualTo(128);
        assertThat(size(spec, "H1.SomaI")).isEqualTo(32);
        assertThat(spec.projections()).hasSize(15);
        assertThat(spec.projections().stream().map(ProjectionSpec::name).toList()).startsWith(
                "H1E_InputE", "H1E_H1SomaI", "H1SomaI_InputE", "H1SomaI_H1E", "H1SomaI_H1SomaI", "H2E_H1E");

        ProjectionSpec first = spec.projections().getFirst();
        assertThat(first.post()).isEqualTo(PopulationId.parse("H1.E"));
        assertThat(first.pre()).isEqualTo(PopulationId.parse("Input.E"));
        assertThat(first.direction()).isEqualTo(Direction.FORWARD);
        assertThat(first.updatePhase()).isEqualTo(UpdatePhase.FORWARD);
        assertThat(first.compartment()).isEqualTo(Compartment.SOMA);
        assertThat(first.bounds()).isEqualTo(new Bounds(0, Double.POSITIVE_INFINITY));
        assertThat(first.init().name()).isEqualTo("half_kaiming");
        assertThat(first.init().args()).singleElement().satisfies(a -> assertThat(a.value()).isEqualTo(2.3272180408302083));
        assertThat(first.rule().name()).isEqualTo("Backprop");
        assertThat(first.rule().kwargs().get("learning_rate").value()).isEqualTo(0.1769523365865042);
        assertThat(first.at().keyPath()).isEqualTo("projection_config.H1.E.Input.E");
        assertThat(first.at().line()).isEqualTo(43);

        ProjectionSpec somaIRecurrent = spec.projections().get(4);
        assertThat(somaIRecurrent.direction()).isEqualTo(Direction.RECURRENT);
        assertThat(somaIRecurrent.bounds()).isEqualTo(new Bounds(Double.NEGATIVE_INFINITY, 0));
        assertThat(somaIRecurrent.constraint().name()).isEqualTo("no_autapses");
        assertThat(somaIRecurrent.rule()).isNull();

        PopulationSpec h1e = spec.population(PopulationId.parse("H1.E")).orElseThrow();
        assertThat(h1e.activation().name()).isEqualTo("relu");
        assertThat(h1e.bias().include()).isTrue();
        assertThat(h1e.bias().init().name()).isEqualTo("scaled_kaiming");
        assertThat(h1e.bias().rule().name()).isEqualTo("BackpropBias");
        assertThat(spec.population(PopulationId.parse("H1.SomaI")).orElseThrow().bias().include()).isFalse();
        assertThat(spec.output().id()).isEqualTo(PopulationId.parse("Output.E"));

        assertThat(spec.training().tau()).isEqualTo(3.0);
        assertThat(spec.training().forwardSteps()).isEqualTo(15);
        assertThat(spec.training().backwardSteps()).isEqualTo(3);
        assertThat(spec.training().learningRate()).isEqualTo(0.2);
        assertThat(spec.training().optimizer().name()).isEqualTo("SGD");
        assertThat(spec.training().criterion().name()).isEqualTo("MSELoss");
    }

    @Test
    void mnist5J() {
        NetworkSpec spec = ConfigLoader.load(shared("eiann-configs/mnist")
                .resolve("20241009_EIANN_2_hidden_mnist_BP_like_config_5J_complete_optimized.yaml"));
        assertThat(spec.projections()).hasSize(23);
        ProjectionSpec topDown = spec.projections().stream().filter(p -> p.name().equals("H1E_H2E")).findFirst().orElseThrow();
        assertThat(topDown.compartment()).isEqualTo(Compartment.DENDRITE);
        assertThat(topDown.updatePhase()).isEqualTo(UpdatePhase.BACKWARD);
        assertThat(topDown.direction()).isEqualTo(Direction.FORWARD);
        assertThat(topDown.constraint().name()).isEqualTo("clone_weight");
        assertThat(topDown.constraint().kwargs().get("source").value()).isEqualTo("H2.E.H1.E");
        assertThat(topDown.constraint().kwargs().get("transpose").value()).isEqualTo(true);
        assertThat(topDown.constraint().kwargs().get("scale").value()).isEqualTo(0.4982674648887008);
        assertThat(topDown.init().name()).isEqualTo("half_kaiming");
        assertThat(topDown.init().args()).isEmpty();
        assertThat(topDown.rule()).isNull();

        ProjectionSpec first = spec.projections().getFirst();
        assertThat(first.rule().name()).isEqualTo("BP_like_2E");
        assertThat(first.rule().kwargs()).containsOnlyKeys("learning_rate", "max_pop_fraction", "stochastic", "relu_gate");
        assertThat(first.rule().kwargs().get("stochastic").value()).isEqualTo(false);

        assertThat(spec.training().tau()).isEqualTo(3.0);
        assertThat(spec.training().forwardSteps()).isEqualTo(15);
        assertThat(spec.training().backwardSteps()).isEqualTo(0);
        assertThat(spec.training().learningRate()).isEqualTo(0.9553728);
    }

    @Test
    void dottedTemplate() {
        NetworkSpec spec = ConfigLoader.load(shared("eiann-configs/MNIST_templates")
                .resolve("EIANN_1_hidden_mnist_almostBP2_simpleFF_dendI_learnedFB.yaml"));
        assertThat(spec.projections()).extracting(ProjectionSpec::name)
                .containsExactly("H1E_InputE", "H1E_H1DendI", "H1E_OutputE", "H1DendI_H1E", "OutputE_H1E");
        ProjectionSpec dendI = spec.projections().get(1);
        assertThat(dendI.compartment()).isEqualTo(Compartment.DENDRITE);
        assertThat(dendI.updatePhase()).isEqualTo(UpdatePhase.BACKWARD);
        assertThat(dendI.rule()).as("learning_rule: None").isNull();
        assertThat(dendI.constraint().kwargs().get("sign").value()).isEqualTo(-1L);
        assertThat(dendI.at().keyPath()).isEqualTo("projection_config.H1.E.H1.DendI");
        assertThat(spec.projections().get(2).rule()).as("commented-out rule").isNull();
        assertThat(spec.projections().getFirst().rule().name()).isEqualTo("almost_backprop2");
        assertThat(spec.projections().getFirst().init()).isNull();
        assertThat(spec.projections().getFirst().bounds()).isEqualTo(Bounds.NONE);
        assertThat(spec.training().learningRate()).isEqualTo(0.005);
    }

    /// The fixtures' manifests list the projections in EIANN's order with their settings; the loader must agree.
    @TestFactory
    Stream<DynamicTest> fixtureManifestsAgree() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(shared("fixtures"))) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("manifest.json"))).sorted().toList();
        }
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            NetworkSpec spec = ConfigLoader.load(d.resolve("config.yaml"));
            JsonNode net = new ObjectMapper().readTree(d.resolve("manifest.json").toFile()).get("network");
            JsonNode projections = net.get("projections");
            assertThat(spec.projections()).hasSize(projections.size());
            for (int i = 0; i < projections.size(); i++) {
                JsonNode m = projections.get(i);
                ProjectionSpec p = spec.projections().get(i);
                assertThat(p.name()).isEqualTo(m.get("name").asText());
                assertThat(p.direction()).isEqualTo(m.get("direction").asText().startsWith("R") ? Direction.RECURRENT : Direction.FORWARD);
                assertThat(p.updatePhase().name().toLowerCase()).isEqualTo(phase(m.get("update_phase").asText()));
                assertThat(p.compartment()).isEqualTo(m.get("compartment").isNull() ? Compartment.SOMA : Compartment.DENDRITE);
                assertThat(p.rule() == null ? null : p.rule().name())
                        .isEqualTo(m.get("learning_rule").isNull() ? null : m.get("learning_rule").asText());
                JsonNode b = m.get("weight_bounds");
                Bounds expected = b == null || b.isNull() ? Bounds.NONE : new Bounds(
                        b.get(0).isNull() ? Double.NEGATIVE_INFINITY : b.get(0).asDouble(),
                        b.get(1).isNull() ? Double.POSITIVE_INFINITY : b.get(1).asDouble());
                assertThat(p.bounds()).as(p.name()).isEqualTo(expected);
            }
            for (JsonNode pop : net.get("populations")) {
                PopulationSpec p = spec.population(new PopulationId(pop.get("layer").asText(), pop.get("population").asText())).orElseThrow();
                assertThat(p.size()).isEqualTo(pop.get("size").asInt());
                assertThat(p.bias().include()).isEqualTo(pop.get("include_bias").asBoolean());
            }
        }));
    }

    private static String phase(String eiann) {
        return switch (eiann) {
            case "F", "forward" -> "forward";
            case "B", "backward" -> "backward";
            default -> "all";
        };
    }

    private static int size(NetworkSpec spec, String id) {
        return spec.population(PopulationId.parse(id)).orElseThrow().size();
    }
}
