import CLVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import CLVRandom

@Suite struct SamplerPoissonTests {
    /// Means on both sides of the inversion/PTRS switch at 10, and up to 10⁷: moments (λ, λ) and
    /// chi-square against the exact pmf (Loader's log-pmf, checked against mpmath).
    @Test(arguments: [1e-3, 0.5, 9.9, 10, 1e3, 1e7])
    func momentsAndChiSquare(_ lambda: Double) {
        let x = Draws.collect(20_000, seed: 500) { Sampler.poisson(mean: lambda, using: &$0) }
        #expect(x.allSatisfy { $0 >= 0 })
        let moments = MomentCheck(
            x.map(Double.init), exactMean: lambda, exactVariance: lambda,
            exactFourthCentralMoment: lambda + 3 * lambda * lambda)
        #expect(moments.passes(), "\(moments)")
        let chi = ChiSquare.test(x) { exp(SpecialFunctions.logPoissonPMF(Double($0), mean: lambda)) }
        #expect(chi.pValue > 1e-4, "\(chi)")
    }

    @Test func hugeMeanMoments() {
        let x = Draws.collect(20_000, seed: 550) { Double(Sampler.poisson(mean: 1e12, using: &$0)) }
        let moments = MomentCheck(x, exactMean: 1e12, exactVariance: 1e12)
        #expect(moments.passes(), "\(moments)")
    }

    @Test func edgesReturnWithoutDrawing() {
        var rng = RandomStream(seed: 1, trial: 0, role: 0)
        #expect(Sampler.poisson(mean: 0, using: &rng) == 0)
        #expect(Sampler.poisson(mean: -1, using: &rng) == 0)
        #expect(Sampler.poisson(mean: .nan, using: &rng) == 0)
        #expect(Sampler.poisson(mean: .infinity, using: &rng) == 0)
        #expect(Sampler.poisson(mean: 1e30, using: &rng) == Int.max)
        let big = Sampler.poisson(mean: 1e17, using: &rng)
        #expect(abs(Double(big) - 1e17) < 1e10)
    }
}
