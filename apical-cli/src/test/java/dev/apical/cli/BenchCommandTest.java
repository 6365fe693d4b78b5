package dev.apical.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apical.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/// `apical bench` on the spiral task with the bundled config and a few samples.
class BenchCommandTest {
    @Test
    void reportsThroughputAllocationFlopsAndProtocolAsTableAndJson(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("bench.json");
        CliTest.Result r = CliTest.run("bench", "--samples", "200", "--warmup", "20", "--warmup-seconds", "0", "--forward-samples", "50",
                "--threads", "1", "--out", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("training, online", "forward, per sample", "same, dense products (baseline)",
                "bytes per training sample", "GFLOP/s", "bare 500x784 GEMV", "dense-equivalent", "executed",
                "protocol     estimated: 200 training samples + 3 validations of 1200");
        // the bundled network's products run mostly through column copies: it evaluates sample by sample
        assertThat(r.out()).contains("evaluation, per sample (1 thr)");

        JsonNode m = Json.read(json);
        assertThat(m.path("training").path("samples").asLong()).isEqualTo(200);
        for (String part : new String[] {"training", "evaluation", "forward_per_sample"}) {
            assertThat(m.path(part).path("samples_per_second_wall").asDouble()).as(part).isPositive();
            assertThat(m.path(part).path("samples_per_second_cpu").asDouble()).as(part).isPositive();
        }
        assertThat(m.path("training").path("bytes_per_sample").isNumber()).isTrue();
        assertThat(m.path("training").path("bytes_per_sample_steady").isNumber()).isTrue();
        assertThat(m.path("evaluation").path("method").asText()).isEqualTo("per_sample");
        assertThat(m.path("forward_per_sample").path("executed_flops_per_sample").asDouble())
                .isPositive().isLessThanOrEqualTo(m.path("forward_per_sample").path("flops_per_sample").asDouble());
        assertThat(m.path("forward_per_sample_dense").path("samples_per_second_wall").asDouble()).isPositive();
        assertThat(m.path("forward_per_sample").path("flops_per_sample").asLong()).isPositive();
        assertThat(m.path("gemv_500x784_gflops").asDouble()).isPositive();
        JsonNode p = m.path("protocol");
        assertThat(p.path("measured").asBoolean()).isFalse();
        assertThat(p.path("validations").asInt()).isEqualTo(3);
        assertThat(p.path("validation_samples").asInt()).isEqualTo(1200);
        assertThat(p.path("total_seconds").asDouble())
                .isCloseTo(p.path("train_seconds").asDouble() + p.path("validation_seconds").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.path("dataset").path("name").asText()).isEqualTo("spiral");
    }

    @Test
    void measuresTheProtocolWhenAsked() {
        CliTest.Result r = CliTest.run("bench", "--samples", "150", "--warmup", "0", "--warmup-seconds", "0", "--forward-samples", "10",
                "--threads", "2", "--protocol", "--val-interval", "0,-1,50");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("protocol     measured: 150 training samples + 4 validations of 1200");
    }

    @Test
    void rejectsAnUnknownRandomScheme() {
        CliTest.Result r = CliTest.run("bench", "--samples", "5", "--rng", "numpy");
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("--rng must be apical or eiann");
    }
}
