import CLVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import CLVRandom

@Suite struct SamplerGammaTests {
    /// Gamma(k, θ = 2): mean 2k, variance 4k, KS against P(k, x/θ).
    ///
    /// For k = 10⁻³ about half the draws underflow to exactly 0 — an atom the continuous CDF
    /// lacks — so the zeros are checked as a binomial count with probability
    /// F₀ = P(θG < 2⁻¹⁰⁷⁵) ≈ (2⁻¹⁰⁷⁵/θ)ᵏ/Γ(k+1), and the positive draws by KS against the
    /// conditional CDF (F(x) − F₀)/(1 − F₀).
    @Test(arguments: [1e-3, 0.5, 1.0, 3.0, 1e4])
    func gammaMomentsAndKS(_ k: Double) {
        let theta = 2.0
        let x = Draws.collect(20_000, seed: 200) { Sampler.gamma(shape: k, scale: theta, using: &$0) }
        #expect(x.allSatisfy { $0 >= 0 && $0.isFinite })
        let moments = MomentCheck(x, exactMean: k * theta, exactVariance: k * theta * theta)
        #expect(moments.passes(), "\(moments)")
        let logHalfLeast = log(Double.leastNonzeroMagnitude) - log(2.0)
        let f0 = exp(k * (logHalfLeast - log(theta)) - SpecialFunctions.logGamma(k + 1))
        let positive = x.filter { $0 > 0 }
        let zeros = Double(x.count - positive.count)
        let n = Double(x.count)
        #expect(abs(zeros - n * f0) <= 4 * (n * f0 * (1 - f0)).squareRoot() + 1e-9, "zeros \(zeros) vs \(n * f0)")
        let ks = KolmogorovSmirnov.test(positive) {
            (SpecialFunctions.regularizedGammaP(a: k, x: $0 / theta) - f0) / (1 - f0)
        }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    /// In log space the k = 10⁻³ draws do not underflow: ln G has CDF P(k, eᵗ), which for
    /// eᵗ below 10⁻³⁰⁰ is eᵏᵗ/Γ(k + 1) to within 10⁻³⁰⁰ relative.
    @Test func tinyShapeLogDrawsMatchCDF() {
        let k = 1e-3
        let t = Draws.collect(20_000, seed: 201) { Sampler.logStandardGamma(shape: k, using: &$0) }
        let ks = KolmogorovSmirnov.test(t) { t in
            t < -690 ? exp(k * t - SpecialFunctions.logGamma(k + 1)) : SpecialFunctions.regularizedGammaP(a: k, x: exp(t))
        }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    /// Beta(α, β): mean α/(α+β), variance αβ/((α+β)²(α+β+1)), KS against I.
    @Test(arguments: [(1e-3, 3.0), (0.5, 0.5), (1.0, 1.0), (2.0, 5.0), (3.0, 1e4), (1e4, 1e4), (1e6, 1e6), (1e-3, 1e-3)])
    func betaMomentsAndKS(_ shapes: (Double, Double)) {
        let (a, b) = shapes
        let x = Draws.collect(20_000, seed: 300) { Sampler.beta(alpha: a, beta: b, using: &$0) }
        #expect(x.allSatisfy { $0 >= 0 && $0 <= 1 })
        let s = a + b
        let moments = MomentCheck(x, exactMean: a / s, exactVariance: a * b / (s * s * (s + 1)))
        #expect(moments.passes(), "\(moments)")
        if a >= 1 && b >= 1 {  // the direct-ratio path: no rounding atoms at 0 or 1
            let direct = KolmogorovSmirnov.test(x) { SpecialFunctions.regularizedBeta(x: $0, a: a, b: b) }
            #expect(direct.pValue > 1e-4, "\(direct)")
        }
        // The log-odds ln(X/(1−X)) is exact even where X rounds to 0 or 1; its CDF is I at the
        // logistic point, taken through the mirrored function above ½; below t = −700 it is the
        // leading term xᵃ/(a·B(a, b)) of I at x = eᵗ (relative error O(eᵗ)).
        let logOdds = Draws.collect(20_000, seed: 301) { Sampler.betaLogOdds(alpha: a, beta: b, using: &$0) }
        func lowerCDF(_ t: Double, _ a: Double, _ b: Double) -> Double {
            if t < -700 { return exp(a * t - log(a) - SpecialFunctions.logBeta(a, b)) }
            return SpecialFunctions.regularizedBeta(x: 1 / (1 + exp(-t)), a: a, b: b)
        }
        let ks = KolmogorovSmirnov.test(logOdds) { t in t <= 0 ? lowerCDF(t, a, b) : 1 - lowerCDF(-t, b, a) }
        #expect(ks.pValue > 1e-4, "\(ks)")
    }

    @Test func invalidShapesGiveNaN() {
        var rng = RandomStream(seed: 1, trial: 0, role: 0)
        #expect(Sampler.gamma(shape: 0, scale: 1, using: &rng).isNaN)
        #expect(Sampler.gamma(shape: .infinity, scale: 1, using: &rng).isNaN)
        #expect(Sampler.gamma(shape: 2, scale: -1, using: &rng).isNaN)
        #expect(Sampler.gamma(shape: 2, scale: 0, using: &rng) == 0)
        #expect(Sampler.beta(alpha: -1, beta: 1, using: &rng).isNaN)
        #expect(Sampler.beta(alpha: 1, beta: .nan, using: &rng).isNaN)
    }
}
