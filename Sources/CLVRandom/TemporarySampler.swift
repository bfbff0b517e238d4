// TEMPORARY stand-in, replaced by the real samplers before release.
import Foundation
public enum Sampler {
    @inlinable public static func standardNormal<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        let u1 = rng.nextOpenUnit(), u2 = rng.nextOpenUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
    @inlinable public static func gamma<G: RandomNumberGenerator>(shape: Double, scale: Double, using rng: inout G) -> Double {
        var k = shape; var boost = 1.0
        if k < 1 { boost = pow(rng.nextOpenUnit(), 1 / k); k += 1 }
        let d = k - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat { x = standardNormal(using: &rng); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = rng.nextOpenUnit()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v * scale * boost }
        }
    }
    @inlinable public static func beta<G: RandomNumberGenerator>(alpha: Double, beta: Double, using rng: inout G) -> Double {
        let x = gamma(shape: alpha, scale: 1, using: &rng), y = gamma(shape: beta, scale: 1, using: &rng)
        return x / (x + y)
    }
    @inlinable public static func binomial<G: RandomNumberGenerator>(count n: Int, probability p: Double, using rng: inout G) -> Int {
        if n <= 0 || p <= 0 { return 0 }
        if p >= 1 { return n }
        if Double(n) * p < 30 || Double(n) * (1 - p) < 30 {
            if n < 200 { var k = 0; for _ in 0..<n where rng.nextOpenUnit() < p { k += 1 }; return k }
        }
        let m = Double(n) * p, s = (m * (1 - p)).squareRoot()
        return max(0, min(n, Int((m + s * standardNormal(using: &rng)).rounded())))
    }
    @inlinable public static func poisson<G: RandomNumberGenerator>(mean: Double, using rng: inout G) -> Int {
        if mean <= 0 { return 0 }
        if mean < 30 { let l = exp(-mean); var k = 0; var p = 1.0; repeat { k += 1; p *= rng.nextOpenUnit() } while p > l; return k - 1 }
        return max(0, Int((mean + mean.squareRoot() * standardNormal(using: &rng)).rounded()))
    }
}
extension Distribution {
    public func quantile(_ u: Double) -> Double {
        switch self {
        case .fixed(let v): return v
        case .uniform(let a, let b): return a + (b - a) * u
        default: return mean
        }
    }
    public var mean: Double {
        switch self {
        case .fixed(let v): return v
        case .uniform(let a, let b): return (a + b) / 2
        case .triangular(let a, let m, let b): return (a + m + b) / 3
        case .pert(let a, let m, let b): return (a + 4 * m + b) / 6
        case .normal(let m, _, _, _), .lognormal(let m, _), .poisson(let m): return m
        case .gamma(let k, let t): return k * t
        case .beta(let a, let b): return a / (a + b)
        case .discrete(let v, let w): return zip(v, w).map(*).reduce(0, +) / w.reduce(0, +)
        case .empirical(let s): return s.reduce(0, +) / Double(s.count)
        }
    }
}
extension Distribution {
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Double { quantile(rng.nextOpenUnit()) }
}
