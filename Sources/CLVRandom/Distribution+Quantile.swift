#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension Distribution {
    /// The quantile (inverse CDF) at u: for continuous families the x with F(x) = u, for
    /// discrete ones the smallest x with F(x) ≥ u.
    ///
    /// The simulation draws every per-trial input as `quantile(u)`, so correlated (Gaussian
    /// copula) or stratified (Latin hypercube) uniforms can be fed in. Per family:
    /// - gamma and beta: `SpecialFunctions.inverseRegularizedGammaP` / `inverseRegularizedBeta`,
    ///   Newton-refined to about 1e-14 relative, bounded for any shape;
    /// - truncated normal: Φ⁻¹(Φ(α) + u(Φ(β) − Φ(α))) evaluated on the upper tail (and by
    ///   symmetry below) so it stays exact far in the tails;
    /// - lognormal: exp(μ + σΦ⁻¹(u)) with σ² = ln(1 + s²/m²), μ = ln m − σ²/2;
    /// - poisson: a Cornish–Fisher start corrected by exact pmf steps;
    /// - discrete: by cumulative normalised weights in increasing order of value (zero weights are
    ///   never chosen);
    /// - empirical: sorted(samples)[min(n − 1, ⌊u·n⌋)].
    ///
    /// u = 0 and u = 1 give the ends of the support; u outside [0, 1], NaN u, or invalid
    /// parameters give NaN.
    /// - Complexity: O(1) for closed forms; O(√shape + 1) per Newton step (≤ 200 steps) for gamma
    ///   and beta; O(n) for discrete and empirical when values are sorted, O(n log n) otherwise.
    public func quantile(_ u: Double) -> Double {
        guard u >= 0, u <= 1 else { return .nan }
        switch self {
        case .fixed(let v):
            return v
        case .uniform(let a, let b):
            guard a <= b else { return .nan }
            return Distribution.uniformQuantile(min: a, max: b, u)
        case .triangular(let a, let c, let b):
            return Sampler.triangularQuantile(min: a, mode: c, max: b, u)
        case .pert(let a, let c, let b):
            guard a <= c, c <= b, a.isFinite, b.isFinite else { return .nan }
            if a == b { return a }
            let (alpha, beta) = Distribution.pertShapes(min: a, mode: c, max: b)
            return a + (b - a) * SpecialFunctions.inverseRegularizedBeta(p: u, a: alpha, b: beta)
        case .normal(let mean, let sd, let lo, let hi):
            if lo == nil && hi == nil {
                guard sd >= 0, sd.isFinite, mean.isFinite else { return .nan }
                if sd == 0 { return mean }
                return mean + sd * SpecialFunctions.normalQuantile(u)
            }
            return Sampler.truncatedNormalQuantile(
                mean: mean, sd: sd, lower: lo ?? -.infinity, upper: hi ?? .infinity, u)
        case .lognormal(let m, let s):
            guard m >= 0, s >= 0, m.isFinite, s.isFinite else { return .nan }
            if s == 0 { return m }
            if m == 0 { return .nan }
            let (mu, sigma) = Distribution.lognormalLogParameters(mean: m, sd: s)
            return exp(mu + sigma * SpecialFunctions.normalQuantile(u))
        case .gamma(let shape, let scale):
            guard scale >= 0, scale.isFinite else { return .nan }
            return scale * SpecialFunctions.inverseRegularizedGammaP(a: shape, p: u)
        case .beta(let a, let b):
            return SpecialFunctions.inverseRegularizedBeta(p: u, a: a, b: b)
        case .poisson(let mean):
            return Distribution.poissonQuantile(mean: mean, u)
        case .discrete(let values, let weights):
            return Distribution.discreteQuantile(values: values, weights: weights, u)
        case .empirical(let samples):
            guard !samples.isEmpty, samples.allSatisfy({ !$0.isNaN }) else { return .nan }
            let n = samples.count
            let index = Swift.min(n - 1, Int((u * Double(n)).rounded(.down)))
            if Distribution.isSorted(samples) { return samples[index] }
            return samples.sorted()[index]
        }
    }

    /// a + (b − a)·u, or a(1 − u) + b·u when b − a overflows; exactly b at u = 1.
    @usableFromInline
    static func uniformQuantile(min a: Double, max b: Double, _ u: Double) -> Double {
        if u == 1 { return b }
        let width = b - a
        let x = width.isFinite ? a + width * u : a * (1 - u) + b * u
        return Swift.min(Swift.max(x, a), b)
    }

    /// PERT shapes (α, β) = (1 + 4(mode − min)/(max − min), 1 + 4(max − mode)/(max − min)).
    @usableFromInline
    static func pertShapes(min a: Double, mode c: Double, max b: Double) -> (Double, Double) {
        (1 + 4 * (c - a) / (b - a), 1 + 4 * (b - c) / (b - a))
    }

    /// (μ, σ) of ln X for a lognormal X with mean m and sd s: σ² = ln(1 + s²/m²), μ = ln m − σ²/2.
    @usableFromInline
    static func lognormalLogParameters(mean m: Double, sd s: Double) -> (mu: Double, sigma: Double) {
        let ratio = s / m
        let sigma2 = log1p(ratio * ratio)
        return (log(m) - 0.5 * sigma2, sigma2.squareRoot())
    }

    static func isSorted(_ values: [Double]) -> Bool {
        var i = 1
        while i < values.count {
            if values[i] < values[i - 1] { return false }
            i += 1
        }
        return true
    }

    /// Smallest k with P(X ≤ k) ≥ u for X ~ Poisson(λ).
    ///
    /// Starts from the Cornish–Fisher value λ + √λ(z + (z² − 1)/(6√λ)), z = Φ⁻¹(u), and moves by
    /// exact pmf steps, tracking F(k) when u ≤ ½ and 1 − F(k) otherwise (no cancellation).
    static func poissonQuantile(mean lambda: Double, _ u: Double) -> Double {
        guard lambda >= 0, lambda.isFinite else { return .nan }
        if lambda == 0 || u == 0 { return 0 }
        if u == 1 { return .infinity }
        let z = SpecialFunctions.normalQuantile(u)
        let root = lambda.squareRoot()
        var k = (lambda + root * (z + (z * z - 1) / (6 * root))).rounded(.down)
        // Beyond 2⁵² consecutive integers are no longer all doubles: the Cornish–Fisher value
        // is as exact as the representation allows.
        if lambda > 0x1p52 { return k }
        k = Swift.max(0, Swift.min(k, 2 * lambda + 1000))
        func pmf(_ j: Double) -> Double { exp(SpecialFunctions.logPoissonPMF(j, mean: lambda)) }
        if u <= 0.5 {
            // F(k) = Q(k + 1, λ).
            var cdf = SpecialFunctions.regularizedGammaQ(a: k + 1, x: lambda)
            var steps = 0
            if cdf >= u {
                while k > 0 && steps < 100_000 {
                    let below = cdf - pmf(k)
                    if below < u { break }
                    cdf = below
                    k -= 1
                    steps += 1
                }
            } else {
                while cdf < u && steps < 100_000 {
                    k += 1
                    cdf += pmf(k)
                    steps += 1
                }
            }
            return poissonQuantileConsistent(mean: lambda, u, from: k)
        }
        // S(k) = 1 − F(k) = P(k + 1, λ); want the smallest k with S(k) ≤ 1 − u.
        let target = 1 - u
        var survival = SpecialFunctions.regularizedGammaP(a: k + 1, x: lambda)
        var steps = 0
        if survival <= target {
            while k > 0 && steps < 100_000 {
                let above = survival + pmf(k)
                if above > target { break }
                survival = above
                k -= 1
                steps += 1
            }
        } else {
            while survival > target && steps < 100_000 {
                k += 1
                survival -= pmf(k)
                steps += 1
            }
        }
        return poissonQuantileConsistent(mean: lambda, u, from: k)
    }

    /// Final correction so that `quantile` agrees exactly with `cdf` (the summed pmf steps may
    /// differ from Q(k + 1, λ) in the last bits): at most a few steps either way.
    static func poissonQuantileConsistent(mean lambda: Double, _ u: Double, from start: Double) -> Double {
        func cdf(_ j: Double) -> Double { SpecialFunctions.regularizedGammaQ(a: j + 1, x: lambda) }
        var k = start
        for _ in 0..<8 where k > 0 && cdf(k - 1) >= u { k -= 1 }
        for _ in 0..<8 where cdf(k) < u { k += 1 }
        return k
    }

    /// Smallest value v with (Σ weights of values ≤ v)/(Σ weights) ≥ u; zero weights never chosen.
    static func discreteQuantile(values: [Double], weights: [Double], _ u: Double) -> Double {
        guard !values.isEmpty, values.count == weights.count,
              weights.allSatisfy({ $0 >= 0 && $0.isFinite }), values.allSatisfy({ !$0.isNaN })
        else { return .nan }
        let total = weights.reduce(0, +)
        guard total > 0, total.isFinite else { return .nan }
        let threshold = u * total
        func scan<Order: Sequence<Int>>(_ order: Order) -> Double {
            var cumulative = 0.0
            var lastPositive = -1
            for i in order where weights[i] > 0 {
                cumulative += weights[i]
                lastPositive = i
                if cumulative >= threshold { return values[i] }
            }
            return lastPositive >= 0 ? values[lastPositive] : .nan
        }
        if isSorted(values) { return scan(values.indices) }
        return scan(values.indices.sorted { values[$0] < values[$1] })
    }
}
