#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension Distribution {
    /// The expected value E[X].
    ///
    /// Closed forms per family: triangular (a + c + b)/3, PERT (a + 4c + b)/6, truncated normal
    /// μ + σ(φ(α) − φ(β))/(Φ(β) − Φ(α)), gamma kθ, beta α/(α + β); discrete and empirical are
    /// weighted averages. NaN for invalid parameters.
    /// - Complexity: O(1), or O(n) for discrete and empirical.
    public var mean: Double { moments.mean }

    /// The variance Var[X] = E[(X − E[X])²].
    ///
    /// Closed forms per family: uniform (b − a)²/12, triangular (a² + b² + c² − ab − ac − bc)/18,
    /// PERT and beta αβ/((α + β)²(α + β + 1)) (scaled by (max − min)² for PERT), truncated normal
    /// σ²[1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²], lognormal s², gamma kθ², poisson λ;
    /// empirical is the population variance of the samples (resampling draws them uniformly).
    /// - Complexity: O(1), or O(n) for discrete and empirical.
    public var variance: Double { moments.variance }

    var moments: (mean: Double, variance: Double) {
        switch self {
        case .fixed(let v):
            return (v, 0)
        case .uniform(let a, let b):
            guard a <= b else { return (.nan, .nan) }
            return (0.5 * (a + b), (b - a) * (b - a) / 12)
        case .triangular(let a, let c, let b):
            guard a <= c, c <= b else { return (.nan, .nan) }
            return ((a + b + c) / 3, (a * a + b * b + c * c - a * b - a * c - b * c) / 18)
        case .pert(let a, let c, let b):
            guard a <= c, c <= b, a.isFinite, b.isFinite else { return (.nan, .nan) }
            if a == b { return (a, 0) }
            let (alpha, beta) = Distribution.pertShapes(min: a, mode: c, max: b)
            let s = alpha + beta
            let width = b - a
            return (a + width * alpha / s, width * width * alpha * beta / (s * s * (s + 1)))
        case .normal(let mu, let sd, let lo, let hi):
            guard sd >= 0, sd.isFinite, mu.isFinite else { return (.nan, .nan) }
            let lower = lo ?? -.infinity, upper = hi ?? .infinity
            guard lower <= upper else { return (.nan, .nan) }
            if lower == upper { return (lower, 0) }
            if sd == 0 { return (Swift.min(Swift.max(mu, lower), upper), 0) }
            let (m, v) = Distribution.truncatedStandardNormalMoments(
                alpha: (lower - mu) / sd, beta: (upper - mu) / sd)
            return (mu + sd * m, sd * sd * v)
        case .lognormal(let m, let s):
            guard m >= 0, s >= 0, m.isFinite, s.isFinite, m > 0 || s == 0 else { return (.nan, .nan) }
            return (m, s * s)
        case .gamma(let k, let theta):
            guard k > 0, k.isFinite, theta >= 0, theta.isFinite else { return (.nan, .nan) }
            return (k * theta, k * theta * theta)
        case .beta(let a, let b):
            guard a > 0, b > 0, a.isFinite, b.isFinite else { return (.nan, .nan) }
            let s = a + b
            return (a / s, (a / s) * (b / s) / (s + 1))
        case .poisson(let lambda):
            guard lambda >= 0, lambda.isFinite else { return (.nan, .nan) }
            return (lambda, lambda)
        case .discrete(let values, let weights):
            guard values.count == weights.count, !values.isEmpty,
                  weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return (.nan, .nan) }
            let total = weights.reduce(0, +)
            guard total > 0 else { return (.nan, .nan) }
            var m = 0.0
            for (v, w) in zip(values, weights) where w > 0 { m += w * v }
            m /= total
            var v2 = 0.0
            for (v, w) in zip(values, weights) where w > 0 { v2 += w * (v - m) * (v - m) }
            return (m, v2 / total)
        case .empirical(let samples):
            guard !samples.isEmpty else { return (.nan, .nan) }
            let n = Double(samples.count)
            let m = samples.reduce(0, +) / n
            var v2 = 0.0
            for v in samples { v2 += (v - m) * (v - m) }
            return (m, v2 / n)
        }
    }

    /// Mean and variance of a standard normal truncated to [α, β], α < β.
    ///
    /// With r_α = φ(α)/Z and r_β = φ(β)/Z (Z = Φ(β) − Φ(α)): mean r_α − r_β and variance
    /// 1 + α r_α − β r_β − (r_α − r_β)². Above the mean Z is taken from ln Q so that the ratios
    /// stay finite far in the tail; below it, by symmetry.
    static func truncatedStandardNormalMoments(alpha: Double, beta: Double) -> (mean: Double, variance: Double) {
        if beta <= 0 && alpha < 0 {
            let (m, v) = truncatedStandardNormalMoments(alpha: -beta, beta: -alpha)
            return (-m, v)
        }
        if alpha >= 3 && (beta == .infinity || SpecialFunctions.logNormalUpperTail(beta)
            - SpecialFunctions.logNormalUpperTail(alpha) < -40) {
            return upperTailMoments(alpha: alpha)
        }
        let logZ: Double
        if alpha >= 0 {
            let la = SpecialFunctions.logNormalUpperTail(alpha)
            logZ = la + log1p(-exp(SpecialFunctions.logNormalUpperTail(beta) - la))
        } else {
            logZ = log(1 - SpecialFunctions.normalCDF(alpha) - SpecialFunctions.normalUpperTail(beta))
        }
        func ratio(_ x: Double) -> Double {
            x.isInfinite ? 0 : exp(-0.5 * x * x - SpecialFunctions.halfLogTwoPi - logZ)
        }
        let ra = ratio(alpha), rb = ratio(beta)
        let aTerm = alpha.isInfinite ? 0 : alpha * ra
        let bTerm = beta.isInfinite ? 0 : beta * rb
        let m = ra - rb
        return (m, Swift.max(0, 1 + aTerm - bTerm - m * m))
    }

    /// Moments of a standard normal truncated to [α, ∞), α ≥ 3, without cancellation.
    ///
    /// Laplace's continued fraction for the Mills ratio gives φ(α)/Q(α) = α + g₁ with
    /// gₖ = k/(α + gₖ₊₁); then the mean is α + g₁ and the variance 1 + α(α + g₁) − (α + g₁)²
    /// simplifies exactly to g₁(g₂ − g₁), a product of two O(1/α) terms (the direct formula loses
    /// α⁴·ε to cancellation, 3e-7 relative at α = 40). 300 backward terms give full precision
    /// for α ≥ 3. Also used when Q(β)/Q(α) < e⁻⁴⁰, where the upper bound cannot matter.
    static func upperTailMoments(alpha: Double) -> (mean: Double, variance: Double) {
        var g = 0.0
        var g2 = 0.0
        var k = 300.0
        while k >= 1 {
            if k == 1 { g2 = g }
            g = k / (alpha + g)
            k -= 1
        }
        return (alpha + g, g * (g2 - g))
    }
}
