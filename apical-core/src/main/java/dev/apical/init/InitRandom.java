package dev.apical.init;

import dev.apical.math.RandomStreams;
import dev.apical.math.TorchRandom;

import java.util.SplittableRandom;

/// The random draws an initialiser needs.
public interface InitRandom {
    /// Fills `out` with U(lo, hi).
    void uniform(float[] out, double lo, double hi);

    /// Fills `out` with N(mean, std²).
    void normal(float[] out, double mean, double std);

    /// Draws from one of Apical's named streams.
    static InitRandom of(SplittableRandom r) {
        return new InitRandom() {
            @Override
            public void uniform(float[] out, double lo, double hi) {
                for (int i = 0; i < out.length; i++) out[i] = RandomStreams.uniform(r, lo, hi);
            }

            @Override
            public void normal(float[] out, double mean, double std) {
                for (int i = 0; i < out.length; i++) out[i] = (float) (mean + std * r.nextGaussian());
            }
        };
    }

    /// Draws from PyTorch's CPU generator as `Tensor.uniform_` does; normal draws cannot be reproduced.
    static InitRandom of(TorchRandom t) {
        return new InitRandom() {
            @Override
            public void uniform(float[] out, double lo, double hi) {
                t.uniform(out, lo, hi);
            }

            @Override
            public void normal(float[] out, double mean, double std) {
                throw new IllegalStateException("normal_ initialisation cannot be reproduced with the EIANN random scheme");
            }
        };
    }
}
