#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// log Γ(x) for x > 0, through the C library's re-entrant `lgamma_r` (which, unlike `lgamma`,
/// writes no global sign variable and so is safe to call from concurrent fits).
///
/// - Complexity: O(1).
@inlinable
func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
}
