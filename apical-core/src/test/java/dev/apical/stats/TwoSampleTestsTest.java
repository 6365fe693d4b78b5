package dev.apical.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The statistics against values computed with scipy 1.10.1 (`scipy.stats.ttest_ind`, `mannwhitneyu(...,
/// method="asymptotic")`, `scipy.special.betainc`, `gammaln`, `erfc`), hard-coded here.
class TwoSampleTestsTest {
    // accuracy-like samples with ties and collapsed runs (25.25 %)
    static final double[] A = {87.5, 25.25, 91.0, 88.4, 25.25, 90.1, 86.7, 92.3, 89.0, 85.5, 25.25, 93.1};
    static final double[] B = {88.4, 90.2, 25.25, 87.0, 91.5, 89.9, 86.1, 25.25, 92.0, 88.4};
    static final double[] C = {1, 2, 3, 4, 5};
    static final double[] D = {6, 7, 8, 9, 10, 11};

    @Test
    void studentMatchesScipy() {
        var r = TwoSampleTests.student(A, B);
        assertThat(r.statistic()).isCloseTo(-0.2589053837439523, within(1e-12));
        assertThat(r.p()).isCloseTo(0.7983542469099488, within(1e-12));
        assertThat(r.df()).isEqualTo(20);
        var s = TwoSampleTests.student(C, D);
        assertThat(s.statistic()).isCloseTo(-5.196152422706632, within(1e-12));
        assertThat(s.p()).isCloseTo(0.0005669643108945606, within(1e-15));
    }

    @Test
    void welchMatchesScipy() {
        var r = TwoSampleTests.welch(A, B);
        assertThat(r.statistic()).isCloseTo(-0.260692802996391, within(1e-12));
        assertThat(r.p()).isCloseTo(0.7970325539616392, within(1e-12));
        assertThat(TwoSampleTests.welch(C, D).p()).isCloseTo(0.0005062450059388581, within(1e-15));
    }

    @Test
    void mannWhitneyMatchesScipyAsymptoticWithTies() {
        var r = TwoSampleTests.mannWhitney(A, B);
        assertThat(r.statistic()).isEqualTo(58.0);
        assertThat(r.p()).isCloseTo(0.9206744871376649, within(1e-12));
        var s = TwoSampleTests.mannWhitney(C, D);
        assertThat(s.statistic()).isEqualTo(0.0);
        assertThat(s.p()).isCloseTo(0.00811311726556578, within(1e-14));
    }

    @Test
    void specialFunctionsMatchScipy() {
        double[][] beta = {{0.3, 2.5, 0.5, 0.01892712407194565}, {0.9, 10, 0.5, 0.15164090963470997},
                {0.05, 0.5, 3, 0.40549695229472754}, {0.7, 30, 40, 0.9999986807222218}, {0.999, 1.5, 200, 0.9999999999999999}};
        for (double[] c : beta) assertThat(Distributions.regularizedBeta(c[0], c[1], c[2])).isCloseTo(c[3], within(1e-13));
        double[][] g = {{0.1, 2.252712651734206, 0.8875370839817152}, {1.0, 0.0, 0.15729920705028516},
                {2.5, 0.2846828704729192, 0.00040695201744495886}, {5.0, 3.1780538303479458, 1.5374597944280347e-12}};
        for (double[] c : g) {
            assertThat(Distributions.logGamma(c[0])).isCloseTo(c[1], within(1e-13));
            assertThat(Distributions.erfc(c[0])).isCloseTo(c[2], within(Math.abs(c[2]) * 1e-12));
        }
        assertThat(Distributions.studentTwoSided(2.1, 7)).isCloseTo(0.0738711962129226, within(1e-14));
        assertThat(Distributions.normalTwoSided(3.2)).isCloseTo(0.0013742758758316942, within(1e-15));
    }

    @Test
    void summaryStatistics() {
        var s = SampleSummary.of(new double[] {4, 1, 3, 2});
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.sd()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
        assertThat(s.sem()).isCloseTo(Math.sqrt(5.0 / 3) / 2, within(1e-15));
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(4);
    }

    @Test
    void undefinedCasesGiveNaN() {
        assertThat(TwoSampleTests.welch(new double[] {1}, new double[] {2, 3}).p()).isNaN();
        assertThat(TwoSampleTests.student(new double[] {1, 1}, new double[] {1, 1}).p()).isNaN();
    }
}
