import CLVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import CLVRandom

/// Continuous samplers: moments within 4 SE and Kolmogorov–Smirnov p > 1e-4 against exact CDFs,
/// 20 000 draws per case with fixed seeds.
@Suite struct SamplerTests {
    static let n = 20_000

    @Test func standardNormalMatchesPhi() {
        let x = Draws.collect(Self.n, seed: 1) { Sampler.standardNormal(using: &$0) }
        let moments = MomentCheck(x, exactMean: 0, exactVariance: 1)
        #expect(moments.passes(), "\(moments)")
        let ks = KolmogorovSmirnov.test(x) { 0.5 * erfc(-$0 / 2.0.squareRoot()) }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    /// The ziggurat's tail beyond its base strip (|x| > r = 3.6541528853610088) and its
    /// wedges: 2·10⁶ draws; the tail's count matches 2n·Q(r) and its mean excess
    /// φ(r)/Q(r) − r, and the draws between the innermost layers match Φ, all within 4 SE; the
    /// first 200 000 draws pass Kolmogorov–Smirnov against Φ (p > 1e-4).
    /// Q(r) = 1.2901624382695044e-4, E[Z − r | Z > r] = φ(r)/Q(r) − r = 0.24288618628746391 with
    /// sd 0.23122076479863056 (mpmath, 30 digits).
    @Test func standardNormalTailAndWedgesMatchPhi() {
        let r = 3.6541528853610088, tailProbability = 1.2901624382695044e-4, meanExcess = 0.24288618628746391
        let excessSD = 0.23122076479863056
        let n = 2_000_000
        var rng = RandomStream(seed: 11, trial: 0, role: 0)
        var tail: [Double] = []
        var central = 0
        var first: [Double] = []
        for i in 0..<n {
            let x = Sampler.standardNormal(using: &rng)
            if i < 200_000 { first.append(x) }
            if abs(x) > r { tail.append(abs(x) - r) }
            if abs(x) < 0.25 { central += 1 }
        }
        let expected = 2 * Double(n) * tailProbability
        #expect(abs(Double(tail.count) - expected) < 4 * expected.squareRoot(), "\(tail.count) vs \(expected)")
        let excess = tail.reduce(0, +) / Double(tail.count)
        #expect(abs(excess - meanExcess) < 4 * excessSD / Double(tail.count).squareRoot(), "\(excess)")
        // P(|Z| < 0.25) = 0.19741265136584765, inside the narrow top layers and their wedges.
        let p = 0.19741265136584765
        let se = (Double(n) * p * (1 - p)).squareRoot()
        #expect(abs(Double(central) - Double(n) * p) < 4 * se, "\(central)")
        let ks = KolmogorovSmirnov.test(first) { 0.5 * erfc(-$0 / 2.0.squareRoot()) }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    @Test func normalMatchesShiftedScaledPhi() {
        let x = Draws.collect(Self.n, seed: 2) { Sampler.normal(mean: 3, sd: 2, using: &$0) }
        let moments = MomentCheck(x, exactMean: 3, exactVariance: 4)
        #expect(moments.passes(), "\(moments)")
        let ks = KolmogorovSmirnov.test(x) { 0.5 * erfc(-($0 - 3) / (2 * 2.0.squareRoot())) }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    @Test func lognormalHasRequestedMeanAndSD() {
        let (m, s) = (80.0, 15.0)
        let x = Draws.collect(Self.n, seed: 3) { Sampler.lognormal(mean: m, sd: s, using: &$0) }
        let moments = MomentCheck(x, exactMean: m, exactVariance: s * s)
        #expect(moments.passes(), "\(moments)")
        let sigma2 = log(1 + s * s / (m * m))
        let mu = log(m) - sigma2 / 2
        let ks = KolmogorovSmirnov.test(x) { 0.5 * erfc(-(log($0) - mu) / (2 * sigma2).squareRoot()) }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    @Test func exponentialMatchesCDF() {
        let x = Draws.collect(Self.n, seed: 4) { Sampler.exponential(using: &$0) }
        #expect(MomentCheck(x, exactMean: 1, exactVariance: 1).passes())
        let ks = KolmogorovSmirnov.test(x) { 1 - exp(-$0) }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    @Test(arguments: [(1.0, 2.0, 5.0), (0.0, 0.0, 1.0), (-2.0, 3.0, 3.0)])
    func triangularMatchesCDF(_ p: (Double, Double, Double)) {
        let (a, c, b) = p
        let x = Draws.collect(Self.n, seed: 5) { Sampler.triangular(min: a, mode: c, max: b, using: &$0) }
        let mean = (a + b + c) / 3
        let variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        let moments = MomentCheck(x, exactMean: mean, exactVariance: variance)
        #expect(moments.passes(), "\(moments)")
        let ks = KolmogorovSmirnov.test(x) { t in
            if t <= a { return 0 }
            if t >= b { return 1 }
            return t <= c ? (t - a) * (t - a) / ((b - a) * (c - a)) : 1 - (b - t) * (b - t) / ((b - a) * (b - c))
        }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    /// PERT(0.35, 0.4, 0.5) is 0.35 + 0.15·Beta(7/3, 11/3): mean (a + 4c + b)/6, CDF through I.
    @Test func pertMatchesScaledBeta() {
        let (a, c, b) = (0.35, 0.4, 0.5)
        let alpha = 1 + 4 * (c - a) / (b - a), beta = 1 + 4 * (b - c) / (b - a)
        let x = Draws.collect(Self.n, seed: 6) { Sampler.pert(min: a, mode: c, max: b, using: &$0) }
        let s = alpha + beta
        let moments = MomentCheck(
            x, exactMean: (a + 4 * c + b) / 6, exactVariance: (b - a) * (b - a) * alpha * beta / (s * s * (s + 1)))
        #expect(moments.passes(), "\(moments)")
        let ks = KolmogorovSmirnov.test(x) {
            SpecialFunctions.regularizedBeta(x: Swift.min(1, Swift.max(0, ($0 - a) / (b - a))), a: alpha, b: beta)
        }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    @Test func degenerateParametersReturnTheObviousValue() {
        var rng = RandomStream(seed: 9, trial: 0, role: 0)
        #expect(Sampler.normal(mean: 2.5, sd: 0, using: &rng) == 2.5)
        #expect(Sampler.lognormal(mean: 7, sd: 0, using: &rng) == 7)
        #expect(Sampler.lognormal(mean: 0, sd: 0, using: &rng) == 0)
        #expect(Sampler.triangular(min: 4, mode: 4, max: 4, using: &rng) == 4)
        #expect(Sampler.pert(min: 4, mode: 4, max: 4, using: &rng) == 4)
    }

    @Test func invalidParametersGiveNaNWithoutTrapping() {
        var rng = RandomStream(seed: 9, trial: 0, role: 0)
        #expect(Sampler.normal(mean: 0, sd: -1, using: &rng).isNaN)
        #expect(Sampler.normal(mean: .nan, sd: 1, using: &rng).isNaN)
        #expect(Sampler.lognormal(mean: -1, sd: 1, using: &rng).isNaN)
        #expect(Sampler.lognormal(mean: 0, sd: 1, using: &rng).isNaN)
        #expect(Sampler.triangular(min: 3, mode: 1, max: 2, using: &rng).isNaN)
        #expect(Sampler.pert(min: 0, mode: 2, max: 1, using: &rng).isNaN)
        #expect(Sampler.pert(min: 0, mode: 0.5, max: .infinity, using: &rng).isNaN)
    }

    /// The same (seed, trial, role) gives the same draws, bit for bit; another role does not.
    @Test func sameStreamGivesSameDraws() {
        func run(_ role: UInt64) -> [Double] {
            var rng = RandomStream(seed: 77, trial: 3, role: role)
            var out: [Double] = []
            for _ in 0..<50 {
                out.append(Sampler.standardNormal(using: &rng))
                out.append(Sampler.gamma(shape: 0.3, scale: 2, using: &rng))
                out.append(Sampler.beta(alpha: 2, beta: 5, using: &rng))
                out.append(Double(Sampler.binomial(count: 1_000_000, probability: 0.3, using: &rng)))
                out.append(Double(Sampler.poisson(mean: 1e4, using: &rng)))
                out.append(Sampler.truncatedNormal(mean: 0, sd: 1, lower: 2, upper: 5, using: &rng))
                out.append(Sampler.lognormal(mean: 80, sd: 15, using: &rng))
                out.append(Sampler.pert(min: 0, mode: 1, max: 3, using: &rng))
            }
            return out
        }
        #expect(run(5) == run(5))
        #expect(run(5) != run(6))
    }
}
