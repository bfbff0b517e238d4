import CLVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import CLVRandom

/// The statistical helpers must accept correct samplers and clearly reject wrong ones.
@Suite struct TestSupportTests {
    /// scipy.special.kolmogorov references, 1e-12 relative.
    @Test func kolmogorovSurvivalMatchesReference() {
        let cases: [(Double, Double)] = [
            (0.3, 0.9999906941986655), (0.5, 0.9639452436648751), (1.0, 0.26999967167735456),
            (1.36, 0.049485876755377876), (2.0, 0.0006709252557796953),
        ]
        for (lambda, expected) in cases {
            let got = KolmogorovSmirnov.kolmogorovSurvival(lambda)
            #expect(relativeError(got, expected) < 1e-12, "Q_KS(\(lambda)) = \(got)")
        }
    }

    @Test func kolmogorovSmirnovRejectsAShiftedNormal() {
        let x = Draws.collect(20_000, seed: 700) { Sampler.normal(mean: 0.05, sd: 1, using: &$0) }
        let phi: (Double) -> Double = { 0.5 * erfc(-$0 / 2.0.squareRoot()) }
        #expect(KolmogorovSmirnov.test(x, cdf: phi).pValue < 1e-4)
        let centred = x.map { $0 - 0.05 }
        #expect(KolmogorovSmirnov.test(centred, cdf: phi).pValue > 1e-4)
    }

    @Test func kolmogorovSmirnovRejectsAWrongShape() {
        let x = Draws.collect(20_000, seed: 701) { Sampler.gamma(shape: 3, scale: 1, using: &$0) }
        let wrong = KolmogorovSmirnov.test(x) { SpecialFunctions.regularizedGammaP(a: 3.1, x: $0) }
        #expect(wrong.pValue < 1e-4, "\(wrong)")
    }

    @Test func statisticOfAKnownSample() {
        // Uniform CDF, samples {0.1, 0.4, 0.7}: D = max(1/3 − 0.1, 0.4 − 1/3, 2/3 − 0.4, 0.7 − 2/3, 1 − 0.7) = 0.3.
        let d = KolmogorovSmirnov.statistic([0.7, 0.1, 0.4]) { Swift.min(1, Swift.max(0, $0)) }
        #expect(abs(d - 0.3) < 1e-15)
    }

    /// scipy.stats.ks_2samp's statistics: {1, 2, 3} against {2.5, 4} is 2/3; with ties between the
    /// samples, {1, 2, 2, 3} against {2, 2, 5} is 1/3 (after 2: 3/4 against 2/3; after 3: 1 against 2/3).
    @Test func twoSampleStatisticOfKnownSamples() {
        #expect(abs(KolmogorovSmirnov.twoSampleStatistic([3, 1, 2], [4, 2.5]) - 2.0 / 3) < 1e-15)
        #expect(abs(KolmogorovSmirnov.twoSampleStatistic([1, 2, 2, 3], [2, 5, 2]) - 1.0 / 3) < 1e-15)
        #expect(KolmogorovSmirnov.twoSampleStatistic([1, 2], [1, 2]) == 0)
    }

    @Test func twoSampleKolmogorovSmirnovRejectsAShift() {
        let x = Draws.collect(20_000, seed: 702) { Sampler.normal(mean: 0, sd: 1, using: &$0) }
        let y = Draws.collect(20_000, seed: 703) { Sampler.normal(mean: 0, sd: 1, using: &$0) }
        let same = KolmogorovSmirnov.twoSampleTest(x, y)
        #expect(same.pValue > 1e-4, "\(same)")
        let shifted = KolmogorovSmirnov.twoSampleTest(x, y.map { $0 + 0.1 })
        #expect(shifted.pValue < 1e-4, "\(shifted)")
    }

    /// scipy.stats.chi2.sf references, 1e-12 relative.
    @Test func chiSquarePValueMatchesReference() {
        #expect(relativeError(ChiSquare.pValue(statistic: 3.84, degreesOfFreedom: 1), 0.05004352124870519) < 1e-12)
        #expect(relativeError(ChiSquare.pValue(statistic: 30, degreesOfFreedom: 20), 0.06985366069940986) < 1e-12)
        #expect(relativeError(ChiSquare.pValue(statistic: 250, degreesOfFreedom: 200), 0.009379131668826098) < 1e-12)
        #expect(ChiSquare.pValue(statistic: 5, degreesOfFreedom: 0) == 1)
    }

    @Test func chiSquareRejectsAWrongMean() {
        let x = Draws.collect(20_000, seed: 702) { Sampler.poisson(mean: 10.3, using: &$0) }
        let wrong = ChiSquare.test(x) { exp(SpecialFunctions.logPoissonPMF(Double($0), mean: 10)) }
        #expect(wrong.pValue < 1e-4, "\(wrong)")
        let right = ChiSquare.test(x) { exp(SpecialFunctions.logPoissonPMF(Double($0), mean: 10.3)) }
        #expect(right.pValue > 1e-4, "\(right)")
        #expect(right.degreesOfFreedom > 10)
    }

    @Test func momentCheckFlagsWrongMeanOrVariance() {
        let x = Draws.collect(20_000, seed: 703) { Sampler.normal(mean: 0, sd: 1.1, using: &$0) }
        #expect(MomentCheck(x, exactMean: 0, exactVariance: 1.21).passes())
        #expect(!MomentCheck(x, exactMean: 0, exactVariance: 1).passes())
        #expect(!MomentCheck(x, exactMean: 0.1, exactVariance: 1.21).passes())
        let constant = [Double](repeating: 2, count: 10)
        #expect(MomentCheck(constant, exactMean: 2, exactVariance: 0).passes())
        #expect(!MomentCheck(constant, exactMean: 2.5, exactVariance: 0).passes())
    }
}
