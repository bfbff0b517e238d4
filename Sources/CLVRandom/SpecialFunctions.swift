#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Special functions behind clvsim's distributions: log-gamma, the regularized incomplete gamma
/// and beta functions and their inverses, and the standard normal CDF and quantile.
///
/// Every function is total: arguments outside the mathematical domain give NaN, never a trap,
/// and every iteration is bounded.
public enum SpecialFunctions {
    /// ln 2π.
    @usableFromInline static let logTwoPi = 1.8378770664093454835606594728112
    /// ½ ln 2π.
    @usableFromInline static let halfLogTwoPi = 0.91893853320467274178032973640562

    /// The logarithm of the absolute value of the gamma function, ln |Γ(x)|.
    ///
    /// Uses the C library's re-entrant `lgamma_r`, accurate to a few ulps.
    /// - Complexity: O(1).
    @inlinable
    public static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// The logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }
}
