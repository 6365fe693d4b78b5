package dev.apical.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apical.spec.Arg;
import dev.apical.spec.Bounds;
import dev.apical.spec.NetworkSpec;
import dev.apical.spec.PopulationSpec;
import dev.apical.spec.ProjectionSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// Scalars are typed as PyYAML's SafeLoader types them (YAML 1.1), and order is kept.
class PyYamlSemanticsTest {
    private static Map<String, Arg> kwargs(String values) {
        String yaml = """
                layer_config:
                  Input: {E: {size: 2}}
                  Output: {E: {size: 1}}
                projection_config:
                  Output:
                    E:
                      Input:
                        E:
                          learning_rule: Rule
                          learning_rule_kwargs:
                """ + values.indent(12);
        return ConfigLoader.parse(yaml, "t.yaml").projections().getFirst().rule().kwargs();
    }

    private static Object value(String scalar) {
        return kwargs("v: " + scalar).get("v").value();
    }

    @Test
    void booleans() {
        for (String t : List.of("True", "true", "TRUE", "yes", "Yes", "on", "ON")) assertThat(value(t)).as(t).isEqualTo(true);
        for (String f : List.of("False", "no", "NO", "off", "Off")) assertThat(value(f)).as(f).isEqualTo(false);
    }

    @Test
    void nulls() {
        assertThat(value("~")).isNull();
        assertThat(value("null")).isNull();
        assertThat(value("NULL")).isNull();
        assertThat(value("")).isNull();
        assertThat(value("None")).isEqualTo("None");
    }

    @Test
    void integers() {
        assertThat(value("010")).isEqualTo(8L);
        assertThat(value("1_000")).isEqualTo(1000L);
        assertThat(value("-0x1F")).isEqualTo(-31L);
        assertThat(value("0b101")).isEqualTo(5L);
        assertThat(value("+7")).isEqualTo(7L);
        assertThat(value("0")).isEqualTo(0L);
        assertThat(value("1:30")).isEqualTo(90L);
        assertThat(value("0o17")).as("YAML 1.2 octal is a string in 1.1").isEqualTo("0o17");
    }

    @Test
    void floats() {
        assertThat(value("0.5")).isEqualTo(0.5);
        assertThat(value("1.")).isEqualTo(1.0);
        assertThat(value(".5")).isEqualTo(0.5);
        assertThat(value("1_000.5")).isEqualTo(1000.5);
        assertThat(value("1.0e-4")).isEqualTo(1.0e-4);
        assertThat(value("-.inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) value(".NaN")).isNaN();
        assertThat(value("1e-4")).as("no dot: a string in YAML 1.1").isEqualTo("1e-4");
        assertThat(value("1.0e5")).as("unsigned exponent: a string in YAML 1.1").isEqualTo("1.0e5");
    }

    @Test
    void quotedScalarsAreStrings() {
        assertThat(value("'3'")).isEqualTo("3");
        assertThat(value("\"true\"")).isEqualTo("true");
        assertThat(value("!!str 3")).isEqualTo("3");
        assertThat(value("!!float 3")).isEqualTo(3.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void collectionsAndTuples() {
        Object tuple = value("!!python/tuple [1, 2.5, null]");
        assertThat(tuple).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .extracting(a -> ((Arg) a).value()).containsExactly(1L, 2.5, null);
        Object map = value("{b: 1, a: 2, c: 3}");
        assertThat(String.join(",", ((Map<String, ?>) map).keySet())).isEqualTo("b,a,c");
    }

    @Test
    void keyOrderIsKept() {
        String yaml = """
                layer_config:
                  Input: {E: {size: 3}}
                  Z: {B: {size: 1}, A: {size: 2}}
                  A: {E: {size: 1, output_pop: yes}}
                projection_config:
                  Z.B: {Input.E: {type: exc}}
                  Z.A: {Input.E: {type: inh, learning_rule: None}}
                  A.E: {Z.B: {weight_bounds: [~, 1]}, Z.A: {}, Input.E: null}
                """;
        NetworkSpec spec = ConfigLoader.parse(yaml, "t.yaml");
        assertThat(spec.populations()).extracting(p -> p.id().toString()).containsExactly("Input.E", "Z.B", "Z.A", "A.E");
        assertThat(spec.projections()).extracting(ProjectionSpec::name)
                .containsExactly("ZB_InputE", "ZA_InputE", "AE_ZB", "AE_ZA", "AE_InputE");
        assertThat(spec.projections().get(0).bounds()).isEqualTo(new Bounds(0, Double.POSITIVE_INFINITY));
        assertThat(spec.projections().get(1).bounds()).isEqualTo(new Bounds(Double.NEGATIVE_INFINITY, 0));
        assertThat(spec.projections().get(1).rule()).isNull();
        assertThat(spec.projections().get(2).bounds()).isEqualTo(new Bounds(Double.NEGATIVE_INFINITY, 1));
        assertThat(spec.output().id().toString()).isEqualTo("A.E");
        assertThat(spec.training().forwardSteps()).isEqualTo(1);
        assertThat(spec.training().backwardSteps()).isEqualTo(1);
        assertThat(spec.sha256()).isEqualTo(ConfigLoader.sha256(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void simplifiedBiasAndBiasRules() {
        String yaml = """
                layer_config:
                  Input: {E: {size: 2, activation: ignored_for_input}}
                  H: {E: {size: 4, bias: "uniform(-1, 1)", tau: 2}, I: {size: 2, bias_learning_rule: BackpropBias,
                      bias_learning_rule_kwargs: {learning_rate: 0.5}, bias_bounds: [-1, null]},
                      N: {size: 1, include_bias: true, bias_learning_rule: 'None', bias_init: zero_}}
                projection_config: {H: {E: {Input: {E: {weight_init: clone, weight_init_args: {source: X}}}}}}
                """;
        NetworkSpec spec = ConfigLoader.parse(yaml, "t.yaml");
        List<PopulationSpec> h = spec.layers().get(1).populations();
        assertThat(h.get(0).bias().include()).isTrue();
        assertThat(h.get(0).bias().init().name()).isEqualTo("uniform_");
        assertThat(h.get(0).bias().init().args()).extracting(Arg::value).containsExactly(-1.0, 1.0);
        assertThat(h.get(0).tau()).isEqualTo(2.0);
        assertThat(h.get(1).bias().include()).as("a bias rule forces include_bias").isTrue();
        assertThat(h.get(1).bias().rule().kwargs().get("learning_rate").value()).isEqualTo(0.5);
        assertThat(h.get(1).bias().bounds()).isEqualTo(new Bounds(-1, Double.POSITIVE_INFINITY));
        assertThat(h.get(2).bias().rule()).isNull();
        assertThat(h.get(2).bias().init().name()).isEqualTo("zero_");
        assertThat(spec.input().activation().name()).isEqualTo("linear");
        assertThat(spec.projections().getFirst().init().kwargs().get("source").value()).isEqualTo("X");
    }
}
