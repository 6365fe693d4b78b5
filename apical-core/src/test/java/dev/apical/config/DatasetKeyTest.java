package dev.apical.config;

import dev.apical.spec.ConfigException;
import dev.apical.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// The optional top-level `dataset` key: a name, or a mapping with a name and the dataset's options.
class DatasetKeyTest {
    private static final String NET = """
            layer_config:
              Input: {E: {size: 2}}
              Output: {E: {size: 4, activation: relu}}
            projection_config:
              Output: {E: {Input: {E: {}}}}
            """;

    @Test
    void absentPlainAndMappingForms() {
        assertThat(ConfigLoader.parse(NET, "a.yaml").dataset()).isNull();
        NetworkSpec plain = ConfigLoader.parse(NET + "dataset: mnist\n", "b.yaml");
        assertThat(plain.dataset().name()).isEqualTo("mnist");
        assertThat(plain.dataset().options()).isEmpty();
        NetworkSpec mapping = ConfigLoader.parse(NET + "dataset: {name: spiral, split: optimization, seed: 3}\n", "c.yaml");
        assertThat(mapping.dataset().name()).isEqualTo("spiral");
        assertThat(mapping.dataset().options()).isEqualTo(Map.of("split", "optimization", "seed", "3"));
        assertThat(mapping.dataset().options().keySet()).containsExactly("split", "seed");
    }

    @Test
    void mappingWithoutNameIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse(NET + "dataset: {split: optimization}\n", "d.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("d.yaml:6:10: dataset: a dataset mapping needs 'name' (e.g. {name: spiral, split: optimization}).");
    }
}
