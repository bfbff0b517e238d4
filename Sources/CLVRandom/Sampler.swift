#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Exact samplers for the distributions clvsim draws from, generic over the random number
/// generator so every call specialises and inlines into the simulation kernel.
///
/// Uniforms come from `nextOpenUnit()`, uniform on the open interval (0, 1).
///
/// Degenerate but valid parameters return the obvious value without looping (sd 0 gives the
/// mean, n = 0 gives 0, p ∈ {0, 1} gives 0 or n, min == max gives min). Parameters are
/// validated upstream; invalid ones (negative scale, NaN, p outside [0, 1], …) never trap or
/// hang: Double-valued samplers return NaN and Int-valued ones return 0.
public enum Sampler {
    /// A draw from Normal(mean, sd²): mean + sd·Z.
    ///
    /// Returns `mean` for sd = 0 and NaN for sd < 0 or non-finite parameters.
    /// - Complexity: O(1).
    @inlinable
    public static func normal<G: RandomNumberGenerator>(mean: Double, sd: Double, using rng: inout G) -> Double {
        guard sd >= 0, sd.isFinite, mean.isFinite else { return .nan }
        if sd == 0 { return mean }
        return mean + sd * standardNormal(using: &rng)
    }

    /// A draw from the lognormal distribution whose *variable* has the given mean m > 0 and
    /// standard deviation s ≥ 0: exp(μ + σZ) with σ² = ln(1 + s²/m²) and μ = ln m − σ²/2.
    ///
    /// Returns m for s = 0 (and 0 for m = s = 0); NaN for m < 0, s < 0, m = 0 < s or non-finite input.
    /// - Complexity: O(1).
    @inlinable
    public static func lognormal<G: RandomNumberGenerator>(mean: Double, sd: Double, using rng: inout G) -> Double {
        guard mean >= 0, sd >= 0, mean.isFinite, sd.isFinite else { return .nan }
        if sd == 0 { return mean }
        if mean == 0 { return .nan }
        let ratio = sd / mean
        let sigma2 = log1p(ratio * ratio)
        let mu = log(mean) - 0.5 * sigma2
        return exp(mu + sigma2.squareRoot() * standardNormal(using: &rng))
    }

    /// A standard exponential draw, −ln U.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func exponential<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        -log(rng.nextOpenUnit())
    }

    /// A draw from the triangular distribution on [min, max] with the given mode, by inversion:
    /// F⁻¹(u) = min + √(u(max−min)(mode−min)) for u < F(mode), max − √((1−u)(max−min)(max−mode)) above.
    ///
    /// Returns min when min == max; NaN unless min ≤ mode ≤ max (all finite).
    /// - Complexity: O(1).
    @inlinable
    public static func triangular<G: RandomNumberGenerator>(
        min: Double, mode: Double, max: Double, using rng: inout G
    ) -> Double {
        triangularQuantile(min: min, mode: mode, max: max, rng.nextOpenUnit())
    }

    /// The triangular quantile F⁻¹(u) (see `triangular(min:mode:max:using:)`).
    @inlinable
    ///
    /// Works with half-widths so that bounds near ±1.8e308 cannot overflow.
    static func triangularQuantile(min a: Double, mode c: Double, max b: Double, _ u: Double) -> Double {
        guard a <= c, c <= b, a.isFinite, b.isFinite, !u.isNaN else { return .nan }
        if a == b { return a }
        let halfWidth = 0.5 * b - 0.5 * a
        let below = 0.5 * c - 0.5 * a
        let above = 0.5 * b - 0.5 * c
        let x: Double
        if u < below / halfWidth {
            let r = (u * halfWidth).squareRoot() * below.squareRoot()  // ½√(u(b−a)(c−a))
            x = a + r + r
        } else {
            let r = ((1 - u) * halfWidth).squareRoot() * above.squareRoot()
            x = b - r - r
        }
        return Swift.min(Swift.max(x, a), b)
    }
}
