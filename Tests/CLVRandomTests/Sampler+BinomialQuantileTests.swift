import CLVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import CLVRandom

/// `Sampler.binomialQuantile`: exact in distribution (moments and chi-square against Loader's
/// pmf in every branch), the definition F(k − 1) < u ≤ F(k) checked directly with the incomplete
/// beta, monotone in p for a fixed u, and the edges.
@Suite struct SamplerBinomialQuantileTests {
    /// Lower-tail walk (n·p < 10), upper-tail walk (n·q < 10), the guessed walk on both sides of
    /// the median, tiny and near-one p, and n up to 10⁹.
    static let cases: [(Int, Double)] = [
        (1, 0.3), (40, 0.1), (1_000_000_000, 3e-9), (60, 0.95), (1_000_000_000, 1 - 4e-9), (20, 0.5),
        (1_000, 0.3), (100_000, 0.02), (1_000_000, 0.5), (1_000_000_000, 0.7), (37, 0.999),
    ]

    @Test(arguments: 0..<11)
    func momentsAndChiSquare(_ i: Int) {
        let (n, p) = Self.cases[i]
        let x = Draws.collect(20_000, seed: 900 + UInt64(i)) { Sampler.binomialQuantile($0.nextOpenUnit(), count: n, probability: p) }
        #expect(x.allSatisfy { $0 >= 0 && $0 <= n })
        let nd = Double(n)
        let npq = nd * p * (1 - p)
        let moments = MomentCheck(x.map(Double.init), exactMean: nd * p, exactVariance: npq,
                                  exactFourthCentralMoment: npq * (1 + 3 * p * (1 - p) * (nd - 2)))
        #expect(moments.passes(), "\(moments)")
        let chi = ChiSquare.test(x) { exp(SpecialFunctions.logBinomialPMF(Double($0), n: nd, p: p)) }
        #expect(chi.pValue > 1e-4, "\(chi)")
    }

    /// The returned k is the smallest with P(X ≤ k) ≥ u, with F from the incomplete beta
    /// F(k) = I_{1−p}(n − k, k + 1), for u across (0, 1) including the far tails.
    @Test func definitionOfTheQuantile() {
        for (n, p) in [(50, 0.4), (5_000, 0.01), (200_000, 0.3), (10_000_000, 0.85)] {
            let nd = Double(n)
            func cdf(_ k: Int) -> Double {
                k < 0 ? 0 : k >= n ? 1 : SpecialFunctions.regularizedBeta(x: 1 - p, a: nd - Double(k), b: Double(k) + 1)
            }
            for u in [1e-12, 1e-6, 0.01, 0.2, 0.5, 0.5000001, 0.8, 0.99, 1 - 1e-6, 1 - 1e-12] {
                let k = Sampler.binomialQuantile(u, count: n, probability: p)
                #expect(cdf(k) >= u * (1 - 1e-9), "n \(n) p \(p) u \(u): F(\(k)) = \(cdf(k))")
                #expect(cdf(k - 1) < u * (1 + 1e-9), "n \(n) p \(p) u \(u): F(\(k - 1)) = \(cdf(k - 1))")
            }
        }
    }

    /// For a fixed uniform the draw never decreases as p grows, across the branches (n·p from
    /// below 10 to n·q below 10).
    @Test func monotoneInProbabilityForAFixedUniform() {
        var rng = RandomStream(seed: 77, trial: 0, role: 0)
        for n in [1, 7, 300, 20_000, 3_000_000] {
            for _ in 0..<60 {
                let u = rng.nextOpenUnit()
                var last = 0
                for step in 0...400 {
                    let p = Double(step) / 400
                    let k = Sampler.binomialQuantile(u, count: n, probability: p)
                    #expect(k >= last, "n \(n) u \(u) p \(p): \(k) after \(last)")
                    last = k
                }
                #expect(last == n)
            }
        }
    }

    @Test func edges() {
        #expect(Sampler.binomialQuantile(0.5, count: 0, probability: 0.3) == 0)
        #expect(Sampler.binomialQuantile(0.5, count: -4, probability: 0.3) == 0)
        #expect(Sampler.binomialQuantile(0.5, count: 10, probability: 0) == 0)
        #expect(Sampler.binomialQuantile(0.5, count: 10, probability: .nan) == 0)
        #expect(Sampler.binomialQuantile(0.5, count: 10, probability: 1) == 10)
        #expect(Sampler.binomialQuantile(0.5, count: Int.max, probability: 1) == Int.max)
        #expect(Sampler.binomialQuantile(1e-300, count: 10, probability: 0.5) == 0)
        #expect(Sampler.binomialQuantile(1 - 0x1p-53, count: 10, probability: 0.5) == 10)
        // Huge n: the median of Binomial(10¹², 0.3) is within one of np.
        let median = Sampler.binomialQuantile(0.5, count: 1_000_000_000_000, probability: 0.3)
        #expect(abs(median - 300_000_000_000) <= 1)
    }
}
