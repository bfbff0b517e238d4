import CLVTestSupport
import Testing
@testable import CLVRandom

/// `Distribution.sample` agrees with the distribution's own `mean`, `variance` and `cdf`.
@Suite struct DistributionSamplingTests {
    static let continuous: [Distribution] = [
        .uniform(min: 2, max: 5),
        .triangular(min: 1, mode: 2, max: 5),
        .pert(min: 0.35, mode: 0.4, max: 0.5),
        .normal(mean: 3, sd: 2, min: nil, max: nil),
        .normal(mean: 30, sd: 5, min: 0, max: nil),
        .normal(mean: 0.9, sd: 0.2, min: 0, max: 1),
        .normal(mean: 0, sd: 1, min: nil, max: -8),
        .lognormal(mean: 80, sd: 15),
        .gamma(shape: 0.5, scale: 1),
        .gamma(shape: 3, scale: 2),
        .gamma(shape: 1e4, scale: 0.01),
        .beta(alpha: 0.5, beta: 0.5),
        .beta(alpha: 2, beta: 5),
        .beta(alpha: 1e4, beta: 1e4),
    ]

    @Test(arguments: continuous)
    func sampleMatchesMomentsAndCDF(_ d: Distribution) {
        let x = Draws.collect(20_000, seed: 800) { d.sample(using: &$0) }
        let moments = MomentCheck(x, exactMean: d.mean, exactVariance: d.variance)
        #expect(moments.passes(), "\(moments)")
        let ks = KolmogorovSmirnov.test(x) { d.cdf($0) }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    /// Sampling through `quantile(U)` gives the same law as `sample` (KS on each).
    @Test(arguments: continuous)
    func quantileOfUniformMatchesCDF(_ d: Distribution) {
        let x = Draws.collect(5_000, seed: 801) { d.quantile($0.nextOpenUnit()) }
        let ks = KolmogorovSmirnov.test(x) { d.cdf($0) }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    @Test(arguments: [
        Distribution.poisson(mean: 0.5), .poisson(mean: 9.9), .poisson(mean: 1e3),
        .discrete(values: [3, 1, 2, 7], weights: [1, 0, 3, 2]),
        .empirical(samples: [5, 1, 3, 2, 2, 8]),
    ])
    func discreteSampleMatchesPMF(_ d: Distribution) {
        let x = Draws.collect(20_000, seed: 802) { d.sample(using: &$0) }
        let moments = MomentCheck(x, exactMean: d.mean, exactVariance: d.variance)
        #expect(moments.passes(), "\(moments)")
        #expect(x.allSatisfy { $0 == $0.rounded() })
        let chi = ChiSquare.test(x.map { Int($0) }) { k in d.cdf(Double(k)) - d.cdf(Double(k) - 1) }
        #expect(chi.pValue > 1e-4, "\(chi)")
    }

    @Test func discreteNeverDrawsZeroWeights() {
        let d = Distribution.discrete(values: [3, 1, 2], weights: [1, 0, 3])
        let x = Draws.collect(5_000, seed: 803) { d.sample(using: &$0) }
        #expect(!x.contains(1))
    }

    /// Closed-form moments against literals: truncated normals from mpmath at 60 digits, the rest by hand.
    @Test func momentsMatchClosedForms() {
        let cases: [(Distribution, Double, Double, Double)] = [
            (.normal(mean: 0, sd: 1, min: 40, max: 41), 40.02496884720726, 0.0006226683785913863, 1e-12),
            (.normal(mean: 10, sd: 3, min: nil, max: 0), -0.783651227788265, 0.5493784753032952, 1e-12),
            (.normal(mean: 5, sd: 2, min: 4, max: 4.5), 4.253897549352544, 0.020780865139775274, 1e-12),
            (.normal(mean: 0, sd: 1, min: 3, max: nil), 3.2830986549304364, 0.07055918678526811, 1e-12),
            (.triangular(min: 1, mode: 2, max: 5), 8.0 / 3, 13.0 / 18, 1e-15),
            (.pert(min: 0, mode: 1, max: 6), 10.0 / 6, (5.0 / 3) * (13.0 / 3) / 7, 1e-15),  // α = 5/3, β = 13/3
            (.gamma(shape: 3, scale: 2), 6, 12, 1e-15),
            (.beta(alpha: 2, beta: 5), 2.0 / 7, 10.0 / (49 * 8), 1e-15),
            (.lognormal(mean: 80, sd: 15), 80, 225, 1e-15),
            (.poisson(mean: 4.5), 4.5, 4.5, 1e-15),
            (.discrete(values: [1, 2], weights: [1, 3]), 1.75, 0.1875, 1e-15),
            (.empirical(samples: [1, 2, 3, 6]), 3, 3.5, 1e-15),
            (.fixed(4), 4, 0, 0),
        ]
        for (d, mean, variance, tolerance) in cases {
            #expect(relativeError(d.mean, mean) <= tolerance, "\(d) mean \(d.mean)")
            #expect(relativeError(d.variance, variance) <= Swift.max(tolerance, 1e-12), "\(d) variance \(d.variance)")
        }
    }

    @Test func fixedAndDegenerateCases() {
        var rng = RandomStream(seed: 804, trial: 0, role: 0)
        #expect(Distribution.fixed(4).sample(using: &rng) == 4)
        #expect(Distribution.fixed(4).quantile(0.3) == 4)
        #expect(Distribution.fixed(4).cdf(3.9) == 0)
        #expect(Distribution.fixed(4).cdf(4) == 1)
        #expect(Distribution.uniform(min: 2, max: 2).sample(using: &rng) == 2)
        #expect(Distribution.normal(mean: 1, sd: 0, min: nil, max: nil).quantile(0.9) == 1)
        #expect(Distribution.poisson(mean: 0).sample(using: &rng) == 0)
        #expect(Distribution.poisson(mean: 0).quantile(0.9) == 0)
    }
}
