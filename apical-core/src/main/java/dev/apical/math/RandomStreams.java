package dev.apical.math;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/// Independent, named random streams derived from one root seed. A stream's numbers depend only on the
/// root seed and the stream's name, so adding a projection or a stochastic rule never shifts anyone
/// else's random numbers (unlike a single global generator).
public final class RandomStreams {
    private final long root;

    public RandomStreams(long root) {
        this.root = root;
    }

    public long root() {
        return root;
    }

    /// A fresh generator for `name` (e.g. `init/H1E_InputE`). Same root and name give the same sequence.
    public SplittableRandom stream(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(mix(root ^ mix(h)));
    }

    /// Uniform float in [lo, hi) drawn from `r`.
    public static float uniform(SplittableRandom r, double lo, double hi) {
        return (float) (lo + (hi - lo) * r.nextDouble());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
