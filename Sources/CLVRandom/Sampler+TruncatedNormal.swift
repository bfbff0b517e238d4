#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension Sampler {
    /// A draw from Normal(mean, sd²) truncated to [lower, upper], by exact inversion.
    ///
    /// With α = (lower − mean)/sd and β = (upper − mean)/sd the draw is
    /// mean + sd · Φ⁻¹(Φ(α) + U(Φ(β) − Φ(α))), evaluated through the upper tail
    /// (ln Q, see `SpecialFunctions.logNormalUpperTail`) when the interval lies above the mean and
    /// by symmetry when it lies below, so it stays exact and O(1) even for α = 40 — no rejection
    /// loop. Bounds may be ±∞.
    ///
    /// Returns `mean` (clamped to the bounds) for sd = 0, `lower` when lower == upper, and NaN for
    /// sd < 0, lower > upper or NaN input.
    /// - Complexity: O(1).
    @inlinable
    public static func truncatedNormal<G: RandomNumberGenerator>(
        mean: Double, sd: Double, lower: Double, upper: Double, using rng: inout G
    ) -> Double {
        truncatedNormalQuantile(mean: mean, sd: sd, lower: lower, upper: upper, rng.nextOpenUnit())
    }

    /// The quantile at u ∈ (0, 1) of Normal(mean, sd²) truncated to [lower, upper].
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func truncatedNormalQuantile(
        mean: Double, sd: Double, lower: Double, upper: Double, _ u: Double
    ) -> Double {
        guard sd >= 0, mean.isFinite, sd.isFinite, lower <= upper, !u.isNaN else { return .nan }
        if lower == upper { return lower }
        if sd == 0 { return Swift.min(Swift.max(mean, lower), upper) }
        let alpha = (lower - mean) / sd
        let beta = (upper - mean) / sd
        // Bounds more than 10¹⁵⁰ sd from the mean (sd underflowing against them): the mass sits
        // at the nearer bound to within double precision.
        if alpha > 1e150 { return lower }
        if beta < -1e150 { return upper }
        let z = truncatedStandardNormalQuantile(alpha: alpha, beta: beta, u)
        return Swift.min(Swift.max(mean + sd * z, lower), upper)
    }

    /// The quantile at u of a standard normal truncated to [α, β].
    @usableFromInline
    static func truncatedStandardNormalQuantile(alpha: Double, beta: Double, _ u: Double) -> Double {
        if alpha >= 0 {
            return upperTruncatedQuantile(alpha: alpha, beta: beta, u, complement: 1 - u)
        }
        if beta <= 0 {
            // X = −Y with Y on [−β, −α]; X's u-quantile is −(Y's (1 − u)-quantile), and u itself
            // is passed as the exact complement so no precision is lost for small u.
            return -upperTruncatedQuantile(alpha: -beta, beta: -alpha, 1 - u, complement: u)
        }
        // The interval straddles 0: both Φ(α) and Q(β) are at most ½, so no tail is lost.
        let lowMass = SpecialFunctions.normalCDF(alpha)
        let highMass = SpecialFunctions.normalUpperTail(beta)
        let inside = 1 - lowMass - highMass
        let p = lowMass + u * inside
        if p <= 0.5 { return SpecialFunctions.normalQuantile(p) }
        let q = highMass + (1 - u) * inside
        return -SpecialFunctions.normalQuantile(q)
    }

    /// The quantile at u of a standard normal truncated to [α, β] with 0 ≤ α < β, solved on the
    /// upper tail: ln Q(x) = ln Q(α) + ln(1 − u(1 − r)), r = Q(β)/Q(α).
    ///
    /// `complement` is 1 − u; for u > ½ the factor is evaluated as r + (1 − u)(1 − r), so
    /// whichever of u and 1 − u the caller holds exactly sets the precision.
    @usableFromInline
    static func upperTruncatedQuantile(alpha: Double, beta: Double, _ u: Double, complement: Double) -> Double {
        let logQa = SpecialFunctions.logNormalUpperTail(alpha)
        let logQb = SpecialFunctions.logNormalUpperTail(beta)
        let ratio = exp(logQb - logQa)  // Q(β)/Q(α) ∈ [0, 1)
        let logFactor = u <= 0.5 ? log1p(-u * (1 - ratio)) : log(ratio + complement * (1 - ratio))
        let logTail = logQa + logFactor
        let x = SpecialFunctions.normalUpperQuantile(logTail: logTail)
        return Swift.min(Swift.max(x, alpha), beta)
    }
}
