#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension Sampler {
    /// The largest Poisson mean sampled exactly; above it the draw is the normal approximation
    /// rounded and clamped to `Int` (relative error of the approximation < 10⁻⁷ there).
    @usableFromInline static let largestExactPoissonMean = 1e15

    /// An exact draw from Poisson(mean λ).
    ///
    /// Sequential inversion for λ < 10; Hörmann's PTRS transformed rejection ("The transformed
    /// rejection method for generating Poisson random variables", 1993) for λ ≥ 10, with the
    /// acceptance test on Loader's saddle-point log-pmf so it stays exact for λ up to 10¹⁵.
    ///
    /// Returns 0 for λ = 0 and for invalid λ (negative, NaN, infinite).
    /// - Complexity: O(1) expected (O(λ + 1) ≤ O(10) steps in the inversion branch).
    @inlinable
    public static func poisson<G: RandomNumberGenerator>(mean lambda: Double, using rng: inout G) -> Int {
        guard lambda > 0, lambda.isFinite else { return 0 }
        if lambda < 10 { return poissonInversion(mean: lambda, using: &rng) }
        if lambda > largestExactPoissonMean {
            let x = (lambda + lambda.squareRoot() * standardNormal(using: &rng)).rounded()
            return x >= 9.2e18 ? Int.max : Int(Swift.max(0, x))
        }
        return poissonPTRS(mean: lambda, using: &rng)
    }

    /// Sequential inversion with f(0) = e^(−λ), f(k) = f(k−1)·λ/k, capped at k = 1 000.
    @inlinable
    static func poissonInversion<G: RandomNumberGenerator>(mean lambda: Double, using rng: inout G) -> Int {
        var f = exp(-lambda)
        var u = rng.nextOpenUnit()
        var k = 0
        while u > f && k < 1_000 {
            u -= f
            k += 1
            f *= lambda / Double(k)
        }
        return k
    }

    /// Hörmann's PTRS for λ ≥ 10. Bounded by 10 000 attempts (each accepted with probability
    /// > 0.85); the unreachable fall-through returns ⌊λ⌋.
    @inlinable
    static func poissonPTRS<G: RandomNumberGenerator>(mean lambda: Double, using rng: inout G) -> Int {
        let slam = lambda.squareRoot()
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        for _ in 0..<10_000 {
            let u = rng.nextOpenUnit() - 0.5
            let v = rng.nextOpenUnit()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let lhs = log(v * invAlpha / (a / (us * us) + b))
            if lhs <= SpecialFunctions.logPoissonPMF(k, mean: lambda) { return Int(k) }
        }
        return Int(lambda.rounded(.down))
    }
}
