import CLVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import CLVRandom

@Suite struct SamplerBinomialTests {
    /// (n, p): inversion (n·p < 10), BTRS (n·p ≥ 10), mirrored p > ½, and n up to 10⁹. Each case
    /// checks the moments np and np(1−p) and a chi-square test against the exact pmf (Loader's
    /// log-pmf, itself checked against mpmath).
    static let cases: [(Int, Double)] = [
        (1_000, 1e-9), (1_000_000_000, 1e-9), (19, 0.5), (20, 0.5), (100, 0.05), (50, 0.9),
        (1_000, 0.3), (1_000_000, 0.5), (1_000_000_000, 0.3), (1_000_000_000, 1 - 1e-9), (37, 0.999),
    ]

    @Test(arguments: 0..<11)
    func momentsAndChiSquare(_ i: Int) {
        let (n, p) = Self.cases[i]
        let x = Draws.collect(20_000, seed: 400 + UInt64(i)) { Sampler.binomial(count: n, probability: p, using: &$0) }
        #expect(x.allSatisfy { $0 >= 0 && $0 <= n })
        let nd = Double(n)
        let npq = nd * p * (1 - p)
        let moments = MomentCheck(
            x.map(Double.init), exactMean: nd * p, exactVariance: npq,
            exactFourthCentralMoment: npq * (1 + 3 * p * (1 - p) * (nd - 2)))
        #expect(moments.passes(), "\(moments)")
        let chi = ChiSquare.test(x) { exp(SpecialFunctions.logBinomialPMF(Double($0), n: nd, p: p)) }
        #expect(chi.pValue > 1e-4, "\(chi)")
    }

    /// BTRS with n·p′ between 10 and 30, where most draws leave the squeeze and take the Stirling
    /// rejection test: moments and chi-square against Loader's pmf, including n = 10¹⁵.
    static let rejectionCases: [(Int, Double)] = [
        (150, 0.9), (30, 0.4), (1_000, 0.025), (1_000_000_000_000_000, 2e-14), (200, 0.93), (25, 0.5),
    ]

    @Test(arguments: 0..<6)
    func rejectionPathMomentsAndChiSquare(_ i: Int) {
        let (n, p) = Self.rejectionCases[i]
        let x = Draws.collect(40_000, seed: 470 + UInt64(i)) { Sampler.binomial(count: n, probability: p, using: &$0) }
        #expect(x.allSatisfy { $0 >= 0 && $0 <= n })
        let nd = Double(n)
        let npq = nd * p * (1 - p)
        let moments = MomentCheck(
            x.map(Double.init), exactMean: nd * p, exactVariance: npq,
            exactFourthCentralMoment: npq * (1 + 3 * p * (1 - p) * (nd - 2)))
        #expect(moments.passes(), "\(moments)")
        let chi = ChiSquare.test(x) { exp(SpecialFunctions.logBinomialPMF(Double($0), n: nd, p: p)) }
        #expect(chi.pValue > 1e-4, "\(chi)")
    }

    /// The rejection test's Stirling form of ln f(k) − ln f(m) equals the difference of Loader's
    /// log-pmfs to rounding, for small and huge n, k on both sides of the mode and in the tails.
    @Test func stirlingLogRatioMatchesLoader() {
        for (n, p) in [(12.0, 0.45), (150.0, 0.1), (1_000.0, 0.025), (40_000, 0.2), (1e6, 0.3), (1e15, 2e-14), (1e15, 0.4)] {
            let q = 1 - p, r = p / q
            let m = ((n + 1) * p).rounded(.down)
            let terms = Sampler.binomialModeTerms(mode: m, count: n, probability: p, odds: r)
            let sd = (n * p * q).squareRoot()
            for z in [-6.0, -3, -1, -0.4, 0, 0.4, 1, 3, 6] {
                let k = min(n, max(0, (m + z * sd).rounded(.down)))
                let exact = SpecialFunctions.logBinomialPMF(k, n: n, p: p) - SpecialFunctions.logBinomialPMF(m, n: n, p: p)
                let ratio = Sampler.binomialLogRatio(k, mode: m, count: n, probability: p, odds: r, modeTerms: terms)
                #expect(abs(ratio - exact) <= 1e-11 * max(1, abs(exact)), "n \(n) p \(p) k \(k): \(ratio) vs \(exact)")
            }
        }
    }

    @Test func stirlingErrorTableMatchesLogGamma() {
        for n in 1...40 {
            let x = Double(n)
            #expect(abs(SpecialFunctions.stirlingErrorOfWhole(x) - SpecialFunctions.stirlingError(x)) < 1e-14)
        }
    }

    /// n = 10¹²: moments only (the sampled range spans millions of values).
    @Test func hugeCountMoments() {
        let (n, p) = (1_000_000_000_000, 0.3)
        let x = Draws.collect(20_000, seed: 450) { Double(Sampler.binomial(count: n, probability: p, using: &$0)) }
        let moments = MomentCheck(x, exactMean: 1e12 * p, exactVariance: 1e12 * p * (1 - p))
        #expect(moments.passes(), "\(moments)")
    }

    @Test func edgesReturnWithoutDrawing() {
        var rng = RandomStream(seed: 1, trial: 0, role: 0)
        #expect(Sampler.binomial(count: 0, probability: 0.3, using: &rng) == 0)
        #expect(Sampler.binomial(count: 10, probability: 0, using: &rng) == 0)
        #expect(Sampler.binomial(count: 10, probability: 1, using: &rng) == 10)
        #expect(Sampler.binomial(count: Int.max, probability: 1, using: &rng) == Int.max)
        #expect(Sampler.binomial(count: -5, probability: 0.5, using: &rng) == 0)
        #expect(Sampler.binomial(count: 10, probability: .nan, using: &rng) == 0)
        #expect(Sampler.binomial(count: 10, probability: 1.5, using: &rng) == 0)
        let big = Sampler.binomial(count: Int.max, probability: 0.5, using: &rng)
        #expect(big > 0 && big <= Int.max)
    }
}
