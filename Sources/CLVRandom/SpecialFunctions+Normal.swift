#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension SpecialFunctions {
    /// The standard normal density φ(x) = exp(−x²/2) / √(2π).
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func normalDensity(_ x: Double) -> Double {
        exp(-0.5 * x * x - halfLogTwoPi)
    }

    /// The standard normal CDF Φ(x) = ½ erfc(−x/√2), accurate to a few ulps in both tails.
    ///
    /// The rounding error δ of y = −x/√2 would be amplified by 2y in erfc's relative error
    /// (1e-13 at x = −30), so it is removed to first order:
    /// erfc(y + δ) ≈ erfc(y) − δ·(2/√π)·e^(−y²), with δ recovered by a fused multiply-add.
    /// - Complexity: O(1).
    @inlinable
    public static func normalCDF(_ x: Double) -> Double {
        if !x.isFinite { return x.isNaN ? .nan : (x > 0 ? 1 : 0) }
        let c = 0.7071067811865476        // fl(1/√2)
        let cLow = -4.833646656726457e-17  // 1/√2 − fl(1/√2)
        let y = -x * c
        let delta = (-y).addingProduct(-x, c) + (-x) * cLow  // (−x/√2) − y, exact to ~ε²
        return 0.5 * (erfc(y) - delta * 1.1283791670955126 * exp(-y * y))
    }

    /// The standard normal upper tail Q(x) = 1 − Φ(x) = Φ(−x), without cancellation.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func normalUpperTail(_ x: Double) -> Double {
        normalCDF(-x)
    }

    /// The logarithm of the normal upper tail, ln Q(x), finite even where Q(x) underflows.
    ///
    /// For x ≥ 30 it uses the asymptotic Mills-ratio series
    /// Q(x) = φ(x)/x · (1 − 1/x² + 3/x⁴ − 15/x⁶ + …), whose truncation error there is below 1e-17.
    /// For x ≤ −30 it returns log1p(−Q(−x)).
    /// - Complexity: O(1).
    public static func logNormalUpperTail(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 30 {
            if x < -30 { return -normalUpperTail(-x) }  // log1p(−tiny) = −tiny
            return log(normalUpperTail(x))
        }
        if x == .infinity { return -.infinity }
        let z = 1 / (x * x)
        // 1 − z + 3z² − 15z³ + 105z⁴ − 945z⁵ + 10395z⁶ − 135135z⁷
        var series = -135135.0
        for c in [10395.0, -945.0, 105.0, -15.0, 3.0, -1.0, 1.0] { series = series * z + c }
        return -0.5 * x * x - halfLogTwoPi - log(x) + log(series)
    }

    /// The standard normal quantile Φ⁻¹(p), by Wichura's algorithm AS 241 (PPND16), accurate to
    /// about 1e-16 relative.
    ///
    /// Returns −∞ for p = 0, +∞ for p = 1 and NaN outside [0, 1].
    /// - Complexity: O(1).
    public static func normalQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
                + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
                + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
            let den = (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
                + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
                + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                + 4.2313330701600911252e1) * r + 1.0)
            return q * num / den
        }
        return upperTailQuantile(q < 0 ? p : 1 - p) * (q < 0 ? -1 : 1)
    }

    /// The x ≥ 0 with Q(x) = tail for tail ≤ ½ (AS 241's tail branches).
    @usableFromInline
    static func upperTailQuantile(_ tail: Double) -> Double {
        var r = (-log(tail)).squareRoot()
        if r <= 5 {
            r -= 1.6
            let num = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
            let den = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                + 2.05319162663775882187e0) * r + 1.0)
            return num / den
        }
        r -= 5
        let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
            + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
            + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
            + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
        let den = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
            + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
            + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
            + 5.99832206555887937690e-1) * r + 1.0)
        return num / den
    }

    /// The x with ln Q(x) = `logTail`, for logTail ≤ ln ½: the upper-tail normal quantile from a
    /// log-probability, usable far beyond the smallest double (ln Q = −10⁴ gives x ≈ 141).
    ///
    /// Uses AS 241 where e^logTail is a normal double and Newton's method on ln Q beyond.
    /// - Complexity: O(1) (at most 50 Newton steps).
    public static func normalUpperQuantile(logTail: Double) -> Double {
        if logTail.isNaN || logTail > 0 { return .nan }
        if logTail == 0 { return -.infinity }
        if logTail == -.infinity { return .infinity }
        if logTail > -700 { return -normalQuantile(exp(logTail)) }
        // Newton on g(x) = ln Q(x) − logTail, g'(x) = −φ(x)/Q(x).
        var x = (-2 * logTail - log(-2 * logTail) - logTwoPi).squareRoot()
        for _ in 0..<50 {
            let lq = logNormalUpperTail(x)
            let derivative = -exp(-0.5 * x * x - halfLogTwoPi - lq)
            let step = (lq - logTail) / derivative
            x -= step
            if abs(step) <= 1e-15 * x { break }
        }
        return x
    }
}
