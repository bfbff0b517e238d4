#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension Sampler {
    /// A draw from Gamma(shape k, scale θ), density x^(k−1) e^(−x/θ) / (Γ(k) θᵏ).
    ///
    /// Marsaglia and Tsang (2000) for k ≥ 1; for k < 1 the boost G(k) = G(k+1) · U^(1/k),
    /// applied in log space (`logStandardGamma`) so that tiny shapes lose nothing before the
    /// final exponential. For k = 10⁻³ about half the draws are below 10⁻³⁰⁰ and the smallest
    /// underflow to 0, as they must in double precision.
    ///
    /// Returns NaN unless k > 0 and θ ≥ 0 are finite (θ = 0 gives 0).
    /// - Complexity: O(1) expected; acceptance probability ≥ 0.95 per attempt.
    @inlinable
    public static func gamma<G: RandomNumberGenerator>(shape: Double, scale: Double, using rng: inout G) -> Double {
        guard shape > 0, shape.isFinite, scale >= 0, scale.isFinite else { return .nan }
        if scale == 0 { return 0 }
        if shape >= 1 { return scale * marsagliaTsang(shape: shape, using: &rng) }
        return scale * exp(logStandardGamma(shape: shape, using: &rng))
    }

    /// ln of a Gamma(k, 1) draw, finite even when the draw itself underflows (k ≪ 1).
    ///
    /// - Complexity: O(1) expected.
    @inlinable
    static func logStandardGamma<G: RandomNumberGenerator>(shape: Double, using rng: inout G) -> Double {
        if shape >= 1 { return log(marsagliaTsang(shape: shape, using: &rng)) }
        let boosted = marsagliaTsang(shape: shape + 1, using: &rng)
        return log(boosted) + log(rng.nextOpenUnit()) / shape
    }

    /// A Gamma(k, 1) draw for k ≥ 1 by Marsaglia–Tsang: with d = k − ⅓, c = 1/√(9d), accept
    /// d·v, v = (1 + cZ)³, when ln U < Z²/2 + d − d·v + d·ln v.
    ///
    /// The loop is bounded (10 000 attempts, each accepted with probability ≥ 0.95); the
    /// unreachable fall-through returns the mean k.
    @inlinable
    static func marsagliaTsang<G: RandomNumberGenerator>(shape: Double, using rng: inout G) -> Double {
        standardGamma(GammaShape(shape), using: &rng)
    }

    /// Marsaglia–Tsang's constants of a Gamma(k, 1) draw for k ≥ 1, d = k − ⅓ and c = 1/√(9d),
    /// computed once for many draws with the same shape: the square root and the division are
    /// otherwise on the path of every draw.
    @frozen
    public struct GammaShape: Sendable {
        /// The shape k.
        public let shape: Double
        @usableFromInline let d: Double
        @usableFromInline let c: Double

        /// The constants of shape k ≥ 1 (`gamma` boosts a smaller k; `standardGamma` needs k ≥ 1).
        @inlinable
        public init(_ shape: Double) {
            self.shape = shape
            d = shape - 1.0 / 3.0
            c = 1 / (9 * d).squareRoot()
        }
    }

    /// A Gamma(k, 1) draw for k = `shape.shape` ≥ 1 by Marsaglia–Tsang (`marsagliaTsang`) with
    /// its constants computed beforehand: bitwise the draw of `gamma(shape: k, scale: 1, using:)`.
    ///
    /// - Complexity: O(1) expected.
    @inlinable
    public static func standardGamma<G: RandomNumberGenerator>(_ shape: GammaShape, using rng: inout G) -> Double {
        let d = shape.d, c = shape.c
        for _ in 0..<10_000 {
            let z = standardNormal(using: &rng)
            let t = 1 + c * z
            if t <= 0 { continue }
            let v = t * t * t
            let u = rng.nextOpenUnit()
            let z2 = z * z
            // Squeeze, then the exact test.
            if u < 1 - 0.0331 * z2 * z2 { return d * v }
            if log(u) < 0.5 * z2 + d * (1 - v + log(v)) { return d * v }
        }
        return shape.shape
    }

    /// A draw from Beta(α, β) on [0, 1], as X = G_α / (G_α + G_β) for independent gamma draws.
    ///
    /// When a shape is below 1 the ratio is formed in log space, X = 1 / (1 + exp(ln G_β − ln G_α)),
    /// which stays exact when both gamma draws underflow (shapes near 10⁻³); shapes up to 10⁶ and
    /// beyond need no special care.
    ///
    /// Returns NaN unless α, β > 0 are finite.
    /// - Complexity: O(1) expected.
    @inlinable
    public static func beta<G: RandomNumberGenerator>(alpha: Double, beta: Double, using rng: inout G) -> Double {
        guard alpha > 0, beta > 0, alpha.isFinite, beta.isFinite else { return .nan }
        if alpha >= 1 && beta >= 1 {
            // Neither gamma draw can underflow: the plain ratio, without logarithms.
            let ga = marsagliaTsang(shape: alpha, using: &rng)
            let gb = marsagliaTsang(shape: beta, using: &rng)
            return ga / (ga + gb)
        }
        let logOdds = betaLogOdds(alpha: alpha, beta: beta, using: &rng)
        if logOdds < 0 {
            let e = exp(logOdds)
            return e / (1 + e)
        }
        return 1 / (1 + exp(-logOdds))
    }

    /// ln(X / (1 − X)) = ln G_α − ln G_β for X ~ Beta(α, β): the log-odds, exact where X itself
    /// rounds to 0 or 1.
    @inlinable
    static func betaLogOdds<G: RandomNumberGenerator>(alpha: Double, beta: Double, using rng: inout G) -> Double {
        logStandardGamma(shape: alpha, using: &rng) - logStandardGamma(shape: beta, using: &rng)
    }

    /// A draw from the Beta-PERT distribution on [min, max] with the given mode (λ = 4):
    /// min + (max − min) · Beta(1 + 4(mode − min)/(max − min), 1 + 4(max − mode)/(max − min)).
    ///
    /// Returns min when min == max; NaN unless min ≤ mode ≤ max (all finite).
    /// - Complexity: O(1) expected.
    @inlinable
    public static func pert<G: RandomNumberGenerator>(min: Double, mode: Double, max: Double, using rng: inout G) -> Double {
        guard min <= mode, mode <= max, min.isFinite, max.isFinite else { return .nan }
        if min == max { return min }
        let width = max - min
        let a = 1 + 4 * (mode - min) / width
        let b = 1 + 4 * (max - mode) / width
        return min + width * beta(alpha: a, beta: b, using: &rng)
    }
}
