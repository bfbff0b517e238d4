import CLVTestSupport
import Testing
@testable import CLVRandom

@Suite struct SamplerTruncatedNormalTests {
    /// (mean, sd, lower, upper, exact mean, exact variance) from the closed forms evaluated by
    /// mpmath at 60 digits,
    /// including a far tail [40, 41] where rejection from the parent normal would never finish.
    static let cases: [(Double, Double, Double, Double, Double, Double)] = [
        (0, 1, -1.0, 2.0, 0.22963717909132897, 0.5197625392115339),
        (0, 1, 3.0, .infinity, 3.2830986549304364, 0.07055918678526811),
        (0, 1, 40.0, 41.0, 40.02496884720726, 0.0006226683785913863),
        (0, 1, -.infinity, -8.0, -8.121368112236112, 0.014324883443340911),
        (5, 2, 4.0, 4.5, 4.253897549352544, 0.020780865139775274),
        (10, 3, -.infinity, 0.0, -0.783651227788265, 0.5493784753032952),
    ]

    @Test(arguments: 0..<6)
    func momentsAndKS(_ i: Int) {
        let (mu, sd, lo, hi, mean, variance) = Self.cases[i]
        let x = Draws.collect(20_000, seed: 100 + UInt64(i)) {
            Sampler.truncatedNormal(mean: mu, sd: sd, lower: lo, upper: hi, using: &$0)
        }
        #expect(x.allSatisfy { $0 >= lo && $0 <= hi })
        let moments = MomentCheck(x, exactMean: mean, exactVariance: variance)
        #expect(moments.passes(), "\(moments)")
        let distribution = Distribution.normal(mean: mu, sd: sd, min: lo.isFinite ? lo : nil, max: hi.isFinite ? hi : nil)
        let ks = KolmogorovSmirnov.test(x) { distribution.cdf($0) }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    @Test func degenerateAndInvalidBounds() {
        var rng = RandomStream(seed: 1, trial: 0, role: 0)
        #expect(Sampler.truncatedNormal(mean: 0, sd: 1, lower: 2, upper: 2, using: &rng) == 2)
        #expect(Sampler.truncatedNormal(mean: 5, sd: 0, lower: 0, upper: 3, using: &rng) == 3)
        #expect(Sampler.truncatedNormal(mean: 0, sd: 1, lower: 3, upper: 2, using: &rng).isNaN)
        #expect(Sampler.truncatedNormal(mean: 0, sd: -1, lower: 0, upper: 2, using: &rng).isNaN)
        // Far beyond any double tail probability: still a finite value inside the bounds.
        let x = Sampler.truncatedNormal(mean: 0, sd: 1, lower: 1e4, upper: .infinity, using: &rng)
        #expect(x >= 1e4 && x < 1e4 + 0.01)
    }
}

extension SamplerTruncatedNormalTests {
    @Test func boundsBeyondAnyTailGiveTheNearerBound() {
        #expect(Sampler.truncatedNormalQuantile(mean: 0, sd: 1e-300, lower: 1, upper: 2, 0.5) == 1)
        #expect(Sampler.truncatedNormalQuantile(mean: 0, sd: 1e-300, lower: -2, upper: -1, 0.5) == -1)
        let x = Sampler.truncatedNormalQuantile(mean: 0, sd: 1, lower: 1e200, upper: .infinity, 0.3)
        #expect(x == 1e200)
    }
}
