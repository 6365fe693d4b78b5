package dev.apical.datasets;

import dev.apical.math.Mt19937;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/// Expected values printed by numpy 2.4 (`numpy.random.RandomState`).
class NumpyRandomStateTest {
    @Test
    void rawDrawsMatchMt19937() {
        Mt19937 mt = new Mt19937(0);
        assertThat(new long[] {mt.nextUInt32(), mt.nextUInt32(), mt.nextUInt32()})
                .containsExactly(2357136044L, 2546248239L, 3071714933L);
    }

    @Test
    void randomSampleIsBitExact() {
        NumpyRandomState rs = new NumpyRandomState(0);
        assertThat(new double[] {rs.randomSample(), rs.randomSample(), rs.randomSample()})
                .containsExactly(0.5488135039273248, 0.7151893663724195, 0.6027633760716439);
    }

    @Test
    void randnIsBitExact() {
        assertThat(new NumpyRandomState(0).randn(5)).containsExactly(1.764052345967664, 0.4001572083672233,
                0.9787379841057392, 2.240893199201458, 1.8675579901499675);
        assertThat(new NumpyRandomState(12345).randn(3))
                .containsExactly(-0.20470765948471295, 0.47894333805754824, -0.5194387150567381);
    }

    @Test
    void longRandnStreamStaysExact() {
        double[] x = new NumpyRandomState(0).randn(100001);
        assertThat(x[100000]).isEqualTo(-0.48379749195754734);
    }

    @Test
    void permutationMatchesNumpy() {
        assertThat(new NumpyRandomState(0).permutation(10)).containsExactly(2, 8, 4, 9, 1, 6, 7, 3, 0, 5);
        int[] p = new NumpyRandomState(0).permutation(5600);
        assertThat(java.util.Arrays.copyOf(p, 5)).containsExactly(731, 1569, 3682, 3932, 3167);
    }
}
