#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension SpecialFunctions {
    /// The Stirling-series error δ(n) = ln n! − [(n + ½) ln n − n + ½ ln 2π].
    ///
    /// Exact (through `logGamma`) for n ≤ 15, the series 1/(12n) − 1/(360n³) + 1/(1260n⁵) −
    /// 1/(1680n⁷) + 1/(1188n⁹) above, as in Loader (2000), "Fast and accurate computation of
    /// binomial probabilities".
    /// - Complexity: O(1).
    @inlinable
    public static func stirlingError(_ n: Double) -> Double {
        if n <= 15 {
            if n == 0 { return 0 }  // δ(0) is undefined (ln 0); callers handle k = 0 themselves
            return logGamma(n + 1) - (n + 0.5) * log(n) + n - halfLogTwoPi
        }
        let n2 = 1 / (n * n)
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - n2 / 1188) * n2) * n2) * n2) / n
    }

    /// δ(n) of `stirlingError(_:)` for a whole number n ≥ 1: a table of the exact values (to 17
    /// digits) for n ≤ 15, the same five-term series above. No `logGamma`, so the binomial
    /// sampler's rejection test can afford it for small counts.
    /// - Complexity: O(1): a table look-up or five multiply-adds and one division.
    @inlinable
    public static func stirlingErrorOfWhole(_ n: Double) -> Double {
        if n <= 15 {
            switch Int(n) {
            case 1: return 8.10614667953272611e-02
            case 2: return 4.13406959554092970e-02
            case 3: return 2.76779256849983384e-02
            case 4: return 2.07906721037650934e-02
            case 5: return 1.66446911898211931e-02
            case 6: return 1.38761288230707484e-02
            case 7: return 1.18967099458917695e-02
            case 8: return 1.04112652619720962e-02
            case 9: return 9.25546218271273285e-03
            case 10: return 8.33056343336287079e-03
            case 11: return 7.57367548795184059e-03
            case 12: return 6.94284010720952992e-03
            case 13: return 6.40899418800420714e-03
            case 14: return 5.95137011275884750e-03
            case 15: return 5.55473355196280105e-03
            default: return 0
            }
        }
        let n2 = 1 / (n * n)
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - n2 / 1188) * n2) * n2) * n2) / n
    }

    /// The deviance term D(x, m) = x ln(x/m) + m − x ≥ 0, accurate when x ≈ m (Loader 2000).
    ///
    /// - Complexity: O(1) amortised (a short series when |x − m| < 0.1(x + m)).
    @inlinable
    public static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var s = (x - m) * v
            var ej = 2 * x * v
            v *= v
            var j = 3.0
            for _ in 0..<1000 {
                ej *= v
                let next = s + ej / j
                if next == s { return next }
                s = next
                j += 2
            }
            return s
        }
        if x == 0 { return m }
        return x * log(x / m) + m - x
    }

    /// ln P(X = k) for X ~ Binomial(n, p), accurate (relative to the O(1) size of the result)
    /// even for n near 10¹⁵, by Loader's saddle-point form
    /// ln f = δ(n) − δ(k) − δ(n−k) − D(k, np) − D(n−k, nq) + ½ ln(n / (2π k (n−k))).
    ///
    /// Returns −∞ outside 0…n and NaN for invalid n or p.
    /// - Complexity: O(1).
    @inlinable
    public static func logBinomialPMF(_ k: Double, n: Double, p: Double) -> Double {
        guard n >= 0, p >= 0, p <= 1, !k.isNaN else { return .nan }
        if k < 0 || k > n || k != k.rounded(.down) { return -.infinity }
        let q = 1 - p
        if p == 0 { return k == 0 ? 0 : -.infinity }
        if p == 1 { return k == n ? 0 : -.infinity }
        if k == 0 { return n * log1p(-p) }
        if k == n { return n * log(p) }
        let lc = stirlingError(n) - stirlingError(k) - stirlingError(n - k)
            - deviance(k, n * p) - deviance(n - k, n * q)
        return lc + 0.5 * log(n / (2 * Double.pi * k * (n - k)))
    }

    /// ln P(X = k) for X ~ Poisson(λ), accurate for λ up to 10¹⁵ and beyond, by
    /// ln f = −δ(k) − D(k, λ) − ½ ln(2πk) (Loader 2000).
    ///
    /// Returns −∞ for k < 0 or non-integer k, NaN for invalid λ.
    /// - Complexity: O(1).
    @inlinable
    public static func logPoissonPMF(_ k: Double, mean lambda: Double) -> Double {
        guard lambda >= 0, lambda.isFinite, !k.isNaN else { return .nan }
        if k < 0 || k != k.rounded(.down) { return -.infinity }
        if lambda == 0 { return k == 0 ? 0 : -.infinity }
        if k == 0 { return -lambda }
        return -stirlingError(k) - deviance(k, lambda) - 0.5 * (logTwoPi + log(k))
    }
}
