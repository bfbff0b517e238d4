#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension Distribution {
    /// The cumulative distribution function F(x) = P(X ≤ x).
    ///
    /// Gamma, beta and PERT use the regularized incomplete gamma and beta functions, poisson
    /// F(k) = Q(⌊x⌋ + 1, λ), truncated normal (Φ(z) − Φ(α))/(Φ(β) − Φ(α)) evaluated through
    /// ln Q in the tails. Invalid parameters or NaN x give NaN.
    /// - Complexity: O(1) for closed forms, O(√shape + 1) for gamma, beta and poisson, O(n) for
    ///   discrete and empirical.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        switch self {
        case .fixed(let v):
            return x < v ? 0 : 1
        case .uniform(let a, let b):
            guard a <= b else { return .nan }
            if x < a { return 0 }
            if x >= b { return 1 }
            return (x - a) / (b - a)
        case .triangular(let a, let c, let b):
            guard a <= c, c <= b, a.isFinite, b.isFinite else { return .nan }
            if x < a { return 0 }
            if x >= b { return 1 }
            if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case .pert(let a, let c, let b):
            guard a <= c, c <= b, a.isFinite, b.isFinite else { return .nan }
            if x < a { return 0 }
            if x >= b { return 1 }
            let (alpha, beta) = Distribution.pertShapes(min: a, mode: c, max: b)
            return SpecialFunctions.regularizedBeta(x: (x - a) / (b - a), a: alpha, b: beta)
        case .normal(let mean, let sd, let lo, let hi):
            guard sd >= 0, sd.isFinite, mean.isFinite else { return .nan }
            let lower = lo ?? -.infinity, upper = hi ?? .infinity
            guard lower <= upper else { return .nan }
            if x < lower { return 0 }
            if x >= upper { return 1 }
            if sd == 0 { return x < Swift.min(Swift.max(mean, lower), upper) ? 0 : 1 }
            return Distribution.truncatedStandardNormalCDF(
                (x - mean) / sd, alpha: (lower - mean) / sd, beta: (upper - mean) / sd)
        case .lognormal(let m, let s):
            guard m >= 0, s >= 0, m.isFinite, s.isFinite else { return .nan }
            if s == 0 { return x < m ? 0 : 1 }
            if m == 0 { return .nan }
            if x <= 0 { return 0 }
            let (mu, sigma) = Distribution.lognormalLogParameters(mean: m, sd: s)
            return SpecialFunctions.normalCDF((log(x) - mu) / sigma)
        case .gamma(let shape, let scale):
            guard shape > 0, shape.isFinite, scale >= 0, scale.isFinite else { return .nan }
            if x < 0 { return 0 }
            if scale == 0 { return 1 }
            return SpecialFunctions.regularizedGammaP(a: shape, x: x / scale)
        case .beta(let a, let b):
            guard a > 0, b > 0, a.isFinite, b.isFinite else { return .nan }
            if x <= 0 { return 0 }
            if x >= 1 { return 1 }
            return SpecialFunctions.regularizedBeta(x: x, a: a, b: b)
        case .poisson(let mean):
            guard mean >= 0, mean.isFinite else { return .nan }
            if x < 0 { return 0 }
            if mean == 0 { return 1 }
            return SpecialFunctions.regularizedGammaQ(a: x.rounded(.down) + 1, x: mean)
        case .discrete(let values, let weights):
            guard values.count == weights.count, !values.isEmpty,
                  weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return .nan }
            let total = weights.reduce(0, +)
            guard total > 0, total.isFinite else { return .nan }
            var below = 0.0
            for (v, w) in zip(values, weights) where v <= x { below += w }
            return Swift.min(1, below / total)
        case .empirical(let samples):
            guard !samples.isEmpty else { return .nan }
            var below = 0
            for v in samples where v <= x { below += 1 }
            return Double(below) / Double(samples.count)
        }
    }

    /// P(Z ≤ z | α ≤ Z ≤ β) for a standard normal Z and α < z < β, through ln Q above the mean
    /// and by symmetry below it.
    static func truncatedStandardNormalCDF(_ z: Double, alpha: Double, beta: Double) -> Double {
        if alpha >= 0 {
            // (Q(α) − Q(z)) / (Q(α) − Q(β))
            let la = SpecialFunctions.logNormalUpperTail(alpha)
            let num = -expm1(SpecialFunctions.logNormalUpperTail(z) - la)
            let den = -expm1(SpecialFunctions.logNormalUpperTail(beta) - la)
            return Swift.min(1, Swift.max(0, num / den))
        }
        if beta <= 0 {
            return 1 - truncatedStandardNormalCDF(-z, alpha: -beta, beta: -alpha)
        }
        let lowMass = SpecialFunctions.normalCDF(alpha)
        let highMass = SpecialFunctions.normalUpperTail(beta)
        let inside = 1 - lowMass - highMass
        if z <= 0 { return Swift.min(1, Swift.max(0, (SpecialFunctions.normalCDF(z) - lowMass) / inside)) }
        return Swift.min(1, Swift.max(0, 1 - (SpecialFunctions.normalUpperTail(z) - highMass) / inside))
    }
}
